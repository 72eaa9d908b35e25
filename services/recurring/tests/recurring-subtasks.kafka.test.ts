import { afterAll, beforeAll, expect, test } from "bun:test";
import { ProjectService } from "../../../gen/todo/v1/project_service_pb";
import { RepeatFrom, TaskStatus } from "../../../gen/todo/v1/task_pb";
import { TaskSort } from "../../../gen/todo/v1/task_service_pb";
import { projectMembers } from "../../orchestrator/db/schema";
import { createOrchestrator } from "../../orchestrator/orchestrator";
import { signedInClient } from "../../platform/testing/tokens";
import { waitFor } from "../../platform/testing/wait";
import { createRecurring } from "../recurring";
import { allTasks, signUp } from "../testing/helpers";
import { type RecurringStack, startRecurringStack } from "../testing/stack";

// Real Postgres + Kafka, the real orchestrator and the recurring module in process.
let env: RecurringStack;
beforeAll(async () => {
  env = await startRecurringStack([createOrchestrator, createRecurring]);
}, 60_000);
afterAll(() => env.stop());

test("a recurring parent's next instance lands in the same project and section and carries its checklist, reopened", async () => {
  const { tasks } = env.user;
  const projects = await signedInClient(ProjectService, env.stack, env.user.userId);
  const { project } = await projects.createProject({ name: "Home" });
  const { section } = await projects.createSection({ projectId: project!.id, name: "Weekly" });
  const { task: chores } = await tasks.createTask({
    title: "weekly chores",
    sectionId: section!.id,
    dueAt: { seconds: 1_900_000_000n },
    recurrence: { rrule: "FREQ=WEEKLY", repeatFrom: RepeatFrom.DUE },
  });
  const { task: plants } = await tasks.createTask({ title: "water plants", parentId: chores!.id });
  await tasks.createTask({ title: "fern", parentId: plants!.id });
  await tasks.createTask({ title: "bins", parentId: chores!.id });
  await tasks.completeTask({ id: chores!.id });
  // The checklist was completed with its parent.
  expect((await tasks.getTask({ id: plants!.id })).task!.status).toBe(TaskStatus.COMPLETED);

  const [, next] = await waitFor("the next instance", async () => {
    const series = await env.series(chores!.id);
    return series.length >= 2 && series;
  });
  expect(next).toMatchObject({ projectId: project!.id, sectionId: section!.id, status: TaskStatus.OPEN });
  const checklist = await waitFor("the copied checklist", async () => {
    const { tasks: children } = await tasks.listTasks({ parentId: next!.id, sort: TaskSort.MANUAL });
    return children.length === 2 && children;
  });
  expect(checklist.map((t) => [t.title, t.status])).toEqual([
    ["water plants", TaskStatus.OPEN],
    ["bins", TaskStatus.OPEN],
  ]);
  expect((await tasks.listTasks({ parentId: checklist[0]!.id })).tasks.map((t) => t.title)).toEqual(["fern"]);
  // Once: a barrier after the completion finds no second copy.
  await env.barrier(chores!.id);
  expect((await tasks.listTasks({ parentId: next!.id })).tasks).toHaveLength(2);
}, 60_000);

