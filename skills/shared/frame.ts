import { isValidTimeZone, toLocal } from "../../vocabulary/time-zone";
import type { DateFrame } from "./dates/date-finding";
import type { SkillResult } from "./types";

/** The frame relative dates are read in, or null when the zone or time is unusable. */
export function makeFrame(referenceTime: Date, timeZone: string): DateFrame | null {
  if (Number.isNaN(referenceTime.getTime()) || !isValidTimeZone(timeZone)) return null;
  return { reference: referenceTime, now: toLocal(referenceTime, timeZone), timeZone };
}

/** A skill's answer when makeFrame found the zone or reference time unusable. */
export function unusableFrame<T>(timeZone: string): SkillResult<T> {
  return { kind: "invalid", reason: `unknown time zone or reference time: ${timeZone}`, path: "deterministic" };
}

/** The reference time as the prompt shows it: local wall clock with weekday, and the UTC instant. */
export function describeFrame(frame: DateFrame): string {
  const weekday = new Intl.DateTimeFormat("en-US", { timeZone: frame.timeZone, weekday: "long" }).format(
    frame.reference,
  );
  const pad = (n: number): string => String(n).padStart(2, "0");
  const { now } = frame;
  return `${weekday} ${now.year}-${pad(now.month)}-${pad(now.day)}T${pad(now.hour)}:${pad(now.minute)} local (${frame.reference.toISOString()})`;
}
