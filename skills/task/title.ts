import type { Scanner } from "../shared/scanner";
import type { Span } from "../shared/types";

const GAP = "\u0000";
/** Fields whose removal strands prepositions ("by [friday]", "it's [urgent]"); a removed #tag does not ("talk to @ali"). */
const STRANDING_FIELDS: ReadonlySet<string> = new Set(["due", "reminder", "recurrence", "priority"]);

/** English prepositions left behind when the date after them was taken out ("by [friday]"). */
const BEFORE_GAP = new Set([
  "at",
  "on",
  "by",
  "in",
  "for",
  "from",
  "due",
  "before",
  "until",
  "till",
  "starting",
  "around",
  "of",
  "the",
  "every",
  "this",
  "next",
  "is",
  "it's",
  "and",
  "or",
  "with",
  "to",
  ",",
]);
/** Urdu / Roman Urdu postpositions left behind after a date was taken out ("[جمعہ] تک"). */
const AFTER_GAP = new Set([
  "کو",
  "تک",
  "سے",
  "میں",
  "پر",
  "والا",
  "والے",
  "ko",
  "tak",
  "se",
  "mein",
  "main",
  "par",
  "pe",
  "and",
  ",",
]);
/** Words that cannot start or end a title. */
const EDGE = new Set([
  "and",
  "or",
  "with",
  "then",
  "also",
  "plus",
  "to",
  "at",
  "on",
  "by",
  "for",
  "aur",
  "اور",
  "ya",
  "یا",
  "بھی",
  "bhi",
  "-",
  "–",
  ":",
  ";",
  ",",
  "،",
  "|",
  "۔",
  "&",
]);

