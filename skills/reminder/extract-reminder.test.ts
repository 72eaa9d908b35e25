import { describe, expect, test } from "bun:test";
import type { DateFrame } from "../shared/dates/date-finding";
import { makeFrame } from "../shared/frame";
import { extractReminderRules } from "./extract-reminder";

const frame = makeFrame(new Date("2026-03-04T05:00:00Z"), "Asia/Karachi") as DateFrame; // Wed 10:00
const dueAt = new Date("2026-03-05T12:00:00Z"); // Thu 17:00

const value = (text: string, due: Date | null = dueAt) => {
  const result = extractReminderRules(text, frame, due ?? undefined);
  return result.kind === "ok" ? result.value : result.kind;
};

describe("reminder agent rules", () => {
  test("offsets before due in English, Urdu and Roman Urdu", () => {
    expect(value("remind me 30 minutes before")).toEqual({ beforeSeconds: 1800 });
    expect(value("an hour before")).toEqual({ beforeSeconds: 3600 });
    expect(value("half an hour before")).toEqual({ beforeSeconds: 1800 });
    expect(value("remind me the day before")).toEqual({ beforeSeconds: 86_400 });
    expect(value("ایک گھنٹہ پہلے یاد دلانا")).toEqual({ beforeSeconds: 3600 });
    expect(value("آدھا گھنٹہ پہلے")).toEqual({ beforeSeconds: 1800 });
    expect(value("۱۵ منٹ پہلے یاد دلانا")).toEqual({ beforeSeconds: 900 });
    expect(value("aadha ghanta pehle")).toEqual({ beforeSeconds: 1800 });
    expect(value("ek din pehle yaad dilana")).toEqual({ beforeSeconds: 86_400 });
  });

  test("a clock time goes on the due day when that keeps it before the due time", () => {
    expect(value("remind me at 4pm")).toEqual({ at: "2026-03-05T11:00:00.000Z" });
    expect(value("remind me at 8pm")).toEqual({ at: "2026-03-04T15:00:00.000Z" });
    expect(value("remind me at 4pm", null)).toEqual({ at: "2026-03-04T11:00:00.000Z" });
    expect(value("4 بجے یاد دلانا")).toEqual({ at: "2026-03-05T11:00:00.000Z" });
    expect(value("kal subah 8 baje yaad dilana")).toEqual({ at: "2026-03-05T03:00:00.000Z" });
  });

  test("relative and dated reminders", () => {
    expect(value("remind me in 2 hours")).toEqual({ at: "2026-03-04T07:00:00.000Z" });
    expect(value("remind me tomorrow")).toEqual({ at: "2026-03-05T04:00:00.000Z" });
  });

  test("an offset without a due time asks before when", () => {
    const result = extractReminderRules("remind me 30 minutes before", frame, undefined);
    expect(result.kind === "ok" && result.ambiguities[0]?.field).toBe("reminder");
  });

  test("no time in the text is invalid", () => {
    expect(value("remind me please")).toBe("invalid");
  });
});
