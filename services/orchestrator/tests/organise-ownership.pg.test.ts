import { afterAll, beforeAll, expect, test } from "bun:test";
import { type Client, Code, ConnectError } from "@connectrpc/connect";
import { ProjectService, SectionTasks } from "../../../gen/todo/v1/project_service_pb";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { codeOf } from "../../platform/testing/outcome";
import { connectClient } from "../../platform/testing/tokens";
import { createOrchestrator } from "../orchestrator";
import { registerSession, type Session } from "../testing/session";

let stack: TestStack;
let alice: Session;
let bob: Session;
let aliceProjects: Client<typeof ProjectService>;
let bobProjects: Client<typeof ProjectService>;

beforeAll(async () => {
  stack = await startTestStack([createOrchestrator], { kafka: false });
  [alice, bob] = await Promise.all([registerSession(stack.baseUrl), registerSession(stack.baseUrl)]);
  aliceProjects = connectClient(ProjectService, stack.baseUrl, alice.accessToken);
  bobProjects = connectClient(ProjectService, stack.baseUrl, bob.accessToken);
}, 60_000);
afterAll(() => stack.stop(), 60_000);

const failure = async (call: Promise<unknown>) => {
  try {
    await call;
    return { code: "OK", fields: [] as string[] };
  } catch (error) {
    const e = ConnectError.from(error);
    return { code: Code[e.code], message: e.rawMessage };
  }
};

/** aliceState is everything of Alice's the attempts could touch, as she sees it. */
const aliceState = async () => ({
  projects: (await aliceProjects.listProjects({ includeArchived: true, includeDeleted: true })).projects,
  tasks: (await alice.tasks.listTasks({ includeDeleted: true, includeArchivedProjects: true, pageSize: 200 })).tasks,
});

test("another user's project, section or (sub)task id answers NotFound on every new id-taking RPC, and nothing changes", async () => {
  const { project } = await aliceProjects.createProject({ name: "alice's work" });
  const { project: deletedProject } = await aliceProjects.createProject({ name: "alice's old" });
  await aliceProjects.deleteProject({ id: deletedProject!.id });
  const { section } = await aliceProjects.createSection({ projectId: project!.id, name: "alice's column" });
  const { task: parent } = await alice.tasks.createTask({ title: "alice's parent", sectionId: section!.id });
  const { task: subtask } = await alice.tasks.createTask({ title: "alice's subtask", parentId: parent!.id });
  const inbox = (await aliceProjects.listProjects({})).projects.find((p) => p.inbox)!;
  const { project: bobsOwn } = await bobProjects.createProject({ name: "bob's" });
  const { task: bobsTask } = await bob.tasks.createTask({ title: "bob's task", projectId: bobsOwn!.id });
  const before = await aliceState();

  const p = project!.id;
  const s = section!.id;
  const sub = subtask!.id;
  const attempts: Record<string, () => Promise<unknown>> = {
    GetProject: () => bobProjects.getProject({ id: p }),
    "GetProject(inbox)": () => bobProjects.getProject({ id: inbox.id }),
    UpdateProject: () => bobProjects.updateProject({ id: p, updateMask: { paths: ["name"] }, name: "pwned" }),
    "UpdateProject(archive)": () =>
      bobProjects.updateProject({ id: p, updateMask: { paths: ["archived"] }, archived: true }),
    DeleteProject: () => bobProjects.deleteProject({ id: p }),
    RestoreProject: () => bobProjects.restoreProject({ id: deletedProject!.id }),
    CreateSection: () => bobProjects.createSection({ projectId: p, name: "intruder" }),
    UpdateSection: () => bobProjects.updateSection({ id: s, updateMask: { paths: ["name"] }, name: "pwned" }),
    DeleteSection: () => bobProjects.deleteSection({ id: s, tasks: SectionTasks.DELETE }),
    ListSections: () => bobProjects.listSections({ projectId: p }),
    "GetTask(subtask)": () => bob.tasks.getTask({ id: sub }),
    "UpdateTask(subtask)": () => bob.tasks.updateTask({ id: sub, updateMask: { paths: ["title"] }, title: "pwned" }),
    "CompleteTask(parent)": () => bob.tasks.completeTask({ id: parent!.id }),
    "DeleteTask(parent)": () => bob.tasks.deleteTask({ id: parent!.id }),
    "MoveTask(subtask)": () => bob.tasks.moveTask({ id: sub }),
    "ListTasks(project)": () => bob.tasks.listTasks({ projectId: p }),
    "ListTasks(section)": () => bob.tasks.listTasks({ sectionId: s }),
    "ListTasks(parent)": () => bob.tasks.listTasks({ parentId: parent!.id }),
  };
  // Bob's own things may not point at Alice's either: her ids are simply not there for him.
  const pointing: Record<string, () => Promise<unknown>> = {
    "CreateTask(project_id)": () => bob.tasks.createTask({ title: "x", projectId: p }),
    "CreateTask(section_id)": () => bob.tasks.createTask({ title: "x", sectionId: s }),
    "CreateTask(parent_id)": () => bob.tasks.createTask({ title: "x", parentId: sub }),
    "CreateTask(subtasks_from_id)": () => bob.tasks.createTask({ title: "x", subtasksFromId: parent!.id }),
    "MoveTask(project_id)": () => bob.tasks.moveTask({ id: bobsTask!.id, projectId: p }),
    "MoveTask(section_id)": () => bob.tasks.moveTask({ id: bobsTask!.id, sectionId: s }),
    "MoveTask(parent_id)": () => bob.tasks.moveTask({ id: bobsTask!.id, parentId: sub }),
    "MoveTask(after_id)": () => bob.tasks.moveTask({ id: bobsTask!.id, projectId: bobsOwn!.id, afterId: sub }),
    "CreateProject(parent_id)": () => bobProjects.createProject({ name: "x", parentId: p }),
    "UpdateProject(parent_id)": () =>
      bobProjects.updateProject({ id: bobsOwn!.id, updateMask: { paths: ["parent_id"] }, parentId: p }),
  };
  const codes: Record<string, string> = {};
  for (const [rpc, call] of Object.entries(attempts)) codes[rpc] = await codeOf(call());
  expect(codes).toEqual(Object.fromEntries(Object.keys(attempts).map((rpc) => [rpc, "NotFound"])));
  // A foreign id given as a reference field is a bad argument on that field (it names nothing the caller has).
  const referenceCodes: Record<string, string> = {};
  for (const [rpc, call] of Object.entries(pointing)) referenceCodes[rpc] = await codeOf(call());
  expect(referenceCodes).toEqual(Object.fromEntries(Object.keys(pointing).map((rpc) => [rpc, "InvalidArgument"])));

  expect(await aliceState()).toEqual(before);
  // Bob's listings never show Alice's things.
  expect(
    (await bobProjects.listProjects({ includeArchived: true, includeDeleted: true })).projects.map((x) => x.name),
  ).toEqual(["Inbox", "bob's"]);
  expect((await bob.tasks.listTasks({ includeDeleted: true })).tasks.map((t) => t.title)).toEqual(["bob's task"]);
});

