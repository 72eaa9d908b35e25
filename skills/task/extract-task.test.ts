import { describe, expect, test } from "bun:test";
import type { DateFrame } from "../shared/dates/date-finding";
import { makeFrame } from "../shared/frame";
import type { OkResult } from "../shared/types";
import type { TaskFields } from "./schema";
import { extractTaskRules } from "./task-rules";

const karachi = makeFrame(new Date("2026-03-04T05:00:00Z"), "Asia/Karachi") as DateFrame; // Wed 10:00
const newYork = makeFrame(new Date("2026-03-04T15:00:00Z"), "America/New_York") as DateFrame; // Wed 10:00

function extract(text: string, frame: DateFrame = karachi): OkResult<TaskFields> {
  const result = extractTaskRules(text, frame);
  if (result.kind !== "ok") throw new Error(`expected ok, got ${result.kind}`);
  return result;
}

describe("task agent rules", () => {
  test("spans point at the exact substrings each field was read from", () => {
    const text = "Pay rent tomorrow at 9am p1 #home, remind me 1 hour before";
    const result = extract(text);
    for (const span of result.spans) expect(text.slice(span.start, span.end)).toBe(span.text);
    const byField = (field: string) => result.spans.filter((s) => s.field === field).map((s) => s.text);
    expect(byField("due")).toEqual(["tomorrow at 9am"]);
    expect(byField("priority")).toEqual(["p1"]);
    expect(byField("tags")).toEqual(["#home"]);
    expect(byField("reminder")).toEqual(["remind me 1 hour before"]);
    expect(byField("title")).toEqual(["Pay rent"]);
    expect(result.value).toMatchObject({
      title: "Pay rent",
      priority: "urgent",
      tags: ["home"],
      reminder: { beforeSeconds: 3600 },
    });
  });

  test("Urdu spans carry UTF-16 offsets", () => {
    const text = "کل شام 5 بجے دودھ خریدنا";
    const result = extract(text);
    const due = result.spans.filter((s) => s.field === "due").map((s) => text.slice(s.start, s.end));
    expect(due.join(" ")).toBe("کل شام 5 بجے");
    expect(result.value.due).toEqual({ at: "2026-03-05T12:00:00.000Z", dateOnly: false });
  });

  test("quoted text is never read as a date, and stays in the title", () => {
    for (const text of ['read "Tomorrow never dies"', "watch “Friday Night Lights” p3", 'پڑھنا "کل کا کام آج کرو"']) {
      const result = extract(text);
      expect(result.value.due).toBeUndefined();
      expect(result.spans.some((s) => s.field === "due")).toBe(false);
    }
    expect(extract('read "Tomorrow never dies" on Friday').value).toMatchObject({
      title: 'read "Tomorrow never dies"',
      due: { at: "2026-03-05T19:00:00.000Z", dateOnly: true },
    });
  });

  test("کل / kal with a past-tense verb is flagged, not guessed", () => {
    for (const text of ["کل جو دوائی لی تھی وہ دوبارہ منگوانی ہے", "kal bank gaya tha, receipt file karni hai"]) {
      const result = extract(text);
      expect(result.value.due).toBeUndefined();
      expect(result.ambiguities).toHaveLength(1);
      expect(result.ambiguities[0]).toMatchObject({ field: "due", options: ["tomorrow", "yesterday"] });
      expect(result.ambiguities[0]?.questionUr).toMatch(/[\u0600-\u06FF]/);
      expect(result.confidence).toBeLessThan(0.7);
    }
    expect(extract("kal doodh lena hai").value.due).toEqual({ at: "2026-03-04T19:00:00.000Z", dateOnly: true });
  });

  test("ہفتہ alone is flagged (Saturday or week); with کو it is Saturday; اگلے ہفتے is next week", () => {
    const alone = extract("ہفتہ رپورٹ بھیجنی ہے");
    expect(alone.value.due).toBeUndefined();
    expect(alone.ambiguities[0]).toMatchObject({ field: "due", text: "ہفتہ", options: ["saturday", "week"] });
    expect(extract("ہفتے کو میٹنگ").value.due?.at).toBe("2026-03-06T19:00:00.000Z");
    expect(extract("اگلے ہفتے بینک جانا ہے").value.due?.at).toBe("2026-03-08T19:00:00.000Z");
    expect(extract("hafte ko zoo jana hai").value.due?.at).toBe("2026-03-06T19:00:00.000Z");
  });

  test("a date without a time is date-only; a time already past today means tomorrow", () => {
    expect(extract("call the bank on Friday").value.due).toEqual({ at: "2026-03-05T19:00:00.000Z", dateOnly: true });
    expect(extract("stand-up at 9am").value.due).toEqual({ at: "2026-03-05T04:00:00.000Z", dateOnly: false });
    expect(extract("lunch at 1").value.due).toEqual({ at: "2026-03-04T08:00:00.000Z", dateOnly: false });
  });

  test("dates are read in the given zone, across the US DST change", () => {
    expect(extract("dentist next monday at 9am", newYork).value.due?.at).toBe("2026-03-09T13:00:00.000Z");
    expect(extract("dentist friday at 9am", newYork).value.due?.at).toBe("2026-03-06T14:00:00.000Z");
    expect(extract("call mom tomorrow", newYork).value.due).toEqual({ at: "2026-03-05T05:00:00.000Z", dateOnly: true });
  });

  test("Todoist markers: p1–p4, urgent/important words in three languages", () => {
    expect(["p1", "p2", "p3", "p4"].map((p) => extract(`file taxes ${p}`).value.priority)).toEqual([
      "urgent",
      "high",
      "medium",
      "low",
    ]);
    expect(extract("fix prod urgent").value.priority).toBe("urgent");
    expect(extract("important call with bank").value).toMatchObject({ priority: "high", title: "call with bank" });
    expect(extract("فوری: بل جمع کروانا").value).toMatchObject({ priority: "urgent", title: "بل جمع کروانا" });
    expect(extract("اہم میٹنگ کی تیاری").value.priority).toBe("high");
    expect(extract("bill jama karwana zaroori hai").value.priority).toBe("high");
    expect(extract("buy milk").value.priority).toBe("none");
  });

  test("markers people bring from other apps: !1–!4, !high/!low, !!!; the stranded preposition leaves the title", () => {
    expect(["!1", "!2", "!3", "!4"].map((p) => extract(`file taxes ${p}`).value.priority)).toEqual([
      "urgent",
      "high",
      "medium",
      "low",
    ]);
    expect(extract("submit report by friday !high").value).toMatchObject({
      title: "submit report",
      priority: "high",
      due: { at: "2026-03-05T19:00:00.000Z", dateOnly: true },
    });
    expect(extract("water plants !low").value).toMatchObject({ title: "water plants", priority: "low" });
    expect(extract("deploy the fix !!!").value).toMatchObject({ title: "deploy the fix", priority: "urgent" });
    // An exclamation after a word is punctuation, not a marker.
    expect(extract("we won!!").value.priority).toBe("none");
    expect(extract("رپورٹ بھیجنا کم ترجیح").value).toMatchObject({ title: "رپورٹ بھیجنا", priority: "low" });
    expect(extract("kiraya dena kam tarjeeh").value).toMatchObject({ title: "kiraya dena", priority: "low" });
  });
  test("the title span ends at the title's last word, not at the same letters inside a claimed piece", () => {
    const text = "fix it with a high priority";
    const result = extract(text);
    expect(result.value).toMatchObject({ title: "fix it", priority: "high" });
    expect(result.spans.find((s) => s.field === "title")).toMatchObject({ start: 0, end: 6, text: "fix it" });
  });
  test("tags: #tag and @tag, not e-mail addresses; inline tags keep their word in the title", () => {
    expect(extract("email ali@example.com the draft #work").value).toMatchObject({
      tags: ["work"],
      title: "email ali@example.com the draft",
    });
    expect(extract("talk to @ali about the budget").value).toMatchObject({
      tags: ["ali"],
      title: "talk to ali about the budget",
    });
  });

  test("recurrence with a time sets the first due on a day the rule allows", () => {
    expect(extract("ہر پیر کو صبح 9 بجے رپورٹ جمع کروانا").value).toMatchObject({
      title: "رپورٹ جمع کروانا",
      due: { at: "2026-03-09T04:00:00.000Z", dateOnly: false },
      recurrence: { rrule: "FREQ=WEEKLY;BYDAY=MO", repeatFrom: "due" },
    });
  });

  test("the text after the first line is the description, verbatim", () => {
    const result = extract("dentist on friday\nbring the insurance card (blue one)");
    expect(result.value).toMatchObject({ title: "dentist", description: "bring the insurance card (blue one)" });
  });

  test("an empty title lowers confidence; empty text is invalid", () => {
    expect(extract("tomorrow at 5pm").confidence).toBeLessThan(0.5);
    expect(extractTaskRules("   ", karachi).kind).toBe("invalid");
  });
});
