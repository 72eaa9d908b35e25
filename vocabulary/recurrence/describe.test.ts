import { describe, expect, test } from "bun:test";
import { describeRule as summarizeRule } from "./describe";

describe("rule summary", () => {
  const cases: [string, string, string][] = [
    ["FREQ=DAILY", "every day", "روزانہ"],
    ["FREQ=DAILY;INTERVAL=3", "every 3 days", "ہر 3 دن بعد"],
    ["FREQ=WEEKLY", "every week", "ہر ہفتے"],
    ["FREQ=WEEKLY;BYDAY=MO", "every Monday", "ہر پیر"],
    ["FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "every 2nd Monday", "ہر دوسرے پیر"],
    ["FREQ=WEEKLY;BYDAY=FR,MO,WE", "every Monday, Wednesday and Friday", "ہر پیر، بدھ اور جمعہ"],
    ["FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "every weekday", "ہر کام کے دن"],
    ["FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,TH", "every 3 weeks on Tuesday and Thursday", "ہر 3 ہفتے بعد منگل اور جمعرات کو"],
    ["FREQ=MONTHLY;BYDAY=2MO", "on the 2nd Monday of every month", "ہر مہینے کے دوسرے پیر کو"],
    ["FREQ=MONTHLY;BYDAY=-1FR", "on the last Friday of every month", "ہر مہینے کے آخری جمعہ کو"],
    ["FREQ=MONTHLY;BYMONTHDAY=15", "on the 15th of every month", "ہر مہینے کی 15 تاریخ کو"],
    ["FREQ=MONTHLY;INTERVAL=3", "every 3 months", "ہر 3 مہینے بعد"],
    ["FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=5", "every year on March 5", "ہر سال 5 مارچ کو"],
    ["FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0", "every Monday at 9:00", "ہر پیر 9:00 بجے"],
    ["FREQ=DAILY;COUNT=5", "every day, 5 times", "روزانہ، 5 بار"],
    [
      "FREQ=WEEKLY;BYDAY=SU;UNTIL=20261231T000000Z",
      "every Sunday, until December 31, 2026",
      "ہر اتوار، 31 دسمبر 2026 تک",
    ],
  ];
  for (const [rule, english, urdu] of cases) {
    test(`${rule} reads "${english}"`, () => {
      expect(summarizeRule(rule, "en")).toBe(english);
      expect(summarizeRule(rule, "ur")).toBe(urdu);
    });
  }

  test("Roman Urdu in Latin letters, for chat replies to Roman Urdu messages", () => {
    expect(summarizeRule("FREQ=WEEKLY;BYDAY=MO", "roman-ur")).toBe("har Peer");
    expect(summarizeRule("FREQ=MONTHLY;BYMONTHDAY=1", "roman-ur")).toBe("har mahine ki 1 tareekh ko");
    expect(summarizeRule("FREQ=DAILY;COUNT=5", "roman-ur")).toBe("rozana, 5 baar");
    expect(summarizeRule("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0", "roman-ur")).toBe("har Peer 9:00 baje");
    expect(summarizeRule("FREQ=WEEKLY;BYDAY=SU;UNTIL=20261231T000000Z", "roman-ur")).toBe(
      "har Itwar, 31 December 2026 tak",
    );
  });

  test("accepts the RRULE: prefix and lower case", () => {
    expect(summarizeRule("RRULE:freq=weekly;byday=mo", "en")).toBe("every Monday");
  });

  test("one describer for chat and UI: where the chat's own describer differed, the UI's phrases won", () => {
    // The chat said "every 2nd Monday of the month", "every other Monday", "every month on the 22nd",
    // "ہر روز" and "ہر مہینے کا دوسرا پیر"; it now says what the task list shows.
    expect(summarizeRule("FREQ=MONTHLY;BYDAY=2MO", "en")).toBe("on the 2nd Monday of every month");
    expect(summarizeRule("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "en")).toBe("every 2nd Monday");
    expect(summarizeRule("FREQ=MONTHLY;BYMONTHDAY=22", "en")).toBe("on the 22nd of every month");
    expect(summarizeRule("FREQ=MONTHLY;BYMONTHDAY=-1", "en")).toBe("on the last day of every month");
    expect(summarizeRule("FREQ=DAILY", "ur")).toBe("روزانہ");
    expect(summarizeRule("FREQ=MONTHLY;BYDAY=2MO", "ur")).toBe("ہر مہینے کے دوسرے پیر کو");
    // The chat's reading of UNTIL in the task's zone won over the UI's UTC date.
    expect(summarizeRule("FREQ=WEEKLY;BYDAY=MO;UNTIL=20260317T035900Z", "en", "America/New_York")).toBe(
      "every Monday, until March 16, 2026",
    );
    expect(summarizeRule("FREQ=WEEKLY;BYDAY=MO;UNTIL=20260317T035900Z", "en")).toBe(
      "every Monday, until March 17, 2026",
    );
  });

  test("rules it cannot read return undefined instead of a wrong phrase", () => {
    expect(summarizeRule("FREQ=FORTNIGHTLY", "en")).toBeUndefined();
    expect(summarizeRule("BYDAY=MO", "en")).toBeUndefined();
    expect(summarizeRule("FREQ=WEEKLY;BYSETPOS=1", "en")).toBeUndefined();
    expect(summarizeRule("FREQ=MONTHLY;BYDAY=MO,2TU", "en")).toBeUndefined();
    expect(summarizeRule("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "en")).toBeUndefined();
    expect(summarizeRule("FREQ=MINUTELY", "en")).toBeUndefined();
  });
});
