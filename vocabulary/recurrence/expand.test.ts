import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { RRule } from "rrule";
import { fromFloating, toFloating, toLocal } from "../time-zone";
import { acceptRule, expansionLimits, nextOccurrence, RuleError } from "./expand";
import { formatRule, readRule } from "./rule";

const localOf = (instant: Date | null, zone: string) => (instant ? toLocal(instant, zone) : null);

describe("nextOccurrence", () => {
  test("a daily 09:00 task stays at 09:00 local across the New York spring change", () => {
    const zone = "America/New_York";
    const dtstart = new Date("2026-03-06T14:00:00Z"); // Fri 09:00 EST
    const saturday = nextOccurrence({ rrule: "FREQ=DAILY", after: dtstart, dtstart, timeZone: zone });
    const sunday = nextOccurrence({ rrule: "FREQ=DAILY", after: saturday as Date, dtstart, timeZone: zone });
    const monday = nextOccurrence({ rrule: "FREQ=DAILY", after: sunday as Date, dtstart, timeZone: zone });
    expect(saturday?.toISOString()).toBe("2026-03-07T14:00:00.000Z");
    expect(sunday?.toISOString()).toBe("2026-03-08T13:00:00.000Z"); // EDT from 2026-03-08
    expect(monday?.toISOString()).toBe("2026-03-09T13:00:00.000Z");
    for (const instant of [saturday, sunday, monday])
      expect(localOf(instant, zone)).toMatchObject({ hour: 9, minute: 0 });
  });

  test("a daily 09:00 task stays at 09:00 local across the London autumn change", () => {
    const zone = "Europe/London";
    const dtstart = new Date("2026-10-23T08:00:00Z"); // Fri 09:00 BST
    const after = new Date("2026-10-24T12:00:00Z");
    const next = nextOccurrence({ rrule: "FREQ=DAILY", after, dtstart, timeZone: zone });
    expect(next?.toISOString()).toBe("2026-10-25T09:00:00.000Z"); // Sun 09:00 GMT
    expect(localOf(next, zone)).toMatchObject({ day: 25, hour: 9, minute: 0 });
  });

  test("weekly and monthly rules in a zone", () => {
    const zone = "Asia/Karachi";
    const dtstart = new Date("2026-03-09T04:00:00Z"); // Mon 09:00
    expect(
      nextOccurrence({ rrule: "FREQ=WEEKLY;BYDAY=MO", after: dtstart, dtstart, timeZone: zone })?.toISOString(),
    ).toBe("2026-03-16T04:00:00.000Z");
    expect(
      nextOccurrence({ rrule: "FREQ=MONTHLY;BYDAY=2MO", after: dtstart, dtstart, timeZone: zone })?.toISOString(),
    ).toBe("2026-04-13T04:00:00.000Z");
    expect(
      nextOccurrence({
        rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
        after: dtstart,
        dtstart,
        timeZone: zone,
      })?.toISOString(),
    ).toBe("2026-03-23T04:00:00.000Z");
    const endOfMonth = new Date("2026-01-31T13:00:00Z");
    expect(
      nextOccurrence({
        rrule: "FREQ=MONTHLY;BYMONTHDAY=-1",
        after: endOfMonth,
        dtstart: endOfMonth,
        timeZone: zone,
      })?.toISOString(),
    ).toBe("2026-02-28T13:00:00.000Z");
  });

  test("COUNT ends the series", () => {
    const zone = "Asia/Karachi";
    const dtstart = new Date("2026-03-04T04:00:00Z");
    const third = new Date("2026-03-06T04:00:00Z");
    expect(
      nextOccurrence({ rrule: "FREQ=DAILY;COUNT=3", after: dtstart, dtstart, timeZone: zone })?.toISOString(),
    ).toBe("2026-03-05T04:00:00.000Z");
    expect(nextOccurrence({ rrule: "FREQ=DAILY;COUNT=3", after: third, dtstart, timeZone: zone })).toBeNull();
    expect(nextOccurrence({ rrule: "FREQ=DAILY", count: 3, after: third, dtstart, timeZone: zone })).toBeNull();
  });

  test("COUNT against completedCount when the series repeats from completion", () => {
    const zone = "Asia/Karachi";
    const completedAt = new Date("2026-03-20T06:00:00Z");
    const rule = "FREQ=DAILY;INTERVAL=3;COUNT=3";
    expect(
      nextOccurrence({
        rrule: rule,
        after: completedAt,
        dtstart: completedAt,
        timeZone: zone,
        completedCount: 2,
      })?.toISOString(),
    ).toBe("2026-03-23T06:00:00.000Z");
    expect(
      nextOccurrence({ rrule: rule, after: completedAt, dtstart: completedAt, timeZone: zone, completedCount: 3 }),
    ).toBeNull();
  });

  test("UNTIL ends the series, compared in the task's zone", () => {
    const zone = "America/New_York";
    const dtstart = new Date("2026-03-02T14:00:00Z"); // Mon 09:00 EST
    const rule = "FREQ=WEEKLY;BYDAY=MO;UNTIL=20260317T035900Z"; // Mon 16 Mar 23:59 EDT
    const ninth = nextOccurrence({ rrule: rule, after: dtstart, dtstart, timeZone: zone });
    const sixteenth = nextOccurrence({ rrule: rule, after: ninth as Date, dtstart, timeZone: zone });
    expect(ninth?.toISOString()).toBe("2026-03-09T13:00:00.000Z");
    expect(sixteenth?.toISOString()).toBe("2026-03-16T13:00:00.000Z");
    expect(nextOccurrence({ rrule: rule, after: sixteenth as Date, dtstart, timeZone: zone })).toBeNull();
  });

  test("a malformed rule throws", () => {
    const now = new Date();
    expect(() => nextOccurrence({ rrule: "FREQ=SOMETIMES", after: now, dtstart: now, timeZone: "UTC" })).toThrow(
      RangeError,
    );
  });
});

