import { afterAll, beforeAll, expect, test } from "bun:test";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { Priority } from "../../../gen/todo/v1/task_pb";
import { createSkills } from "../../skills/skills";
import { createOrchestrator } from "../orchestrator";
import { callTool, callToolRaw, type McpStack, startMcpStack } from "../testing/mcp-stack";
import type { Session } from "../testing/session";

let mcp: McpStack;
let alice: Session;
let bob: Session;

beforeAll(async () => {
  mcp = await startMcpStack([createSkills, createOrchestrator]);
  ({ alice, bob } = mcp);
  const soon = timestampFromDate(new Date(Date.now() + 3_600_000));
  await alice.tasks.createTask({ title: "pay rent", tags: ["home"], priority: Priority.URGENT, dueAt: soon });
  await alice.tasks.createTask({ title: "write report", tags: ["work"] });
  await bob.tasks.createTask({ title: "bob's chores", tags: ["home"], dueAt: soon });
}, 60_000);
afterAll(() => mcp.stop(), 60_000);

const overHttp = (token: string) => mcp.overHttp(token);
const errorText = (result: CallToolResult) => (result.content[0] as { text: string }).text;
type Page = { tasks: { title: string }[]; canonical: string };

test("an agent writes a filter from a sentence, runs it, and reads Today and Upcoming — one user's tasks only", async () => {
  const client = await overHttp(alice.accessToken);
  const written = await callTool<{ filter: string; explanation: string }>(client, "write_filter", {
    sentence: "urgent home stuff",
  });
  expect(written.filter).toBe("p1 & #home");
  expect(written.explanation).toBe("Open tasks: priority p1 and tagged #home");
  const page = await callTool<Page>(client, "filter_tasks", { filter: written.filter });
  expect(page.tasks.map((t) => t.title)).toEqual(["pay rent"]);
  expect((await callTool<Page>(client, "filter_tasks", { filter: "#HOME | #work" })).tasks).toHaveLength(1);
  const today = await callTool<{ today: { title: string }[]; overdue: unknown[] }>(client, "today_tasks");
  const upcoming = await callTool<{ days: { tasks: { title: string }[] }[] }>(client, "upcoming_tasks");
  const upcomingTitles = upcoming.days.flatMap((day) => day.tasks.map((t) => t.title));
  // "soon" is an hour ahead: today for most of the day, tomorrow in the last hour before midnight.
  expect(
    [...today.today.map((t) => t.title), ...upcomingTitles].filter((t) => t === "pay rent").length,
  ).toBeGreaterThan(0);
  expect(upcomingTitles).not.toContain("bob's chores");
});

test("a bad query is the API's InvalidArgument, pointing at the token", async () => {
  const client = await overHttp(alice.accessToken);
  const result = await callToolRaw(client, "filter_tasks", { filter: "today & tomorow" });
  expect(result.isError).toBe(true);
  expect(errorText(result)).toContain('InvalidArgument: filter: unknown term at offset 8 ("tomorow")');
});

test("saved filters through MCP: save, list; another user's id is NotFound and changes nothing", async () => {
  const aliceClient = await overHttp(alice.accessToken);
  const { saved_filter } = await callTool<{ saved_filter: { id: string; name: string; query: string } }>(
    aliceClient,
    "save_filter",
    { name: "Urgent at home", query: "p1 & #home" },
  );
  expect(saved_filter).toMatchObject({ name: "Urgent at home", query: "p1 & #home" });
  const bobClient = await overHttp(bob.accessToken);
  const refused = await callToolRaw(bobClient, "delete_saved_filter", { id: saved_filter.id });
  expect(refused.isError).toBe(true);
  expect(errorText(refused)).toStartWith("NotFound");
  expect((await callTool<{ saved_filters: unknown[] }>(bobClient, "list_saved_filters")).saved_filters).toEqual([]);
  expect(
    (await callTool<{ saved_filters: { id: string }[] }>(aliceClient, "list_saved_filters")).saved_filters,
  ).toEqual([saved_filter]);
  await callTool(aliceClient, "delete_saved_filter", { id: saved_filter.id });
  expect((await callTool<{ saved_filters: unknown[] }>(aliceClient, "list_saved_filters")).saved_filters).toEqual([]);
});
