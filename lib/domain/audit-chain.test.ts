import { describe, expect, it } from "vitest";
import {
  GENESIS_HASH,
  canonicalJson,
  chainHash,
  createChainVerifier,
  describeChainVerdict,
  type ChainVerdict,
  type ChainedFields,
  type StoredEvent,
} from "./audit-chain";

/** Checks events of one chain, given in seq order, as lib/data streams them into the verifier. */
function verifyChain(secret: string, events: Iterable<StoredEvent>): ChainVerdict {
  const verifier = createChainVerifier(secret);
  for (const event of events) {
    if (verifier.add(event)) break;
  }
  return verifier.verdict();
}

const SECRET = "unit-test-secret";

function fields(seq: number, overrides: Partial<ChainedFields> = {}): ChainedFields {
  return {
    organizationId: "org_1",
    seq,
    actorId: "user_1",
    actorLabel: "ada@acme.test",
    action: `model.edit`,
    targetType: "ThreatModel",
    targetId: `model_${seq}`,
    summary: { title: `Model ${seq}`, changes: [{ field: "status", from: "DRAFT", to: "IN_REVIEW" }] },
    ip: "203.0.113.7",
    userAgent: "vitest",
    requestId: `req_${seq}`,
    createdAt: new Date(Date.UTC(2025, 0, 1, 12, 0, seq)),
    ...overrides,
  };
}

/** Builds a valid chain the way lib/data/audit.ts does. */
function buildChain(count: number, secret = SECRET): StoredEvent[] {
  const events: StoredEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const f = fields(seq);
    const hash = chainHash(secret, prev, f);
    events.push({ ...f, id: `evt_${seq}`, prevHash: prev, hash });
    prev = hash;
  }
  return events;
}

describe("canonicalJson", () => {
  it("sorts keys at the top level", () => {
    expect(canonicalJson({ b: 1, a: 2, c: 3 })).toBe('{"a":2,"b":1,"c":3}');
  });

  it("sorts keys at every depth, including objects inside arrays", () => {
    const value = { z: { y: { b: 1, a: 2 }, x: [{ d: 1, c: 2 }] }, a: null };
    expect(canonicalJson(value)).toBe('{"a":null,"z":{"x":[{"c":2,"d":1}],"y":{"a":2,"b":1}}}');
  });

  it("is stable: the same content in any key order gives the same string", () => {
    const one = { action: "x", summary: { b: [1, 2, { q: 1, p: 2 }], a: "s" }, seq: 1 };
    const two = { seq: 1, summary: { a: "s", b: [1, 2, { p: 2, q: 1 }] }, action: "x" };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(canonicalJson(one)).toBe(canonicalJson(one));
  });

  it("keeps array order (arrays are ordered content)", () => {
    expect(canonicalJson([3, 1, 2])).toBe("[3,1,2]");
    expect(canonicalJson([3, 1, 2])).not.toBe(canonicalJson([1, 2, 3]));
  });

  it("writes Dates as ISO strings and drops undefined object values like JSON does", () => {
    expect(canonicalJson({ at: new Date("2025-01-02T03:04:05.678Z"), gone: undefined })).toBe('{"at":"2025-01-02T03:04:05.678Z"}');
    expect(canonicalJson([undefined, 1])).toBe("[null,1]");
    expect(canonicalJson(undefined)).toBe("null");
  });

  it("produces valid JSON equal in content to the input", () => {
    const value = { b: 'quote " and \\ and \n', a: [1, 2.5, true, null, { y: "ü", x: -0.1 }] };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });
});

describe("chainHash", () => {
  it("is deterministic and depends on the secret, the previous hash and the content", () => {
    const f = fields(1);
    const h = chainHash(SECRET, GENESIS_HASH, f);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(SECRET, GENESIS_HASH, { ...f })).toBe(h);
    expect(chainHash("other", GENESIS_HASH, f)).not.toBe(h);
    expect(chainHash(SECRET, "x", f)).not.toBe(h);
    expect(chainHash(SECRET, GENESIS_HASH, { ...f, action: "model.delete" })).not.toBe(h);
  });

  it("does not depend on key order", () => {
    const f = fields(1);
    const reversed = Object.fromEntries(Object.entries(f).reverse()) as ChainedFields;
    expect(chainHash(SECRET, GENESIS_HASH, reversed)).toBe(chainHash(SECRET, GENESIS_HASH, f));
  });
  it("covers the client's request id when there is one, and hashes events without it as before it existed", () => {
    const f = fields(1);
    const h = chainHash(SECRET, GENESIS_HASH, f);
    expect(chainHash(SECRET, GENESIS_HASH, { ...f, clientRequestId: null })).toBe(h);
    expect(chainHash(SECRET, GENESIS_HASH, { ...f, clientRequestId: undefined })).toBe(h);
    const withClient = chainHash(SECRET, GENESIS_HASH, { ...f, clientRequestId: "client-1" });
    expect(withClient).not.toBe(h);
    expect(chainHash(SECRET, GENESIS_HASH, { ...f, clientRequestId: "client-2" })).not.toBe(withClient);
  });
});

