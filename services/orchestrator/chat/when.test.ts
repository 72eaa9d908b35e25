import { expect, test } from "bun:test";
import { describeWhen, localDayRange } from "./when";

const now = new Date("2026-03-04T05:00:00Z"); // Wednesday 10:00 in Karachi
const zone = "Asia/Karachi";

test("English: relative days, weekday and date, 12-hour time, in the user's zone", () => {
  expect(describeWhen(new Date("2026-03-05T12:00:00Z"), false, zone, now, "en")).toBe("tomorrow at 5:00 PM");
  expect(describeWhen(new Date("2026-03-04T19:00:00Z"), true, zone, now, "en")).toBe("tomorrow");
  expect(describeWhen(new Date("2026-03-03T19:00:00Z"), true, zone, now, "en")).toBe("today");
  expect(describeWhen(new Date("2026-03-06T04:30:00Z"), false, zone, now, "en")).toBe("Fri, Mar 6 at 9:30 AM");
  expect(describeWhen(new Date("2027-01-01T07:00:00Z"), false, zone, now, "en")).toBe("Fri, Jan 1, 2027 at 12:00 PM");
});

test("Urdu: آج/کل/پرسوں, part of day and بجے", () => {
  expect(describeWhen(new Date("2026-03-05T12:00:00Z"), false, zone, now, "ur")).toBe("کل شام 5 بجے");
  expect(describeWhen(new Date("2026-03-04T04:00:00Z"), false, zone, now, "ur")).toBe("آج صبح 9 بجے");
  expect(describeWhen(new Date("2026-03-06T09:30:00Z"), false, zone, now, "ur")).toBe("پرسوں دوپہر 2:30 بجے");
  expect(describeWhen(new Date("2026-03-09T16:00:00Z"), false, zone, now, "ur")).toBe("پیر 9 مارچ رات 9 بجے");
  expect(describeWhen(new Date("2026-03-02T19:00:00Z"), true, zone, now, "ur")).toBe("گزشتہ کل");
});

test("Roman Urdu: aaj/kal/parson, part of day and baje, in Latin letters", () => {
  expect(describeWhen(new Date("2026-03-05T12:00:00Z"), false, zone, now, "roman-ur")).toBe("kal shaam 5 baje");
  expect(describeWhen(new Date("2026-03-04T04:00:00Z"), false, zone, now, "roman-ur")).toBe("aaj subah 9 baje");
  expect(describeWhen(new Date("2026-03-09T16:00:00Z"), false, zone, now, "roman-ur")).toBe("Peer 9 March raat 9 baje");
  expect(describeWhen(new Date("2026-03-04T19:00:00Z"), true, zone, now, "roman-ur")).toBe("kal");
});

test("the local day of an instant", () => {
  expect(localDayRange(new Date("2026-03-05T12:00:00Z"), zone)).toEqual({
    start: new Date("2026-03-04T19:00:00Z"),
    end: new Date("2026-03-05T19:00:00Z"),
  });
});

test("a local day across a DST change is 23 hours long", () => {
  expect(localDayRange(new Date("2026-03-08T15:00:00Z"), "America/New_York")).toEqual({
    start: new Date("2026-03-08T05:00:00Z"),
    end: new Date("2026-03-09T04:00:00Z"),
  });
});
