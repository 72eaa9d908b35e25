import { clone, create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { TaskCompletedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import { type Task, TaskSchema, TaskStatus } from "../../../gen/todo/v1/task_pb";
import { type BusMessage, encodeEvent, newEventMeta } from "../../platform/bus/event-codec";

/**
 * completionMessage builds the TaskCompleted the orchestrator would publish for a task, with a fresh
 * event id — for tests that need a completion the consumer has not seen, under a chosen Kafka key.
 */
export function completionMessage(userId: string, task: Task, key = task.id): { message: BusMessage; eventId: string } {
  const completed = clone(TaskSchema, task);
  completed.status = TaskStatus.COMPLETED;
  completed.completedAt = timestampFromDate(new Date());
  const meta = newEventMeta({ userId, correlationId: crypto.randomUUID() });
  const event = create(TaskCompletedSchema, { meta, task: completed });
  return { message: encodeEvent(event, key, "/taskmesh/recurring-test"), eventId: meta.eventId };
}
