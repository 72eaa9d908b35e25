import { afterAll, beforeAll, expect, test } from "bun:test";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { ProjectService } from "../../../gen/todo/v1/project_service_pb";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { connectClient } from "../../platform/testing/tokens";
import { createSkills } from "../../skills/skills";
import { createOrchestrator } from "../orchestrator";
import { registerSession, type Session } from "../testing/session";

// The quick-add project marker (+Project, vocabulary/project-marker.ts) through ParseQuickAdd, on real Postgres.
let stack: TestStack;
let me: Session;
let stranger: Session;
const ids: Record<string, string> = {};

beforeAll(async () => {
  stack = await startTestStack([createSkills, createOrchestrator], { kafka: false });
  [me, stranger] = await Promise.all([
    registerSession(stack.baseUrl, { timeZone: "Asia/Karachi" }),
    registerSession(stack.baseUrl, { timeZone: "Asia/Karachi" }),
  ]);
  const projects = connectClient(ProjectService, stack.baseUrl, me.accessToken);
  for (const name of ["Work", "Weekend trip", "گھر", "Old stuff"]) {
    ids[name] = (await projects.createProject({ name })).project!.id;
  }
  await projects.updateProject({ id: ids["Old stuff"]!, updateMask: { paths: ["archived"] }, archived: true });
  await connectClient(ProjectService, stack.baseUrl, stranger.accessToken).createProject({ name: "Secret" });
}, 60_000);
afterAll(() => stack.stop(), 60_000);

const parse = (text: string, who: Session = me) =>
  who.tasks.parseQuickAdd({ text, referenceTime: timestampFromDate(new Date("2026-03-04T10:00:00Z")) });

test("+Project names one of the caller's projects: a chip span, out of the title, the other fields unchanged", async () => {
  const text = "write report +work tomorrow p1";
  const parsed = await parse(text);
  expect(parsed.project).toMatchObject({ id: ids.Work, name: "Work", isNew: false, archived: false });
  expect(parsed.title).toBe("write report");
  expect(parsed.priority).toBe(5);
  expect(parsed.dueAt).toBeDefined();
  expect(parsed.spans.find((s) => s.field === "project")).toMatchObject({ text: "+work", start: 13, end: 18 });
  for (const span of parsed.spans) expect(text.slice(span.start, span.end)).toBe(span.text);
  // The spans come in text order.
  expect(parsed.spans.map((s) => s.start)).toEqual(parsed.spans.map((s) => s.start).sort((a, b) => a - b));
});

test("a name with spaces is found without quotes once the project exists; Urdu names too", async () => {
  expect((await parse("pack the bag +weekend trip")).project).toMatchObject({ id: ids["Weekend trip"] });
  const urdu = await parse("برتن دھونا +گھر کل");
  expect(urdu.project).toMatchObject({ id: ids.گھر, name: "گھر", isNew: false });
  expect(urdu.title).not.toContain("+");
});

test("an unknown name comes back as a new project and nothing is created; archived ones say so", async () => {
  const before = (await connectClient(ProjectService, stack.baseUrl, me.accessToken).listProjects({})).projects;
  const roman = await parse("doodh lana +Ghar_ka_saman kal");
  expect(roman.project).toMatchObject({ id: "", name: "Ghar ka saman", isNew: true });
  expect((await parse('book hotel +"Lahore trip"')).project).toMatchObject({ name: "Lahore trip", isNew: true });
  const after = (await connectClient(ProjectService, stack.baseUrl, me.accessToken).listProjects({})).projects;
  expect(after.map((p) => p.id)).toEqual(before.map((p) => p.id));
  expect((await parse("sort +old stuff")).project).toMatchObject({ id: ids["Old stuff"], archived: true });
});

test("another user's project is not found by its name (new for me), and no + is no project", async () => {
  expect((await parse("peek +Secret")).project).toMatchObject({ id: "", name: "Secret", isNew: true });
  for (const text of ["call +92 300 1234567", "learn C++", "buy milk #home"]) {
    expect((await parse(text)).project).toBeUndefined();
  }
});
