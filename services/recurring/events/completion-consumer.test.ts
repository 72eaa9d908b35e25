import { expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import { RepeatFrom, TaskSchema } from "../../../gen/todo/v1/task_pb";
import { PoisonMessageError } from "../../platform/bus/event-codec";
import { localOccurrenceEngine } from "../domain/occurrence-engine";
import { generateNext } from "./completion-consumer";
import { completedTaskOf } from "./task-mapping";

const completed = completedTaskOf(
  create(TaskSchema, {
    id: "0190f0e0-0000-7000-8000-000000000001",
    title: "water the plants",
    dueAt: timestampFromDate(new Date("2026-12-01T09:00:00Z")),
    timeZone: "UTC",
    recurrence: { rrule: "FREQ=DAILY", repeatFrom: RepeatFrom.DUE },
  }),
  new Date("2026-12-01T09:05:00Z"),
)!;

/** refusing stands for an orchestrator whose CreateTask answers `code`. */
const refusing = (code: Code) => ({
  engine: localOccurrenceEngine,
  tasks: () =>
    ({
      createTask: async () => {
        throw new ConnectError("refused", code);
      },
    }) as never,
});

test("a completion whose account was deleted meanwhile ends the series: no retry, no dead letter", async () => {
  expect(await generateNext(completed, "event-1", refusing(Code.NotFound))).toEqual({
    kind: "ended",
    reason: "the account no longer exists",
  });
});

test("a next instance the orchestrator refuses for good is a poison message; an outage is retried", async () => {
  await expect(generateNext(completed, "event-2", refusing(Code.InvalidArgument))).rejects.toBeInstanceOf(
    PoisonMessageError,
  );
  const outage = generateNext(completed, "event-3", refusing(Code.Unavailable));
  await expect(outage).rejects.toBeInstanceOf(ConnectError);
  await expect(outage).rejects.not.toBeInstanceOf(PoisonMessageError);
});
