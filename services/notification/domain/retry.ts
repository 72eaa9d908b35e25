/** RetryPolicy: a failed delivery is tried again `retries` times, waiting base·2ⁿ between tries. */
export interface RetryPolicy {
  retries: number;
  baseMs: number;
  maxBackoffMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { retries: 3, baseMs: 2000, maxBackoffMs: 5 * 60_000 };

/** backoffMs is the wait after the n-th failed attempt (n ≥ 1): base, 2·base, 4·base, … capped. */
export function backoffMs(failedAttempts: number, policy: RetryPolicy): number {
  const exponent = Math.max(0, failedAttempts - 1);
  return Math.min(policy.maxBackoffMs, policy.baseMs * 2 ** exponent);
}

/** What happens after a failed attempt: try again later, or give up. */
export type FailureOutcome =
  | { kind: "retry"; attempts: number; nextAttemptAt: Date }
  | { kind: "failed"; attempts: number };

/** afterFailure counts the failed attempt and decides between another try and giving up. */
export function afterFailure(previousAttempts: number, policy: RetryPolicy, now: Date): FailureOutcome {
  const attempts = previousAttempts + 1;
  if (attempts > policy.retries) return { kind: "failed", attempts };
  return { kind: "retry", attempts, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts, policy)) };
}