test("a recurring subtask of a recurring parent is carried once, by the parent, and never recurs on its own", async () => {
  const { tasks } = env.user;
  const daily = { rrule: "FREQ=DAILY", repeatFrom: RepeatFrom.DUE };
  const { task: routine } = await tasks.createTask({
    title: "morning routine",
    dueAt: { seconds: 1_900_000_000n },
    recurrence: { rrule: "FREQ=WEEKLY", repeatFrom: RepeatFrom.DUE },
  });
  const { task: stretch } = await tasks.createTask({
    title: "stretch",
    parentId: routine!.id,
    dueAt: { seconds: 1_900_000_000n },
    recurrence: daily,
  });
  const { task: deep } = await tasks.createTask({
    title: "neck",
    parentId: stretch!.id,
    dueAt: { seconds: 1_900_000_000n },
    recurrence: daily,
  });
  // Ticked alone in the checklist: its own rule rests while the parent recurs.
  await tasks.completeTask({ id: deep!.id });
  await tasks.completeTask({ id: routine!.id });
  const [, next] = await waitFor("the parent's next instance", async () => {
    const series = await env.series(routine!.id);
    return series.length >= 2 && series;
  });
  const carried = await waitFor("the carried checklist", async () => {
    const { tasks: children } = await tasks.listTasks({ parentId: next!.id });
    return children.length === 1 && children;
  });
  expect(carried.map((t) => [t.title, t.status, t.recurrence?.rrule])).toEqual([
    ["stretch", TaskStatus.OPEN, "FREQ=DAILY"],
  ]);
  expect((await tasks.listTasks({ parentId: carried[0]!.id })).tasks.map((t) => [t.title, t.status])).toEqual([
    ["neck", TaskStatus.OPEN],
  ]);
  await env.barrier(routine!.id);
  await env.barrier(stretch!.id);
  await env.barrier(deep!.id);
  // No instance of the subtasks' own series: under the old parent or anywhere else.
  expect((await env.series(stretch!.id)).map((t) => t.id)).toEqual([stretch!.id]);
  expect((await env.series(deep!.id)).map((t) => t.id)).toEqual([deep!.id]);
  expect((await tasks.listTasks({ parentId: routine!.id })).tasks.map((t) => t.title)).toEqual(["stretch"]);
  const titles = (await allTasks(env.user)).map((t) => t.title).filter((t) => t === "stretch" || t === "neck");
  expect(titles.sort()).toEqual(["neck", "neck", "stretch", "stretch"]);
}, 60_000);

test("a recurring subtask of a one-off parent still recurs, under the same parent", async () => {
  const { tasks } = env.user;
  const { task: trip } = await tasks.createTask({ title: "trip prep" });
  const { task: pills } = await tasks.createTask({
    title: "pills",
    parentId: trip!.id,
    dueAt: { seconds: 1_900_000_000n },
    recurrence: { rrule: "FREQ=DAILY", repeatFrom: RepeatFrom.DUE },
  });
  await tasks.completeTask({ id: pills!.id });
  const [, next] = await waitFor("the subtask's next instance", async () => {
    const series = await env.series(pills!.id);
    return series.length >= 2 && series;
  });
  expect(next).toMatchObject({ parentId: trip!.id, status: TaskStatus.OPEN, title: "pills" });
}, 60_000);

test("the next instance of an assigned task in a shared project keeps its project, section, assignee and subtasks", async () => {
  const { tasks } = env.user;
  const projects = await signedInClient(ProjectService, env.stack, env.user.userId);
  const { project } = await projects.createProject({ name: "Shared chores" });
  const { section } = await projects.createSection({ projectId: project!.id, name: "Monthly" });
  // A member (the row as ShareService's accepted invitation writes it: the sharing flow is share.pg's to test).
  const member = await signUp(env.stack.baseUrl, "Asia/Karachi");
  const now = new Date();
  await env.stack.deps.database.db
    .insert(projectMembers)
    .values({ projectId: project!.id, userId: member.userId, role: "editor", createdAt: now, updatedAt: now });
  const { task: rent } = await tasks.createTask({
    title: "pay rent",
    sectionId: section!.id,
    assigneeId: member.userId,
    dueAt: { seconds: 1_900_000_000n },
    recurrence: { rrule: "FREQ=MONTHLY", repeatFrom: RepeatFrom.DUE },
  });
  await tasks.createTask({ title: "transfer", parentId: rent!.id });
  await member.tasks.completeTask({ id: rent!.id });
  const [, next] = await waitFor("the next instance", async () => {
    const series = await env.series(rent!.id);
    return series.length >= 2 && series;
  });
  expect(next).toMatchObject({
    projectId: project!.id,
    sectionId: section!.id,
    assigneeId: member.userId,
    status: TaskStatus.OPEN,
  });
  const checklist = await waitFor("the copied checklist", async () => {
    const { tasks: children } = await tasks.listTasks({ parentId: next!.id });
    return children.length === 1 && children;
  });
  expect(checklist.map((t) => [t.title, t.status])).toEqual([["transfer", TaskStatus.OPEN]]);
  // The assignee sees it as theirs.
  expect((await member.tasks.listTasks({ assignedToMe: true })).tasks.map((t) => t.id)).toContain(next!.id);
}, 60_000);
