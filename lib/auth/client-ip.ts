// Which address a request comes from. X-Forwarded-For and X-Real-IP are whatever the client
// wrote unless a proxy we trust wrote them, so they are believed only when the connection itself
// comes from a trusted proxy (TRUSTED_PROXIES), and then only up to the first untrusted hop.
import { BlockList, isIP } from "node:net";
import { normalizeIp } from "./ip-address";

/**
 * The connection's own address, stamped by scripts/peer-address.cjs before Next sees the request
 * (which overwrites whatever a client sent under this name). Next itself copies the socket
 * address into X-Forwarded-For only when that header is absent, so it cannot tell the two apart.
 */
export const PEER_ADDRESS_HEADER = "x-threatdesk-peer";

export type TrustedProxies = { list: BlockList; empty: boolean };

/** Parses TRUSTED_PROXIES ("10.0.0.0/8, 192.0.2.1, ::1"); a malformed entry is an error that names it. */
export function parseTrustedProxies(text: string): TrustedProxies {
  const list = new BlockList();
  const entries = text
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address = "", prefix] = entry.split("/");
    const ip = normalizeIp(address) ?? "";
    const family = isIP(ip);
    const bits = prefix === undefined ? undefined : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    const valid = family !== 0 && (bits === undefined || (bits >= 0 && bits <= (family === 6 ? 128 : 32)));
    if (!valid) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8, 192.0.2.1, ::1)`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, bits, type);
  }
  return { list, empty: entries.length === 0 };
}

function isTrusted(proxies: TrustedProxies, ip: string): boolean {
  if (proxies.empty) return false;
  const family = isIP(ip);
  return family !== 0 && proxies.list.check(ip, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address: the connection's, or, when that is a trusted proxy, the nearest address
 * in X-Forwarded-For (read from the right, each hop added by the proxy before it) that is not a
 * trusted proxy; X-Real-IP when a trusted proxy sent no X-Forwarded-For. Null when the
 * connection's address is unknown (the server was started without scripts/peer-address.cjs).
 */
export function clientIp(headers: { get(name: string): string | null }, proxies: TrustedProxies): string | null {
  let address = normalizeIp(headers.get(PEER_ADDRESS_HEADER));
  if (!address || !isTrusted(proxies, address)) return address;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  if (forwarded.length === 0) {
    const real = normalizeIp(headers.get("x-real-ip"));
    return real && isIP(real) ? real : address;
  }
  for (let i = forwarded.length - 1; i >= 0; i--) {
    const hop = normalizeIp(forwarded[i]);
    // A hop that is not an address was not written by a proxy of ours: stop at the last good one.
    if (!hop || !isIP(hop)) return address;
    address = hop;
    if (!isTrusted(proxies, hop)) return hop;
  }
  return address;
}
