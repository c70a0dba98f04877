import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import type { ElementKind } from "@/lib/domain/diagram/diagram";

/** Adds a named element without the mouse. */
export function AddElementForm({ add }: { add: (kind: ElementKind, name: string) => void }) {
  const id = useId();
  const [kind, setKind] = useState<ElementKind>("process");
  const [name, setName] = useState("");
  const [error, setError] = useState<string>();
  return (
    <form
      className="space-y-2"
      aria-label="Add an element"
      onSubmit={(event) => {
        event.preventDefault();
        if (!name.trim()) return setError("Give the element a name.");
        add(kind, name.trim());
        setName("");
        setError(undefined);
      }}
    >
      <h4 className="text-sm font-semibold text-slate-800">Add an element</h4>
      <Field id={`${id}-kind`} label="Kind">
        <Select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as ElementKind)}>
          <option value="entity">External entity</option>
          <option value="process">Process</option>
          <option value="store">Data store</option>
        </Select>
      </Field>
      <Field id={`${id}-name`} label="Element name" error={error}>
        {(control) => <Input {...control} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Button type="submit" variant="secondary" size="sm">
        Add element
      </Button>
    </form>
  );
}
