import * as chrono from "chrono-node";
import { fromLocal, parseLocalDateTime, startOfDay, toLocal } from "../../../../vocabulary/time-zone";
import type { PlanProblems } from "./plan";

/** Bounds of a task's fields, as CreateTask's contract has them. */
export const TITLE_MAX = 500;
export const DESCRIPTION_MAX = 10_000;
const TAGS_MAX = 20;
const TAG_MAX = 50;
/** Project and section names (vocabulary/organise ORGANISE_NAME_MAX says the same for the contract). */
export const NAME_MAX = 120;

const length = (text: string) => [...text].length;

/** The contract's patterns for one-line text and for a description (which may hold tabs and line breaks). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point (the contract's rule).
const controlCharacter = /[\u0000-\u001F\u007F]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above, tab and line breaks allowed.
const controlBesidesBreaks = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** checkText reports a value past its bound (in characters), blank when required, or holding control characters. */
export function checkText(
  problems: PlanProblems,
  row: number,
  field: string,
  text: string,
  max: number,
  required = false,
  lineBreaks = false,
): boolean {
  if (required && !text.trim()) {
    problems.problem(row, field, "must not be blank");
    return false;
  }
  // The contract's rule for the same field: no control characters (a description may break lines and tab).
  if ((lineBreaks ? controlBesidesBreaks : controlCharacter).test(text)) {
    problems.problem(
      row,
      field,
      lineBreaks ? "must not contain control characters" : "must be one line without control characters",
    );
    return false;
  }
  if (length(text) > max) {
    problems.problem(row, field, `at most ${max} characters (this has ${length(text)})`);
    return false;
  }
  return true;
}

/** checkTags trims tags, drops a leading # or @ and repeats (any case), and reports too many or too long. */
export function checkTags(problems: PlanProblems, row: number, field: string, raw: readonly string[]): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const value of raw) {
    const tag = value.trim().replace(/^[#@]/, "");
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    if (length(tag) > TAG_MAX) problems.problem(row, field, `a tag has at most ${TAG_MAX} characters: "${tag}"`);
    if (controlCharacter.test(tag)) problems.problem(row, field, "a tag must be one line without control characters");
    tags.push(tag);
  }
  if (tags.length > TAGS_MAX) problems.problem(row, field, `at most ${TAGS_MAX} tags (this has ${tags.length})`);
  return tags;
}

/** A due date read from a file: an instant, and whether only a date was given (then the day's start in the zone). */
export interface ReadDate {
  dueAt: Date;
  dueDateOnly: boolean;
}

/**
 * readDate reads a date as files write them: an instant with an offset ("2026-12-01T12:00:00Z"), a wall-clock date
 * or date-time ("2026-12-01", "2026-12-01 17:00", read in `timeZone`), or English words chrono-node understands
 * ("Dec 5 2026 5pm", "tomorrow"), also read in `timeZone` relative to `now`. Null when none of them reads it.
 */
export function readDate(text: string, timeZone: string, now: Date): ReadDate | null {
  const value = text.trim();
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    const instant = new Date(value);
    return Number.isNaN(instant.getTime()) ? null : { dueAt: instant, dueDateOnly: false };
  }
  const local = parseLocalDateTime(value);
  if (local) {
    return local.dateOnly
      ? { dueAt: startOfDay(local.local, timeZone), dueDateOnly: true }
      : { dueAt: fromLocal(local.local, timeZone), dueDateOnly: false };
  }
  // chrono reads wall-clock parts relative to "now" as the zone sees it; the parts are then placed in the zone.
  const wallNow = toLocal(now, timeZone);
  const reference = new Date(Date.UTC(wallNow.year, wallNow.month - 1, wallNow.day, wallNow.hour, wallNow.minute));
  const [found] = chrono.parse(value, { instant: reference, timezone: 0 }, { forwardDate: true });
  // Only a reading of the whole cell counts: "every monday" must not pass as "monday".
  if (!found || found.text.trim().length !== value.length) return null;
  const start = found.start;
  const day = { year: start.get("year") ?? 0, month: start.get("month") ?? 0, day: start.get("day") ?? 0 };
  if (!start.isCertain("hour")) return { dueAt: startOfDay(day, timeZone), dueDateOnly: true };
  return {
    dueAt: fromLocal({ ...day, hour: start.get("hour") ?? 0, minute: start.get("minute") ?? 0 }, timeZone),
    dueDateOnly: false,
  };
}
