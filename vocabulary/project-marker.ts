import { ORGANISE_NAME_MAX } from "./organise";

/*
 * The quick-add project marker: `+Project`. `#` and `@` already mean a tag, so a project takes `+` (as in
 * Vikunja's quick add). One marker per line, the first one; a later `+Word` stays in the title.
 *
 * - `+Work`, `+گھر`, `+Ghar`: a name of letters, marks, digits, `_` and `-`; `_` reads as a space (`+Weekend_trip`).
 * - `+"Weekend trip"` (or “…”, «…»): a name with spaces.
 * - `+Weekend trip`: the longest of the caller's project names the words after `+` start with wins, so a project
 *   with spaces needs no quotes once it exists.
 * - `+` needs a letter or a quote right after it and no letter, digit or `+` right before it: "C++", "1+1" and a
 *   phone number (+92 300 …) are not markers.
 */

/** ProjectMarker is where a line's project marker is (UTF-16 offsets, `+` included) and the name it gives. */
export interface ProjectMarker {
  start: number;
  end: number;
  /** text is the marker as typed. */
  text: string;
  /** name is the project it names: a known project's own name, or the name read from the marker. */
  name: string;
  /** known is true when `name` is one of the names the caller gave. */
  known: boolean;
}

const MARKER_START = /(?<![\p{L}\p{N}\p{M}_+])\+(?=[\p{L}"“«])/gu;
const WORD = /^\p{L}[\p{L}\p{M}\p{N}_-]*/u;
const QUOTED = /^(?:"([^"\n]+)"|“([^”\n]+)”|«([^»\n]+)»)/u;
const NAME_CHAR = /[\p{L}\p{M}\p{N}_]/u;

/** projectNameKey compares project names as people type them: case, `_` for a space and runs of spaces do not matter. */
export const projectNameKey = (name: string): string =>
  name
    .normalize("NFC")
    .replace(/[_\s]+/gu, " ")
    .trim()
    .toLocaleLowerCase();

/** knownNameAt is the longest known name the text at `from` spells, ending at a word boundary. */
function knownNameAt(text: string, from: number, known: readonly string[]): { name: string; end: number } | undefined {
  let best: { name: string; end: number } | undefined;
  for (const name of known) {
    const key = projectNameKey(name);
    if (!key) continue;
    // Compare word by word so "_" and runs of spaces in the text still match.
    let at = from;
    let matched = true;
    for (const [i, word] of key.split(" ").entries()) {
      if (i > 0) {
        const gap = at;
        while (at < text.length && (text[at] === " " || text[at] === "_")) at++;
        if (at === gap) matched = false;
      }
      if (
        !matched ||
        text
          .slice(at, at + word.length)
          .normalize("NFC")
          .toLocaleLowerCase() !== word
      ) {
        matched = false;
        break;
      }
      at += word.length;
    }
    if (!matched || (at < text.length && NAME_CHAR.test(text[at]!))) continue;
    if (!best || at > best.end) best = { name, end: at };
  }
  return best;
}

/**
 * findProjectMarker reads the first project marker of a quick-add line, matching the caller's project names
 * (`known`) first; undefined without one. A name longer than ORGANISE_NAME_MAX is not a marker.
 */
export function findProjectMarker(text: string, known: readonly string[] = []): ProjectMarker | undefined {
  for (const match of text.matchAll(MARKER_START)) {
    const start = match.index;
    const rest = text.slice(start + 1);
    const quoted = QUOTED.exec(rest);
    if (quoted) {
      const typed = (quoted[1] ?? quoted[2] ?? quoted[3] ?? "").trim();
      const same = known.find((name) => projectNameKey(name) === projectNameKey(typed));
      const end = start + 1 + quoted[0].length;
      if (!typed || typed.length > ORGANISE_NAME_MAX) continue;
      return { start, end, text: text.slice(start, end), name: same ?? typed, known: same !== undefined };
    }
    const knownName = knownNameAt(text, start + 1, known);
    if (knownName) {
      return { start, end: knownName.end, text: text.slice(start, knownName.end), name: knownName.name, known: true };
    }
    const word = WORD.exec(rest)?.[0].replace(/[-_]+$/u, "");
    if (!word || word.length > ORGANISE_NAME_MAX) continue;
    const end = start + 1 + word.length;
    return { start, end, text: text.slice(start, end), name: word.replace(/_+/gu, " "), known: false };
  }
  return undefined;
}

/** withoutMarker blanks the marker out of the line with spaces, so every other offset in it stays the same. */
export const withoutMarker = (text: string, marker: ProjectMarker): string =>
  text.slice(0, marker.start) + " ".repeat(marker.end - marker.start) + text.slice(marker.end);
