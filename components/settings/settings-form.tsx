"use client";
import { useRouter } from "next/navigation";
import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Options, Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { updateOrganizationSettingsAction } from "@/lib/actions/organizations";

type NumberSetting = "fixByDaysHigh" | "fixByDaysMedium" | "fixByDaysLow" | "reviewCadenceMonths" | "acceptanceHorizonYears";
export type StoredSettings = Record<NumberSetting, number> & { name: string; roleGrantsNeedSecondManager: boolean | null; editorsCountAsAuthors: boolean };

const FIELDS: { name: NumberSetting; label: string; hint: string; unit: string }[] = [
  { name: "fixByDaysHigh", label: "High priority: fix within", hint: "Days from discovery (the template says 7).", unit: "days" },
  { name: "fixByDaysMedium", label: "Medium priority: fix within", hint: "Days from discovery (the template says 30).", unit: "days" },
  { name: "fixByDaysLow", label: "Low priority: fix within", hint: "“Next sprint”, in days (14 by default).", unit: "days" },
  { name: "reviewCadenceMonths", label: "Review approved models every", hint: "Months from approval to the next review (3 by default).", unit: "months" },
  {
    name: "acceptanceHorizonYears",
    label: "Accept residual risks for at most",
    hint: "How far ahead a review date may be set (3 by default, at most 10).",
    unit: "years",
  },
];

const SECOND_MANAGER = [
  { value: "default", label: "With 2 or more managers (default)" },
  { value: "on", label: "Always" },
  { value: "off", label: "Never" },
] as const;

const AUTHORS = [
  { value: "off", label: "Its creator (default)" },
  { value: "on", label: "Everyone who edited the revision" },
] as const;

export function SettingsForm({ organizationSlug, settings, canEdit }: { organizationSlug: string; settings: StoredSettings; canEdit: boolean }) {
  const router = useRouter();
  const action = useAction((input: Record<string, string>) => updateOrganizationSettingsAction(organizationSlug, input as never));
  const secondManager = settings.roleGrantsNeedSecondManager === null ? "default" : settings.roleGrantsNeedSecondManager ? "on" : "off";
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
        <div className="grid gap-5 sm:grid-cols-2">
          <Field
            id="roleGrantsNeedSecondManager"
            label="Role grants need a second manager"
            hint="A new Owner, Admin, Security lead or Tech lead takes effect only once another Owner or Admin confirms it. By default, whenever the organization has two or more Owners and Admins."
            error={action.fieldError("roleGrantsNeedSecondManager")}
          >
            {(control) => (
              <Select name="roleGrantsNeedSecondManager" defaultValue={secondManager} {...control}>
                <Options options={SECOND_MANAGER} />
              </Select>
            )}
          </Field>
          <Field
            id="editorsCountAsAuthors"
            label="Who counts as a model’s author"
            hint="The creator alone, or everyone who edited the submitted revision. Authors cannot review what they wrote: dual approval needs two other people."
            error={action.fieldError("editorsCountAsAuthors")}
          >
            {(control) => (
              <Select name="editorsCountAsAuthors" defaultValue={settings.editorsCountAsAuthors ? "on" : "off"} {...control}>
                <Options options={AUTHORS} />
              </Select>
            )}
          </Field>
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
