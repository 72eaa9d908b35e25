import type { Scanner } from "../shared/scanner.ts";
import { wordRegex } from "../shared/scanner.ts";
import type { Language, Priority } from "../shared/types.ts";

/**
 * Priority words, most specific first. Todoist markers map p1 → urgent, p2 → high, p3 → medium,
 * p4 → low: a user who typed p4 asked for the lowest priority, which differs from saying nothing
 * ("none").
 */
const PRIORITY_RULES: ReadonlyArray<readonly [RegExp, Priority, boolean]> = [
  [wordRegex("p1|priority\\s*1|!!!"), "urgent", false],
  [wordRegex("p2|priority\\s*2"), "high", false],
  [wordRegex("p3|priority\\s*3"), "medium", false],
  [wordRegex("p4|priority\\s*4"), "low", false],
  [wordRegex("(?:(?:with\\s+)?(?:a\\s+)?(?:low|lowest)\\s+priority|priority\\s*:?\\s*low|not\\s+urgent|no\\s+rush|کم\\s+اہم|غیر\\s+ضروری|kam\\s+(?:ahem|aham|zaroori))"), "low", false],
  [wordRegex("(?:(?:with\\s+)?(?:a\\s+)?(?:medium|normal)\\s+priority|priority\\s*:?\\s*(?:medium|normal))"), "medium", false],
  [wordRegex("(?:(?:with\\s+)?(?:a\\s+)?(?:high|highest|top)\\s+priority|priority\\s*:?\\s*high)"), "high", false],
  [wordRegex("(?:very\\s+|really\\s+|super\\s+)?(?:urgent(?:ly)?|asap|a\\.s\\.a\\.p\\.?)|(?:بہت\\s+|انتہائی\\s+)?(?:فوری|فوراً|فورا)(?:\\s+طور\\s+پر)?"), "urgent", false],
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
