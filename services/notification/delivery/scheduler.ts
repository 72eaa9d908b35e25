import type { Db } from "../../platform/db/database";
import type { Logger } from "../../platform/logger";
import { claimDue, nextWakeAt, type ScheduleRow } from "../db/schedule-store";

/** SchedulerOptions tune when reminders are claimed and how many are delivered at once. */
export interface SchedulerOptions {
  db: Db;
  logger: Logger;
  /** deliver makes one attempt for a claimed row at (or after) its time; it answers when to try again, if ever. */
  deliver: (row: ScheduleRow) => Promise<Date | undefined>;
  /** Claim this long before a reminder's time, then wait for the exact time. */
  lookaheadMs: number;
  /** Look for changes made elsewhere (other replicas, expired leases) at least this often. */
  safetyPollMs: number;
  leaseMs?: number;
  batchSize?: number;
  concurrency?: number;
}

/** Scheduler fires reminders at their time. */
export interface Scheduler {
  /** wake re-arms the timer after a schedule change; `at` (the changed time) lets it skip needless work. */
  wake(at?: Date): void;
  /** stop ends the timer and waits for claimed reminders in flight. */
  stop(): Promise<void>;
}

function limiter(concurrency: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

/**
 * startScheduler runs the Postgres-backed reminder timer. One timer is armed for the earliest
 * claimable row (min of pending times and lease ends), fires `lookaheadMs` early, claims what is due
 * with SKIP LOCKED leases, and holds each claimed reminder until its exact time. Consumers wake it
 * after committing a change; a safety poll catches changes committed by other replicas. Rows already
 * due when it starts (the service was down) are claimed at once.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const { db, logger, lookaheadMs, safetyPollMs } = options;
  const leaseMs = options.leaseMs ?? 30_000;
  const batchSize = options.batchSize ?? 500;
  const limit = limiter(options.concurrency ?? 8);
  const inFlight = new Set<Promise<void>>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // armedUntil: every row claimable before this moment is covered by the armed timer.
  let armedUntil = 0;
  let pumping: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const arm = (next: Date | undefined, delayOnError?: number) => {
    clearTimeout(timer);
    if (stopped) return;
    const untilNext = next ? next.getTime() - Date.now() - lookaheadMs : safetyPollMs;
    const delay = delayOnError ?? Math.max(0, Math.min(untilNext, safetyPollMs));
    armedUntil = Date.now() + delay + lookaheadMs;
    timer = setTimeout(() => void pump(), delay);
  };

  const dispatch = (row: ScheduleRow) => {
    const fireAt = row.nextAttemptAt?.getTime() ?? Date.now();
    const work = (async () => {
      const wait = fireAt - Date.now();
      if (wait > 0) await Bun.sleep(wait);
      const retryAt = await limit(() => options.deliver(row));
      if (retryAt) wake(retryAt);
    })()
      .catch((error) => logger.error({ err: error, taskId: row.taskId }, "reminder delivery crashed; its lease will expire and it is retried"))
      .finally(() => inFlight.delete(work));
    inFlight.add(work);
  };

  const pump = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (pumping) {
      again = true;
      return pumping;
    }
    pumping = claimAll().finally(() => {
      pumping = undefined;
    });
    return pumping;
  };

  const claimAll = async (): Promise<void> => {
    try {
      do {
        again = false;
        let claimed: ScheduleRow[];
        do {
          const now = new Date();
          claimed = await claimDue(db, {
            horizon: new Date(now.getTime() + lookaheadMs),
            now,
            leaseMs,
            limit: batchSize,
            leaseId: crypto.randomUUID(),
          });
          for (const row of claimed) dispatch(row);
        } while (claimed.length === batchSize && !stopped);
        arm(await nextWakeAt(db));
      } while (again && !stopped);
    } catch (error) {
      if (stopped) return;
      logger.warn({ err: error }, "reminder scheduler could not claim; trying again shortly");
      arm(undefined, 1000);
    }
  };

  const wake = (at?: Date) => {
    if (at && !pumping && at.getTime() >= armedUntil) return;
    void pump();
  };

  void pump();
  return {
    wake,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await pumping;
      await Promise.allSettled([...inFlight]);
    },
  };
}
