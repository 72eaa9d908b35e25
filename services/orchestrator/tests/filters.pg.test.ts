import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { isMessage } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import { and, eq } from "drizzle-orm";
import { ViolationsSchema } from "../../../gen/buf/validate/validate_pb";
import {
  SavedFilterChangedSchema,
  SavedFilterDeletedSchema,
  SavedFilterUpdatedSchema,
} from "../../../gen/todo/events/v1/filter_events_pb";
import { SavedFilterChangeKind } from "../../../gen/todo/v1/filter_pb";
import { FilterService } from "../../../gen/todo/v1/filter_service_pb";
import { Priority } from "../../../gen/todo/v1/task_pb";
import { decodeEvent } from "../../platform/bus/event-codec";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { connectClient } from "../../platform/testing/tokens";
import { createSkills } from "../../skills/skills";
import { outbox, projects, tasks } from "../db/schema";
import { createOrchestrator } from "../orchestrator";
import { registerSession, type Session } from "../testing/session";

let stack: TestStack;
let alice: Session;
let bob: Session;
const filtersOf = (session: Session) => connectClient(FilterService, stack.baseUrl, session.accessToken);

// Wednesday 2026-03-04 10:00 in Karachi (UTC+5).
const now = new Date("2026-03-04T05:00:00Z");
const referenceTime = timestampFromDate(now);
const at = (iso: string) => timestampFromDate(new Date(iso));

beforeAll(async () => {
  stack = await startTestStack([createSkills, createOrchestrator], { kafka: false });
  [alice, bob] = await Promise.all([
    registerSession(stack.baseUrl, { timeZone: "Asia/Karachi" }),
    registerSession(stack.baseUrl, { timeZone: "Asia/Karachi" }),
  ]);
  const t = alice.tasks;
  await t.createTask({
    title: "pay rent",
    dueAt: at("2026-03-04T10:00:00Z"),
    tags: ["home"],
    priority: Priority.URGENT,
  });
  await t.createTask({
    title: "write report",
    dueAt: at("2026-03-05T06:00:00Z"),
    tags: ["work"],
    priority: Priority.HIGH,
  });
  await t.createTask({ title: "call mom", dueAt: at("2026-03-03T12:00:00Z") });
  await t.createTask({ title: "buy milk", tags: ["home"], priority: Priority.LOW });
  await t.createTask({
    title: "gym",
    dueAt: at("2026-03-03T19:00:00Z"), // 2026-03-04 00:00 Karachi: today, date only
    dueDateOnly: true,
    priority: Priority.MEDIUM,
    recurrence: { rrule: "FREQ=DAILY" },
  });
  const { task: done } = await t.createTask({ title: "old report", dueAt: at("2026-03-02T06:00:00Z"), tags: ["work"] });
  await t.completeTask({ id: done!.id });
  await t.createTask({ title: "file taxes", dueAt: at("2026-03-14T06:00:00Z"), tags: ["work"] });
  const { task: gone } = await t.createTask({ title: "deleted today", dueAt: at("2026-03-04T08:00:00Z") });
  await t.deleteTask({ id: gone!.id });
  await bob.tasks.createTask({ title: "bob's rent", dueAt: at("2026-03-04T10:00:00Z"), tags: ["home"] });
  // A project "Work" holding the report (ProjectService's own tests cover making one; here only the filter).
  const db = stack.deps.database.db;
  const [work] = await db
    .insert(projects)
    .values({
      id: crypto.randomUUID(),
      userId: alice.userId,
      name: "Work",
      rank: "a0",
      createdAt: now,
      updatedAt: now,
      version: 1,
    })
    .returning();
  await db
    .update(tasks)
    .set({ projectId: work!.id })
    .where(and(eq(tasks.userId, alice.userId), eq(tasks.title, "write report")));
}, 60_000);
afterAll(() => stack.stop(), 60_000);

const titles = async (filter: string, session: Session = alice) =>
  (await filtersOf(session).listFilteredTasks({ source: { case: "filter", value: filter }, referenceTime })).tasks
    .map((task) => task.title)
    .sort();

