/**
 * The address a login attempt came from, for rate limiting. Behind the site (which forwards
 * `/api/*`) every browser would otherwise share the site's address, so one person's typos would
 * lock everyone out. `X-Forwarded-For` is believed only from a trusted proxy (exact address or
 * IPv4 CIDR); its last entry is the one that proxy saw, which a client cannot forge.
 * @example clientAddress("10.0.0.7", "203.0.113.9", ["10.0.0.0/8"]) // "203.0.113.9"
 */
export function clientAddress(peer: string, forwardedFor: string | null, trustedProxies: string[]): string {
  if (!forwardedFor || !trustedProxies.some((trusted) => matches(peer, trusted))) return peer;
  const last = forwardedFor.split(",").map((entry) => entry.trim()).filter(Boolean).at(-1);
  return last ?? peer;
}

function matches(address: string, trusted: string): boolean {
  const plain = address.startsWith("::ffff:") ? address.slice(7) : address;
  if (!trusted.includes("/")) return plain === trusted || address === trusted;
  const [network, bits] = trusted.split("/") as [string, string];
  const a = ipv4(plain);
  const n = ipv4(network);
  const prefix = Number(bits);
  if (a === undefined || n === undefined || !(prefix >= 0 && prefix <= 32)) return false;
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
  return ((a & mask) >>> 0) === ((n & mask) >>> 0);
}

function ipv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((sum, p) => sum * 256 + Number(p), 0);
}