describe("verifyChain", () => {
  it("accepts an empty chain", () => {
    expect(verifyChain(SECRET, [])).toEqual({ ok: true, checked: 0 });
  });

  it("verifies a chain built with chainHash", () => {
    const chain = buildChain(5);
    expect(chain[0]!.prevHash).toBe(GENESIS_HASH);
    expect(verifyChain(SECRET, chain)).toEqual({ ok: true, checked: 5 });
  });

  const TAMPERS: [string, (e: StoredEvent) => StoredEvent][] = [
    ["summary", (e) => ({ ...e, summary: { title: "Something else", changes: [] } })],
    ["a nested value of summary", (e) => ({ ...e, summary: { ...(e.summary as object), title: "Model 3!" } })],
    ["action", (e) => ({ ...e, action: "model.delete" })],
    ["actorLabel", (e) => ({ ...e, actorLabel: "mallory@acme.test" })],
    ["createdAt", (e) => ({ ...e, createdAt: new Date(e.createdAt.getTime() + 1) })],
    ["actorId", (e) => ({ ...e, actorId: null })],
    ["organizationId", (e) => ({ ...e, organizationId: "org_2" })],
    ["targetId", (e) => ({ ...e, targetId: "model_99" })],
    ["ip", (e) => ({ ...e, ip: "198.51.100.1" })],
  ];

  it.each(TAMPERS)("changing %s of one event fails at exactly that event", (_name, tamper) => {
    const chain = buildChain(5);
    const target = chain[2]!;
    chain[2] = tamper(target);
    const verdict = verifyChain(SECRET, chain);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.brokenAt.id).toBe("evt_3");
    expect(verdict.checked).toBe(2);
    expect(verdict.kind).toBe("hash-mismatch");
    expect(verdict.reason).toMatch(/changed/);
  });

  it("changing the first event fails at the first event", () => {
    const chain = buildChain(3);
    chain[0] = { ...chain[0]!, summary: {} };
    const verdict = verifyChain(SECRET, chain);
    expect(verdict).toMatchObject({ ok: false, checked: 0, brokenAt: { id: "evt_1" } });
  });

  it("re-hashing a changed event without the secret still fails at that event", () => {
    const chain = buildChain(4);
    const changed = fields(2, { action: "nothing.to.see" });
    chain[1] = { ...changed, id: "evt_2", prevHash: chain[1]!.prevHash, hash: chainHash("guessed-secret", chain[1]!.prevHash, changed) };
    expect(verifyChain(SECRET, chain)).toMatchObject({ ok: false, checked: 1, brokenAt: { id: "evt_2" } });
  });

  it("re-hashing a changed event with the secret breaks the link at the next event", () => {
    const chain = buildChain(4);
    const changed = fields(2, { action: "nothing.to.see" });
    chain[1] = { ...changed, id: "evt_2", prevHash: chain[1]!.prevHash, hash: chainHash(SECRET, chain[1]!.prevHash, changed) };
    const verdict = verifyChain(SECRET, chain);
    expect(verdict).toMatchObject({ ok: false, checked: 2, brokenAt: { id: "evt_3" } });
    if (!verdict.ok) expect(verdict.reason).toMatch(/link/);
    expect(verdict).toMatchObject({ kind: "prev-hash-mismatch" });
  });

  it("detects a removed event in the middle", () => {
    const chain = buildChain(5);
    chain.splice(2, 1); // drop evt_3
    const verdict = verifyChain(SECRET, chain);
    expect(verdict).toMatchObject({ ok: false, checked: 2, brokenAt: { id: "evt_4" } });
    if (!verdict.ok) expect(verdict.reason).toMatch(/missing/);
    expect(verdict).toMatchObject({ kind: "sequence-gap" });
  });

  it("detects a removed first event", () => {
    const chain = buildChain(3).slice(1);
    expect(verifyChain(SECRET, chain)).toMatchObject({ ok: false, checked: 0, brokenAt: { id: "evt_2" } });
  });

  it("detects a removed event even when later events are renumbered", () => {
    const chain = buildChain(4);
    chain.splice(1, 1); // drop evt_2
    // renumber evt_3 → seq 2, evt_4 → seq 3 (hashes no longer match, links neither)
    const renumbered = chain.map((e, i) => ({ ...e, seq: i + 1 }));
    expect(verifyChain(SECRET, renumbered)).toMatchObject({ ok: false, checked: 1, brokenAt: { id: "evt_3" } });
  });

  it("detects two events swapped", () => {
    const chain = buildChain(4);
    [chain[1], chain[2]] = [chain[2]!, chain[1]!];
    expect(verifyChain(SECRET, chain)).toMatchObject({ ok: false, checked: 1, brokenAt: { id: "evt_3" } });
  });

  it("a different secret fails at the first event", () => {
    const chain = buildChain(4);
    const verdict = verifyChain("not-the-secret", chain);
    expect(verdict).toMatchObject({ ok: false, checked: 0, brokenAt: { id: "evt_1" } });
  });

  it("a forged hash that is not hex of the right length fails, without throwing", () => {
    const chain = buildChain(2);
    chain[1] = { ...chain[1]!, hash: "zz" };
    expect(verifyChain(SECRET, chain)).toMatchObject({ ok: false, checked: 1, brokenAt: { id: "evt_2" } });
  });

  // Known limitation: verifyChain alone cannot see events cut from the END of a chain; the
  // remaining prefix is still a valid chain. Detecting that needs an externally anchored
  // head (e.g. last seq/hash stored elsewhere).
  it("(limitation) truncating the tail of the chain is not detected", () => {
    const chain = buildChain(5).slice(0, 3);
    expect(verifyChain(SECRET, chain)).toEqual({ ok: true, checked: 3 });
  });
});

