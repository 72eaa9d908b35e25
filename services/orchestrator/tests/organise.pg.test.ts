import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Client, ConnectError } from "@connectrpc/connect";
import { sql } from "drizzle-orm";
import { ProjectService, SectionTasks } from "../../../gen/todo/v1/project_service_pb";
import { TaskStatus } from "../../../gen/todo/v1/task_pb";
import { TaskSort } from "../../../gen/todo/v1/task_service_pb";
import { rowsOf } from "../../platform/db/database";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { codeOf } from "../../platform/testing/outcome";
import { connectClient } from "../../platform/testing/tokens";
import { createOrchestrator } from "../orchestrator";
import { registerSession, type Session } from "../testing/session";

let stack: TestStack;
let me: Session;
let projects: Client<typeof ProjectService>;

beforeAll(async () => {
  stack = await startTestStack([createOrchestrator], { kafka: false });
  me = await registerSession(stack.baseUrl);
  projects = connectClient(ProjectService, stack.baseUrl, me.accessToken);
}, 60_000);
afterAll(() => stack.stop(), 60_000);

const fieldOf = async (call: Promise<unknown>) => {
  try {
    await call;
    return "OK";
  } catch (error) {
    return ConnectError.from(error).rawMessage;
  }
};

/** outboxTypes lists the event types written since `since` (an outbox row count). */
const outboxCount = async () =>
  rowsOf<{ n: number }>(
    await stack.deps.database.db.execute(sql`select count(*)::int as n from orchestrator.outbox`),
  )[0]!.n;
const outboxTypesAfter = async (since: number) =>
  rowsOf<{ event_type: string }>(
    await stack.deps.database.db.execute(sql`select event_type from orchestrator.outbox order by id offset ${since}`),
  ).map((r) => r.event_type);

const titles = async (req: Parameters<Session["tasks"]["listTasks"]>[0]) =>
  (await me.tasks.listTasks({ sort: TaskSort.MANUAL, ...req })).tasks.map((t) => t.title);

