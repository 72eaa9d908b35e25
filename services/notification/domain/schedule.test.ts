import { describe, expect, test } from "bun:test";
import { isCurrent, planCancel, planSchedule, type ScheduleSnapshot } from "./schedule";

const at = (iso: string) => new Date(iso);
const row = (state: ScheduleSnapshot["state"], remindAt: string | null, taskVersion: number): ScheduleSnapshot => ({
  state,
  remindAt: remindAt ? at(remindAt) : null,
  taskVersion,
});

describe("planSchedule", () => {
  const nine = "2030-01-01T09:00:00Z";
  const ten = "2030-01-01T10:00:00Z";

  test("a first schedule is inserted", () => {
    expect(planSchedule(undefined, { remindAt: at(nine), taskVersion: 1 }).kind).toBe("insert");
  });

  test("an older version never wins, whatever the state", () => {
    for (const state of ["pending", "leased", "delivered", "failed", "cancelled"] as const) {
      expect(planSchedule(row(state, nine, 5), { remindAt: at(ten), taskVersion: 4 }).kind).toBe("ignore");
    }
  });

  test("a new time at a newer version re-arms the reminder", () => {
    expect(planSchedule(row("pending", nine, 1), { remindAt: at(ten), taskVersion: 2 }).kind).toBe("replace");
    expect(planSchedule(row("delivered", nine, 1), { remindAt: at(ten), taskVersion: 2 }).kind).toBe("replace");
  });

  test("the same time again does not re-arm a reminder already handled", () => {
    expect(planSchedule(row("delivered", nine, 1), { remindAt: at(nine), taskVersion: 2 }).kind).toBe("refresh");
    expect(planSchedule(row("pending", nine, 1), { remindAt: at(nine), taskVersion: 1 }).kind).toBe("ignore");
  });

  test("a cancellation holds against its own version and yields to a newer one", () => {
    expect(planSchedule(row("cancelled", nine, 3), { remindAt: at(nine), taskVersion: 3 }).kind).toBe("ignore");
    expect(planSchedule(row("cancelled", nine, 3), { remindAt: at(nine), taskVersion: 4 }).kind).toBe("replace");
    expect(planSchedule(row("cancelled", null, 3), { remindAt: at(nine), taskVersion: 4 }).kind).toBe("replace");
  });
});

describe("planCancel", () => {
  test("cancels a pending or leased reminder at the same or a newer version", () => {
    expect(planCancel(row("pending", "2030-01-01T09:00:00Z", 2), 2).kind).toBe("cancel");
    expect(planCancel(row("leased", "2030-01-01T09:00:00Z", 2), 3).kind).toBe("cancel");
  });

  test("a stale cancellation is ignored", () => {
    expect(planCancel(row("pending", "2030-01-01T09:00:00Z", 4), 3).kind).toBe("ignore");
  });

  test("a cancellation for an unknown task leaves a tombstone; a settled reminder keeps its outcome", () => {
    expect(planCancel(undefined, 1).kind).toBe("insert");
    expect(planCancel(row("delivered", "2030-01-01T09:00:00Z", 1), 2).kind).toBe("refresh");
    expect(planCancel(row("failed", "2030-01-01T09:00:00Z", 1), 1).kind).toBe("ignore");
  });
});

describe("isCurrent", () => {
  const remindAt = at("2030-01-01T09:00:00Z");
  const claim = { leaseId: "lease-1", remindAt, taskVersion: 3 };
  const leased = { state: "leased" as const, remindAt, taskVersion: 3, leaseId: "lease-1" };

  test("the claimed reminder, untouched, is current", () => {
    expect(isCurrent(leased, claim)).toBe(true);
  });

  test("a cancelled, moved, re-versioned or re-claimed reminder is not", () => {
    expect(isCurrent({ ...leased, state: "cancelled" }, claim)).toBe(false);
    expect(isCurrent({ ...leased, state: "pending", leaseId: null }, claim)).toBe(false);
    expect(isCurrent({ ...leased, remindAt: at("2030-01-01T09:00:00.001Z") }, claim)).toBe(false);
    expect(isCurrent({ ...leased, taskVersion: 4 }, claim)).toBe(false);
    expect(isCurrent({ ...leased, leaseId: "lease-2" }, claim)).toBe(false);
  });
});
