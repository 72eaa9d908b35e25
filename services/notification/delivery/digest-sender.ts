import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { FilterService } from "../../../gen/todo/v1/filter_service_pb";
import type { Task } from "../../../gen/todo/v1/task_pb";
import type { Db } from "../../platform/db/database";
import type { Logger } from "../../platform/logger";
import { runInScope } from "../../platform/request-context";
import type { ClientFactory } from "../../platform/rpc/clients";
import { claimDigests, type DigestRow, settleDigest } from "../db/digest-store";
import { readPreferences } from "../db/inbox-store";
import { composeDigest, type DigestTask, digestLanguageOf } from "../domain/digest-message";
import { planDigest, upcomingDigestAt } from "../domain/digest-time";
import { afterFailure, type RetryPolicy } from "../domain/retry";
import type { Mailer } from "./mailer";
import type { ProfileLookup } from "./profile-lookup";

/** DigestDay is what one user's digest lists: overdue and due today, in the user's zone. */
interface DigestDay {
  overdue: DigestTask[];
  today: DigestTask[];
}

/** DigestSource reads a user's day; by default FilterService.ListToday on the orchestrator, as the user. */
export type DigestSource = (userId: string, now: Date) => Promise<DigestDay>;

const digestTask = (task: Task): DigestTask => ({
  title: task.title,
  dueAt: task.dueAt ? timestampDate(task.dueAt) : null,
  dueDateOnly: task.dueDateOnly,
});

/**
 * filterServiceDigestSource asks the orchestrator's Today view for the user (the same rule the web's Today uses:
 * their own tasks and those of projects shared with them) and keeps the tasks that are the user's to do, as
 * Todoist's Today does: a task assigned to someone else is theirs, not this user's (the owner's digest leaves it
 * out; the assignee's, built the same way, has it).
 */
export function filterServiceDigestSource(clients: ClientFactory): DigestSource {
  return async (userId, now) => {
    const day = await runInScope({ correlationId: crypto.randomUUID(), userId }, () =>
      clients.client(FilterService, "orchestrator").listToday({ referenceTime: timestampFromDate(now) }),
    );
    const mine = (task: Task) => task.assigneeId === "" || task.assigneeId === userId;
    return { overdue: day.overdue.filter(mine).map(digestTask), today: day.today.filter(mine).map(digestTask) };
  };
}

/** DigestDeps is what sending digests needs. */
export interface DigestDeps {
  db: Db;
  logger: Logger;
  mailer: Mailer;
  profiles: ProfileLookup;
  source: DigestSource;
  retry: RetryPolicy;
}

/** DigestOutcome says what one due digest did. */
type DigestOutcome = "sent" | "empty" | "no-address" | "waiting" | "retry" | "failed" | "lost-claim";

/**
 * sendDigest handles one claimed digest: reads the profile (zone, language, verified address) afresh, decides
 * (planDigest) whether today's is due, reads the day, sends, and records the day with the next run — only if its
 * claim still holds. An empty day (nothing overdue or due) and a user without a verified address send nothing
 * and count the day as done. The email's Message-ID names user and day, so a resend after a crash between the
 * SMTP answer and the record is one message to the reader's mail client.
 */
async function sendDigest(deps: DigestDeps, row: DigestRow & { leaseId: string }): Promise<DigestOutcome> {
  const claim = { userId: row.userId, leaseId: row.leaseId };
  const now = new Date();
  try {
    const [profile, prefs] = await Promise.all([
      deps.profiles(row.userId, crypto.randomUUID()),
      readPreferences(deps.db, row.userId),
    ]);
    if (!profile) {
      // The account is gone; its AccountDeleted removes the row.
      await settleDigest(deps.db, claim, { nextRunAt: new Date(now.getTime() + 86_400_000) });
      return "no-address";
    }
    const plan = planDigest(now, prefs.digestTime, profile.timeZone, row.lastSentDate);
    if (plan.kind === "wait") {
      await settleDigest(deps.db, claim, { nextRunAt: plan.until, timeZone: profile.timeZone, attempts: 0 });
      return "waiting";
    }
    const done = {
      lastSentDate: plan.day,
      nextRunAt: upcomingDigestAt(now, prefs.digestTime, profile.timeZone, plan.day),
      timeZone: profile.timeZone,
      attempts: 0,
      lastError: null,
    };
    if (!profile.email) {
      deps.logger.info({ userId: row.userId }, "no verified email address; daily digest skipped");
      return (await settleDigest(deps.db, claim, done)) ? "no-address" : "lost-claim";
    }
    const day = await deps.source(row.userId, now);
    if (day.overdue.length === 0 && day.today.length === 0)
      return (await settleDigest(deps.db, claim, done)) ? "empty" : "lost-claim";
    const content = composeDigest({
      language: digestLanguageOf(prefs.digestLanguage, profile.locale),
      day: plan.day,
      timeZone: profile.timeZone,
      ...day,
    });
    await deps.mailer.send({
      to: profile.email,
      subject: content.subject,
      text: content.body,
      messageId: `<digest-${row.userId}-${plan.day}@taskmesh>`,
    });
    return (await settleDigest(deps.db, claim, done)) ? "sent" : "lost-claim";
  } catch (error) {
    const outcome = afterFailure(row.attempts, deps.retry, now);
    const message = error instanceof Error ? error.message : String(error);
    deps.logger.warn({ err: error, userId: row.userId, attempt: outcome.attempts }, "daily digest failed");
    if (outcome.kind === "retry") {
      await settleDigest(deps.db, claim, {
        nextRunAt: outcome.nextAttemptAt,
        attempts: outcome.attempts,
        lastError: message,
      });
      return "retry";
    }
    // Retries spent: this day is given up, the next one is tried as usual.
    await settleDigest(deps.db, claim, {
      nextRunAt: new Date(now.getTime() + 86_400_000),
      attempts: 0,
      lastError: message,
    });
    return "failed";
  }
}

/** DigestScheduler sends due digests. */
export interface DigestScheduler {
  /** wake looks for due digests now (after a preference change on this replica). */
  wake(): void;
  stop(): Promise<void>;
}

/**
 * startDigestScheduler claims due digests every `pollMs` (and on wake) with SKIP LOCKED leases, so each digest is
 * handled by one replica at a time, and sends them `concurrency` at a time.
 */
export function startDigestScheduler(
  deps: DigestDeps & { pollMs: number; leaseMs?: number; batch?: number },
): DigestScheduler {
  const leaseMs = deps.leaseMs ?? 60_000;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const runOnce = async () => {
    do {
      again = false;
      const claimed = await claimDigests(deps.db, {
        now: new Date(),
        leaseMs,
        limit: deps.batch ?? 50,
        leaseId: crypto.randomUUID(),
      });
      for (let i = 0; i < claimed.length; i += 4) {
        await Promise.all(claimed.slice(i, i + 4).map((row) => sendDigest(deps, { ...row, leaseId: row.leaseId! })));
      }
      if (claimed.length === (deps.batch ?? 50)) again = true;
    } while (again && !stopped);
  };

  const tick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = runOnce()
      .catch((error) => deps.logger.warn({ err: error }, "digest scheduler could not claim; trying again shortly"))
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(tick, deps.pollMs);
      });
  };

  tick();
  return {
    wake: tick,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
