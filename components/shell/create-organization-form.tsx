"use client";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, describedBy } from "@/components/ui/field";
import { formValues, useAction } from "@/components/ui/use-action";
import { createOrganizationAction } from "@/lib/actions/account";

export function CreateOrganizationForm() {
  const router = useRouter();
  const action = useAction(createOrganizationAction);
  return (
    <form
      noValidate
      aria-label="Create an organization"
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const { name = "", slug = "" } = formValues(event.currentTarget);
        action.run({ name, slug }, ({ organizationSlug }) => {
          router.push(`/${organizationSlug}`);
          router.refresh();
        });
      }}
    >
      {action.error && <Alert tone="error">{action.error}</Alert>}
      <Field id="name" label="Organization name" error={action.fieldError("name")}>
        <Input id="name" name="name" required autoFocus invalid={Boolean(action.fieldError("name"))} aria-describedby={describedBy("name", action.fieldError("name"))} />
      </Field>
      <Field id="slug" label="Address (optional)" hint="Lower-case letters, digits and hyphens; derived from the name when empty." error={action.fieldError("slug")}>
        <Input id="slug" name="slug" invalid={Boolean(action.fieldError("slug"))} aria-describedby={describedBy("slug", action.fieldError("slug"), true)} />
      </Field>
      <Button type="submit" pending={action.pending}>
        Create organization
      </Button>
    </form>
  );
}