describe("projects", () => {
  test("every user has one Inbox, listed first; a task given no project lands there", async () => {
    const { projects: list } = await projects.listProjects({});
    expect(list.filter((p) => p.inbox)).toHaveLength(1);
    expect(list[0]!.inbox).toBe(true);
    const { task } = await me.tasks.createTask({ title: "loose" });
    expect(task!.projectId).toBe(list[0]!.id);
    // The Inbox cannot be renamed, archived, moved or deleted.
    const inbox = list[0]!.id;
    expect(await codeOf(projects.deleteProject({ id: inbox }))).toBe("InvalidArgument");
    expect(await codeOf(projects.updateProject({ id: inbox, updateMask: { paths: ["name"] }, name: "Mine" }))).toBe(
      "InvalidArgument",
    );
    expect(
      await codeOf(projects.updateProject({ id: inbox, updateMask: { paths: ["archived"] }, archived: true })),
    ).toBe("InvalidArgument");
    const { project: work } = await projects.createProject({ name: "Nest test" });
    expect(await codeOf(projects.createProject({ name: "under inbox", parentId: inbox }))).toBe("InvalidArgument");
    await projects.deleteProject({ id: work!.id });
  });

  test("projects nest three levels at most, and never under themselves", async () => {
    const { project: a } = await projects.createProject({ name: "A", colour: "#FF0000" });
    expect(a!.colour).toBe("#ff0000");
    const { project: b } = await projects.createProject({ name: "B", parentId: a!.id });
    const { project: c } = await projects.createProject({ name: "C", parentId: b!.id });
    expect(await fieldOf(projects.createProject({ name: "D", parentId: c!.id }))).toContain("parent_id");
    // A cycle: A under its own grandchild.
    expect(
      await codeOf(projects.updateProject({ id: a!.id, updateMask: { paths: ["parent_id"] }, parentId: c!.id })),
    ).toBe("InvalidArgument");
    // Moving B (two levels: B, C) under a fresh top-level X makes three levels: fine; under X/Y it would be four.
    const { project: x } = await projects.createProject({ name: "X" });
    const { project: y } = await projects.createProject({ name: "Y", parentId: x!.id });
    expect(
      await codeOf(projects.updateProject({ id: b!.id, updateMask: { paths: ["parent_id"] }, parentId: y!.id })),
    ).toBe("InvalidArgument");
    const moved = await projects.updateProject({ id: b!.id, updateMask: { paths: ["parent_id"] }, parentId: x!.id });
    expect(moved.project!.parentId).toBe(x!.id);
    const { projects: list } = await projects.listProjects({});
    const names = list.map((p) => p.name);
    // Parents before children: X, then B (and its child C) and Y under it.
    expect(names.indexOf("X")).toBeLessThan(names.indexOf("B"));
    expect(names.indexOf("B")).toBeLessThan(names.indexOf("C"));
  });

  test("reordering a project writes its rank only, between its new neighbours", async () => {
    const made = [];
    for (const name of ["P1", "P2", "P3"]) made.push((await projects.createProject({ name, parentId: "" })).project!);
    const [p1, p2, p3] = made;
    const { project } = await projects.updateProject({
      id: p3!.id,
      updateMask: { paths: ["position"] },
      afterId: p1!.id,
    });
    expect(project!.rank > p1!.rank && project!.rank < p2!.rank).toBe(true);
    const order = (await projects.listProjects({})).projects.map((p) => p.name).filter((n) => /^P\d$/.test(n));
    expect(order).toEqual(["P1", "P3", "P2"]);
  });

  test("archiving hides a project's tasks from default lists; listing by the project still shows them", async () => {
    const { project } = await projects.createProject({ name: "Someday" });
    await me.tasks.createTask({ title: "archived-away", projectId: project!.id });
    const since = await outboxCount();
    await projects.updateProject({ id: project!.id, updateMask: { paths: ["archived"] }, archived: true });
    expect(await outboxTypesAfter(since)).toEqual(["todo.events.v1.ProjectArchived", "todo.events.v1.ProjectChanged"]);
    expect(await titles({ query: "archived-away" })).toEqual([]);
    expect(await titles({ query: "archived-away", includeArchivedProjects: true })).toEqual(["archived-away"]);
    expect(await titles({ projectId: project!.id })).toEqual(["archived-away"]);
    expect((await projects.listProjects({})).projects.map((p) => p.id)).not.toContain(project!.id);
    expect((await projects.listProjects({ includeArchived: true })).projects.map((p) => p.id)).toContain(project!.id);
    await projects.updateProject({ id: project!.id, updateMask: { paths: ["archived"] }, archived: false });
    expect(await titles({ query: "archived-away" })).toEqual(["archived-away"]);
  });

  test("deleting a project takes its tasks, sub-projects and sections; restoring brings back only those", async () => {
    const { project: trip } = await projects.createProject({ name: "Trip" });
    const { project: sub } = await projects.createProject({ name: "Trip/Food", parentId: trip!.id });
    const { section } = await projects.createSection({ projectId: trip!.id, name: "Before" });
    const { task: kept } = await me.tasks.createTask({ title: "deleted earlier", projectId: trip!.id });
    await me.tasks.deleteTask({ id: kept!.id });
    await me.tasks.createTask({ title: "passport", sectionId: section!.id });
    await me.tasks.createTask({ title: "snacks", projectId: sub!.id });
    const since = await outboxCount();
    const deleted = await projects.deleteProject({ id: trip!.id });
    expect(deleted.deletedTaskCount).toBe(2);
    const types = await outboxTypesAfter(since);
    expect(types.filter((t) => t === "todo.events.v1.TaskDeleted")).toHaveLength(2);
    expect(types.filter((t) => t === "todo.events.v1.ProjectDeleted")).toHaveLength(2);
    expect(await codeOf(projects.listSections({ projectId: trip!.id }))).toBe("NotFound");
    expect(await titles({ query: "passport" })).toEqual([]);
    const restored = await projects.restoreProject({ id: trip!.id });
    expect(restored.restoredTaskCount).toBe(2);
    expect(await titles({ query: "passport" })).toEqual(["passport"]);
    expect(await titles({ query: "snacks" })).toEqual(["snacks"]);
    // The task deleted before the project stays deleted.
    expect((await me.tasks.getTask({ id: kept!.id })).task!.deleted).toBe(true);
    expect((await projects.listSections({ projectId: trip!.id })).sections.map((s) => s.name)).toEqual(["Before"]);
    expect((await projects.getProject({ id: sub!.id })).project!.deleted).toBe(false);
  });
});

