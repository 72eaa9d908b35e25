/**
 * clientAddress is the browser's address as the web tier can know it. Each of the `trustedHops` proxies
 * in front of web appends the address it was called from to X-Forwarded-For, so the browser is the
 * `trustedHops`-th entry from the right; anything further left was written by the browser and proves
 * nothing. With no trusted proxies, or a header too short to have passed through them all, it is the
 * socket peer.
 */
export function clientAddress(socketPeer: string, forwardedFor: string | null, trustedHops: number): string {
  if (trustedHops <= 0 || forwardedFor === null) return socketPeer;
  const entries = forwardedFor.split(",");
  const entry = entries[entries.length - trustedHops]?.trim();
  return entry ? entry : socketPeer;
}
