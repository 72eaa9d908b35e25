import { expect, test } from "bun:test";
import { create, createRegistry } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { EventMetaSchema } from "../../../gen/todo/events/v1/envelope_pb";
import { file_todo_events_v1_task_events, TaskCompletedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import { webhookIdOf, webhookPayload } from "./webhook-payload";

test("the payload is {type, timestamp, data} with the event as protobuf JSON", () => {
  const at = new Date("2026-03-01T10:00:00Z");
  const event = create(TaskCompletedSchema, {
    meta: create(EventMetaSchema, { eventId: "e1", userId: "u1", occurredAt: timestampFromDate(at) }),
    task: { id: "t1", title: "کتاب پڑھنا" },
  });
  const body = JSON.parse(
    webhookPayload({
      type: "task.completed",
      occurredAt: at,
      schema: TaskCompletedSchema,
      event,
      registry: createRegistry(file_todo_events_v1_task_events),
    }),
  );
  expect(body.type).toBe("task.completed");
  expect(body.timestamp).toBe("2026-03-01T10:00:00.000Z");
  expect(body.data.meta.eventId).toBe("e1");
  expect(body.data.task.title).toBe("کتاب پڑھنا");
});

test("the webhook-id is the delivery's id behind msg_", () => {
  const id = crypto.randomUUID();
  expect(webhookIdOf(id)).toBe(`msg_${id}`);
});
