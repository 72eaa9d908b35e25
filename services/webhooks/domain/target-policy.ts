import ipaddr from "ipaddr.js";

/**
 * TargetPolicy decides which addresses a webhook may be sent to: public unicast addresses only (no private,
 * loopback, link-local, unique-local, CGNAT, multicast, reserved or unspecified ranges, in IPv4 or IPv6,
 * IPv4-mapped IPv6 judged as the IPv4 it carries), unless the address lies in an allowed range
 * (WEBHOOKS_ALLOWED_TARGETS, CIDRs). Plain http is accepted only for an allowed target.
 */
export interface TargetPolicy {
  allowed: readonly [ipaddr.IPv4 | ipaddr.IPv6, number][];
}

/** parseAllowedTargets reads "127.0.0.1/32,::1/128,10.0.0.0/8"; a bare address is its own /32 or /128. */
export function parseAllowedTargets(text: string): TargetPolicy | string {
  const allowed: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    try {
      if (part.includes("/")) allowed.push(ipaddr.parseCIDR(part));
      else {
        const address = ipaddr.parse(part);
        allowed.push([address, address.kind() === "ipv4" ? 32 : 128]);
      }
    } catch {
      return `"${part}" is not an address or CIDR range`;
    }
  }
  return { allowed };
}

/** The policy with no exceptions: public unicast only. */
export const publicOnly: TargetPolicy = { allowed: [] };

/** normalized parses an address and reads an IPv4-mapped IPv6 address (::ffff:10.0.0.1) as its IPv4. */
function normalized(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (!ipaddr.isValid(address)) return null;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed;
}

const inAllowed = (policy: TargetPolicy, address: ipaddr.IPv4 | ipaddr.IPv6) =>
  policy.allowed.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));

/** AddressVerdict: allowed, and whether only by the allow-list (then plain http is accepted too). */
export type AddressVerdict = { ok: true; byAllowList: boolean } | { ok: false; reason: string };

/** judgeAddress decides one IP address (a DNS answer or a literal host). */
export function judgeAddress(address: string, policy: TargetPolicy): AddressVerdict {
  const parsed = normalized(address);
  if (!parsed) return { ok: false, reason: `${address} is not an IP address` };
  if (inAllowed(policy, parsed)) return { ok: true, byAllowList: true };
  const range = parsed.range();
  if (range !== "unicast") return { ok: false, reason: `${address} is a ${range} address` };
  return { ok: true, byAllowList: false };
}

/** WebhookTarget is a URL that passed the syntax rules: the host still has to be resolved and judged. */
export interface WebhookTarget {
  url: URL;
  /** host without IPv6 brackets, as DNS (or a literal address) takes it. */
  host: string;
  https: boolean;
}

/** parseWebhookUrl checks what can be checked without DNS; a string result is the reason it is refused. */
export function parseWebhookUrl(text: string): WebhookTarget | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "is not a URL";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must be an https URL";
  if (url.username || url.password) return "must not carry a user name or password";
  if (url.hash) return "must not have a #fragment";
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  if (!host) return "has no host";
  const lower = host.toLowerCase();
  if (lower === "localhost" || lower.endsWith(".localhost")) return "must not point at this machine (localhost)";
  return { url, host, https: url.protocol === "https:" };
}

/**
 * judgeResolved decides a target from every address its host resolved to: one refused address refuses the
 * target (a name with a public and a private answer could be pointed at either), and plain http needs every
 * address to be on the allow-list.
 */
export function judgeResolved(
  target: WebhookTarget,
  addresses: readonly string[],
  policy: TargetPolicy,
): string | null {
  if (addresses.length === 0) return `${target.host} has no address`;
  for (const address of addresses) {
    const verdict = judgeAddress(address, policy);
    if (!verdict.ok) return `${target.host} resolves to a refused address: ${verdict.reason}`;
    if (!target.https && !verdict.byAllowList) return "must be an https URL";
  }
  return null;
}
