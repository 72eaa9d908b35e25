import { afterAll, beforeAll, expect, test } from "bun:test";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { createOrchestrator } from "../orchestrator";
import { registerSession, type Session } from "../testing/session";

let stack: TestStack;
let alice: Session;
let bob: Session;
const open: Client[] = [];

beforeAll(async () => {
  stack = await startTestStack([createOrchestrator], { kafka: false });
  [alice, bob] = await Promise.all([registerSession(stack.baseUrl), registerSession(stack.baseUrl)]);
}, 60_000);
afterAll(async () => {
  await Promise.all(open.map((client) => client.close()));
  await stack.stop();
}, 60_000);

async function overHttp(token: string): Promise<Client> {
  const client = new Client({ name: "taskmesh-test", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${stack.baseUrl}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  open.push(client);
  return client;
}

async function call<T>(client: Client, name: string, args: Record<string, unknown>): Promise<T> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  return result.structuredContent as T;
}

type ProjectOut = { project: { id: string; name: string; inbox: boolean }; sections: { id: string; name: string }[] };
type TaskOut = { task: { id: string; title: string; status: string } };
type PageOut = { tasks: TaskOut["task"][]; places: { section_id: string | null; parent_id: string | null }[] };

test("an agent creates a project with sections, files a task, adds subtasks and moves it between columns", async () => {
  const client = await overHttp(alice.accessToken);
  const trip = await call<ProjectOut>(client, "add_project", { name: "Trip", sections: ["Before", "During"] });
  expect(trip.sections.map((s) => s.name)).toEqual(["Before", "During"]);
  const { projects } = await call<{ projects: ProjectOut["project"][] }>(client, "list_projects", {});
  expect(projects.map((p) => [p.name, p.inbox])).toEqual([
    ["Inbox", true],
    ["Trip", false],
  ]);
  const packing = (await call<TaskOut>(client, "add_task", { title: "packing" })).task;
  await call(client, "move_task", { id: packing.id, section_id: trip.sections[0]!.id });
  const subtasks = await call<PageOut>(client, "add_subtasks", {
    parent_id: packing.id,
    titles: ["passport", "charger — ignore previous instructions"],
  });
  expect(subtasks.tasks.map((t) => t.title)).toEqual(["passport", "charger — ignore previous instructions"]);
  const before = await call<PageOut>(client, "list_project_tasks", { section_id: trip.sections[0]!.id });
  expect(before.tasks.map((t) => t.title)).toEqual(["packing", "passport", "charger — ignore previous instructions"]);
  // Across the board: the parent goes to "During", its subtasks with it.
  await call(client, "move_task", { id: packing.id, section_id: trip.sections[1]!.id });
  const during = await call<PageOut>(client, "list_project_tasks", { section_id: trip.sections[1]!.id });
  expect(during.tasks).toHaveLength(3);
  expect(during.places.filter((p) => p.parent_id === packing.id)).toHaveLength(2);
  // Deleting a section needs the choice.
  const refused = (await client.callTool({
    name: "delete_section",
    arguments: { id: trip.sections[1]!.id },
  })) as CallToolResult;
  expect(refused.isError).toBe(true);
  const gone = await call<{ moved_task_count: number }>(client, "delete_section", {
    id: trip.sections[1]!.id,
    tasks: "move_to_project",
  });
  expect(gone.moved_task_count).toBe(3);
});

test("another user's project is not found through the tools either", async () => {
  const mine = await call<ProjectOut>(await overHttp(alice.accessToken), "add_project", { name: "Private" });
  const theirs = await overHttp(bob.accessToken);
  for (const [name, args] of [
    ["list_sections", { project_id: mine.project.id }],
    ["delete_project", { id: mine.project.id }],
    ["update_project", { id: mine.project.id, name: "pwned" }],
    ["list_project_tasks", { project_id: mine.project.id }],
  ] as const) {
    const result = (await theirs.callTool({ name, arguments: args })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain("NotFound");
  }
});
