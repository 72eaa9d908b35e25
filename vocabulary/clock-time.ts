/**
 * How a clock time is said in Urdu and Roman Urdu: the part of the day, the hour on a 12-hour clock
 * (minutes only when there are some) and "بجے" / "baje" — "صبح 9 بجے", "شام 5:30 بجے", "raat 10 baje".
 * One formatter for chat replies and the web app, so both say a time the same way.
 */

/** dayPart names the part of the day an hour (0–23) falls in; index 0 is Urdu, 1 Roman Urdu. */
function dayPart(hour: number): readonly [string, string] {
  if (hour < 4) return ["رات", "raat"];
  if (hour < 12) return ["صبح", "subah"];
  if (hour < 16) return ["دوپہر", "dopahar"];
  if (hour < 19) return ["شام", "shaam"];
  return ["رات", "raat"];
}

const clockDigits = (hour: number, minute: number) =>
  `${hour % 12 === 0 ? 12 : hour % 12}${minute ? `:${String(minute).padStart(2, "0")}` : ""}`;

/** urduClock says a wall-clock time in Urdu: urduClock(9, 0) → "صبح 9 بجے". */
export const urduClock = (hour: number, minute: number): string =>
  `${dayPart(hour)[0]} ${clockDigits(hour, minute)} بجے`;

/** romanUrduClock says a wall-clock time in Roman Urdu: romanUrduClock(17, 30) → "shaam 5:30 baje". */
export const romanUrduClock = (hour: number, minute: number): string =>
  `${dayPart(hour)[1]} ${clockDigits(hour, minute)} baje`;
