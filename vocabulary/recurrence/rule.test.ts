import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { formatRule, parseRule, readRule, ruleLimits, sameRule } from "./rule";

const problemOf = (text: string) => {
  const parsed = parseRule(text);
  return parsed.ok ? null : parsed.problem;
};

describe("parseRule: the one grammar", () => {
  test("accepts common rules, strips the prefix, keeps the rule as written (upper-cased)", () => {
    expect(parseRule("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")).toMatchObject({
      ok: true,
      rule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    });
    expect(parseRule("freq=monthly;bymonthday=-1")).toMatchObject({ ok: true, rule: "FREQ=MONTHLY;BYMONTHDAY=-1" });
    expect(parseRule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29")).toMatchObject({
      ok: true,
      parts: { freq: "YEARLY", byMonth: [2], byMonthDay: [29] },
    });
    expect(readRule("RRULE:FREQ=WEEKLY;BYDAY=MO")).toEqual({ freq: "WEEKLY", byDay: ["MO"] });
  });

  test("refuses nonsense", () => {
    for (const bad of [
      "",
      "BYDAY=MO",
      "FREQ=SOMETIMES",
      "FREQ=DAILY;COUNT=2;UNTIL=20260101T000000Z",
      "FREQ=DAILY;FOO=1",
      "FREQ=DAILY;INTERVAL=0",
      "FREQ=WEEKLY;BYDAY=XX",
      "FREQ=DAILY;INTERVAL=0x10",
      "FREQ=DAILY;UNTIL=20260230",
      "FREQ=DAILY;FREQ=WEEKLY",
      "FREQ=MONTHLY;BYSETPOS=0",
    ]) {
      expect(problemOf(bad)).not.toBeNull();
    }
  });

  test("BY parts that never meet on one day are refused by reasoning, before any expansion", () => {
    expect(problemOf("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")).toContain("never fires");
    expect(problemOf("FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30")).toContain("never fires");
    expect(problemOf("FREQ=YEARLY;BYMONTH=4,6;BYMONTHDAY=31")).toContain("never fires");
    expect(problemOf("FREQ=YEARLY;BYYEARDAY=1;BYMONTH=7")).toContain("never fires");
    expect(problemOf("FREQ=YEARLY;BYYEARDAY=366;BYMONTH=12;BYMONTHDAY=31")).toBeNull(); // the 366th day is 31 December of a leap year
    expect(problemOf("FREQ=YEARLY;BYYEARDAY=-1;BYMONTHDAY=31")).toBeNull();
  });

  test("where the three parsers disagreed, this is what won", () => {
    // The web accepted MINUTELY; the floor is HOURLY now (see ruleLimits), and sub-hourly BYMINUTE lists too.
    expect(problemOf("FREQ=MINUTELY")).toContain("more often than hourly");
    expect(problemOf("FREQ=SECONDLY")).toContain("more often than hourly");
    expect(problemOf("FREQ=HOURLY;BYMINUTE=0,30")).toContain("more often than hourly");
    expect(problemOf("FREQ=DAILY;BYHOUR=9;BYMINUTE=0,30")).toBeNull();
    // The skills refused BYHOUR (which the web writes); it reads now.
    expect(readRule("FREQ=DAILY;BYHOUR=9,18")).toEqual({ freq: "DAILY", byHour: [9, 18] });
    // The orchestrator accepted BYSETPOS, BYWEEKNO and BYYEARDAY; they read everywhere, within RFC 5545's pairings.
    expect(readRule("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1")).toMatchObject({ bySetPos: [-1] });
    expect(readRule("FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO")).toMatchObject({ byWeekNo: [20] });
    expect(problemOf("FREQ=DAILY;BYYEARDAY=1;BYMONTH=7")).toContain("BYYEARDAY cannot be used with FREQ=DAILY");
    expect(problemOf("FREQ=MONTHLY;BYWEEKNO=1")).toContain("BYWEEKNO needs FREQ=YEARLY");
    expect(problemOf("FREQ=WEEKLY;BYDAY=2MO")).toContain("numbered BYDAY");
  });

  test("limits: interval, count, rule length, UNTIL years", () => {
    expect(problemOf(`FREQ=DAILY;INTERVAL=${ruleLimits.maxInterval + 1}`)).toContain("INTERVAL");
    expect(problemOf(`FREQ=DAILY;COUNT=${ruleLimits.maxCount + 1}`)).toContain("COUNT");
    expect(problemOf(`FREQ=DAILY;UNTIL=22010101`)).toContain("UNTIL");
    expect(problemOf(`FREQ=DAILY;${"X".repeat(ruleLimits.maxLength)}`)).toContain("longer than");
  });

  test("formatRule writes one order, so sameRule ignores the order of parts", () => {
    expect(formatRule({ freq: "MONTHLY", byDay: ["-1FR"], interval: 2, byMonth: [3] })).toBe(
      "FREQ=MONTHLY;INTERVAL=2;BYMONTH=3;BYDAY=-1FR",
    );
    expect(sameRule("BYDAY=MO;FREQ=WEEKLY;INTERVAL=2", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO")).toBe(true);
    expect(sameRule("FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=TU")).toBe(false);
  });
});

describe("parseRule: properties", () => {
  const part = fc.oneof(
    fc.constantFrom("FREQ=HOURLY", "FREQ=DAILY", "FREQ=WEEKLY", "FREQ=MONTHLY", "FREQ=YEARLY", "FREQ=MINUTELY"),
    fc.integer({ min: -3, max: 1100 }).map((n) => `INTERVAL=${n}`),
    fc.integer({ min: -1, max: 1100 }).map((n) => `COUNT=${n}`),
    fc.array(fc.integer({ min: -32, max: 32 }), { minLength: 1, maxLength: 4 }).map((l) => `BYMONTHDAY=${l.join(",")}`),
    fc.array(fc.integer({ min: 0, max: 13 }), { minLength: 1, maxLength: 3 }).map((l) => `BYMONTH=${l.join(",")}`),
    fc
      .array(fc.integer({ min: -367, max: 367 }), { minLength: 1, maxLength: 3 })
      .map((l) => `BYYEARDAY=${l.join(",")}`),
    fc.array(fc.integer({ min: -54, max: 54 }), { minLength: 1, maxLength: 2 }).map((l) => `BYWEEKNO=${l.join(",")}`),
    fc
      .array(fc.tuple(fc.option(fc.integer({ min: -6, max: 6 })), fc.constantFrom("MO", "TU", "SU", "XX")), {
        minLength: 1,
        maxLength: 3,
      })
      .map((l) => `BYDAY=${l.map(([n, d]) => `${n ?? ""}${d}`).join(",")}`),
    fc.array(fc.integer({ min: -1, max: 24 }), { minLength: 1, maxLength: 2 }).map((l) => `BYHOUR=${l.join(",")}`),
    fc.array(fc.integer({ min: -367, max: 367 }), { minLength: 1, maxLength: 2 }).map((l) => `BYSETPOS=${l.join(",")}`),
    fc.constantFrom(
      "UNTIL=20270101",
      "UNTIL=20260230",
      "UNTIL=20270101T000000Z",
      "WKST=SU",
      "BYSECOND=1",
      "BYEASTER=0",
    ),
  );
  const rules = fc.array(part, { minLength: 0, maxLength: 6 }).map((parts) => parts.join(";"));

  test("any rule that reads is written back to one that reads the same", () => {
    fc.assert(
      fc.property(rules, (text) => {
        const parsed = parseRule(text);
        if (!parsed.ok) return;
        const again = parseRule(formatRule(parsed.parts));
        expect(again.ok).toBe(true);
        if (again.ok) expect(again.parts).toEqual(parsed.parts);
      }),
      { seed: 12, numRuns: 2000 },
    );
  });

  test("any rule that reads respects the limits and the hourly floor", () => {
    fc.assert(
      fc.property(rules, (text) => {
        const parsed = parseRule(text);
        if (!parsed.ok) return;
        const { parts } = parsed;
        expect(["HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"]).toContain(parts.freq);
        expect(parts.interval ?? 1).toBeGreaterThanOrEqual(1);
        expect(parts.interval ?? 1).toBeLessThanOrEqual(ruleLimits.maxInterval);
        expect(parts.count ?? 1).toBeLessThanOrEqual(ruleLimits.maxCount);
        expect(parts.count !== undefined && parts.until !== undefined).toBe(false);
        for (const day of parts.byMonthDay ?? []) expect(day !== 0 && Math.abs(day) <= 31).toBe(true);
        for (const month of parts.byMonth ?? []) expect(month >= 1 && month <= 12).toBe(true);
      }),
      { seed: 13, numRuns: 2000 },
    );
  });
});
