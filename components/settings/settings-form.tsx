"use client";
import { useRouter } from "next/navigation";
import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { updateOrganizationSettingsAction } from "@/lib/actions/organizations";
import type { TOrganizationSettings } from "@/lib/validation/organization";

const FIELDS: { name: keyof TOrganizationSettings; label: string; hint: string; unit?: string }[] = [
  { name: "fixByDaysHigh", label: "High priority: fix within", hint: "Days from discovery (the template says 7).", unit: "days" },
  { name: "fixByDaysMedium", label: "Medium priority: fix within", hint: "Days from discovery (the template says 30).", unit: "days" },
  { name: "fixByDaysLow", label: "Low priority: fix within", hint: "“Next sprint”, in days (14 by default).", unit: "days" },
  { name: "reviewCadenceMonths", label: "Review approved models every", hint: "Months from approval to the next review (3 by default).", unit: "months" },
];

export function SettingsForm({ organizationSlug, settings, canEdit }: { organizationSlug: string; settings: TOrganizationSettings; canEdit: boolean }) {
  const router = useRouter();
  const action = useAction((input: Record<string, string>) => updateOrganizationSettingsAction(organizationSlug, input as never));
  return (
    <ActionForm
      label="Organization settings"
      className="space-y-5"
      error={action.error}
      success={action.result?.ok && "Settings saved."}
      onSubmit={(values) => action.run(values, () => router.refresh())}
    >
      {!canEdit && <Alert tone="info">Only owners and admins can change these settings.</Alert>}
      <fieldset disabled={!canEdit} className="space-y-5">
        <Field id="name" label="Organization name" error={action.fieldError("name")}>
          {(control) => <Input name="name" defaultValue={settings.name} {...control} />}
        </Field>
        <div className="grid gap-5 sm:grid-cols-2">
          {FIELDS.map((f) => (
            <Field key={f.name} id={f.name} label={`${f.label} (${f.unit})`} hint={f.hint} error={action.fieldError(f.name)}>
              {(control) => <Input name={f.name} type="number" inputMode="numeric" min={1} defaultValue={settings[f.name]} {...control} />}
            </Field>
          ))}
        </div>
        {canEdit && (
          <Button type="submit" pending={action.pending}>
            Save settings
          </Button>
        )}
      </fieldset>
    </ActionForm>
  );
}
