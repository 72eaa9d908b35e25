import { describe, expect, test } from "bun:test";
import { nextOccurrence } from "./next-occurrence";
import { type CompletedTask, carriedReminder, maxRemindBeforeSeconds, nextInstance, nextStep } from "./series";

const at = (iso: string) => new Date(iso);
const hour = 3600;

const task = (over: Partial<CompletedTask> = {}): CompletedTask => ({
  id: "0190f0e0-0000-7000-8000-000000000001",
  title: "Water the plants",
  description: "balcony first",
  priority: 4,
  tags: ["home", "garden"],
  dueAt: at("2025-01-05T09:00:00Z"),
  dueDateOnly: false,
  timeZone: "UTC",
  reminder: { kind: "before", seconds: hour },
  rrule: "FREQ=DAILY",
  repeatFrom: "due",
  seriesId: "",
  occurrence: 1,
  completedAt: at("2025-01-05T15:00:00Z"),
  ...over,
});

/** The next due time the series step asks for, computed in process. */
const nextDue = async (t: CompletedTask) => {
  const step = nextStep(t);
  return step.kind === "ended" ? null : ((await nextOccurrence(step.query))?.toISOString() ?? null);
};

describe("from the due date or from completion", () => {
  test("repeat from due counts from the previous due time, even when completed late", async () => {
    const late = task({ rrule: "FREQ=DAILY;INTERVAL=3", completedAt: at("2025-01-09T18:00:00Z") });
    expect(await nextDue(late)).toBe("2025-01-08T09:00:00.000Z");
  });

  test("repeat from completion counts from the completion day, at the due's time of day", async () => {
    const t = task({
      rrule: "FREQ=DAILY;INTERVAL=3",
      repeatFrom: "completion",
      completedAt: at("2025-01-09T18:00:00Z"),
    });
    expect(await nextDue(t)).toBe("2025-01-12T09:00:00.000Z");
  });

  test("completed before the due's time of day, the completion day itself does not count", async () => {
    const t = task({
      rrule: "FREQ=DAILY;INTERVAL=3",
      repeatFrom: "completion",
      completedAt: at("2025-01-09T07:00:00Z"),
    });
    expect(await nextDue(t)).toBe("2025-01-12T09:00:00.000Z");
  });

  test("from completion, the completion's local day in the task's zone is what counts", async () => {
    // 2025-01-10T02:00Z is still the 9th in New York; the series runs at 09:00 New York time.
    const t = task({
      timeZone: "America/New_York",
      dueAt: at("2025-01-06T14:00:00Z"),
      rrule: "FREQ=DAILY;INTERVAL=2",
      repeatFrom: "completion",
      completedAt: at("2025-01-10T02:00:00Z"),
    });
    expect(await nextDue(t)).toBe("2025-01-11T14:00:00.000Z");
  });

  test("a task without a due time repeats from its completion time", async () => {
    expect(await nextDue(task({ dueAt: null, repeatFrom: "due", completedAt: at("2025-01-09T18:00:00Z") }))).toBe(
      "2025-01-10T18:00:00.000Z",
    );
  });
});

describe("COUNT", () => {
  test("COUNT=2: the first completion continues, the second ends the series", async () => {
    expect(nextStep(task({ rrule: "FREQ=DAILY;COUNT=2", occurrence: 1 })).kind).toBe("continue");
    expect(nextStep(task({ rrule: "FREQ=DAILY;COUNT=2", occurrence: 2 }))).toEqual({
      kind: "ended",
      reason: "COUNT=2 reached at occurrence 2",
    });
  });

  test("an unknown occurrence (0) counts as the first", async () => {
    expect(nextStep(task({ rrule: "FREQ=DAILY;COUNT=1", occurrence: 0 })).kind).toBe("ended");
    expect(nextInstance(task({ occurrence: 0 }), at("2025-01-06T09:00:00Z")).occurrence).toBe(2);
  });

  test("the engine is told how many occurrences exist", async () => {
    const step = nextStep(task({ rrule: "FREQ=DAILY;COUNT=5", occurrence: 3 }));
    expect(step.kind === "continue" && step.query.completedCount).toBe(3);
  });

  test("UNTIL ends the series through the engine: nothing after it", async () => {
    expect(await nextDue(task({ rrule: "FREQ=DAILY;UNTIL=20250106T090000Z" }))).toBe("2025-01-06T09:00:00.000Z");
    expect(
      await nextDue(task({ rrule: "FREQ=DAILY;UNTIL=20250106T090000Z", dueAt: at("2025-01-06T09:00:00Z") })),
    ).toBeNull();
  });
});

describe("carry-over", () => {
  test("title, description, tags, priority, zone, date-only, rule and series move to the next instance", async () => {
    const completed = task({
      dueDateOnly: true,
      repeatFrom: "completion",
      occurrence: 4,
      seriesId: "0190f0e0-0000-7000-8000-0000000000aa",
    });
    expect(nextInstance(completed, at("2025-01-06T09:00:00Z"))).toEqual({
      title: "Water the plants",
      description: "balcony first",
      priority: 4,
      tags: ["home", "garden"],
      dueAt: at("2025-01-06T09:00:00Z"),
      dueDateOnly: true,
      timeZone: "UTC",
      reminder: { kind: "before", seconds: hour },
      rrule: "FREQ=DAILY",
      repeatFrom: "completion",
      seriesId: "0190f0e0-0000-7000-8000-0000000000aa",
      occurrence: 5,
    });
  });

  test("the first task of a series gives its own id as the series id", async () => {
    expect(nextInstance(task({ seriesId: "" }), at("2025-01-06T09:00:00Z")).seriesId).toBe(task().id);
  });

  test("an offset reminder stays an offset", async () => {
    expect(carriedReminder(task({ reminder: { kind: "before", seconds: 900 } }), at("2025-01-06T09:00:00Z"))).toEqual({
      kind: "before",
      seconds: 900,
    });
  });

  test("an absolute reminder becomes the same offset before the new due time", async () => {
    const t = task({ reminder: { kind: "at", at: at("2025-01-05T08:30:00Z") } });
    expect(carriedReminder(t, at("2025-01-06T09:00:00Z"))).toEqual({ kind: "before", seconds: 1800 });
  });

  test("an absolute reminder after the due time keeps its distance after the new due time", async () => {
    const t = task({ reminder: { kind: "at", at: at("2025-01-05T10:00:00Z") } });
    expect(carriedReminder(t, at("2025-01-06T09:00:00Z"))).toEqual({ kind: "at", at: at("2025-01-06T10:00:00Z") });
  });

  test("a lead longer than the contract allows as an offset is kept as an absolute time", async () => {
    const lead = (maxRemindBeforeSeconds + 1) * 1000;
    const t = task({ reminder: { kind: "at", at: new Date(at("2025-01-05T09:00:00Z").getTime() - lead) } });
    expect(carriedReminder(t, at("2026-06-01T09:00:00Z"))).toEqual({
      kind: "at",
      at: new Date(at("2026-06-01T09:00:00Z").getTime() - lead),
    });
  });

  test("no reminder stays no reminder; an absolute one without a due time is dropped", async () => {
    expect(carriedReminder(task({ reminder: null }), at("2025-01-06T09:00:00Z"))).toBeNull();
    expect(
      carriedReminder(
        task({ dueAt: null, reminder: { kind: "at", at: at("2025-01-05T08:00:00Z") } }),
        at("2025-01-06T09:00:00Z"),
      ),
    ).toBeNull();
  });
});
