"use client";
import { useRouter } from "next/navigation";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { createOrganizationAction } from "@/lib/actions/account";

export function CreateOrganizationForm() {
  const router = useRouter();
  const action = useAction(createOrganizationAction);
  return (
    <ActionForm
      label="Create an organization"
      className="space-y-4"
      error={action.error}
      onSubmit={({ name = "", slug = "" }) =>
        action.run({ name, slug }, ({ organizationSlug }) => {
          router.push(`/${organizationSlug}`);
          router.refresh();
        })
      }
    >
      <Field id="name" label="Organization name" error={action.fieldError("name")}>
        {(control) => <Input name="name" required autoFocus {...control} />}
      </Field>
      <Field
        id="slug"
        label="Address (optional)"
        hint="Lower-case letters, digits and hyphens; derived from the name when empty."
        error={action.fieldError("slug")}
      >
        {(control) => <Input name="slug" {...control} />}
      </Field>
      <Button type="submit" pending={action.pending}>
        Create organization
      </Button>
    </ActionForm>
  );
}
