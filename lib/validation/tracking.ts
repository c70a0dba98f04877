// What the mitigation tracking of an approved model may send: one mitigation's tracking fields,
// each with the value it had when the user started editing it (its base), so a change someone
// else made meanwhile is noticed field by field instead of being overwritten.
import { z } from "zod";
import { IMPLEMENTATION_STATUSES } from "@/lib/domain/threat-model";
import { ZCalendarDate, ZId, ZText } from "./fields";
import { LIMITS } from "./model-editor";

const shortText = (label: string) => ZText().max(LIMITS.shortText, `${label} has at most ${LIMITS.shortText} characters.`);

export const ZTrackingValues = z
  .strictObject(
    {
      status: z.enum(IMPLEMENTATION_STATUSES, { message: "Choose a valid status." }),
      taskRef: shortText("The task ID or ticket URL"),
      implementedIn: shortText("Implemented in"),
      ownerId: ZId.nullable(),
      dueDate: ZCalendarDate("The due date").nullable(),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys" ? "Only a mitigation's tracking (status, ticket, implemented in, owner, due date) is saved this way." : undefined,
    },
  )
  .partial();
export type TTrackingValues = z.infer<typeof ZTrackingValues>;

export const ZTrackingEdit = z
  .object({
    modelId: ZId,
    mitigationId: ZId,
    base: ZTrackingValues,
    value: ZTrackingValues,
  })
  .refine((e) => Object.keys(e.value).length > 0, { message: "Nothing to save.", path: ["value"] })
  .refine((e) => Object.keys(e.value).every((k) => k in e.base) && Object.keys(e.base).every((k) => k in e.value), {
    message: "Every changed field needs the value it was changed from.",
    path: ["base"],
  });
export type TTrackingEdit = z.infer<typeof ZTrackingEdit>;
