import { describe, expect, test } from "bun:test";
import { romanUrduClock, urduClock } from "./clock-time";

describe("clock time in Urdu", () => {
  test("part of the day, 12-hour clock, minutes only when there are some", () => {
    expect(urduClock(9, 0)).toBe("صبح 9 بجے");
    expect(urduClock(17, 30)).toBe("شام 5:30 بجے");
    expect(urduClock(12, 5)).toBe("دوپہر 12:05 بجے");
    expect(urduClock(0, 0)).toBe("رات 12 بجے");
    expect(urduClock(21, 0)).toBe("رات 9 بجے");
  });

  test("Roman Urdu says the same in Latin letters", () => {
    expect(romanUrduClock(9, 0)).toBe("subah 9 baje");
    expect(romanUrduClock(17, 30)).toBe("shaam 5:30 baje");
  });
});