const failure = async (call: Promise<unknown>) => {
  try {
    await call;
  } catch (error) {
    const e = ConnectError.from(error);
    const violations = e.findDetails(ViolationsSchema).flatMap((v) => v.violations);
    return {
      code: Code[e.code],
      fields: violations.map((v) => v.field?.elements.map((el) => el.fieldName).join(".")),
      message: e.rawMessage,
    };
  }
  return { code: "OK" };
};

describe("each term against Postgres", () => {
  test.each([
    ["today", ["gym", "pay rent"]],
    ["tomorrow", ["write report"]],
    ["overdue", ["call mom"]],
    ["no date", ["buy milk"]],
    ["completed", ["old report"]],
    ["recurring", ["gym"]],
    ["p1", ["pay rent"]],
    ["p2", ["write report"]],
    ["p3", ["gym"]],
    ["p4", ["buy milk"]],
    ["no priority", ["call mom", "file taxes"]],
    ["#home", ["buy milk", "pay rent"]],
    ["#work", ["file taxes", "write report"]],
    ["project: work", ["write report"]],
    ["project: Nowhere", []],
    ["search: mil", ["buy milk"]],
    ["search: report", ["write report"]],
    ["due before: tomorrow", ["call mom", "gym", "pay rent"]],
    ["due before: +7 days", ["call mom", "gym", "pay rent", "write report"]],
    ["due after: +7 days", ["file taxes"]],
    ["due after: 2026-03-04", ["file taxes", "write report"]],
  ] as const)("%s", async (filter, expected) => {
    expect(await titles(filter)).toEqual([...expected].sort());
  });
});

describe("combinations", () => {
  test.each([
    ["(today | overdue) & #home", ["pay rent"]],
    ["today | overdue", ["call mom", "gym", "pay rent"]],
    ["!#work & !no date", ["call mom", "gym", "pay rent"]],
    ["#work & (completed | tomorrow)", ["old report", "write report"]],
    ["completed | overdue", ["call mom", "old report"]],
    ["!completed & #work", ["file taxes", "write report"]],
    ["p1 | p2 & #work", ["pay rent", "write report"]],
    ["!(p1 | p2)", ["buy milk", "call mom", "file taxes", "gym"]],
  ] as const)("%s", async (filter, expected) => {
    expect(await titles(filter)).toEqual([...expected].sort());
  });

  test("another user's tasks never match, a deleted task never shows", async () => {
    expect(await titles("#home", bob)).toEqual(["bob's rent"]);
    expect(await titles("search: deleted")).toEqual([]);
  });

  test("pages follow the due order, bound to their filter", async () => {
    const filters = filtersOf(alice);
    const seen: string[] = [];
    let pageToken = "";
    do {
      const page = await filters.listFilteredTasks({
        source: { case: "filter", value: "!completed" },
        referenceTime,
        pageSize: 2,
        pageToken,
      });
      seen.push(...page.tasks.map((task) => task.title));
      pageToken = page.nextPageToken;
    } while (pageToken);
    expect(seen).toEqual(["call mom", "gym", "pay rent", "write report", "file taxes", "buy milk"]);
    const first = await filters.listFilteredTasks({ source: { case: "filter", value: "!completed" }, pageSize: 1 });
    expect(
      await failure(
        filters.listFilteredTasks({ source: { case: "filter", value: "#work" }, pageToken: first.nextPageToken }),
      ),
    ).toMatchObject({ code: "InvalidArgument", fields: ["page_token"] });
  });
});

