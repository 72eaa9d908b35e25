import {
  type PriorityLanguage,
  priorityIntensifiers,
  priorityMarkers,
  priorityWords,
  type RankedPriority,
  rankedPriorities,
} from "../../vocabulary/priority";
import type { Scanner } from "../shared/scanner";
import { wordRegex } from "../shared/scanner";
import type { Language, Priority } from "../shared/types";

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A phrase as a regex source: spaces match any run of spaces; "priority" phrases may follow "with a". */
const phraseSource = (phrase: string): string => {
  const source = phrase.split(/\s+/u).map(escapeRegex).join("\\s+");
  return /priority$/.test(phrase) ? `(?:with\\s+)?(?:a\\s+)?${source}` : source;
};
const byLengthDescending = (a: string, b: string): number => b.length - a.length;

/**
 * The typed markers of one priority, from vocabulary/priority (p1 → urgent … p4 → low, !1…!4, !high,
 * !!! → urgent): "p1" also reads as "priority 1". The markers start with "!" or a letter, so a word
 * start before them is required; "!" markers need no word end before a letter ("!high" is one marker).
 */
const markersOf = (priority: Priority): RegExp =>
  wordRegex(
    priorityMarkers
      .filter(([, p]) => p === priority)
      .map(([marker]) => marker)
      .sort(byLengthDescending)
      .map((marker) => (/^p\d$/.test(marker) ? `${marker}|priority\\s*${marker.slice(1)}` : escapeRegex(marker)))
      .join("|"),
  );

/** The words of one priority in one language, an intensifier allowed before them ("very urgent", بہت فوری طور پر). */
const wordsOf = (language: PriorityLanguage, priority: RankedPriority): RegExp => {
  const intensifier = `(?:(?:${priorityIntensifiers[language].map(escapeRegex).join("|")})\\s+)?`;
  const phrases = [...priorityWords[language][priority]].sort(byLengthDescending);
  return wordRegex(phrases.map((phrase) => `${intensifier}${phraseSource(phrase)}`).join("|"));
};

/**
 * Priority rules, most specific first: the typed markers, then each language's words with the
 * phrases of "low" and "medium" before the single words they contain ("not urgent", کم اہم). Roman
 * Urdu words apply only to Roman Urdu text ("important" in English is read by the English rules).
 */
const PRIORITY_RULES: ReadonlyArray<readonly [RegExp, Priority, boolean]> = [
  ...rankedPriorities.map((priority) => [markersOf(priority), priority, false] as const),
  ...(["en", "ur", "roman-ur"] as const).flatMap((language) =>
    [...rankedPriorities]
      .reverse()
      .map((priority) => [wordsOf(language, priority), priority, language === "roman-ur"] as const),
  ),
];

const TAG = /(?<![\p{L}\p{N}_@.])[#@](\p{L}[\p{L}\p{M}\p{N}_-]*)/gu;

export interface MarkerScan {
  priority: Priority;
  tags: string[];
}

/**
 * Reads priority markers (p1–p4, !1–!4, !high, urgent/important, فوری/اہم, zaroori/fori) and #tags / @tags, and
 * claims them so they leave the title. The first priority marker in the text wins; tags are
 * lower-cased and de-duplicated.
 */
export function scanMarkers(scanner: Scanner, language: Language): MarkerScan {
  const tags: string[] = [];
  for (const match of scanner.matches(TAG)) {
    const tag = (match[1] ?? "").replace(/[-_]+$/, "");
    if (!tag) continue;
    scanner.claim("tags", match.index, match.index + 1 + tag.length);
    if (!tags.includes(tag)) tags.push(tag);
  }
  let priority: Priority = "none";
  let firstAt = Number.POSITIVE_INFINITY;
  for (const [regex, value, romanOnly] of PRIORITY_RULES) {
    if (romanOnly && language !== "roman-ur") continue;
    for (const match of scanner.matches(regex)) {
      scanner.claim("priority", match.index, match.index + match[0].length);
      if (match.index < firstAt) {
        firstAt = match.index;
        priority = value;
      }
    }
  }
  return { priority, tags };
}
