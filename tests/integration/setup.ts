import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUDIT_SIGNING_KEY = inject("auditSigningKey");
