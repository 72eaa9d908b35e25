import { Counter, type Registry } from "prom-client";
import type { Db } from "../../platform/db/database";
import type { Logger } from "../../platform/logger";
import {
  type AttemptRecord,
  type ClaimedDelivery,
  claimDue,
  pruneHistory,
  recordAttempts,
  releaseLease,
} from "../db/delivery-store";
import { nextStepAfterFailure } from "../domain/retry-schedule";
import { type AttemptLimits, type AttemptResult, sendAttempt } from "./send-attempt";

/** DispatcherOptions bound the dispatcher's work (WebhooksConfig). */
export interface DispatcherOptions {
  db: Db;
  logger: Logger;
  registry: Registry;
  limits: AttemptLimits;
  schedule: readonly number[];
  concurrency: number;
  endpointConcurrency: number;
  pollMs: number;
  historyDays: number;
  /** attemptsLog: how many attempts of a delivery the log keeps, and for how many days. */
  attemptsLog: { kept: number; days: number };
  /** delivered hears each successful attempt (the benchmark reads it; metrics too). */
  delivered?: (delivery: ClaimedDelivery, at: Date) => void;
}

function attemptCounter(registry: Registry): Counter<"outcome"> {
  const name = "webhook_attempts_total";
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<"outcome">;
  return new Counter({
    name,
    help: "Webhook delivery attempts, by outcome (succeeded, retry, dead)",
    labelNames: ["outcome"],
    registers: [registry],
  });
}

const pruneEveryMs = 3600_000;

/**
 * Dispatcher sends due deliveries: woken when the consumer queued some, and every `pollMs` for retries that
 * came due. It claims (leases) due rows — a task's later event only once its earlier one is done — and runs
 * up to `concurrency` attempts at once, `endpointConcurrency` per endpoint, so one slow receiver holds only its
 * own share. A database outage makes a pass fail; the next tick tries again (nothing is lost: rows stay pending).
 */
export class Dispatcher {
  private readonly inFlight = new Map<string, number>();
  private running = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private passing = false;
  private again = false;
  private stopped = true;
  private lastPrune = 0;
  private readonly attempts: Counter<"outcome">;
  private readonly idle = new Set<() => void>();
  /** Outcomes waiting to be written, and the write under way: attempts that end together are written together. */
  private unrecorded: AttemptRecord[] = [];
  private recording = false;

  constructor(private readonly options: DispatcherOptions) {
    this.attempts = attemptCounter(options.registry);
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), this.options.pollMs);
    this.wake();
  }

  /** stop ends polling and waits for attempts in flight (each bounded by the attempt timeout). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    if (this.isIdle()) return;
    await new Promise<void>((resolve) => this.idle.add(resolve));
  }

  /** wake asks for a pass now (coalesced: a pass under way runs once more after it). */
  wake(): void {
    if (this.stopped) return;
    if (this.passing) {
      this.again = true;
      return;
    }
    this.passing = true;
    void this.pass().finally(() => {
      this.passing = false;
      if (this.again && !this.stopped) {
        this.again = false;
        this.wake();
      } else this.settleIdle();
    });
  }

  /** isIdle: no pass, no attempt and no outcome waiting to be written. */
  private isIdle(): boolean {
    return this.running === 0 && !this.passing && !this.recording && this.unrecorded.length === 0;
  }

  private settleIdle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.idle) resolve();
    this.idle.clear();
  }

  private async pass(): Promise<void> {
    const { db, logger } = this.options;
    try {
      await this.pruneNow();
      const free = this.options.concurrency - this.running;
      if (free <= 0) return;
      const full = [...this.inFlight].filter(([, n]) => n >= this.options.endpointConcurrency).map(([id]) => id);
      const leaseMs = this.options.limits.timeoutMs * 2 + 5000;
      const claimed = await claimDue(db, free, leaseMs, full);
      const giveBack: string[] = [];
      for (const delivery of claimed) {
        const busy = this.inFlight.get(delivery.endpointId) ?? 0;
        if (busy >= this.options.endpointConcurrency) {
          giveBack.push(delivery.id);
          continue;
        }
        this.inFlight.set(delivery.endpointId, busy + 1);
        this.running++;
        void this.attempt(delivery).finally(() => {
          this.running--;
          const left = (this.inFlight.get(delivery.endpointId) ?? 1) - 1;
          if (left <= 0) this.inFlight.delete(delivery.endpointId);
          else this.inFlight.set(delivery.endpointId, left);
          this.wake();
          this.settleIdle();
        });
      }
      await releaseLease(db, giveBack);
      // A full batch may mean more are due: look again at once.
      if (claimed.length === free && giveBack.length === 0) this.again = true;
    } catch (error) {
      logger.warn({ err: error }, "webhook dispatch pass failed; trying again on the next tick");
    }
  }

  private async pruneNow(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPrune < pruneEveryMs) return;
    this.lastPrune = now;
    const { historyDays, attemptsLog } = this.options;
    await pruneHistory(this.options.db, new Date(now - historyDays * 86_400_000), {
      since: new Date(now - attemptsLog.days * 86_400_000),
      kept: attemptsLog.kept,
    });
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const { logger, schedule } = this.options;
    const started = performance.now();
    const result: AttemptResult = await sendAttempt(delivery, this.options.limits);
    const at = new Date();
    const attempt = delivery.attempts + 1;
    if (result.ok) this.options.delivered?.(delivery, at);
    const common = {
      id: delivery.id,
      attempt,
      at,
      statusCode: result.statusCode,
      durationMs: Math.round(performance.now() - started),
    };
    const step = result.ok ? null : nextStepAfterFailure(attempt, at, schedule);
    const record: AttemptRecord = result.ok
      ? { ...common, kind: "succeeded" }
      : step?.kind === "retry"
        ? { ...common, kind: "retry", error: result.error, nextAttemptAt: step.at }
        : { ...common, kind: "dead", error: result.error };
    this.attempts.inc({ outcome: record.kind });
    if (record.kind === "dead") logger.warn({ delivery: delivery.id, error: record.error }, "webhook dead-lettered");
    // The attempt's slot is free once the receiver answered; its delivery stays leased until the outcome is
    // written (so no pass takes it again meanwhile), and the task's next event waits for that write.
    this.unrecorded.push(record);
    void this.recordPending();
  }

  /**
   * recordPending writes the outcomes that ended since the last write in one statement, and again while more
   * came in meanwhile. A failed write leaves those deliveries pending under their leases; once the leases end
   * they are sent again (at least once: the receiver dedupes by webhook-id).
   */
  private async recordPending(): Promise<void> {
    if (this.recording) return;
    this.recording = true;
    try {
      while (this.unrecorded.length > 0) {
        const batch = this.unrecorded;
        this.unrecorded = [];
        await recordAttempts(this.options.db, batch).catch((error: unknown) =>
          this.options.logger.warn(
            { err: error, deliveries: batch.map((record) => record.id) },
            "webhook attempts not recorded; they will be sent again",
          ),
        );
        // A task's next event may be due now.
        this.wake();
      }
    } finally {
      this.recording = false;
      this.settleIdle();
    }
  }
}
