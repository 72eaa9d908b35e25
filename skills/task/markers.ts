import { priorityMarkers } from "../../vocabulary/priority";
import type { Scanner } from "../shared/scanner";
import { wordRegex } from "../shared/scanner";
import type { Language, Priority } from "../shared/types";

/**
 * The typed markers of one priority, from vocabulary/priority (p1 → urgent … p4 → low, !!! → urgent):
 * "p1" also reads as "priority 1".
 */
const markersOf = (priority: Priority): RegExp =>
  wordRegex(
    priorityMarkers
      .filter(([, p]) => p === priority)
      .map(([marker]) => (/^p\d$/.test(marker) ? `${marker}|priority\\s*${marker.slice(1)}` : marker))
      .join("|"),
  );

/** Priority words, most specific first: the typed markers, then words in each language. */
const PRIORITY_RULES: ReadonlyArray<readonly [RegExp, Priority, boolean]> = [
  ...(["urgent", "high", "medium", "low"] as const).map((priority) => [markersOf(priority), priority, false] as const),
  [
    wordRegex(
      "(?:(?:with\\s+)?(?:a\\s+)?(?:low|lowest)\\s+priority|priority\\s*:?\\s*low|not\\s+urgent|no\\s+rush|کم\\s+اہم|غیر\\s+ضروری|kam\\s+(?:ahem|aham|zaroori))",
    ),
    "low",
    false,
  ],
  [
    wordRegex("(?:(?:with\\s+)?(?:a\\s+)?(?:medium|normal)\\s+priority|priority\\s*:?\\s*(?:medium|normal))"),
    "medium",
    false,
  ],
  [wordRegex("(?:(?:with\\s+)?(?:a\\s+)?(?:high|highest|top)\\s+priority|priority\\s*:?\\s*high)"), "high", false],
  [
    wordRegex(
      "(?:very\\s+|really\\s+|super\\s+)?(?:urgent(?:ly)?|asap|a\\.s\\.a\\.p\\.?)|(?:بہت\\s+|انتہائی\\s+)?(?:فوری|فوراً|فورا)(?:\\s+طور\\s+پر)?",
    ),
    "urgent",
    false,
  ],
  [wordRegex("(?:bohat\\s+|bahut\\s+|boht\\s+)?(?:fori|foran|fauran|urgent)"), "urgent", true],
  [wordRegex("(?:very\\s+|really\\s+|super\\s+)?important|(?:بہت\\s+|انتہائی\\s+)?(?:اہم|ضروری)"), "high", false],
  [wordRegex("(?:bohat\\s+|bahut\\s+|boht\\s+)?(?:ahem|aham|zaroori|zaruri|important)"), "high", true],
];

const TAG = /(?<![\p{L}\p{N}_@.])[#@](\p{L}[\p{L}\p{M}\p{N}_-]*)/gu;

export interface MarkerScan {
  priority: Priority;
  tags: string[];
}

/**
 * Reads priority markers (p1–p4, urgent/important, فوری/اہم, zaroori/fori) and #tags / @tags, and
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
