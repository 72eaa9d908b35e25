/** Weekday codes of RFC 5545, Monday first as the RFC lists them. */
export const weekdayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type WeekdayCode = (typeof weekdayCodes)[number];

export type Frequency = "YEARLY" | "MONTHLY" | "WEEKLY" | "DAILY" | "HOURLY" | "MINUTELY";

/** RuleParts is the subset of an RRULE the app reads and writes. */
export interface RuleParts {
  freq: Frequency;
  interval: number;
  /** byDay lists weekdays, each optionally with an ordinal (2 = second, -1 = last) for monthly/yearly rules. */
  byDay: { day: WeekdayCode; ordinal?: number }[];
  byMonthDay: number[];
  byMonth: number[];
  byHour: number[];
  byMinute: number[];
  count?: number;
  /** until is the UNTIL value as written (YYYYMMDD or YYYYMMDDTHHMMSSZ). */
  until?: string;
}

const frequencies = new Set<string>(["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY"]);

const numbers = (value: string, min: number, max: number): number[] | undefined => {
  const list = value.split(",").map(Number);
  return list.every((n) => Number.isInteger(n) && n !== 0 && Math.abs(n) <= max && (n >= min || n < 0)) ? list : undefined;
};

/** parseRrule reads an RRULE value (with or without the "RRULE:" prefix); undefined when it is not one we understand. */
export function parseRrule(rule: string): RuleParts | undefined {
  const parts: RuleParts = { freq: "DAILY", interval: 1, byDay: [], byMonthDay: [], byMonth: [], byHour: [], byMinute: [] };
  let sawFreq = false;
  for (const piece of rule.trim().replace(/^RRULE:/i, "").split(";").filter(Boolean)) {
    const [rawKey, value = ""] = piece.split("=");
    const key = rawKey?.toUpperCase();
    switch (key) {
      case "FREQ":
        if (!frequencies.has(value.toUpperCase())) return undefined;
        parts.freq = value.toUpperCase() as Frequency;
        sawFreq = true;
        break;
      case "INTERVAL": {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1) return undefined;
        parts.interval = n;
        break;
      }
      case "COUNT": {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1) return undefined;
        parts.count = n;
        break;
      }
      case "UNTIL":
        if (!/^\d{8}(T\d{6}Z?)?$/.test(value)) return undefined;
        parts.until = value;
        break;
      case "BYDAY":
        for (const item of value.toUpperCase().split(",")) {
          const match = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(item);
          if (!match) return undefined;
          parts.byDay.push(match[1] ? { day: match[2] as WeekdayCode, ordinal: Number(match[1]) } : { day: match[2] as WeekdayCode });
        }
        break;
      case "BYMONTHDAY": {
        const list = numbers(value, 1, 31);
        if (!list) return undefined;
        parts.byMonthDay = list;
        break;
      }
      case "BYMONTH": {
        const list = numbers(value, 1, 12);
        if (!list || list.some((n) => n < 0)) return undefined;
        parts.byMonth = list;
        break;
      }
      case "BYHOUR": {
        const list = value.split(",").map(Number);
        if (list.some((n) => !Number.isInteger(n) || n < 0 || n > 23)) return undefined;
        parts.byHour = list;
        break;
      }
      case "BYMINUTE": {
        const list = value.split(",").map(Number);
        if (list.some((n) => !Number.isInteger(n) || n < 0 || n > 59)) return undefined;
        parts.byMinute = list;
        break;
      }
      case "WKST":
        break;
      default:
        return undefined;
    }
  }
  return sawFreq ? parts : undefined;
}

/** formatRrule writes parts back as an RRULE value without the prefix. */
export function formatRrule(parts: RuleParts): string {
  const pieces = [`FREQ=${parts.freq}`];
  if (parts.interval > 1) pieces.push(`INTERVAL=${parts.interval}`);
  if (parts.byDay.length > 0) pieces.push(`BYDAY=${parts.byDay.map((d) => `${d.ordinal ?? ""}${d.day}`).join(",")}`);
  if (parts.byMonthDay.length > 0) pieces.push(`BYMONTHDAY=${parts.byMonthDay.join(",")}`);
  if (parts.byMonth.length > 0) pieces.push(`BYMONTH=${parts.byMonth.join(",")}`);
  if (parts.byHour.length > 0) pieces.push(`BYHOUR=${parts.byHour.join(",")}`);
  if (parts.byMinute.length > 0) pieces.push(`BYMINUTE=${parts.byMinute.join(",")}`);
  if (parts.count) pieces.push(`COUNT=${parts.count}`);
  if (parts.until) pieces.push(`UNTIL=${parts.until}`);
  return pieces.join(";");
}
