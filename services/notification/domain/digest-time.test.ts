import { expect, test } from "bun:test";
import { SnoozeDelay } from "../../../gen/todo/v1/notification_service_pb";
import { planDigest, upcomingDigestAt } from "./digest-time";
import { snoozeUntil } from "./snooze";

// 2026-03-04T03:30Z is 08:30 in Karachi (UTC+5) and 19:30 on the 3rd in Los Angeles (UTC-8).
const now = new Date("2026-03-04T03:30:00Z");

test("the digest time comes next today if it is still ahead, else tomorrow; a day sent is not sent again", () => {
  expect(upcomingDigestAt(now, "09:00", "Asia/Karachi", null).toISOString()).toBe("2026-03-04T04:00:00.000Z");
  expect(upcomingDigestAt(now, "07:00", "Asia/Karachi", null).toISOString()).toBe("2026-03-05T02:00:00.000Z");
  expect(upcomingDigestAt(now, "09:00", "Asia/Karachi", "2026-03-04").toISOString()).toBe("2026-03-05T04:00:00.000Z");
  // Empty time is 07:00; Los Angeles is still on the 3rd.
  expect(upcomingDigestAt(now, "", "America/Los_Angeles", null).toISOString()).toBe("2026-03-04T15:00:00.000Z");
});

test("at its time a digest sends the local day once; a zone whose time is still ahead waits", () => {
  expect(planDigest(now, "08:00", "Asia/Karachi", "2026-03-03")).toEqual({ kind: "send", day: "2026-03-04" });
  expect(planDigest(now, "08:00", "Asia/Karachi", "2026-03-04")).toEqual({
    kind: "wait",
    until: new Date("2026-03-05T03:00:00Z"),
  });
  // The user moved to Los Angeles, where it is 19:30 on the 3rd: 21:00 there is still ahead, 08:00 is not.
  expect(planDigest(now, "21:00", "America/Los_Angeles", null)).toEqual({
    kind: "wait",
    until: new Date("2026-03-04T05:00:00Z"),
  });
  expect(planDigest(now, "08:00", "America/Los_Angeles", null)).toEqual({ kind: "send", day: "2026-03-03" });
});

test("a DST jump: 02:30 on the spring-forward night in New York goes out at 03:30", () => {
  const before = new Date("2026-03-08T05:00:00Z"); // 00:00 EST on the 8th
  expect(upcomingDigestAt(before, "02:30", "America/New_York", null).toISOString()).toBe("2026-03-08T07:30:00.000Z");
});

test("snooze: ten minutes, an hour, and 09:00 tomorrow in the user's zone", () => {
  expect(snoozeUntil(SnoozeDelay.TEN_MINUTES, now, "Asia/Karachi").toISOString()).toBe("2026-03-04T03:40:00.000Z");
  expect(snoozeUntil(SnoozeDelay.ONE_HOUR, now, "Asia/Karachi").toISOString()).toBe("2026-03-04T04:30:00.000Z");
  expect(snoozeUntil(SnoozeDelay.TOMORROW_MORNING, now, "Asia/Karachi").toISOString()).toBe("2026-03-05T04:00:00.000Z");
  // 19:30 on the 3rd in Los Angeles: tomorrow is the 4th, 09:00 PST.
  expect(snoozeUntil(SnoozeDelay.TOMORROW_MORNING, now, "America/Los_Angeles").toISOString()).toBe(
    "2026-03-04T17:00:00.000Z",
  );
});