describe("nextOccurrence (rules as the orchestrator accepts them)", () => {
  const at = (iso: string) => new Date(iso);
  /** next after `from`, anchored at `from`, as a series stepping from its previous due time does. */
  const after = (rrule: string, from: string, timeZone = "UTC", completedCount = 1) =>
    nextOccurrence({ rrule, after: at(from), dtstart: at(from), timeZone, completedCount })?.toISOString() ?? null;

  test("one grammar: BYSETPOS (the last weekday of the month) reads everywhere, as the orchestrator accepted it", () => {
    // The skills' parser refused BYSETPOS while the orchestrator stored it; the orchestrator's behaviour won.
    const rule = "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1";
    expect(after(rule, "2025-01-01T09:00:00Z")).toBe("2025-01-31T09:00:00.000Z");
    expect(
      nextOccurrence({
        rrule: rule,
        after: at("2025-01-01T09:00:00Z"),
        dtstart: at("2025-01-01T09:00:00Z"),
        timeZone: "UTC",
      })?.toISOString(),
    ).toBe("2025-01-31T09:00:00.000Z");
  });

  test("every weekday skips the weekend: Friday → Monday, Monday → Tuesday", () => {
    const rule = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR";
    expect(after(rule, "2025-01-10T09:00:00Z")).toBe("2025-01-13T09:00:00.000Z");
    expect(after(rule, "2025-01-13T09:00:00Z")).toBe("2025-01-14T09:00:00.000Z");
  });

  test("last day of the month (BYMONTHDAY=-1), leap February included", () => {
    const rule = "FREQ=MONTHLY;BYMONTHDAY=-1";
    expect(after(rule, "2025-01-31T08:00:00Z")).toBe("2025-02-28T08:00:00.000Z");
    expect(after(rule, "2025-02-28T08:00:00Z")).toBe("2025-03-31T08:00:00.000Z");
    expect(after(rule, "2024-01-31T08:00:00Z")).toBe("2024-02-29T08:00:00.000Z");
  });

  test("an RRULE: prefix is accepted", () => {
    expect(after("RRULE:FREQ=DAILY", "2025-01-01T07:30:00Z")).toBe("2025-01-02T07:30:00.000Z");
  });

  test("COUNT counts the occurrences that exist, not the ones expanded from dtstart", () => {
    const base = {
      rrule: "FREQ=DAILY;COUNT=2",
      after: at("2025-01-01T09:00:00Z"),
      dtstart: at("2025-01-01T09:00:00Z"),
      timeZone: "UTC",
      completedCount: 1,
    };
    expect(nextOccurrence(base)?.toISOString()).toBe("2025-01-02T09:00:00.000Z");
    expect(nextOccurrence({ ...base, completedCount: 2 })).toBeNull();
    // dtstart moves along the series, so expanding COUNT from it would never end; completedCount does.
    expect(
      nextOccurrence({
        ...base,
        after: at("2025-03-01T09:00:00Z"),
        dtstart: at("2025-03-01T09:00:00Z"),
        completedCount: 2,
      }),
    ).toBeNull();
  });

  test("UNTIL in UTC: nothing after it", () => {
    const rule = "FREQ=DAILY;UNTIL=20250103T090000Z";
    expect(after(rule, "2025-01-02T09:00:00Z")).toBe("2025-01-03T09:00:00.000Z");
    expect(after(rule, "2025-01-03T09:00:00Z")).toBeNull();
  });

  test("UNTIL as a date includes that whole local day", () => {
    const rule = "FREQ=DAILY;UNTIL=20250103";
    expect(after(rule, "2025-01-02T23:00:00Z", "America/New_York")).toBe("2025-01-03T23:00:00.000Z");
    expect(after(rule, "2025-01-03T23:00:00Z", "America/New_York")).toBeNull();
  });

  test("a rule that can never match is refused; one with nothing within the horizon has ended", () => {
    expect(() => after("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "2025-01-01T00:00:00Z")).toThrow(RuleError);
    expect(after("FREQ=YEARLY;INTERVAL=200", "2025-01-01T00:00:00Z")).toBeNull();
    expect(
      nextOccurrence({
        rrule: "FREQ=YEARLY;INTERVAL=200",
        after: at("2025-01-01T00:00:00Z"),
        dtstart: at("2025-01-01T00:00:00Z"),
        timeZone: "UTC",
      }),
    ).toBeNull();
  });

  test("a daily 09:00 task in New York stays 09:00 local across the March and November changes", () => {
    // 2025-03-09 02:00 EST → 03:00 EDT: 09:00 is 14:00Z before, 13:00Z after.
    expect(after("FREQ=DAILY", "2025-03-08T14:00:00Z", "America/New_York")).toBe("2025-03-09T13:00:00.000Z");
    expect(after("FREQ=DAILY", "2025-03-09T13:00:00Z", "America/New_York")).toBe("2025-03-10T13:00:00.000Z");
    expect(after("FREQ=DAILY", "2025-11-01T13:00:00Z", "America/New_York")).toBe("2025-11-02T14:00:00.000Z");
  });

  test("a weekly rule keeps local time across the change too", () => {
    expect(after("FREQ=WEEKLY;BYDAY=MO", "2025-03-03T14:00:00Z", "America/New_York")).toBe("2025-03-10T13:00:00.000Z");
  });

  test("a local time the spring change skips moves forward by the gap", () => {
    // 02:30 does not exist on 2025-03-09 in New York: it is 03:30 EDT (07:30Z).
    expect(after("FREQ=DAILY", "2025-03-08T07:30:00Z", "America/New_York")).toBe("2025-03-09T07:30:00.000Z");
    // Anchored at the series' original 02:30, the day after is 02:30 again.
    const fromSeriesStart = nextOccurrence({
      rrule: "FREQ=DAILY",
      after: at("2025-03-09T07:30:00Z"),
      dtstart: at("2025-03-08T07:30:00Z"),
      timeZone: "America/New_York",
      completedCount: 2,
    });
    expect(fromSeriesStart?.toISOString()).toBe("2025-03-10T06:30:00.000Z");
  });

  test("weekdays are the zone's, not UTC's: Friday 20:00 in New York is Saturday in UTC", () => {
    expect(after("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "2025-01-11T01:00:00Z", "America/New_York")).toBe(
      "2025-01-14T01:00:00.000Z",
    );
  });

  test("a date-only task (local midnight) stays at local midnight", () => {
    expect(after("FREQ=MONTHLY;BYMONTHDAY=-1", "2025-01-30T19:00:00Z", "Asia/Karachi")).toBe(
      "2025-02-27T19:00:00.000Z",
    );
  });

  test("a malformed rule throws RangeError", () => {
    expect(() => after("FREQ=SOMETIMES", "2025-01-01T00:00:00Z")).toThrow(RangeError);
    expect(() => after("BYDAY=MO", "2025-01-01T00:00:00Z")).toThrow(RangeError);
    expect(() => after("FREQ=MONTHLY;BYSETPOS=0", "2025-01-01T00:00:00Z")).toThrow(RangeError);
  });
});

describe("bounded expansion", () => {
  const at = (iso: string) => new Date(iso);

  test("the hostile rows: refused by reasoning, or answered from the period holding `after`", () => {
    expect(() =>
      nextOccurrence({
        rrule: "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30",
        after: at("1970-01-01T00:00:00Z"),
        dtstart: at("1970-01-01T00:00:00Z"),
        timeZone: "UTC",
      }),
    ).toThrow(RuleError);
    expect(() =>
      nextOccurrence({
        rrule: "FREQ=DAILY;BYYEARDAY=1;BYMONTH=7",
        after: at("2026-01-01T00:00:00Z"),
        dtstart: at("2026-01-01T00:00:00Z"),
        timeZone: "UTC",
      }),
    ).toThrow(RuleError);
    // Plain hourly from 1970, asked about 2200: the search starts at the hour holding `after`, not in 1970.
    const next = nextOccurrence({
      rrule: "FREQ=HOURLY",
      after: at("2200-06-01T10:30:00Z"),
      dtstart: at("1970-01-01T00:15:00Z"),
      timeZone: "UTC",
    });
    expect(next?.toISOString()).toBe("2200-06-01T11:15:00.000Z");
    const everyFive = nextOccurrence({
      rrule: "FREQ=HOURLY;INTERVAL=5",
      after: at("2200-06-01T10:30:00Z"),
      dtstart: at("1970-01-01T00:00:00Z"),
      timeZone: "UTC",
    });
    // Hours since the epoch that are multiples of 5: 2200-06-01T13:00Z is hour 2,017,621 × 5 … checked by arithmetic.
    expect(((everyFive!.getTime() - Date.UTC(1970, 0, 1)) / 3_600_000) % 5).toBe(0);
    expect(everyFive!.getTime() - at("2200-06-01T10:30:00Z").getTime()).toBeLessThanOrEqual(5 * 3_600_000);
  });

  test("an hourly rule whose BYHOUR its INTERVAL never reaches is refused (the library would loop forever)", () => {
    const query = { after: at("2026-01-01T00:00:00Z"), dtstart: at("2026-01-01T00:00:00Z"), timeZone: "UTC" };
    expect(() => nextOccurrence({ ...query, rrule: "FREQ=HOURLY;INTERVAL=2;BYHOUR=3" })).toThrow(RuleError);
    expect(nextOccurrence({ ...query, rrule: "FREQ=HOURLY;INTERVAL=2;BYHOUR=4" })?.toISOString()).toBe(
      "2026-01-01T04:00:00.000Z",
    );
  });

  test("absurd dates are refused, naming the field", () => {
    const query = { rrule: "FREQ=DAILY", dtstart: at("2026-01-01T00:00:00Z"), timeZone: "UTC" };
    expect(() => nextOccurrence({ ...query, after: at("9999-12-31T00:00:00Z") })).toThrow(
      expect.objectContaining({ field: "after" }),
    );
    expect(() =>
      nextOccurrence({ ...query, after: at("2026-01-01T00:00:00Z"), dtstart: at("1800-01-01T00:00:00Z") }),
    ).toThrow(expect.objectContaining({ field: "dtstart" }));
  });

  test("a sparse rule outside the horizon has ended; inside it, it is found", () => {
    // 29 February falling on a Monday: 2044 is 18 years away, beyond the 10-year horizon.
    expect(
      nextOccurrence({
        rrule: "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
        after: at("2026-01-01T00:00:00Z"),
        dtstart: at("2026-01-01T00:00:00Z"),
        timeZone: "UTC",
      }),
    ).toBeNull();
    expect(
      nextOccurrence({
        rrule: "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=29;BYHOUR=9",
        after: at("2026-01-01T00:00:00Z"),
        dtstart: at("2026-01-01T00:00:00Z"),
        timeZone: "UTC",
      })?.toISOString(),
    ).toBe("2028-02-29T09:00:00.000Z");
  });

  test("acceptRule: refuses what never fires within the horizon, keeps the rule as written", async () => {
    const start = at("2026-03-01T09:00:00Z");
    expect(await acceptRule("rrule:freq=weekly;byday=mo", { start, timeZone: "UTC" })).toEqual({
      rule: "FREQ=WEEKLY;BYDAY=MO",
    });
    expect(await acceptRule("FREQ=YEARLY;BYWEEKNO=1;BYMONTH=6", { start, timeZone: "UTC" })).toHaveProperty("problem");
    expect(await acceptRule("FREQ=DAILY;UNTIL=20250101", { start, timeZone: "UTC" })).toHaveProperty("problem");
    expect(await acceptRule("FREQ=MINUTELY", { start, timeZone: "UTC" })).toHaveProperty("problem");
  });
});

describe("bounded expansion: properties", () => {
  const code = fc.constantFrom("MO", "TU", "WE", "TH", "FR", "SA", "SU");
  const rule = fc
    .record({
      freq: fc.constantFrom("HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"),
      interval: fc.integer({ min: 1, max: 4 }),
      byMonth: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 }), {
        nil: undefined,
      }),
      byMonthDay: fc.option(
        fc.uniqueArray(
          fc.integer({ min: -31, max: 31 }).filter((n) => n !== 0),
          { minLength: 1, maxLength: 3 },
        ),
        { nil: undefined },
      ),
      byDay: fc.option(fc.uniqueArray(code, { minLength: 1, maxLength: 3 }), { nil: undefined }),
      byHour: fc.option(fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 2 }), {
        nil: undefined,
      }),
    })
    .map((r) =>
      formatRule({ ...r, freq: r.freq as "DAILY", ...(r.freq === "WEEKLY" ? { byMonthDay: undefined } : {}) }),
    );
  const instant = fc
    .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) })
    .map((ms) => new Date(Math.floor(ms / 60_000) * 60_000));
  const zone = fc.constantFrom("UTC", "America/New_York", "Asia/Karachi", "Australia/Lord_Howe");

  test("the windowed search finds what a plain expansion from dtstart finds", () => {
    fc.assert(
      fc.property(
        rule,
        instant,
        fc.integer({ min: 0, max: 3 * 365 * 24 }),
        zone,
        (rrule, dtstart, hoursLater, timeZone) => {
          const after = new Date(dtstart.getTime() + hoursLater * 3_600_000);
          let bounded: Date | null | "refused";
          try {
            bounded = nextOccurrence({ rrule, dtstart, after, timeZone, completedCount: 1 });
          } catch (error) {
            if (!(error instanceof RuleError) || !/never fires|too costly/.test(error.problem)) throw error;
            bounded = "refused";
          }
          if (bounded === "refused") return;
          // The reference: the rrule package from the original dtstart, with room past the horizon.
          const options = RRule.parseString(rrule);
          const horizon = toFloating(after, timeZone);
          horizon.setUTCFullYear(horizon.getUTCFullYear() + expansionLimits.horizonYears);
          const roomy = new Date(horizon.getTime());
          roomy.setUTCFullYear(roomy.getUTCFullYear() + 5);
          const reference = new RRule({
            ...options,
            dtstart: toFloating(dtstart, timeZone),
            tzid: null,
            until: roomy,
          }).after(toFloating(after, timeZone));
          // Found: it is the true next occurrence. Not found: there is none within the horizon.
          if (bounded !== null)
            expect(bounded.toISOString()).toBe(reference ? fromFloating(reference, timeZone).toISOString() : "none");
          else expect(reference === null || reference > horizon).toBe(true);
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  }, 30_000);

  test("acceptRule accepts exactly the rules that read and have an occurrence from their start", async () => {
    const anyRule = fc.oneof(
      rule,
      fc.constantFrom(
        "FREQ=YEARLY;BYWEEKNO=1;BYMONTH=6",
        "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6",
        "FREQ=HOURLY;INTERVAL=2;BYHOUR=3",
        "FREQ=DAILY;UNTIL=20200101",
        "FREQ=MINUTELY",
      ),
    );
    await fc.assert(
      fc.asyncProperty(anyRule, instant, zone, async (text, start, timeZone) => {
        const accepted = await acceptRule(text, { start, timeZone });
        let first: Date | null | "error";
        try {
          first = nextOccurrence({ rrule: text, dtstart: start, after: new Date(start.getTime() - 1000), timeZone });
        } catch (error) {
          if (!(error instanceof RuleError)) throw error;
          // The budget is work, not time: the same rule is too costly for both, on any machine under any load.
          if (error.problem.startsWith("too costly")) {
            expect("problem" in accepted && accepted.problem.startsWith("too costly")).toBe(true);
            return;
          }
          first = "error";
        }
        if ("rule" in accepted) {
          expect(first).toBeInstanceOf(Date);
          expect((first as Date).getTime()).toBeGreaterThanOrEqual(start.getTime() - 1000);
        } else if (!accepted.problem.startsWith("too costly"))
          expect(first === null || first === "error" || !readRule(text)).toBe(true);
      }),
      { seed: 11, numRuns: 150 },
    );
  }, 30_000);
});

describe("the expansion budget is work, not wall time", () => {
  const from1970 = { dtstart: new Date("1970-01-01T00:00:00Z"), after: new Date("2026-12-03T00:00:00Z") };

  test("a search longer than maxChunks chunks is too costly; a shorter one answers", () => {
    // COUNT walks every period from dtstart: 1,000 midnights of 48-hour chunks is ≈500 chunks.
    expect(() => nextOccurrence({ rrule: "FREQ=HOURLY;COUNT=1000;BYHOUR=0", timeZone: "UTC", ...from1970 })).toThrow(
      /too costly to expand \(needs more than 64 search steps\)/,
    );
    // 1,000 hours are ≈21 chunks: the series ended in 1970.
    expect(nextOccurrence({ rrule: "FREQ=HOURLY;COUNT=1000", timeZone: "UTC", ...from1970 })).toBeNull();
    expect(expansionLimits.maxChunks).toBe(64);
  });
});