test("CreateProject and CreateSection are idempotent on request_id, also under concurrent retries", async () => {
  const requestId = crypto.randomUUID();
  const since = await outboxCount();
  const [a, b] = await Promise.all([
    projects.createProject({ name: "Once", requestId }),
    projects.createProject({ name: "Once (retry)", requestId }),
  ]);
  expect(a.project!.id).toBe(b.project!.id);
  expect((await projects.listProjects({})).projects.filter((p) => p.name.startsWith("Once"))).toHaveLength(1);
  const s1 = await projects.createSection({ projectId: a.project!.id, name: "Col", requestId });
  const s2 = await projects.createSection({ projectId: a.project!.id, name: "Col", requestId });
  expect(s1.section!.id).toBe(s2.section!.id);
  expect(await outboxTypesAfter(since)).toEqual([
    "todo.events.v1.ProjectCreated",
    "todo.events.v1.ProjectChanged",
    "todo.events.v1.SectionCreated",
    "todo.events.v1.SectionChanged",
  ]);
  // Another user's same request_id is another project.
  const other = await registerSession(stack.baseUrl);
  const theirs = await connectClient(ProjectService, stack.baseUrl, other.accessToken).createProject({
    name: "Once",
    requestId,
  });
  expect(theirs.project!.id).not.toBe(a.project!.id);
});

describe("sections", () => {
  test("deleting a section asks where its tasks go: to the project, or with it", async () => {
    const { project } = await projects.createProject({ name: "Board" });
    const { section: todo } = await projects.createSection({ projectId: project!.id, name: "To do" });
    const { section: doing } = await projects.createSection({ projectId: project!.id, name: "Doing" });
    expect((await projects.listSections({ projectId: project!.id })).sections.map((s) => s.name)).toEqual([
      "To do",
      "Doing",
    ]);
    await me.tasks.createTask({ title: "loose one", projectId: project!.id });
    await me.tasks.createTask({ title: "card 1", sectionId: todo!.id });
    await me.tasks.createTask({ title: "card 2", sectionId: todo!.id });
    await me.tasks.createTask({ title: "card 3", sectionId: doing!.id });
    expect(await codeOf(projects.deleteSection({ id: todo!.id }))).toBe("InvalidArgument");
    const moved = await projects.deleteSection({ id: todo!.id, tasks: SectionTasks.MOVE_TO_PROJECT });
    expect(moved.movedTaskCount).toBe(2);
    // They join the end of the project's list, in their order.
    expect(await titles({ projectId: project!.id, noSection: true })).toEqual(["loose one", "card 1", "card 2"]);
    const gone = await projects.deleteSection({ id: doing!.id, tasks: SectionTasks.DELETE });
    expect(gone.deletedTaskCount).toBe(1);
    expect(await titles({ query: "card 3" })).toEqual([]);
    expect((await projects.listSections({ projectId: project!.id })).sections).toEqual([]);
  });

  test("a section of another project is refused as a task's section", async () => {
    const { project: one } = await projects.createProject({ name: "One" });
    const { project: two } = await projects.createProject({ name: "Two" });
    const { section } = await projects.createSection({ projectId: one!.id, name: "S" });
    expect(await codeOf(me.tasks.createTask({ title: "x", projectId: two!.id, sectionId: section!.id }))).toBe(
      "InvalidArgument",
    );
  });
});

