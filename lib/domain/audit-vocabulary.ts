// The audit trail's vocabulary: every action an audit event may record and every kind of target
// it may name, each with the label the audit page shows. Writers are type-checked against these
// lists, so an event cannot be recorded under a name the audit page does not know.

export const AUDIT_ACTION_LABELS = {
  "organization.created": "Organization created",
  "organization.settings-updated": "Organization settings updated",
  "organization.mfa-requirement-changed": "Two-step sign-in requirement changed",
  "user.created": "User created",
  "user.password-reset": "Password reset",
  "user.password-reset-link-issued": "Password reset link issued",
  "user.password-changed": "Password changed",
  "user.email-verified": "Email address confirmed",
  "member.added": "Member added",
  "member.role-changed": "Member's role changed",
  "member.role-grant-requested": "Role grant awaiting confirmation",
  "member.role-grant-confirmed": "Role grant confirmed",
  "member.role-grant-declined": "Role grant declined",
  "member.removed": "Member removed",
  "invite.created": "Invitation sent",
  "invite.revoked": "Invitation revoked",
  "invite.accepted": "Invitation accepted",
  "threat-model.created": "Threat model created",
  "threat-model.duplicated": "Threat model duplicated",
  "threat-model.imported": "Threat model imported",
  "threat-model.edited": "Threat model edited",
  "threat-model.deleted": "Threat model deleted",
  "threat-model.approved": "Threat model approved",
  "threat-model.archived": "Threat model archived",
  "threat-model.restored": "Threat model restored",
  "review.submitted": "Submitted for review",
  "review.approved": "Approval given",
  "review.changes-requested": "Changes requested",
  "review.approvals-withdrawn": "Approvals withdrawn",
  "review.back-to-draft": "Back to draft",
  "review.revision-started": "Revision started",
  "risk.accepted": "Residual risk accepted",
  "risk.renewed": "Residual risk renewed",
  "risk.rejected": "Residual risk rejected",
  "threat.copied": "Threat copied",
  "threat.moved": "Threat moved",
  "comment.added": "Comment added",
  "library-entry.created": "Library entry created",
  "library-entry.updated": "Library entry updated",
  "library-entry.retired": "Library entry retired",
  "library-entry.restored": "Library entry restored",
  "access.denied": "Access denied",
  "account.locked": "Account locked",
  "account.unlocked": "Account unlocked",
  "account.second-factor-added": "Second factor added",
  "account.second-factor-removed": "Second factor removed",
  "account.recovery-codes-generated": "Recovery codes generated",
  "account.recovery-code-used": "Recovery code used",
  "rate-limit.refused": "Too many attempts refused",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

export const AUDIT_TARGET_LABELS = {
  organization: "Organization",
  membership: "Membership",
  invite: "Invitation",
  user: "User",
  action: "Action",
  "threat-model": "Threat model",
  "residual-risk": "Residual risk",
  comment: "Comment",
  "threat-library-entry": "Threat library entry",
  "rate-limit": "Rate limit",
  "second-factor": "Second factor",
} as const;

export type AuditTargetType = keyof typeof AUDIT_TARGET_LABELS;
export const AUDIT_TARGET_TYPES = Object.keys(AUDIT_TARGET_LABELS) as AuditTargetType[];

export function isAuditAction(name: string): name is AuditAction {
  return Object.hasOwn(AUDIT_ACTION_LABELS, name);
}

/** The label of a stored action; a name recorded before it was in the list reads as itself. */
export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTION_LABELS[action] : action;
}

/** The label of a stored target type; one not in the list is made readable ("risk_entry" → "Risk entry"). */
export function auditTargetLabel(type: string): string {
  return Object.hasOwn(AUDIT_TARGET_LABELS, type)
    ? AUDIT_TARGET_LABELS[type as AuditTargetType]
    : type.replace(/[-_]+/g, " ").replace(/^./, (c) => c.toUpperCase());
}
