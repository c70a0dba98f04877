// What the audit trail records of a request comes from the server, not from what the client
// wrote: the address is the connection's unless a trusted proxy forwarded it, and the request id
// is the server's own, with an incoming X-Request-Id kept beside it as the client's.
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/client-ip";
import { metaFromHeaders } from "@/lib/auth/request-meta";
import { listAuditEvents, recordAccessDenied, verifyAuditChain } from "@/lib/data/audit";
import { db } from "@/lib/db/client";
import { proxy } from "@/proxy";
import { createOrg, rewriteAsOwner } from "./helpers";

/** The request headers proxy.ts hands on to the app for a request with `headers`. */
async function throughProxy(headers: Record<string, string>): Promise<Headers> {
  const response = await proxy(new NextRequest("http://localhost/acme/models", { headers }));
  // Next passes the rewritten request headers as x-middleware-request-<name>.
  const forwarded = new Headers();
  for (const [name, value] of response.headers) {
    if (name.startsWith("x-middleware-request-")) forwarded.set(name.slice("x-middleware-request-".length), value);
  }
  return forwarded;
}

async function recordedRow(label: string, headers: Headers) {
  const org = await createOrg(label);
  const meta = metaFromHeaders(headers);
  await recordAccessDenied({ ...org.ctx.VIEWER, meta }, { action: `${label}-probe`, permission: "model.delete" });
  const row = await db().auditEvent.findFirstOrThrow({ where: { organizationId: org.id, targetId: `${label}-probe` } });
  return { org, meta, row };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the client's address", () => {
  it("a forged X-Forwarded-For is not recorded: the connection's address is", async () => {
    vi.stubEnv("TRUSTED_PROXIES", "");
    const headers = new Headers({ [PEER_ADDRESS_HEADER]: "203.0.113.7", "x-forwarded-for": "198.51.100.66", "x-real-ip": "198.51.100.67" });
    const { row, org } = await recordedRow("forged-xff", headers);
    expect(row.ip).toBe("203.0.113.7");
    await expect(verifyAuditChain(org.id)).resolves.toMatchObject({ ok: true });
  });

  it("X-Forwarded-For is believed when the connection comes from a trusted proxy", async () => {
    vi.stubEnv("TRUSTED_PROXIES", "203.0.113.0/24");
    const headers = new Headers({ [PEER_ADDRESS_HEADER]: "203.0.113.7", "x-forwarded-for": "198.51.100.66" });
    const { row } = await recordedRow("trusted-xff", headers);
    expect(row.ip).toBe("198.51.100.66");
  });
});

describe("the request id", () => {
  it("an incoming X-Request-Id never becomes the recorded request id: it is kept as the client's", async () => {
    const incoming = "attacker-chosen-id-0001";
    const forwarded = await throughProxy({ "x-request-id": incoming, [PEER_ADDRESS_HEADER]: "203.0.113.8" });
    const { row, org } = await recordedRow("client-request-id", forwarded);
    expect(row.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(row.requestId).not.toBe(incoming);
    expect(row.clientRequestId).toBe(incoming);
    // Both are covered by the chain, and the audit page lists both.
    await expect(verifyAuditChain(org.id)).resolves.toMatchObject({ ok: true });
    const listed = await listAuditEvents(org.ctx.OWNER, { action: "access.denied" });
    expect(listed.items[0]).toMatchObject({ requestId: row.requestId, clientRequestId: incoming });
    await rewriteAsOwner([`UPDATE "AuditEvent" SET "clientRequestId" = 'someone-else' WHERE id = $1`, row.id]);
    await expect(verifyAuditChain(org.id)).resolves.toMatchObject({ ok: false, kind: "hash-mismatch", brokenAt: { id: row.id } });
  });

  it("each request gets its own id even when clients send the same one, and a client cannot set the client id header itself", async () => {
    const a = await throughProxy({ "x-request-id": "same-id-every-time" });
    const b = await throughProxy({ "x-request-id": "same-id-every-time" });
    expect(a.get("x-request-id")).not.toBe(b.get("x-request-id"));
    expect(metaFromHeaders(a).clientRequestId).toBe("same-id-every-time");

    const smuggled = await throughProxy({ "x-client-request-id": "smuggled" });
    expect(metaFromHeaders(smuggled)).toMatchObject({ clientRequestId: null, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    // An id that is not a plain token is not kept at all.
    expect(metaFromHeaders(await throughProxy({ "x-request-id": "line\u0007break" })).clientRequestId).toBeNull();
  });

  it("the response names the server's id", async () => {
    const response = await proxy(new NextRequest("http://localhost/", { headers: { "x-request-id": "client-says-this" } }));
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
