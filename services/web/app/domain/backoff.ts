/** Backoff is how long to wait before reconnection attempt n (0-based): exponential, capped, with jitter. */
export function backoffDelay(
  attempt: number,
  options: { baseMs?: number; maxMs?: number; random?: () => number } = {},
): number {
  const base = options.baseMs ?? 500;
  const max = options.maxMs ?? 30_000;
  const random = options.random ?? Math.random;
  const ceiling = Math.min(max, base * 2 ** Math.min(attempt, 16));
  // "Equal jitter": at least half the ceiling, so clients that lost the server together spread out.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
