import type { Db } from "../../platform/db/database";
import type { Logger } from "../../platform/logger";
import { claimDue, nextWakeAt, type ScheduleRow } from "../db/schedule-store";

/** SchedulerOptions tune when reminders are claimed and how they are delivered. */
export interface SchedulerOptions {
  db: Db;
  logger: Logger;
  /** deliver delivers claimed rows that fell due together. */
  deliver: (rows: ScheduleRow[]) => Promise<void>;
  /** Claim this long before a reminder's time, then hold it until the exact time. */
  lookaheadMs: number;
  /** Look for changes made elsewhere (other replicas, expired leases) at least this often. */
  safetyPollMs: number;
  leaseMs?: number;
  claimBatch?: number;
  deliverBatch?: number;
  concurrency?: number;
}

/** Scheduler fires reminders at their time. */
export interface Scheduler {
  /** wake re-arms the timer after a schedule change or a retry; `at` (the new time) lets it skip needless work. */
  wake(at?: Date): void;
  /** stop claims nothing more and delivers what it already claimed. */
  stop(): Promise<void>;
}

const fireAt = (row: ScheduleRow) => row.nextAttemptAt?.getTime() ?? 0;

/**
 * startScheduler runs the Postgres-backed reminder timer. One timer is armed for the earliest
 * claimable row (the min of pending times and lease ends); it fires `lookaheadMs` early and claims
 * what is due with SKIP LOCKED leases, so replicas never take the same row. Claimed rows wait in
 * memory for their exact time, and rows due at the same moment are delivered as one batch.
 * Consumers wake it after committing a change; a safety poll catches changes made by other replicas.
 * Rows already due when it starts (the service was down) are claimed at once.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const { db, logger, lookaheadMs, safetyPollMs } = options;
  const leaseMs = options.leaseMs ?? 30_000;
  const claimBatch = options.claimBatch ?? 500;
  const deliverBatch = options.deliverBatch ?? 100;
  const concurrency = options.concurrency ?? 4;
  let claimTimer: ReturnType<typeof setTimeout> | undefined;
  let dueTimer: ReturnType<typeof setTimeout> | undefined;
  // armedUntil: every row claimable before this moment is covered by the armed claim timer.
  let armedUntil = 0;
  let pumping: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let lastClaimAt = 0;
  // Claimed rows waiting for their time (earliest first), rows due and not yet taken, batches in delivery.
  let waiting: ScheduleRow[] = [];
  let ready: ScheduleRow[] = [];
  const inFlight = new Set<Promise<void>>();

  const armClaim = (next: Date | undefined, delayOnError?: number) => {
    clearTimeout(claimTimer);
    if (stopped) return;
    const untilNext = next ? next.getTime() - Date.now() - lookaheadMs : safetyPollMs;
    // Claims are at least half a look-ahead apart: a row is still claimed that long before its time,
    // and a dense stretch of reminders costs a few claims a second, not one per reminder.
    const sinceLastClaim = Date.now() - lastClaimAt;
    const delay = delayOnError ?? Math.max(0, lookaheadMs / 2 - sinceLastClaim, Math.min(untilNext, safetyPollMs));
    armedUntil = Date.now() + delay + lookaheadMs;
    claimTimer = setTimeout(() => void pump(), delay);
  };

  // Under load, rows that fell due while every slot was busy go out together in the next batch.
  const runReady = () => {
    while (inFlight.size < concurrency && ready.length > 0) {
      const batch = ready.slice(0, deliverBatch);
      ready = ready.slice(deliverBatch);
      const work = options
        .deliver(batch)
        .catch((error) =>
          logger.error(
            { err: error, reminders: batch.length },
            "reminder delivery crashed; the leases expire and they are retried",
          ),
        )
        .finally(() => {
          inFlight.delete(work);
          runReady();
        });
      inFlight.add(work);
    }
  };

  const fireDue = () => {
    const now = Date.now();
    const split = waiting.findIndex((row) => fireAt(row) > now);
    const due = split === -1 ? waiting : waiting.slice(0, split);
    waiting = split === -1 ? [] : waiting.slice(split);
    ready = [...ready, ...due];
    runReady();
    armDue();
  };

  const armDue = () => {
    clearTimeout(dueTimer);
    const first = waiting[0];
    if (first) dueTimer = setTimeout(fireDue, Math.max(0, fireAt(first) - Date.now()));
  };

  const hold = (rows: ScheduleRow[]) => {
    if (rows.length === 0) return;
    waiting = [...waiting, ...rows].sort((a, b) => fireAt(a) - fireAt(b));
    armDue();
  };

  const claimAll = async (): Promise<void> => {
    try {
      do {
        again = false;
        let claimed: ScheduleRow[];
        do {
          const now = new Date();
          lastClaimAt = now.getTime();
          claimed = await claimDue(db, {
            horizon: new Date(now.getTime() + lookaheadMs),
            now,
            leaseMs,
            limit: claimBatch,
            leaseId: crypto.randomUUID(),
          });
          hold(claimed);
        } while (claimed.length === claimBatch && !stopped);
        armClaim(await nextWakeAt(db));
      } while (again && !stopped);
    } catch (error) {
      if (stopped) return;
      logger.warn({ err: error }, "reminder scheduler could not claim; trying again shortly");
      armClaim(undefined, 1000);
    }
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

  const wake = (at?: Date) => {
    if (at && !pumping && at.getTime() >= armedUntil) return;
    void pump();
  };

  void pump();
  return {
    wake,
    async stop() {
      stopped = true;
      clearTimeout(claimTimer);
      await pumping;
      // What was claimed is delivered (it is at most `lookaheadMs` away) rather than left leased.
      while (waiting.length > 0 || ready.length > 0 || inFlight.size > 0) {
        await Promise.race([Bun.sleep(10), ...inFlight]);
      }
      clearTimeout(dueTimer);
    },
  };
}
