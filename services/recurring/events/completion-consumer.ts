import { create, isMessage } from "@bufbuild/protobuf";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { type Client, Code, ConnectError } from "@connectrpc/connect";
import { and, eq } from "drizzle-orm";
import { RecurringTaskGeneratedSchema } from "../../../gen/todo/events/v1/audit_events_pb";
import { TaskCompletedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import type { Task } from "../../../gen/todo/v1/task_pb";
import type { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { SUBTASK_DEPTH_MAX } from "../../../vocabulary/organise";
import type { ReceivedMessage } from "../../platform/bus/event-bus";
import {
  type DecodedEvent,
  decodeEvent,
  newEventMeta,
  PoisonMessageError,
  topics,
} from "../../platform/bus/event-codec";
import { enqueueEvents } from "../../platform/bus/outbox";
import type { Db } from "../../platform/db/database";
import type { Logger } from "../../platform/logger";
import { runInScope } from "../../platform/request-context";
import { outbox, processedEvents } from "../db/schema";
import { InvalidRuleError } from "../domain/next-occurrence";
import type { OccurrenceEngine } from "../domain/occurrence-engine";
import { type CompletedTask, nextInstance, nextStep } from "../domain/series";
import { completedTaskOf, createTaskRequestOf } from "./task-mapping";

/** The CloudEvents source of what this service publishes. */
const eventSource = "/taskmesh/recurring";

/** Outcome of one completion: the next instance (new, or the one an earlier attempt made) or an ended rule. */
export type Outcome = { kind: "created"; task: Task } | { kind: "ended"; reason: string };

export interface CompletionConsumerDeps {
  db: Db;
  /** consumer is the group id, recorded with each processed event. */
  consumer: string;
  engine: OccurrenceEngine;
  tasks: () => Client<typeof TaskService>;
  logger: Logger;
  /** settled runs once a completion's outcome is final (created and recorded, or ended), e.g. to wake the outbox relay. */
  settled: (outcome: Outcome) => void;
}

/** createTaskTimeoutMs bounds one CreateTask call; the idempotent request id makes a retry after a timeout safe. */
const createTaskTimeoutMs = 10_000;

// Answers that will not change on a retry: the event goes to the DLQ at once.
const permanentCodes = new Set([
  Code.InvalidArgument,
  Code.FailedPrecondition,
  Code.PermissionDenied,
  Code.AlreadyExists,
  Code.OutOfRange,
]);

/**
 * recurringAncestor is the nearest ancestor of a task (from its parent up; a task has at most SUBTASK_DEPTH_MAX - 1) that
 * has a rule of its own, or null. A parent that is gone (NotFound) ends the walk: nothing above it carries the task.
 */
async function recurringAncestor(parentId: string, tasks: CompletionConsumerDeps["tasks"]): Promise<string | null> {
  let id = parentId;
  for (let level = 1; id && level < SUBTASK_DEPTH_MAX; level++) {
    let task: Task | undefined;
    try {
      ({ task } = await tasks().getTask({ id }, { timeoutMs: createTaskTimeoutMs }));
    } catch (error) {
      if (error instanceof ConnectError && error.code === Code.NotFound) return null;
      throw error;
    }
    if (!task) return null;
    if (task.recurrence?.rrule) return task.id;
    id = task.parentId;
  }
  return null;
}

/**
 * generateNext computes the next occurrence and creates it; CreateTask's request_id makes a repeat return the same task.
 * A subtask under a recurring task makes none: its recurring ancestor's next instance carries it (the checklist that
 * resets each time), so its own rule rests while an ancestor recurs — one copy, never two.
 */
export async function generateNext(
  completed: CompletedTask,
  eventId: string,
  deps: Pick<CompletionConsumerDeps, "engine" | "tasks">,
): Promise<Outcome> {
  const parentId = completed.place?.parentId;
  const carrier = parentId ? await recurringAncestor(parentId, deps.tasks) : null;
  if (carrier) {
    return { kind: "ended", reason: `a subtask of recurring task ${carrier}: its next instance carries this one` };
  }
  const step = nextStep(completed);
  if (step.kind === "ended") return step;
  let due: Date | null;
  try {
    due = await deps.engine.next(step.query);
  } catch (error) {
    if (error instanceof InvalidRuleError) throw new PoisonMessageError(error.message, { cause: error });
    throw error;
  }
  if (!due) return { kind: "ended", reason: "the rule has no occurrence after this one (UNTIL)" };
  try {
    // A bounded wait: a hung orchestrator answers DeadlineExceeded, which (like Unavailable) the consumer
    // waits out with backoff, never dead-letters (platform/bus/delivery.ts).
    const { task } = await deps
      .tasks()
      .createTask(createTaskRequestOf(nextInstance(completed, due), eventId), { timeoutMs: createTaskTimeoutMs });
    if (!task) throw new Error("CreateTask answered without a task");
    return { kind: "created", task };
  } catch (error) {
    // The owner is gone (account deleted after completing the task): the series ends with it; nothing to
    // retry and nothing for an operator to look at in the DLQ.
    if (error instanceof ConnectError && error.code === Code.NotFound)
      return { kind: "ended", reason: "the account no longer exists" };
    if (error instanceof ConnectError && permanentCodes.has(error.code)) {
      throw new PoisonMessageError(`CreateTask refused the next instance: ${Code[error.code]} ${error.rawMessage}`, {
        cause: error,
      });
    }
    throw error;
  }
}

function generatedEvent(decoded: DecodedEvent, completed: CompletedTask, next: Task) {
  return create(RecurringTaskGeneratedSchema, {
    meta: newEventMeta({
      userId: decoded.meta.userId,
      correlationId: decoded.meta.correlationId || decoded.meta.eventId,
      causationId: decoded.meta.eventId,
    }),
    completedTaskId: completed.id,
    nextTaskId: next.id,
    seriesId: next.recurrence?.seriesId || completed.seriesId || completed.id,
    nextDueAt: next.dueAt,
    title: next.title,
  });
}

/**
 * completionConsumer handles task-events for the recurring service. Each TaskCompleted of a recurring
 * task yields exactly one next instance:
 *  1. a completion already recorded in processed_events is skipped (redelivery);
 *  2. otherwise the next instance is created OUTSIDE any transaction, with the completion's event id
 *     as CreateTask's request_id, so a retry after a crash or a racing replica gets the same task back;
 *  3. then one transaction records (consumer, event id) and enqueues RecurringTaskGenerated; a racing
 *     replica that recorded it first wins and this one publishes nothing.
 * The RPC stays outside the transaction on purpose: in embedded mode every service shares one PGlite
 * connection, and the orchestrator's own transaction would wait forever on ours.
 * A TaskCompleted for a task completed again after a reopen is a new event, so it yields a new instance.
 */
export function completionConsumer(deps: CompletionConsumerDeps): (message: ReceivedMessage) => Promise<void> {
  const { db, consumer } = deps;
  const alreadyProcessed = async (eventId: string) =>
    (
      await db
        .select({ eventId: processedEvents.eventId })
        .from(processedEvents)
        .where(and(eq(processedEvents.consumer, consumer), eq(processedEvents.eventId, eventId)))
    ).length > 0;

  return async (message) => {
    const decoded = decodeEvent(message);
    if (!isMessage(decoded.event, TaskCompletedSchema) || !decoded.event.task) return;
    const eventTime = decoded.meta.occurredAt ? timestampDate(decoded.meta.occurredAt) : new Date();
    const completed = completedTaskOf(decoded.event.task, eventTime);
    if (!completed) return;
    if (!decoded.meta.userId) throw new PoisonMessageError("TaskCompleted has no user id in its envelope");
    const scope = { correlationId: decoded.meta.correlationId || decoded.meta.eventId, userId: decoded.meta.userId };
    await runInScope(scope, async () => {
      if (await alreadyProcessed(decoded.meta.eventId)) return;
      const outcome = await generateNext(completed, decoded.meta.eventId, deps);
      if (outcome.kind === "ended") {
        deps.logger.info({ taskId: completed.id, reason: outcome.reason }, "recurrence ended; no next instance");
        deps.settled(outcome);
        return;
      }
      const recorded = await db.transaction(async (tx) => {
        const rows = await tx
          .insert(processedEvents)
          .values({ consumer, eventId: decoded.meta.eventId })
          .onConflictDoNothing()
          .returning({ eventId: processedEvents.eventId });
        if (rows.length === 0) return false;
        const event = generatedEvent(decoded, completed, outcome.task);
        await enqueueEvents(tx, outbox, eventSource, [{ topic: topics.auditEvents, key: event.seriesId, event }]);
        return true;
      });
      if (recorded) deps.settled(outcome);
    });
  };
}
