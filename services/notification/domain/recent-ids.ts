/** RecentIds remembers ids for a while, at most `max` of them, oldest forgotten first. */
export interface RecentIds {
  /** firstTime records the id and says whether it was not already remembered. */
  firstTime(id: string): boolean;
  readonly size: number;
}

/** createRecentIds remembers each id for ttlMs (and at most `max` ids), so a repeat within that time is recognised. */
export function createRecentIds(options: { ttlMs: number; max: number; now?: () => number }): RecentIds {
  const now = options.now ?? Date.now;
  // Insertion order is expiry order (one ttl for all), so forgetting always starts at the front.
  const expiries = new Map<string, number>();
  const forget = (at: number) => {
    for (const [id, expiry] of expiries) {
      if (expiry > at && expiries.size <= options.max) break;
      expiries.delete(id);
    }
  };
  return {
    firstTime(id) {
      const at = now();
      forget(at);
      if (expiries.has(id)) return false;
      expiries.set(id, at + options.ttlMs);
      forget(at);
      return true;
    },
    get size() {
      return expiries.size;
    },
  };
}