describe("createChainVerifier", () => {
  it("fed one event at a time, gives the same verdict as verifyChain", () => {
    const chain = buildChain(6);
    const verifier = createChainVerifier(SECRET);
    for (const event of chain) expect(verifier.add(event)).toBeNull();
    expect(verifier.verdict()).toEqual({ ok: true, checked: 6 });
    expect(verifier.verdict()).toEqual(verifyChain(SECRET, chain));
  });

  it("with nothing added, verifies an empty chain", () => {
    expect(createChainVerifier(SECRET).verdict()).toEqual({ ok: true, checked: 0 });
  });

  it("reports the break when the broken event is added, and keeps it for every later event", () => {
    const chain = buildChain(5);
    chain[3] = { ...chain[3]!, actorLabel: "mallory@acme.test" };
    const verifier = createChainVerifier(SECRET);
    expect(verifier.add(chain[0]!)).toBeNull();
    expect(verifier.add(chain[1]!)).toBeNull();
    expect(verifier.add(chain[2]!)).toBeNull();
    const broken = verifier.add(chain[3]!);
    expect(broken).toMatchObject({ ok: false, checked: 3, kind: "hash-mismatch", brokenAt: { id: "evt_4", seq: 4 } });
    // A valid event after the break does not repair the verdict.
    expect(verifier.add(chain[4]!)).toBe(broken);
    expect(verifier.verdict()).toBe(broken);
  });

  it("stops consuming an iterable at the first break", () => {
    const chain = buildChain(4);
    chain[1] = { ...chain[1]!, summary: {} };
    let pulled = 0;
    function* events() {
      for (const e of chain) {
        pulled += 1;
        yield e;
      }
    }
    expect(verifyChain(SECRET, events())).toMatchObject({ ok: false, brokenAt: { id: "evt_2" } });
    expect(pulled).toBe(2);
  });
});

describe("describeChainVerdict", () => {
  it("says OK with the number of events", () => {
    expect(describeChainVerdict("acme", { ok: true, checked: 57 })).toBe("acme: OK, 57 events");
    expect(describeChainVerdict("installation", { ok: true, checked: 1 })).toBe("installation: OK, 1 event");
    expect(describeChainVerdict("empty", { ok: true, checked: 0 })).toBe("empty: OK, 0 events");
  });

  it("names the broken event: seq, id, action, time and why", () => {
    const chain = buildChain(3);
    chain[1] = { ...chain[1]!, summary: { title: "rewritten" } };
    const verdict = verifyChain(SECRET, chain);
    expect(describeChainVerdict("acme", verdict)).toBe(
      "acme: BROKEN at event #2 (id evt_2, action model.edit, 2025-01-01T12:00:02.000Z): hash mismatch, its content does not match its hash (it was changed)",
    );
  });

  it("words each kind of break", () => {
    const gap = buildChain(3);
    gap.splice(1, 1);
    expect(describeChainVerdict("a", verifyChain(SECRET, gap))).toMatch(/^a: BROKEN at event #3 \(id evt_3, .*\): sequence gap, expected event #2, found #3/);
    const link = buildChain(2);
    link[1] = { ...link[1]!, prevHash: "0".repeat(64) };
    expect(describeChainVerdict("a", verifyChain(SECRET, link))).toMatch(/^a: BROKEN at event #2 .*: prev-hash mismatch, /);
  });
});
