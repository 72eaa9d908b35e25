const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

/**
 * defaultRetrySchedule is the wait before each retry after a failed attempt — the schedule Standard Webhooks'
 * reference senders use: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (27 h 35 min 5 s in all). The first attempt
 * is immediate; after the last retry fails the delivery is a dead letter.
 */
export const defaultRetrySchedule: readonly number[] = [
  5 * second,
  5 * minute,
  30 * minute,
  2 * hour,
  5 * hour,
  10 * hour,
  10 * hour,
];

/** jitterShare spreads retries of one outage over ±10% so they do not return as one burst. */
const jitterShare = 0.1;

/** NextStep after a failed attempt: retry at a time, or give up (dead letter). */
export type NextStep = { kind: "retry"; at: Date } | { kind: "dead" };

/**
 * nextStepAfterFailure: `attempts` counts the attempts made so far (the one that just failed included). The
 * n-th failure waits schedule[n-1] (± jitter from `random`, in [0, 1)); past the schedule the delivery is dead.
 */
export function nextStepAfterFailure(
  attempts: number,
  now: Date,
  schedule: readonly number[] = defaultRetrySchedule,
  random: () => number = Math.random,
): NextStep {
  const wait = schedule[attempts - 1];
  if (wait === undefined) return { kind: "dead" };
  const jitter = wait * jitterShare * (2 * random() - 1);
  return { kind: "retry", at: new Date(now.getTime() + Math.round(wait + jitter)) };
}

/** parseRetrySchedule reads WEBHOOKS_RETRY_SCHEDULE_MS ("5000,300000,…"): positive milliseconds, at least one. */
export function parseRetrySchedule(text: string): number[] | string {
  const parts = text.split(",").map((part) => Number(part.trim()));
  if (parts.length === 0 || parts.some((ms) => !Number.isInteger(ms) || ms <= 0)) {
    return "a comma-separated list of positive whole milliseconds";
  }
  return parts;
}
