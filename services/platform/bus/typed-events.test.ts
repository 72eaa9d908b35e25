import { expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { SessionRevokedSchema } from "../../../gen/todo/events/v1/audit_events_pb";
import { TaskCompletedSchema, TaskCreatedSchema, TaskDeletedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import type { Tx } from "../db/database";
import type { ReceivedMessage } from "./event-bus";
import { decodeEvent, type EventMessage, encodeEvent, newEventMeta } from "./event-codec";
import { handlerTable, narrowTo, on, onMessage } from "./typed-events";

const meta = () => newEventMeta({ userId: "u1", correlationId: "c1" });
const received = (event: EventMessage): ReceivedMessage => ({
  ...encodeEvent(event, "k", "/test"),
  topic: "task-events",
  partition: 0,
  offset: "0",
});
const completed = create(TaskCompletedSchema, { meta: meta(), task: { id: "t1", title: "done" } });
const deleted = create(TaskDeletedSchema, { meta: meta(), task: { id: "t2", title: "gone" } });
const created = create(TaskCreatedSchema, { meta: meta(), task: { id: "t3", title: "new" } });
const noTx = {} as Tx;

test("on() names its types from the schemas and hands the handler the typed message", async () => {
  const seen: string[] = [];
  const handler = on([TaskCompletedSchema, TaskDeletedSchema], async ({ event }) => {
    seen.push(`${event.$typeName}:${event.task?.id}`);
  });
  expect(handler.types).toEqual(["todo.events.v1.TaskCompleted", "todo.events.v1.TaskDeleted"]);
  await handler.handle(decodeEvent(received(completed)), noTx);
  await handler.handle(decodeEvent(received(deleted)), noTx);
  expect(seen).toEqual(["todo.events.v1.TaskCompleted:t1", "todo.events.v1.TaskDeleted:t2"]);
  // A type it does not name never reaches the handler's body.
  await expect(handler.handle(decodeEvent(received(created)), noTx)).rejects.toThrow(
    "received todo.events.v1.TaskCreated",
  );
});

test("handlerTable refuses two handlers for one type", () => {
  const noop = async () => {};
  expect(() =>
    handlerTable([on(TaskCompletedSchema, noop), on([TaskDeletedSchema, TaskCompletedSchema], noop)]),
  ).toThrow("two handlers for todo.events.v1.TaskCompleted");
  expect([...handlerTable([on(TaskCompletedSchema, noop), on(TaskDeletedSchema, noop)]).keys()]).toEqual([
    "todo.events.v1.TaskCompleted",
    "todo.events.v1.TaskDeleted",
  ]);
});

test("narrowTo gives the event only for a matching schema", () => {
  const decoded = decodeEvent(received(completed));
  expect(narrowTo(decoded, TaskCompletedSchema)?.event.task?.title).toBe("done");
  expect(narrowTo(decoded, [TaskCreatedSchema, TaskDeletedSchema])).toBeUndefined();
});

test("onMessage skips other types before decoding them and passes its own typed", async () => {
  const revoked: string[] = [];
  const handle = onMessage(SessionRevokedSchema, ({ event }) => {
    revoked.push(event.sessionId);
  });
  // An undecodable body of another type is skipped by its header, not dead-lettered.
  await handle({ ...received(created), value: new Uint8Array([0xff, 0xff]) });
  await handle(received(create(SessionRevokedSchema, { meta: meta(), sessionId: "s1" })));
  expect(revoked).toEqual(["s1"]);
  // An undecodable body of its own type is poison.
  await expect(
    handle({
      ...received(create(SessionRevokedSchema, { meta: meta(), sessionId: "s2" })),
      value: new Uint8Array([0xff, 0xff]),
    }),
  ).rejects.toThrow("cannot decode");
});
