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
  /** Hashed only when present, so events recorded before it existed keep their hashes. */
  clientRequestId?: string | null;
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
  const { clientRequestId, ...fields } = event;
  const hashed = clientRequestId == null ? fields : { ...fields, clientRequestId };
  return createHmac("sha256", secret).update(prevHash).update("\n").update(canonicalJson(hashed)).digest("hex");
}

export type StoredEvent = ChainedFields & { id: string; prevHash: string; hash: string };

/** How a chain breaks: an event missing before this one, a wrong link, or changed content. */
export type ChainBreakKind = "sequence-gap" | "prev-hash-mismatch" | "hash-mismatch";

export const CHAIN_BREAK_LABELS: Record<ChainBreakKind, string> = {
  "sequence-gap": "sequence gap",
  "prev-hash-mismatch": "prev-hash mismatch",
  "hash-mismatch": "hash mismatch",
};

export type ChainBreak = { ok: false; checked: number; brokenAt: StoredEvent; kind: ChainBreakKind; reason: string };
export type ChainVerdict = { ok: true; checked: number } | ChainBreak;

export type ChainVerifier = {
  /** Checks the next event of the chain; returns the break once found (and from then on), else null. */
  add(event: StoredEvent): ChainBreak | null;
  /** The verdict on everything added so far. */
  verdict(): ChainVerdict;
};

/**
 * Verifies one chain an event at a time, in seq order, so a caller can stream a long chain from
 * the database page by page and stop at the first break.
 */
export function createChainVerifier(secret: string): ChainVerifier {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  let broken: ChainBreak | null = null;
  const fail = (event: StoredEvent, kind: ChainBreakKind, reason: string): ChainBreak => (broken = { ok: false, checked, brokenAt: event, kind, reason });
  return {
    add(event) {
      if (broken) return broken;
      if (event.seq !== expectedSeq) return fail(event, "sequence-gap", `expected event #${expectedSeq}, found #${event.seq} (an event is missing)`);
      if (event.prevHash !== prev) return fail(event, "prev-hash-mismatch", "its link to the previous event does not match");
      // The hash covers the event's own fields, not its id or the chain columns themselves.
      const { id: _id, prevHash: _prevHash, hash: _hash, ...fields } = event;
      const expected = Buffer.from(chainHash(secret, prev, fields), "hex");
      const actual = Buffer.from(event.hash, "hex");
      if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
        return fail(event, "hash-mismatch", "its content does not match its hash (it was changed)");
      }
      prev = event.hash;
      expectedSeq += 1;
      checked += 1;
      return null;
    },
    verdict() {
      return broken ?? { ok: true, checked };
    },
  };
}

/**
 * One line per chain for operators and logs: "acme: OK, 57 events" or
 * "acme: BROKEN at event #12 (id …, action …, 2026-11-20T…Z): hash mismatch, its content …".
 */
export function describeChainVerdict(chain: string, verdict: ChainVerdict): string {
  if (verdict.ok) return `${chain}: OK, ${verdict.checked} ${verdict.checked === 1 ? "event" : "events"}`;
  const e = verdict.brokenAt;
  return `${chain}: BROKEN at event #${e.seq} (id ${e.id}, action ${e.action}, ${e.createdAt.toISOString()}): ${CHAIN_BREAK_LABELS[verdict.kind]}, ${verdict.reason}`;
}
