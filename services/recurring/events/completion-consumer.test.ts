import { expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import { RepeatFrom, type Task, TaskSchema } from "../../../gen/todo/v1/task_pb";
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

/** orchestratorWith stands for an orchestrator holding `tasks` (by id) that records each CreateTask it is asked. */
function orchestratorWith(tasks: Task[]) {
  const created: string[] = [];
  const byId = new Map(tasks.map((t) => [t.id, t]));
  return {
    created,
    deps: {
      engine: localOccurrenceEngine,
      tasks: () =>
        ({
          getTask: async ({ id }: { id: string }) => {
            const task = byId.get(id);
            if (!task) throw new ConnectError("not found", Code.NotFound);
            return { task };
          },
          createTask: async (req: { title: string }) => {
            created.push(req.title);
            return { task: create(TaskSchema, { id: "0190f0e0-0000-7000-8000-0000000000ff", title: req.title }) };
          },
        }) as never,
    },
  };
}

const weekly = { rrule: "FREQ=WEEKLY", repeatFrom: RepeatFrom.DUE };
const subtaskOf = (parentId: string) =>
  completedTaskOf(
    create(TaskSchema, {
      id: "0190f0e0-0000-7000-8000-000000000010",
      title: "water plants",
      parentId,
      dueAt: timestampFromDate(new Date("2026-12-01T09:00:00Z")),
      recurrence: { rrule: "FREQ=DAILY", repeatFrom: RepeatFrom.DUE },
    }),
    new Date("2026-12-01T09:05:00Z"),
  )!;

test("a recurring subtask under a recurring task (at any level above) makes no next instance of its own", async () => {
  const grandparent = create(TaskSchema, { id: "0190f0e0-0000-7000-8000-000000000020", recurrence: weekly });
  const parent = create(TaskSchema, { id: "0190f0e0-0000-7000-8000-000000000021", parentId: grandparent.id });
  const orchestrator = orchestratorWith([grandparent, parent]);
  expect(await generateNext(subtaskOf(parent.id), "event-4", orchestrator.deps)).toEqual({
    kind: "ended",
    reason: `a subtask of recurring task ${grandparent.id}: its next instance carries this one`,
  });
  expect(orchestrator.created).toEqual([]);
});

test("a recurring subtask whose ancestors do not recur (or are gone) still makes its next instance", async () => {
  const parent = create(TaskSchema, { id: "0190f0e0-0000-7000-8000-000000000030", title: "one-off trip" });
  const plain = orchestratorWith([parent]);
  expect((await generateNext(subtaskOf(parent.id), "event-5", plain.deps)).kind).toBe("created");
  expect(plain.created).toEqual(["water plants"]);
  const orphan = orchestratorWith([]);
  expect((await generateNext(subtaskOf(parent.id), "event-6", orphan.deps)).kind).toBe("created");
});
