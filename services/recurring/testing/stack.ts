import { isMessage } from "@bufbuild/protobuf";
import { type RecurringTaskGenerated, RecurringTaskGeneratedSchema } from "../../../gen/todo/events/v1/audit_events_pb";
import { TaskCompletedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import { RepeatFrom, type Task } from "../../../gen/todo/v1/task_pb";
import type { ReceivedMessage } from "../../platform/bus/event-bus";
import { type BusMessage, decodeEvent, dlqTopic, type EventMessage, topics } from "../../platform/bus/event-codec";
import type { ServiceFactory } from "../../platform/service";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { startGroupAtEnd } from "../../platform/testing/kafka-groups";
import { waitFor } from "../../platform/testing/wait";
import { completionMessage } from "./events";
import { allTasks, signUp, type User } from "./helpers";

/** RecurringStack is a test stack plus a signed-in user and listeners on the topics recurring touches. */
export interface RecurringStack {
  stack: TestStack;
  /** group is the recurring consumer's group (unique per stack). */
  group: string;
  user: User;
  /** completions are the TaskCompleted messages seen on task-events, by task id. */
  completions: Map<string, ReceivedMessage>;
  /** generated are the RecurringTaskGenerated events seen on audit-events. */
  generated: RecurringTaskGenerated[];
  /** dead are the messages dead-lettered from task-events by the recurring group. */
  dead: ReceivedMessage[];
  publish(...messages: BusMessage[]): Promise<void>;
  /** series lists the user's tasks of one series, by occurrence. */
  series(seriesId: string): Promise<Task[]>;
  /**
   * barrier publishes a fresh completion under `key` (so on the same partition, after what was
   * published under it before) and waits for its next instance: everything before it was handled.
   */
  barrier(key: string): Promise<void>;
  stop(): Promise<void>;
}

/** The listeners only watch: a poison message is the recurring consumer's to dead-letter, not theirs. */
function decodedOrNothing(message: BusMessage): EventMessage | undefined {
  try {
    return decodeEvent(message).event;
  } catch {
    return undefined;
  }
}

/** startRecurringStack runs the given modules with real Postgres and Kafka, reading only new messages. */
export async function startRecurringStack(
  factories: ServiceFactory[],
  env: Record<string, string> = {},
): Promise<RecurringStack> {
  const run = crypto.randomUUID().slice(0, 8);
  const group = `recurring-test-${run}`;
  const watch = { events: `recurring-watch-${run}`, audit: `recurring-audit-${run}`, dlq: `recurring-dlq-${run}` };
  await Promise.all([
    startGroupAtEnd(group, topics.taskEvents),
    startGroupAtEnd(watch.events, topics.taskEvents),
    startGroupAtEnd(watch.audit, topics.auditEvents),
    startGroupAtEnd(watch.dlq, dlqTopic(topics.taskEvents)),
  ]);
  const stack = await startTestStack(factories, { env: { RECURRING_CONSUMER_GROUP: group, ...env } });
  const completions = new Map<string, ReceivedMessage>();
  const generated: RecurringTaskGenerated[] = [];
  const dead: ReceivedMessage[] = [];
  const bus = stack.deps.bus;
  await bus.subscribe({
    groupId: watch.events,
    topics: [topics.taskEvents],
    handle: async (message) => {
      if (message.headers.ce_type !== TaskCompletedSchema.typeName) return;
      const event = decodedOrNothing(message);
      if (event && isMessage(event, TaskCompletedSchema) && event.task) completions.set(event.task.id, message);
    },
  });
  await bus.subscribe({
    groupId: watch.audit,
    topics: [topics.auditEvents],
    handle: async (message) => {
      if (message.headers.ce_type !== RecurringTaskGeneratedSchema.typeName) return;
      const event = decodedOrNothing(message);
      if (event && isMessage(event, RecurringTaskGeneratedSchema)) generated.push(event);
    },
  });
  await bus.subscribe({
    groupId: watch.dlq,
    topics: [dlqTopic(topics.taskEvents)],
    handle: async (message) => {
      if (message.headers["x-dlq-consumer-group"] === group) dead.push(message);
    },
  });
  const user = await signUp(stack.baseUrl, "America/New_York");
  const publish = (...messages: BusMessage[]) => bus.publish(topics.taskEvents, messages);
  const series = async (seriesId: string) =>
    (await allTasks(user))
      .filter((t) => t.recurrence?.seriesId === seriesId)
      .sort((a, b) => (a.recurrence?.occurrence ?? 0) - (b.recurrence?.occurrence ?? 0));

  return {
    stack,
    group,
    user,
    completions,
    generated,
    dead,
    publish,
    series,
    async barrier(key) {
      const { task } = await user.tasks.createTask({
        title: `barrier ${key}`,
        dueAt: { seconds: 1_900_000_000n },
        recurrence: { rrule: "FREQ=DAILY", repeatFrom: RepeatFrom.DUE },
      });
      await publish(completionMessage(user.userId, task!, key).message);
      await waitFor(`barrier after ${key}`, async () => (await series(task!.id)).length === 2);
    },
    stop: () => stack.stop(),
  };
}
