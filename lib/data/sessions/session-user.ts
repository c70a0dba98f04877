export type SessionUser = { id: string; email: string; name: string; lastOrganizationId: string | null };
