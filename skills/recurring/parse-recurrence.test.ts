import { describe, expect, test } from "bun:test";
import { readRule as parseRule, sameRule } from "../../vocabulary/recurrence/rule";
import type { DateFrame } from "../shared/dates/date-finding";
import { makeFrame } from "../shared/frame";
import { parseRecurrenceRules } from "./parse-recurrence";

const frame = makeFrame(new Date("2026-03-04T05:00:00Z"), "Asia/Karachi") as DateFrame;

const CASES: Array<[string, string, ("due" | "completion")?]> = [
  ["every weekday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"],
  ["every 2nd monday", "FREQ=MONTHLY;BYDAY=2MO"],
  ["every other monday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"],
  ["last day of the month", "FREQ=MONTHLY;BYMONTHDAY=-1"],
  ["every 3 days", "FREQ=DAILY;INTERVAL=3"],
  ["daily", "FREQ=DAILY"],
  ["weekly", "FREQ=WEEKLY"],
  ["monthly", "FREQ=MONTHLY"],
  ["yearly", "FREQ=YEARLY"],
  ["every monday and thursday", "FREQ=WEEKLY;BYDAY=MO,TH"],
  ["on the 15th of every month", "FREQ=MONTHLY;BYMONTHDAY=15"],
  ["every last friday of the month", "FREQ=MONTHLY;BYDAY=-1FR"],
  ["every year on March 5", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=5"],
  ["every day for 5 times", "FREQ=DAILY;COUNT=5"],
  ["every 3 days after completion", "FREQ=DAILY;INTERVAL=3", "completion"],
  ["every week after I finish it", "FREQ=WEEKLY", "completion"],
  ["har itwar", "FREQ=WEEKLY;BYDAY=SU"],
  ["har roz", "FREQ=DAILY"],
  ["har mahine ki 5 tareekh", "FREQ=MONTHLY;BYMONTHDAY=5"],
  ["ہر مہینے کی پہلی تاریخ", "FREQ=MONTHLY;BYMONTHDAY=1"],
  ["ہر مہینے کی یکم کو", "FREQ=MONTHLY;BYMONTHDAY=1"],
  ["har mahine ki yakam ko", "FREQ=MONTHLY;BYMONTHDAY=1"],
  ["ہر پیر", "FREQ=WEEKLY;BYDAY=MO"],
  ["ہر پیر اور جمعرات کو", "FREQ=WEEKLY;BYDAY=MO,TH"],
  ["ہر ہفتے", "FREQ=WEEKLY"],
  ["ہر ہفتے کو", "FREQ=WEEKLY;BYDAY=SA"],
  ["ہر دوسرے دن", "FREQ=DAILY;INTERVAL=2"],
  ["ہر مہینے کا آخری جمعہ", "FREQ=MONTHLY;BYDAY=-1FR"],
  ["ہر مہینے کے آخری دن", "FREQ=MONTHLY;BYMONTHDAY=-1"],
  ["روزانہ، 10 بار", "FREQ=DAILY;COUNT=10"],
  ["ہر 3 دن بعد، مکمل ہونے کے بعد", "FREQ=DAILY;INTERVAL=3", "completion"],
];

describe("recurring agent rules", () => {
  for (const [text, rrule, repeatFrom = "due"] of CASES) {
    test(`${text} → ${rrule}`, () => {
      const result = parseRecurrenceRules(text, frame);
      expect(result.kind).toBe("ok");
      if (result.kind !== "ok") return;
      expect(sameRule(result.value.rrule, rrule)).toBe(true);
      expect(result.value.repeatFrom).toBe(repeatFrom);
      for (const span of result.spans) expect(text.slice(span.start, span.end)).toBe(span.text);
    });
  }

  test("until a date becomes UNTIL at the end of that local day", () => {
    const result = parseRecurrenceRules("every monday until March 30", frame);
    expect(result.kind === "ok" && result.value.rrule).toBe("FREQ=WEEKLY;BYDAY=MO;UNTIL=20260330T185900Z");
  });

  test("no repetition is invalid", () => {
    expect(parseRecurrenceRules("buy milk tomorrow", frame).kind).toBe("invalid");
  });

  test("rule strings are validated", () => {
    expect(parseRule("RRULE:FREQ=WEEKLY;BYDAY=MO")).toEqual({ freq: "WEEKLY", byDay: ["MO"] });
    expect(parseRule("FREQ=WEEKLY;BYDAY=XX")).toBeNull();
    expect(parseRule("FREQ=DAILY;COUNT=3;UNTIL=20260101")).toBeNull();
    expect(parseRule("BYDAY=MO")).toBeNull();
  });
});