test("bad input answers InvalidArgument with the field named, and writes nothing", async () => {
  const { project } = await aliceProjects.createProject({ name: "valid" });
  const { section } = await aliceProjects.createSection({ projectId: project!.id, name: "col" });
  const before = await aliceState();
  const id = project!.id;
  const bad: [string, () => Promise<unknown>][] = [
    ["name", () => aliceProjects.createProject({ name: "" })],
    ["name", () => aliceProjects.createProject({ name: "   " })],
    ["name", () => aliceProjects.createProject({ name: "x".repeat(121) })],
    ["name", () => aliceProjects.createProject({ name: "bad\u0000name" })],
    ["colour", () => aliceProjects.createProject({ name: "c", colour: "red" })],
    ["parent_id", () => aliceProjects.createProject({ name: "c", parentId: "not-a-uuid" })],
    ["parent_id", () => aliceProjects.createProject({ name: "c", parentId: crypto.randomUUID() })],
    ["id", () => aliceProjects.getProject({ id: "nope" })],
    ["update_mask", () => aliceProjects.updateProject({ id })],
    ["update_mask", () => aliceProjects.updateProject({ id, updateMask: { paths: ["owner"] } })],
    ["name", () => aliceProjects.updateProject({ id, updateMask: { paths: ["name"] }, name: "" })],
    ["parent_id", () => aliceProjects.updateProject({ id, updateMask: { paths: ["parent_id"] }, parentId: id })],
    ["before_id", () => aliceProjects.updateProject({ id, updateMask: { paths: ["position"] }, beforeId: "x" })],
    ["tasks", () => aliceProjects.deleteSection({ id: section!.id })],
    ["tasks", () => aliceProjects.deleteSection({ id: section!.id, tasks: 7 as SectionTasks })],
    ["update_mask", () => aliceProjects.updateSection({ id: section!.id, updateMask: { paths: ["project_id"] } })],
    ["project_id", () => aliceProjects.createSection({ projectId: "", name: "s" })],
    ["project_id", () => alice.tasks.createTask({ title: "t", projectId: "zzz" })],
    ["project_id", () => alice.tasks.createTask({ title: "t", projectId: crypto.randomUUID() })],
    ["section_id", () => alice.tasks.createTask({ title: "t", sectionId: crypto.randomUUID() })],
    ["parent_id", () => alice.tasks.createTask({ title: "t", parentId: crypto.randomUUID() })],
    ["id", () => alice.tasks.moveTask({ id: "x" })],
    ["after_id", () => alice.tasks.moveTask({ id: before.tasks[0]?.id ?? crypto.randomUUID(), afterId: "x" })],
    ["project_id", () => alice.tasks.listTasks({ projectId: "x" })],
  ];
  const results: string[] = [];
  for (const [field, call] of bad) {
    const result = await failure(call());
    results.push(
      result.code === "InvalidArgument" && result.message?.includes(field)
        ? "ok"
        : `${field}: ${JSON.stringify(result)}`,
    );
  }
  expect(results).toEqual(bad.map(() => "ok"));
  expect(await aliceState()).toEqual(before);
});
