/**
 * The address a signup or login came from, for rate limiting. Behind the ingress and the site
 * every browser would otherwise share one proxy's address, so one person's typos would lock everyone
 * out. Each proxy appends the address it saw to `X-Forwarded-For`; the header is read only when the
 * TCP peer is a trusted proxy, and then from the right, skipping the trusted proxies' own entries:
 * the first untrusted one is the client, and anything a client wrote further left is ignored.
 * @example clientAddress("10.244.0.7", "1.2.3.4, 203.0.113.9, 10.244.1.3", ["10.244.0.0/16"]) // "203.0.113.9"
 */
export function clientAddress(peer: string, forwardedFor: string | null, trustedProxies: string[]): string {
  if (!forwardedFor || !isTrusted(peer, trustedProxies)) return peer;
  const hops = forwardedFor
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!isTrusted(hops[i]!, trustedProxies)) return hops[i]!;
  return hops[0] ?? peer; // every hop a trusted proxy: the request started inside
}

const isTrusted = (address: string, trustedProxies: string[]) =>
  trustedProxies.some((trusted) => matches(address, trusted));

function matches(address: string, trusted: string): boolean {
  const plain = address.startsWith("::ffff:") ? address.slice(7) : address;
  if (!trusted.includes("/")) return plain === trusted || address === trusted;
  const [network, bits] = trusted.split("/") as [string, string];
  const a = ipv4(plain);
  const n = ipv4(network);
  const prefix = Number(bits);
  if (a === undefined || n === undefined || !(prefix >= 0 && prefix <= 32)) return false;
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
  return (a & mask) >>> 0 === (n & mask) >>> 0;
}

function ipv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((sum, p) => sum * 256 + Number(p), 0);
}