describe("moving tasks", () => {
  test("a move writes one row (the task's), lands between its neighbours and survives a reload", async () => {
    const { project } = await projects.createProject({ name: "Order" });
    const made = [];
    for (const title of ["a", "b", "c", "d"]) {
      made.push((await me.tasks.createTask({ title, projectId: project!.id })).task!);
    }
    const [a, , c, d] = made;
    const versions = async () =>
      rowsOf<{ id: string; version: number }>(
        await stack.deps.database.db.execute(
          sql`select id, version from orchestrator.tasks where project_id = ${project!.id} order by id`,
        ),
      );
    const before = await versions();
    const since = await outboxCount();
    const { task } = await me.tasks.moveTask({ id: d!.id, projectId: project!.id, afterId: a!.id });
    const after = await versions();
    const changed = after.filter((row, i) => row.version !== before[i]!.version).map((r) => r.id);
    expect(changed).toEqual([d!.id]);
    expect(await outboxTypesAfter(since)).toEqual(["todo.events.v1.TaskMoved", "todo.events.v1.TaskChanged"]);
    expect(task!.rank > a!.rank).toBe(true);
    expect(await titles({ projectId: project!.id })).toEqual(["a", "d", "b", "c"]);
    await me.tasks.moveTask({ id: a!.id, projectId: project!.id, beforeId: c!.id });
    expect(await titles({ projectId: project!.id })).toEqual(["d", "b", "a", "c"]);
    await me.tasks.moveTask({ id: d!.id, projectId: project!.id });
    expect(await titles({ projectId: project!.id })).toEqual(["b", "a", "c", "d"]);
    // A neighbour from another list is refused on its field.
    const { task: other } = await me.tasks.createTask({ title: "elsewhere" });
    expect(await fieldOf(me.tasks.moveTask({ id: a!.id, projectId: project!.id, afterId: other!.id }))).toContain(
      "after_id",
    );
  });

  test("manual order pages with a cursor over ranks", async () => {
    const { project } = await projects.createProject({ name: "Pages" });
    for (let i = 0; i < 7; i++) await me.tasks.createTask({ title: `t${i}`, projectId: project!.id });
    const seen: string[] = [];
    let pageToken = "";
    do {
      const page = await me.tasks.listTasks({ projectId: project!.id, sort: TaskSort.MANUAL, pageSize: 3, pageToken });
      seen.push(...page.tasks.map((t) => t.title));
      pageToken = page.nextPageToken;
    } while (pageToken);
    expect(seen).toEqual(["t0", "t1", "t2", "t3", "t4", "t5", "t6"]);
  });

  test("moving a parent to another project takes its subtasks along", async () => {
    const { project: from } = await projects.createProject({ name: "From" });
    const { project: to } = await projects.createProject({ name: "To" });
    const { task: parent } = await me.tasks.createTask({ title: "parent", projectId: from!.id });
    const { task: child } = await me.tasks.createTask({ title: "child", parentId: parent!.id });
    expect(child!.projectId).toBe(from!.id);
    await me.tasks.moveTask({ id: parent!.id, projectId: to!.id });
    expect((await me.tasks.getTask({ id: child!.id })).task!.projectId).toBe(to!.id);
    expect(await titles({ parentId: parent!.id })).toEqual(["child"]);
  });
});

