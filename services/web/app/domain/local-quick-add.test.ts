import { describe, expect, test } from "bun:test";
import { draftOf } from "./chips";
import { readQuickAdd } from "./local-quick-add";

// Tuesday 2026-03-10 10:00 in Karachi (UTC+5).
const frame = { referenceTime: new Date("2026-03-10T05:00:00Z"), timeZone: "Asia/Karachi", language: "en" as const };
const draft = (text: string) => draftOf(readQuickAdd(text, frame), new Set());
const karachi = (iso: string) => new Date(`${iso}+05:00`);

describe("local quick add", () => {
  test("dates and times in the user's zone", () => {
    expect(draft("pay rent today").due).toEqual({ at: karachi("2026-03-10T00:00:00"), dateOnly: true });
    expect(draft("gym at 18:30").due).toEqual({ at: karachi("2026-03-10T18:30:00"), dateOnly: false });
    expect(draft("standup 9am").due?.at).toEqual(karachi("2026-03-11T09:00:00"));
    expect(draft("call mom on friday").due).toEqual({ at: karachi("2026-03-13T00:00:00"), dateOnly: true });
    expect(draft("review next tuesday").due?.at).toEqual(karachi("2026-03-17T00:00:00"));
    expect(draft("dentist jan 5").due?.at).toEqual(karachi("2027-01-05T00:00:00"));
    expect(draft("taxes 15 april 2026 at noon").due?.at).toEqual(karachi("2026-04-15T12:00:00"));
    expect(draft("check oven in 20 minutes").due?.at).toEqual(new Date("2026-03-10T05:20:00Z"));
  });

  test("titles keep words that only look like markers", () => {
    expect(draft("sat with the team").title).toBe("sat with the team");
    expect(draft("sat with the team").due).toBeUndefined();
    expect(draft("email p1 list to sam").priority).toBe("urgent");
  });

  test("recurrence, with the first occurrence as due date", () => {
    const weekly = draft("team sync every monday at 9am");
    expect(weekly.rrule).toBe("FREQ=WEEKLY;BYDAY=MO");
    expect(weekly.due?.at).toEqual(karachi("2026-03-16T09:00:00"));
    expect(weekly.title).toBe("team sync");
    expect(draft("water plants every other day").rrule).toBe("FREQ=DAILY;INTERVAL=2");
    expect(draft("stretch every weekday").rrule).toBe("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
    expect(draft("backup every month").due).toEqual({ at: karachi("2026-03-10T00:00:00"), dateOnly: true });
  });

  test("reminders before due or at a time", () => {
    expect(draft("flight friday 6pm remind me 2 hours before").reminder).toEqual({ beforeSeconds: 7200 });
    const at = draft("flight friday 6pm remind me at 3pm");
    expect(at.reminder).toEqual({ at: karachi("2026-03-13T15:00:00") });
    expect(at.due?.at).toEqual(karachi("2026-03-13T18:00:00"));
  });

  test("Urdu and Roman Urdu basics", () => {
    const urdu = draft("دودھ لانا کل شام 5 بجے #گھر");
    expect(urdu.title).toBe("دودھ لانا");
    expect(urdu.due?.at).toEqual(karachi("2026-03-11T17:00:00"));
    expect(urdu.tags).toEqual(["گھر"]);
    expect(draft("ہر پیر کو صبح 9 بجے رپورٹ جمع کروانا").rrule).toBe("FREQ=WEEKLY;BYDAY=MO");
    expect(draft("doodh lana kal 5 baje").due?.at).toEqual(karachi("2026-03-11T05:00:00"));
  });

  test("spans are UTF-16 offsets into the line", () => {
    const parse = readQuickAdd("buy milk tomorrow at 5pm #home p1", frame);
    for (const span of parse.spans) expect(parse.text.slice(span.start, span.end)).toBe(span.text);
  });
});