describe("bad input", () => {
  test("a query the grammar refuses is InvalidArgument on filter, naming offset and token", async () => {
    const filters = filtersOf(alice);
    const bad = await failure(filters.listFilteredTasks({ source: { case: "filter", value: "today & tomorow" } }));
    expect(bad).toMatchObject({ code: "InvalidArgument", fields: ["filter"] });
    expect(bad.message).toContain('at offset 8 ("tomorow")');
    expect(await failure(filters.parseFilter({ filter: "(today" }))).toMatchObject({
      code: "InvalidArgument",
      fields: ["filter"],
    });
    expect(await failure(filters.parseFilter({ filter: "#a ".repeat(400) }))).toMatchObject({
      code: "InvalidArgument",
      fields: ["filter"],
    });
    expect(
      await failure(filters.listFilteredTasks({ source: { case: "filter", value: "today" }, timeZone: "Mars/Base" })),
    ).toMatchObject({ code: "InvalidArgument", fields: ["time_zone"] });
    expect(await failure(filters.listFilteredTasks({}))).toMatchObject({ code: "InvalidArgument" });
    expect((await filters.parseFilter({ filter: "(TODAY|overdue)&#home" })).canonical).toBe(
      "(today | overdue) & #home",
    );
  });
});

describe("saved filters", () => {
  test("create, list, run, rename, refuse duplicates and bad queries, delete", async () => {
    const filters = filtersOf(alice);
    const { savedFilter } = await filters.createSavedFilter({ name: " Home now ", query: "(today | overdue) & #home" });
    expect(savedFilter).toMatchObject({ name: "Home now", query: "(today | overdue) & #home" });
    const id = savedFilter!.id;
    const run = await filters.listFilteredTasks({ source: { case: "savedFilterId", value: id }, referenceTime });
    expect(run.tasks.map((task) => task.title)).toEqual(["pay rent"]);
    expect(await failure(filters.createSavedFilter({ name: "home NOW", query: "today" }))).toMatchObject({
      code: "InvalidArgument",
      fields: ["name"],
    });
    const badQuery = await failure(filters.createSavedFilter({ name: "x", query: "today &" }));
    expect(badQuery).toMatchObject({ code: "InvalidArgument", fields: ["query"] });
    expect(badQuery.message).toContain("end of filter");
    const { savedFilter: renamed } = await filters.updateSavedFilter({ id, name: "Chores", query: "#home" });
    expect(renamed).toMatchObject({ id, name: "Chores", query: "#home" });
    expect((await filters.listSavedFilters({})).savedFilters.map((f) => f.name)).toEqual(["Chores"]);
    await filters.deleteSavedFilter({ id });
    expect((await filters.listSavedFilters({})).savedFilters).toEqual([]);
    expect(await failure(filters.getSavedFilter({ id }))).toMatchObject({ code: "NotFound" });
  });

  test("another user's saved filter id answers NotFound on every id-taking RPC, and it is unchanged", async () => {
    const { savedFilter } = await filtersOf(alice).createSavedFilter({ name: "secret", query: "#home" });
    const id = savedFilter!.id;
    const mallory = filtersOf(bob);
    const codes = {
      GetSavedFilter: (await failure(mallory.getSavedFilter({ id }))).code,
      UpdateSavedFilter: (await failure(mallory.updateSavedFilter({ id, name: "pwned", query: "completed" }))).code,
      DeleteSavedFilter: (await failure(mallory.deleteSavedFilter({ id }))).code,
      ListFilteredTasks: (await failure(mallory.listFilteredTasks({ source: { case: "savedFilterId", value: id } })))
        .code,
    };
    expect(codes).toEqual({
      GetSavedFilter: "NotFound",
      UpdateSavedFilter: "NotFound",
      DeleteSavedFilter: "NotFound",
      ListFilteredTasks: "NotFound",
    });
    expect((await filtersOf(alice).getSavedFilter({ id })).savedFilter).toEqual(savedFilter!);
    expect((await mallory.listSavedFilters({})).savedFilters).toEqual([]);
  });

  test("every change writes its event and live snapshot to the outbox, keyed by the filter; a refused one writes none", async () => {
    const filters = filtersOf(alice);
    const { savedFilter } = await filters.createSavedFilter({ name: "Evented", query: "#home" });
    const id = savedFilter!.id;
    await filters.updateSavedFilter({ id, query: "#home & p1" });
    await failure(filtersOf(bob).updateSavedFilter({ id, name: "pwned" }));
    await failure(filtersOf(bob).deleteSavedFilter({ id }));
    await filters.deleteSavedFilter({ id });
    const rows = await stack.deps.database.db.select().from(outbox).where(eq(outbox.key, id)).orderBy(outbox.id);
    const events = rows.map((row) => ({
      ...decodeEvent({ key: row.key, value: row.payload, headers: row.headers }),
      topic: row.topic,
    }));
    expect(events.map((e) => [e.topic, e.type])).toEqual([
      ["task-events", "todo.events.v1.SavedFilterCreated"],
      ["task-updates", "todo.events.v1.SavedFilterChanged"],
      ["task-events", "todo.events.v1.SavedFilterUpdated"],
      ["task-updates", "todo.events.v1.SavedFilterChanged"],
      ["task-events", "todo.events.v1.SavedFilterDeleted"],
      ["task-updates", "todo.events.v1.SavedFilterChanged"],
    ]);
    expect(events.every((e) => e.meta.userId === alice.userId)).toBe(true);
    const [, , updated, , deleted, snapshot] = events.map((e) => e.event);
    expect(isMessage(updated, SavedFilterUpdatedSchema) && [updated.changedFields, updated.savedFilter?.query]).toEqual(
      [["query"], "#home & p1"],
    );
    expect(isMessage(deleted, SavedFilterDeletedSchema) && deleted.savedFilter?.name).toBe("Evented");
    expect(isMessage(snapshot, SavedFilterChangedSchema) && snapshot.kind).toBe(SavedFilterChangeKind.DELETED);
  });
});

