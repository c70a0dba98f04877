// The audit trail's hash chain. Each event's hash is an HMAC over the previous hash and the
// event's canonical form, keyed by a server secret: rewriting any stored event (or removing
// one) breaks verification from that event on, and without the secret no one can forge a
// consistent replacement chain.
import { createHmac, timingSafeEqual } from "node:crypto";

export const GENESIS_HASH = "genesis";

export type ChainedFields = {
  organizationId: string | null;
  seq: number;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: unknown;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  createdAt: Date;
};

/** JSON with object keys sorted at every depth, so equal content always hashes equally. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function chainHash(secret: string, prevHash: string, event: ChainedFields): string {
  return createHmac("sha256", secret).update(prevHash).update("\n").update(canonicalJson(event)).digest("hex");
}

export type StoredEvent = ChainedFields & { id: string; prevHash: string; hash: string };

export type ChainVerdict = { ok: true; checked: number } | { ok: false; checked: number; brokenAt: StoredEvent; reason: string };

/** Checks events of one chain, given in seq order. */
export function verifyChain(secret: string, events: Iterable<StoredEvent>): ChainVerdict {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (const event of events) {
    if (event.seq !== expectedSeq) return { ok: false, checked, brokenAt: event, reason: `expected event #${expectedSeq}, found #${event.seq} (an event is missing)` };
    if (event.prevHash !== prev) return { ok: false, checked, brokenAt: event, reason: "its link to the previous event does not match" };
    // The hash covers the event's own fields, not its id or the chain columns themselves.
    const { id: _id, prevHash: _prevHash, hash: _hash, ...fields } = event;
    const expected = Buffer.from(chainHash(secret, prev, fields), "hex");
    const actual = Buffer.from(event.hash, "hex");
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
      return { ok: false, checked, brokenAt: event, reason: "its content does not match its hash (it was changed)" };
    }
    prev = event.hash;
    expectedSeq += 1;
    checked += 1;
  }
  return { ok: true, checked };
}
