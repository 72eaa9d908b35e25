import { RateLimitedError } from "./errors";

/** quota defines one: its environment variable, default burst, refill window and what it counts (for messages). */
const quota = (env: string, count: number, windowSeconds: number, what: string) => ({
  env,
  count,
  windowSeconds,
  what,
});

/**
 * Per-user quotas: each is named once here, with its environment variable and default, so README's
 * configuration table and every service read the same list. A quota is a token bucket per user:
 * `count` tokens at most (the burst), refilled evenly over `windowSeconds`.
 */
export const quotaDefinitions = {
  taskCreates: quota("QUOTA_TASK_CREATES_PER_HOUR", 600, 3600, "task creations"),
  chatMessages: quota("QUOTA_CHAT_MESSAGES_PER_MINUTE", 30, 60, "chat messages"),
  reminderEmails: quota("QUOTA_REMINDER_EMAILS_PER_HOUR", 30, 3600, "reminder emails"),
  // Keyed by the address asked for, whether or not an account owns it, so the answer tells nothing.
  passwordResetEmails: quota(
    "QUOTA_PASSWORD_RESET_EMAILS_PER_HOUR",
    3,
    3600,
    "password reset requests for this address",
  ),
  verificationEmails: quota("QUOTA_VERIFICATION_EMAILS_PER_HOUR", 3, 3600, "verification emails"),
  // An import reads a file of up to 1,000 rows and writes them in one transaction; a dry run counts too.
  imports: quota("QUOTA_IMPORTS_PER_HOUR", 30, 3600, "imports"),
  // An export reads everything the user owns (10,000 tasks: seconds of work).
  exports: quota("QUOTA_EXPORTS_PER_HOUR", 10, 3600, "exports"),
  // Keyed by the fetching address (a calendar feed URL carries no account until its secret is looked up).
  calendarFeedFetches: quota("QUOTA_CALENDAR_FEED_FETCHES_PER_MINUTE", 30, 60, "calendar feed fetches"),
};

export type QuotaName = keyof typeof quotaDefinitions;

/** Quota answers, per key (a user id), whether one more use is allowed and, if not, when it will be. */
export interface Quota {
  /** take spends one token; it answers 0 when allowed, else the seconds until a token is back. */
  take(key: string, now?: number): number;
  /** enforce spends one token or throws RateLimitedError (ResourceExhausted) with the retry hint. */
  enforce(key: string): void;
}

/** createTokenBuckets makes a per-key token bucket: `capacity` tokens, refilled at capacity/windowSeconds per second. */
export function createTokenBuckets(capacity: number, windowSeconds: number, what = "requests"): Quota {
  const perMs = capacity / (windowSeconds * 1000);
  const buckets = new Map<string, { tokens: number; at: number }>();
  const take = (key: string, now = Date.now()) => {
    // A full bucket is the same as no bucket: forget those so the map holds only active users.
    if (buckets.size >= 100_000)
      for (const [k, b] of buckets) if (b.tokens + (now - b.at) * perMs >= capacity) buckets.delete(k);
    const bucket = buckets.get(key) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return (1 - bucket.tokens) / perMs / 1000;
  };
  return {
    take,
    enforce(key) {
      const retryAfter = take(key);
      if (retryAfter > 0)
        throw new RateLimitedError(`too many ${what}; try again in ${Math.ceil(retryAfter)} s`, retryAfter);
    },
  };
}

/** quotaFrom builds a named quota, its count read from its environment variable (a positive integer) or the default. */
export function quotaFrom(name: QuotaName, env: Record<string, string | undefined>): Quota {
  const definition = quotaDefinitions[name];
  const raw = env[definition.env];
  if (raw !== undefined && raw !== "" && !/^[1-9][0-9]{0,8}$/.test(raw))
    throw new Error(`${definition.env}=${JSON.stringify(raw)}: must be a positive integer`);
  return createTokenBuckets(raw ? Number(raw) : definition.count, definition.windowSeconds, definition.what);
}
