import { BASE_62_DIGITS, generateKeyBetween } from "fractional-indexing";
import { InvalidArgumentError } from "../../platform/errors";

/**
 * Ranks are fractional-indexing order keys (the `fractional-indexing` package: the keys Figma and Replicache use,
 * compared as plain bytes). A move takes a key between its new neighbours, so it writes one row and never
 * renumbers a list.
 */

/** appendRank is a key after every key appended before it, computed without reading the list: "h" (an integer
 * part of eight base-62 digits) + the time in ms, and three random fractional digits so two tasks appended in the
 * same millisecond do not tie. Keys of the migrated tasks ("e…") and of moves to the end stay valid neighbours. */
export function appendRank(now: Date, random: () => number = Math.random): string {
  let ms = Math.max(0, Math.floor(now.getTime()));
  let integer = "";
  for (let i = 0; i < 8; i++) {
    integer = BASE_62_DIGITS[ms % 62] + integer;
    ms = Math.floor(ms / 62);
  }
  let fraction = "";
  for (let i = 0; i < 3; i++) fraction += BASE_62_DIGITS[Math.floor(random() * 62) % 62];
  // A fractional part may not end in the zero digit.
  if (fraction.endsWith("0")) fraction = `${fraction.slice(0, -1)}1`;
  return `h${integer}${fraction}`;
}

/**
 * rankBetween is a key strictly between `before` and `after` (null: the start or the end of the list). Two
 * neighbours with the same key (a tie, possible only between clients appending in one millisecond with the same
 * random digits) cannot have a key between them: the caller is told to move next to another task.
 */
export function rankBetween(before: string | null, after: string | null, field = "before_id"): string {
  if (before !== null && after !== null && before >= after) {
    throw new InvalidArgumentError([{ field, description: "the neighbours named have no room between them" }]);
  }
  return generateKeyBetween(before, after);
}
