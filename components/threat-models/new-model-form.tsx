"use client";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, Input, describedBy } from "@/components/ui/field";
import { formValues, useAction } from "@/components/ui/use-action";
import { createThreatModelAction } from "@/lib/actions/threat-models";

export function NewModelForm({ organizationSlug }: { organizationSlug: string }) {
  const router = useRouter();
  const action = useAction((input: { title: string; featureName: string; category: string }) => createThreatModelAction(organizationSlug, input));
  return (
    <form
      noValidate
      aria-label="New threat model"
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const { title = "", featureName = "", category = "" } = formValues(event.currentTarget);
        action.run({ title, featureName, category }, ({ path }) => router.push(path));
      }}
    >
      {action.error && <Alert tone="error">{action.error}</Alert>}
      <Field id="title" label="Title" hint="What the model is about, e.g. “Payments webhook ingestion”." error={action.fieldError("title")}>
        <Input id="title" name="title" required autoFocus maxLength={200} invalid={Boolean(action.fieldError("title"))} aria-describedby={describedBy("title", action.fieldError("title"), true)} />
      </Field>
      <Field id="featureName" label="Feature being modeled" hint="As the product requirements name it." error={action.fieldError("featureName")}>
        <Input id="featureName" name="featureName" maxLength={200} aria-describedby={describedBy("featureName", action.fieldError("featureName"), true)} />
      </Field>
      <Field id="category" label="Category" hint="e.g. Payments, Identity, Security & Compliance." error={action.fieldError("category")}>
        <Input id="category" name="category" maxLength={100} aria-describedby={describedBy("category", action.fieldError("category"), true)} />
      </Field>
      <div className="flex gap-2">
        <Button type="submit" pending={action.pending}>
          Create threat model
        </Button>
        <ButtonLink variant="ghost" href={`/${organizationSlug}/models`}>
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
