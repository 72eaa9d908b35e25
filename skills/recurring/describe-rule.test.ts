import { expect, test } from "bun:test";
import { describeRule } from "./describe-rule.ts";

test("rules read naturally in English", () => {
  expect(describeRule("FREQ=MONTHLY;BYDAY=2MO", "en")).toBe("every 2nd Monday of the month");
  expect(describeRule("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "en")).toBe("every weekday");
  expect(describeRule("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "en")).toBe("every other Monday");
  expect(describeRule("FREQ=WEEKLY;BYDAY=MO,WE,FR", "en")).toBe("every Monday, Wednesday and Friday");
  expect(describeRule("FREQ=DAILY;INTERVAL=3", "en")).toBe("every 3 days");
  expect(describeRule("FREQ=MONTHLY;BYMONTHDAY=-1", "en")).toBe("on the last day of every month");
  expect(describeRule("FREQ=MONTHLY;BYMONTHDAY=22", "en")).toBe("every month on the 22nd");
  expect(describeRule("FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=14", "en")).toBe("every year on August 14");
  expect(describeRule("FREQ=DAILY;COUNT=5", "en")).toBe("every day, 5 times");
  expect(describeRule("FREQ=WEEKLY;BYDAY=MO;UNTIL=20260317T035900Z", "en", "America/New_York")).toBe("every Monday, until March 16, 2026");
});

test("rules read naturally in Urdu", () => {
  expect(describeRule("FREQ=MONTHLY;BYDAY=2MO", "ur")).toBe("ہر مہینے کا دوسرا پیر");
  expect(describeRule("FREQ=WEEKLY;BYDAY=SU", "ur")).toBe("ہر اتوار");
  expect(describeRule("FREQ=MONTHLY;BYMONTHDAY=1", "ur")).toBe("ہر مہینے کی 1 تاریخ");
  expect(describeRule("FREQ=DAILY", "ur")).toBe("ہر روز");
  expect(describeRule("FREQ=DAILY;INTERVAL=2", "ur")).toBe("ہر دوسرے دن");
  expect(describeRule("FREQ=WEEKLY;BYDAY=MO,TH", "ur")).toBe("ہر پیر اور جمعرات");
  expect(describeRule("FREQ=DAILY;COUNT=5", "ur")).toBe("ہر روز، 5 بار");
});

test("an unreadable rule is shown as written", () => {
  expect(describeRule("not a rule", "en")).toBe("not a rule");
});
