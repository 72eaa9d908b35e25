import { afterAll, beforeAll, expect, test } from "bun:test";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { FilterService } from "../../../gen/todo/v1/filter_service_pb";
import type { Task } from "../../../gen/todo/v1/task_pb";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { connectClient } from "../../platform/testing/tokens";
import { createOrchestrator } from "../orchestrator";
import { registerSession, type Session } from "../testing/session";

// 2026-03-04T18:30Z is 23:30 on Wednesday in Karachi (UTC+5) and 10:30 on Wednesday in Los Angeles (UTC-8).
const beforeMidnight = timestampFromDate(new Date("2026-03-04T18:30:00Z"));
// An hour later Karachi has crossed midnight into Thursday; Los Angeles is still on Wednesday.
const afterMidnight = timestampFromDate(new Date("2026-03-04T19:30:00Z"));
const at = (iso: string) => timestampFromDate(new Date(iso));

let stack: TestStack;
let karachi: Session;
let losAngeles: Session;

/** The same tasks for both users: where each falls depends only on the user's zone. */
async function seed(session: Session) {
  const t = session.tasks;
  await t.createTask({ title: "late yesterday LA", dueAt: at("2026-03-04T07:30:00Z") }); // KHI Wed 12:30, LA Tue 23:30
  await t.createTask({ title: "wed evening KHI", dueAt: at("2026-03-04T18:00:00Z") }); // KHI Wed 23:00, LA Wed 10:00
  await t.createTask({ title: "just after midnight KHI", dueAt: at("2026-03-04T19:45:00Z") }); // KHI Thu 00:45, LA Wed 11:45
  await t.createTask({ title: "next week", dueAt: at("2026-03-11T12:00:00Z") }); // Wed 11th in both
  await t.createTask({ title: "beyond two weeks", dueAt: at("2026-03-19T12:00:00Z") }); // day 15: not shown
  await t.createTask({ title: "long overdue", dueAt: at("2026-02-20T12:00:00Z") });
  const { task } = await t.createTask({ title: "done today", dueAt: at("2026-03-04T12:00:00Z") });
  await t.completeTask({ id: task!.id });
  await t.createTask({ title: "no date" });
}

beforeAll(async () => {
  stack = await startTestStack([createOrchestrator], { kafka: false });
  [karachi, losAngeles] = await Promise.all([
    registerSession(stack.baseUrl, { timeZone: "Asia/Karachi" }),
    registerSession(stack.baseUrl, { timeZone: "America/Los_Angeles" }),
  ]);
  await Promise.all([seed(karachi), seed(losAngeles)]);
}, 60_000);
afterAll(() => stack.stop(), 60_000);

const filtersOf = (session: Session) => connectClient(FilterService, stack.baseUrl, session.accessToken);
const names = (tasks: Task[]) => tasks.map((task) => task.title);

test("Today in Karachi just before midnight: today is Wednesday; Thursday's first minutes are not", async () => {
  const today = await filtersOf(karachi).listToday({ referenceTime: beforeMidnight });
  expect(today.date).toBe("2026-03-04");
  expect(names(today.overdue)).toEqual(["long overdue"]);
  expect(names(today.today)).toEqual(["late yesterday LA", "wed evening KHI"]);
  expect(today.truncated).toBe(false);
});

test("Today in Karachi just after midnight: Thursday, and Wednesday's tasks are overdue", async () => {
  const today = await filtersOf(karachi).listToday({ referenceTime: afterMidnight });
  expect(today.date).toBe("2026-03-05");
  expect(names(today.overdue)).toEqual(["long overdue", "late yesterday LA", "wed evening KHI"]);
  expect(names(today.today)).toEqual(["just after midnight KHI"]);
});

test("Today in Los Angeles at the same instants: still Wednesday, with Tuesday night's task overdue", async () => {
  for (const referenceTime of [beforeMidnight, afterMidnight]) {
    const today = await filtersOf(losAngeles).listToday({ referenceTime });
    expect(today.date).toBe("2026-03-04");
    expect(names(today.overdue)).toEqual(["long overdue", "late yesterday LA"]);
    expect(names(today.today)).toEqual(["wed evening KHI", "just after midnight KHI"]);
  }
});

test("a zone in the request overrides the profile's", async () => {
  const today = await filtersOf(karachi).listToday({ referenceTime: afterMidnight, timeZone: "America/Los_Angeles" });
  expect(today.date).toBe("2026-03-04");
  expect(names(today.today)).toEqual(["wed evening KHI", "just after midnight KHI"]);
});

test("Upcoming: overdue on top, then 14 days from today grouped by day in the user's zone", async () => {
  const khi = await filtersOf(karachi).listUpcoming({ referenceTime: beforeMidnight });
  expect(names(khi.overdue)).toEqual(["long overdue"]);
  expect(khi.days).toHaveLength(14);
  expect(khi.days[0]!.date).toBe("2026-03-04");
  expect(khi.days[13]!.date).toBe("2026-03-17");
  const nonEmpty = (days: typeof khi.days) =>
    Object.fromEntries(days.filter((d) => d.tasks.length > 0).map((d) => [d.date, names(d.tasks)]));
  expect(nonEmpty(khi.days)).toEqual({
    "2026-03-04": ["late yesterday LA", "wed evening KHI"],
    "2026-03-05": ["just after midnight KHI"],
    "2026-03-11": ["next week"],
  });
  const la = await filtersOf(losAngeles).listUpcoming({ referenceTime: beforeMidnight });
  expect(names(la.overdue)).toEqual(["long overdue", "late yesterday LA"]);
  expect(nonEmpty(la.days)).toEqual({
    "2026-03-04": ["wed evening KHI", "just after midnight KHI"],
    "2026-03-11": ["next week"],
  });
});

test("a view across a daylight-saving change keeps calendar days (Los Angeles springs forward on 8 March)", async () => {
  const la = await filtersOf(losAngeles).listUpcoming({ referenceTime: beforeMidnight });
  expect(la.days.map((d) => d.date).slice(3, 6)).toEqual(["2026-03-07", "2026-03-08", "2026-03-09"]);
  // "next week" is 2026-03-11T12:00Z = 05:00 PDT on the 11th: grouped by the local day after the change.
  expect(la.days.find((d) => d.date === "2026-03-11")?.tasks.map((t) => t.title)).toEqual(["next week"]);
});

test("another user's tasks never appear in a view", async () => {
  const today = await filtersOf(karachi).listToday({ referenceTime: beforeMidnight });
  const ids = new Set([...today.overdue, ...today.today].map((task) => task.id));
  const theirs = (await losAngeles.tasks.listTasks({})).tasks;
  expect(theirs.some((task) => ids.has(task.id))).toBe(false);
});
