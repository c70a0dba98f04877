import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import type { DiagramElement } from "@/lib/domain/diagram/diagram";
import { itemName } from "./diagram-items";

export type NewFlow = { from: string; to: string; label: string; protocol: string };

/** Draws a data flow between two elements chosen by name, without the mouse. */
export function ConnectForm({ elements, connect }: { elements: readonly DiagramElement[]; connect: (flow: NewFlow) => void }) {
  const id = useId();
  const [flow, setFlow] = useState<NewFlow>({ from: "", to: "", label: "", protocol: "" });
  const [error, setError] = useState<string>();
  const set = (field: keyof NewFlow) => (e: { target: { value: string } }) => setFlow((f) => ({ ...f, [field]: e.target.value }));
  const known = new Set(elements.map((e) => e.id));
  const options = elements.map((e) => (
    <option key={e.id} value={e.id}>
      {itemName(e)}
    </option>
  ));
  return (
    <form
      className="space-y-2"
      aria-label="Connect two elements"
      onSubmit={(event) => {
        event.preventDefault();
        if (!known.has(flow.from) || !known.has(flow.to)) return setError("Choose the element the data comes from and the one it goes to.");
        if (flow.from === flow.to) return setError("A data flow joins two different elements.");
        connect({ ...flow, label: flow.label.trim(), protocol: flow.protocol.trim() });
        setFlow((f) => ({ ...f, label: "", protocol: "" }));
        setError(undefined);
      }}
    >
      <h4 className="text-sm font-semibold text-slate-800">Connect two elements</h4>
      <Field id={`${id}-from`} label="From">
        <Select id={`${id}-from`} value={flow.from} onChange={set("from")}>
          <option value="">Choose…</option>
          {options}
        </Select>
      </Field>
      <Field id={`${id}-to`} label="To" error={error}>
        {(control) => (
          <Select {...control} value={flow.to} onChange={set("to")}>
            <option value="">Choose…</option>
            {options}
          </Select>
        )}
      </Field>
      <Field id={`${id}-label`} label="Data (label)">
        <Input id={`${id}-label`} value={flow.label} maxLength={200} onChange={set("label")} />
      </Field>
      <Field id={`${id}-protocol`} label="Protocol">
        <Input id={`${id}-protocol`} value={flow.protocol} maxLength={100} onChange={set("protocol")} />
      </Field>
      <Button type="submit" variant="secondary" size="sm">
        Add data flow
      </Button>
    </form>
  );
}
