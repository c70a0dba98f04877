// Node reports an IPv4 client on a dual-stack socket as an IPv4-mapped IPv6 address
// ("::ffff:127.0.0.1"). People know the address as 127.0.0.1, so that is what is recorded and shown.

const MAPPED_DOTTED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;
const MAPPED_HEX = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i;

/** An IP address as people read it: IPv4-mapped IPv6 addresses as IPv4, brackets and spaces dropped. */
export function normalizeIp(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const ip = raw.trim().replace(/^\[(.*)\]$/, "$1");
  if (!ip) return null;
  const dotted = MAPPED_DOTTED.exec(ip);
  if (dotted) return dotted[1]!;
  const hex = MAPPED_HEX.exec(ip);
  if (hex) {
    const [hi, lo] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
    return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
  }
  return ip;
}
