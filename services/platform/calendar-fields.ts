/** isLeapYear: the Gregorian rule. */
const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** daysInMonth of a Gregorian month (1–12). */
export const daysInMonth = (year: number, month: number) =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/**
 * inCalendar: every field of a written date and time is in range — no 30 February, no hour 24, no
 * second 60 — so a parser that would normalise such a time into another day is never asked to.
 * Fields are the regex groups as text, in order: year, month, day, hour, minute, second.
 */
export function inCalendar(fields: readonly string[]): boolean {
  const [year, month, day, hour, minute, second] = fields.map(Number);
  if ([year, month, day, hour, minute, second].some((n) => n === undefined || !Number.isInteger(n))) return false;
  return (
    year! >= 1 &&
    month! >= 1 &&
    month! <= 12 &&
    day! >= 1 &&
    day! <= daysInMonth(year!, month!) &&
    hour! <= 23 &&
    minute! <= 59 &&
    second! <= 59
  );
}