describe("subtasks", () => {
  test("subtasks nest four levels at most, and a task never goes under its own subtask", async () => {
    const { task: l1 } = await me.tasks.createTask({ title: "l1" });
    const { task: l2 } = await me.tasks.createTask({ title: "l2", parentId: l1!.id });
    const { task: l3 } = await me.tasks.createTask({ title: "l3", parentId: l2!.id });
    const { task: l4 } = await me.tasks.createTask({ title: "l4", parentId: l3!.id });
    expect(await fieldOf(me.tasks.createTask({ title: "l5", parentId: l4!.id }))).toContain("parent_id");
    expect(await codeOf(me.tasks.moveTask({ id: l1!.id, parentId: l3!.id }))).toBe("InvalidArgument");
    expect(await codeOf(me.tasks.moveTask({ id: l1!.id, parentId: l1!.id }))).toBe("InvalidArgument");
    // l3 (with l4 under it) under a fresh top-level task: three levels, fine; under l2's sibling at level 3: five.
    const { task: top } = await me.tasks.createTask({ title: "top" });
    const { task: mid } = await me.tasks.createTask({ title: "mid", parentId: top!.id });
    const { task: low } = await me.tasks.createTask({ title: "low", parentId: mid!.id });
    expect(await codeOf(me.tasks.moveTask({ id: l3!.id, parentId: low!.id }))).toBe("InvalidArgument");
    expect((await me.tasks.moveTask({ id: l3!.id, parentId: top!.id })).task!.parentId).toBe(top!.id);
  });

  test("completing a parent completes its open subtasks; reopening restores only those", async () => {
    const { task: parent } = await me.tasks.createTask({ title: "pack" });
    const { task: passport } = await me.tasks.createTask({ title: "passport", parentId: parent!.id });
    const { task: charger } = await me.tasks.createTask({ title: "charger", parentId: parent!.id });
    const { task: plug } = await me.tasks.createTask({ title: "plug", parentId: charger!.id });
    await me.tasks.completeTask({ id: passport!.id });
    const since = await outboxCount();
    await me.tasks.completeTask({ id: parent!.id });
    const completed = (await outboxTypesAfter(since)).filter((t) => t === "todo.events.v1.TaskCompleted");
    expect(completed).toHaveLength(3);
    for (const id of [charger!.id, plug!.id]) {
      expect((await me.tasks.getTask({ id })).task!.status).toBe(TaskStatus.COMPLETED);
    }
    await me.tasks.reopenTask({ id: parent!.id });
    expect((await me.tasks.getTask({ id: charger!.id })).task!.status).toBe(TaskStatus.OPEN);
    expect((await me.tasks.getTask({ id: plug!.id })).task!.status).toBe(TaskStatus.OPEN);
    // Completed on its own before the parent: stays completed.
    expect((await me.tasks.getTask({ id: passport!.id })).task!.status).toBe(TaskStatus.COMPLETED);
  });

  test("deleting a parent deletes its subtasks; restoring brings back those it took", async () => {
    const { task: parent } = await me.tasks.createTask({ title: "checklist" });
    const { task: one } = await me.tasks.createTask({ title: "one", parentId: parent!.id });
    const { task: two } = await me.tasks.createTask({ title: "two", parentId: parent!.id });
    await me.tasks.deleteTask({ id: two!.id });
    await me.tasks.deleteTask({ id: parent!.id });
    expect((await me.tasks.getTask({ id: one!.id })).task!.deleted).toBe(true);
    await me.tasks.restoreTask({ id: parent!.id });
    expect((await me.tasks.getTask({ id: one!.id })).task!.deleted).toBe(false);
    expect((await me.tasks.getTask({ id: two!.id })).task!.deleted).toBe(true);
    // A subtask alone does not come back under a deleted parent.
    await me.tasks.deleteTask({ id: parent!.id });
    expect(await codeOf(me.tasks.restoreTask({ id: one!.id }))).toBe("FailedPrecondition");
    expect((await me.tasks.getTask({ id: one!.id })).task!.deleted).toBe(true);
  });

  test("subtasks_from_id copies a checklist under a new task, open, once", async () => {
    const { project } = await projects.createProject({ name: "Weekly" });
    const { task: week1 } = await me.tasks.createTask({ title: "week", projectId: project!.id });
    const { task: a } = await me.tasks.createTask({ title: "water plants", parentId: week1!.id });
    await me.tasks.createTask({ title: "fern", parentId: a!.id });
    await me.tasks.createTask({ title: "bins", parentId: week1!.id });
    await me.tasks.completeTask({ id: week1!.id });
    const requestId = crypto.randomUUID();
    const { task: week2 } = await me.tasks.createTask({
      title: "week",
      projectId: project!.id,
      subtasksFromId: week1!.id,
      requestId,
    });
    // A retry of the same request copies nothing more.
    await me.tasks.createTask({ title: "week", projectId: project!.id, subtasksFromId: week1!.id, requestId });
    const children = (await me.tasks.listTasks({ parentId: week2!.id, sort: TaskSort.MANUAL })).tasks;
    expect(children.map((t) => [t.title, t.status])).toEqual([
      ["water plants", TaskStatus.OPEN],
      ["bins", TaskStatus.OPEN],
    ]);
    expect((await me.tasks.listTasks({ parentId: children[0]!.id })).tasks.map((t) => t.title)).toEqual(["fern"]);
    expect(await codeOf(me.tasks.createTask({ title: "x", subtasksFromId: crypto.randomUUID() }))).toBe(
      "InvalidArgument",
    );
  });
});