const LEADING = [
  /^(?:(?:hey|hi|ok|okay|so)\s*,?\s+)?(?:(?:please|pls|plz|kindly)\s+)?(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?)?/iu,
  /^(?:add|create|make|put|new|set\s+up)(?:\s+(?:a|an|the|new|my|one))*\s+(?:task|todo|to-do|item|reminder|entry)s?(?:\s*(?:to|for|:|-|–|that\s+says|called|titled|named))?\s*/iu,
  /^(?:add|create)\s*(?::|-|–)?\s+/iu,
  /^(?:new\s+)?(?:task|todo|to-do|reminder)\s*(?::|-|–)\s*/iu,
  /^(?:(?:please\s+)?remind\s+me\s+to|(?:i\s+)?(?:need|have|got|want)\s+to|i\s+must|i\s+should|(?:don'?t|do\s+not)\s+(?:let\s+me\s+)?forget\s+to|remember\s+to|note\s+to\s+self\s*:?)\s+/iu,
  /^(?:مجھے|میں\s+نے|یاد\s+سے|یاد\s+رکھنا\s+کہ|ٹاسک\s*:|کام\s*:)\s*/u,
  /^(?:mujhe|mujhay|yaad\s+se|yaad\s+rakhna\s+ke|task\s*:|kaam\s*:)\s*/iu,
];

const TRAILING = [
  /\s+(?:to|on|in)\s+(?:my|the)\s+(?:todo\s+|to-do\s+|task\s+)?(?:list|tasks)\s*$/iu,
  /\s+(?:شامل\s+(?:کریں|کرو|کر\s+دیں|کر\s+دو)|لکھ\s+(?:لیں|لو)|add\s+(?:kar|kr)\s+(?:do|dein|den)|add\s+karo|likh\s+lo|note\s+kar\s+lo|daal\s+do)\s*[.!۔]?\s*$/iu,
  /(?<=\S)\s+(?:ہے|ہیں|hai|hain|hay)\s*[.!۔]?\s*$/iu,
];

/**
 * The title is what the rules left: the text with claimed pieces removed, prepositions stranded next
 * to a removed piece dropped, command words ("add", "remind me to", مجھے) and dangling joiners at the
 * edges trimmed. Everything else stays as the user wrote it.
 */
export function buildTitle(scanner: Scanner, end: number): { title: string; span?: Span } {
  const inline = inlineTags(scanner, end);
  const hard = new Array<boolean>(end).fill(false);
  for (const span of scanner.spans) {
    if (!STRANDING_FIELDS.has(span.field)) continue;
    for (let i = span.start; i < Math.min(span.end, end); i += 1) hard[i] = true;
  }
  let text = "";
  for (let i = 0; i < end; i += 1) {
    const tag = inline.find((span) => span.start === i);
    if (tag) {
      text += ` ${tag.text.slice(1)}`.padEnd(tag.end - tag.start, " ");
      i = tag.end - 1;
    } else if (!scanner.isClaimed(i)) text += scanner.original[i] ?? "";
    else text += hard[i] ? GAP : " ";
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL marks the gaps left by removed spans.
  const tokens = text.split(/(\s+|\u0000+)/u).filter((token) => token.length > 0);
  const words = tidyAroundGaps(tokens);
  let title = words
    .join(" ")
    .replace(/\s+([,.!?;:،۔؟])/gu, "$1")
    .replace(/\(\s*\)/g, "")
    .replace(/\s+/g, " ")
    .trim();
  for (let pass = 0; pass < 3; pass += 1) {
    const before = title;
    for (const pattern of LEADING) title = title.replace(pattern, "");
    for (const pattern of TRAILING) title = title.replace(pattern, "");
    title = trimEdges(title);
    if (title === before) break;
  }
  if (!title) return { title };
  return { title, ...spanOf(scanner, title, end) };
}

/** Tags with words on both sides ("talk to @ali about it") keep their word in the title. */
function inlineTags(scanner: Scanner, end: number): Span[] {
  const hasWordIn = (from: number, to: number): boolean => {
    for (let i = from; i < to; i += 1)
      if (!scanner.isClaimed(i) && /[\p{L}\p{N}]/u.test(scanner.original[i] ?? "")) return true;
    return false;
  };
  return scanner.spansFor("tags").filter((span) => hasWordIn(0, span.start) && hasWordIn(span.end, end));
}

function tidyAroundGaps(tokens: string[]): string[] {
  const words: Array<{ word: string; gapBefore: boolean; gapAfter: boolean }> = [];
  let gap = false;
  for (const token of tokens) {
    if (token.includes(GAP)) {
      gap = true;
      const last = words.at(-1);
      if (last) last.gapAfter = true;
      continue;
    }
    if (/^\s+$/u.test(token)) continue;
    words.push({ word: token, gapBefore: gap, gapAfter: false });
    gap = false;
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < words.length; i += 1) {
      const entry = words[i];
      if (!entry) continue;
      const lower = entry.word.toLowerCase();
      const strandedBefore = entry.gapAfter && BEFORE_GAP.has(lower);
      const strandedAfter = entry.gapBefore && AFTER_GAP.has(lower);
      if (strandedBefore || strandedAfter) {
        const previous = words[i - 1];
        const next = words[i + 1];
        if (previous && strandedBefore) previous.gapAfter = true;
        if (next && strandedAfter) next.gapBefore = true;
        words.splice(i, 1);
        changed = true;
        break;
      }
    }
  }
  return words.map((entry) => entry.word);
}

function trimEdges(title: string): string {
  const words = title.split(" ").filter(Boolean);
  while (words.length && EDGE.has((words[0] ?? "").toLowerCase())) words.shift();
  while (words.length && EDGE.has((words.at(-1) ?? "").toLowerCase())) words.pop();
  return words.join(" ").replace(/^[\s,;:–\-|،]+|[\s,;:–\-|،]+$/gu, "");
}

function spanOf(scanner: Scanner, title: string, end: number): { span?: Span } {
  const firstWord = title.split(" ")[0] ?? "";
  const lastWord = title.split(" ").at(-1) ?? "";
  let start = -1;
  for (let i = scanner.original.indexOf(firstWord); i >= 0 && i < end; i = scanner.original.indexOf(firstWord, i + 1)) {
    if (!scanner.isClaimed(i)) {
      start = i;
      break;
    }
  }
  let stop = scanner.original.lastIndexOf(lastWord, end - lastWord.length);
  while (stop > 0 && scanner.isClaimed(stop)) stop = scanner.original.lastIndexOf(lastWord, stop - 1);
  if (start < 0 || stop < start) return {};
  const finish = stop + lastWord.length;
  return { span: { field: "title", start, end: finish, text: scanner.original.slice(start, finish) } };
}
