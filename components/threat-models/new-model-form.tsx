"use client";
import { useRouter } from "next/navigation";
import { ActionForm } from "@/components/ui/action-form";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { createThreatModelAction } from "@/lib/actions/threat-models";
import type { ModelStart } from "@/lib/validation/threat-model";

const STARTS: { value: ModelStart; label: string; hint: string }[] = [
  { value: "blank", label: "Blank model", hint: "Every section empty." },
  {
    value: "template",
    label: "Team template (trust boundaries and assets pre-filled)",
    hint: "The template’s four trust boundaries and four assets, ready to edit or remove.",
  },
];

export function NewModelForm({ organizationSlug }: { organizationSlug: string }) {
  const router = useRouter();
  const action = useAction((input: { title: string; featureName: string; category: string; start: ModelStart }) =>
    createThreatModelAction(organizationSlug, input),
  );
  const startError = action.fieldError("start");
  return (
    <ActionForm
      label="New threat model"
      className="space-y-4"
      error={action.error}
      onSubmit={({ title = "", featureName = "", category = "", start = "blank" }) =>
        // The server's schema rejects anything else, with a message for this field.
        action.run({ title, featureName, category, start: start as ModelStart }, ({ path }) => router.push(path))
      }
    >
      <Field id="title" label="Title" hint="What the model is about, e.g. “Payments webhook ingestion”." error={action.fieldError("title")}>
        {(control) => <Input name="title" required autoFocus maxLength={200} {...control} />}
      </Field>
      <Field id="featureName" label="Feature being modeled" hint="As the product requirements name it." error={action.fieldError("featureName")}>
        {(control) => <Input name="featureName" maxLength={200} {...control} />}
      </Field>
      <Field id="category" label="Category" hint="e.g. Payments, Identity, Security & Compliance." error={action.fieldError("category")}>
        {(control) => <Input name="category" maxLength={100} {...control} />}
      </Field>
      <fieldset aria-describedby={startError ? "start-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Start from</legend>
        <div className="mt-2 space-y-2">
          {STARTS.map((s) => (
            <label
              key={s.value}
              className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 p-3 has-checked:border-brand-600 has-checked:bg-brand-50/40"
            >
              <input
                type="radio"
                name="start"
                value={s.value}
                defaultChecked={s.value === "blank"}
                aria-describedby={`start-${s.value}-hint`}
                className="mt-0.5 h-4 w-4 accent-brand-600"
              />
              <span>
                <span className="block text-sm font-medium text-slate-900">{s.label}</span>
                <span id={`start-${s.value}-hint`} className="block text-xs text-slate-500">
                  {s.hint}
                </span>
              </span>
            </label>
          ))}
        </div>
        {startError && (
          <p id="start-error" className="mt-1.5 text-xs font-medium text-red-700" data-field-error>
            {startError[0]}
          </p>
        )}
      </fieldset>
      <div className="flex gap-2">
        <Button type="submit" pending={action.pending}>
          Create threat model
        </Button>
        <ButtonLink variant="ghost" href={`/${organizationSlug}/models`}>
          Cancel
        </ButtonLink>
      </div>
    </ActionForm>
  );
}