describe("the Filter skill through SuggestFilter", () => {
  test("English, Urdu and Roman Urdu sentences become queries the user can read, and run", async () => {
    const filters = filtersOf(alice);
    const english = await filters.suggestFilter({ text: "my urgent work stuff this week" });
    expect(english).toMatchObject({ filter: "due before: +7 days & p1 & #work", language: "en" });
    expect(english.explanation).toBe("Open tasks: due before 7 days from today and priority p1 and tagged #work");
    const urdu = await filters.suggestFilter({ text: "آج کے فوری home کام" });
    expect(urdu).toMatchObject({ filter: "today & p1 & #home", language: "ur" });
    expect(urdu.explanation).toStartWith("باقی کام:");
    expect(await titles(urdu.filter)).toEqual(["pay rent"]);
    const roman = await filters.suggestFilter({ text: "Work project mein kal ke kaam" });
    expect(roman).toMatchObject({ filter: "tomorrow & project: Work", language: "roman-ur" });
    expect(await titles(roman.filter)).toEqual(["write report"]);
    const nothing = await filters.suggestFilter({ text: "hello there" });
    expect(nothing).toMatchObject({ filter: "", confidence: 0 });
    expect(nothing.explanation).toContain("could not tell");
    expect((await filters.listSavedFilters({})).savedFilters.filter((f) => f.name !== "secret")).toEqual([]);
  });
});

describe("archived projects", () => {
  test("their tasks leave filters and views unless the filter names the project", async () => {
    const db = stack.deps.database.db;
    const [attic] = await db
      .insert(projects)
      .values({
        id: crypto.randomUUID(),
        userId: alice.userId,
        name: "Attic",
        rank: "a1",
        archivedAt: now,
        createdAt: now,
        updatedAt: now,
        version: 1,
      })
      .returning();
    const { task } = await alice.tasks.createTask({
      title: "archived chore",
      tags: ["attic"],
      dueAt: at("2026-03-04T09:00:00Z"),
    });
    await db.update(tasks).set({ projectId: attic!.id }).where(eq(tasks.id, task!.id));
    expect(await titles("#attic")).toEqual([]);
    expect(await titles("today")).toEqual(["gym", "pay rent"]);
    expect(await titles("project: attic")).toEqual(["archived chore"]);
    const today = await filtersOf(alice).listToday({ referenceTime });
    expect(today.today.map((t) => t.title)).not.toContain("archived chore");
  });
});
