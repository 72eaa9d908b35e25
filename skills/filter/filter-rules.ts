import { detectLanguage } from "../shared/language";
import { Scanner, wordRegex } from "../shared/scanner";
import type { Language, SkillResult } from "../shared/types";
import { scanMarkers } from "../task/markers";
import { emptyFilterIntent, writeQuery } from "./filter-intent";
import type { FilterPeriod, FilterQuery } from "./schema";

/** Phrases per period in English, Urdu and Roman Urdu, longest first within a period. */
const PERIOD_PHRASES: ReadonlyArray<readonly [FilterPeriod, string[]]> = [
  [
    "no_date",
    [
      "without a due date",
      "without a date",
      "without date",
      "no due date",
      "no date",
      "undated",
      "بغیر تاریخ",
      "بنا تاریخ",
      "بغیر تاریخ کے",
      "جن کی کوئی تاریخ نہیں",
      "bina tareekh",
      "bina tarikh",
      "bagair tareekh",
      "baghair tareekh",
      "bina date",
    ],
  ],
  [
    "overdue",
    ["past due", "overdue", "late", "missed", "زائد المیعاد", "رہ گئے", "رہ گئی", "reh gaye", "rah gaye", "reh gayi"],
  ],
  ["next_week", ["next week", "اگلے ہفتے", "agle hafte", "aglay haftay", "agle haftay"]],
  ["this_week", ["this week", "next 7 days", "coming week", "اس ہفتے", "is hafte", "is haftay", "iss hafte"]],
  ["this_month", ["this month", "next 30 days", "اس مہینے", "is mahine", "iss mahine"]],
  ["tomorrow", ["tomorrow", "کل", "kal"]],
  ["today", ["today's", "tonight", "today", "آج", "aaj", "aj"]],
];

const COMPLETED = wordRegex(
  [
    "already done",
    "completed",
    "finished",
    "done",
    "مکمل شدہ",
    "مکمل",
    "ہو چکے",
    "mukammal",
    "ho chuke",
    "ho gaye",
  ].join("|"),
);
const RECURRING = wordRegex(
  ["recurring", "repeating", "repeated", "habits", "دہرائے جانے والے", "بار بار", "bar bar", "har roz wale"].join("|"),
);
/** "about milk", "mentioning rent", "search for tax", "دودھ کے بارے میں", "doodh ke bare mein". */
const SEARCH_AFTER = wordRegex(
  "(?:about|mentioning|containing|search\\s+for|with\\s+the\\s+word)\\s+([\\p{L}\\p{N}]+)",
);
const SEARCH_BEFORE = wordRegex(
  "([\\p{L}\\p{N}]+)\\s+(?:کے\\s+بارے\\s+میں|ke\\s+bare\\s+mein|ke\\s+baare\\s+mein|wale|wali|والے|والی)",
);

/** Particles that come before "wale" / "کے بارے میں" without being what the tasks are about. */
const PARTICLES = new Set(["ke", "ki", "ka", "ko", "se", "کے", "کی", "کا", "کو", "سے", "the", "a", "my"]);

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const phrase = (text: string) => text.trim().toLowerCase().split(/\s+/u).map(escapeRegex).join("\\s+");

/** A name the user has (tag or project) as a whole-word phrase, a plural "s" allowed ("bills" → bill). */
const nameRegex = (name: string) => wordRegex(`${phrase(name)}(?:s)?`);

/** The Filter agent's rules: claim periods, status, priority, tags, projects and search words. */
export function writeFilterRules(
  text: string,
  tags: readonly string[],
  projects: readonly string[],
): SkillResult<FilterQuery> {
  const scanner = new Scanner(text);
  const language: Language = detectLanguage(text);
  const intent = emptyFilterIntent();

  const periodsAt: Array<[number, FilterPeriod]> = [];
  for (const [period, phrases] of PERIOD_PHRASES) {
    const regex = wordRegex(
      [...phrases]
        .sort((a, b) => b.length - a.length)
        .map(phrase)
        .join("|"),
    );
    for (const match of scanner.matches(regex)) {
      scanner.claim("period", match.index, match.index + match[0].length);
      periodsAt.push([match.index, period]);
    }
  }
  // In the order the text names them ("today or overdue" reads back as today | overdue).
  for (const [, period] of periodsAt.sort(([a], [b]) => a - b)) {
    if (!intent.periods.includes(period)) intent.periods.push(period);
  }
  for (const match of scanner.matches(COMPLETED)) {
    scanner.claim("status", match.index, match.index + match[0].length);
    intent.completed = true;
  }
  for (const match of scanner.matches(RECURRING)) {
    scanner.claim("recurring", match.index, match.index + match[0].length);
    intent.recurring = true;
  }
  // Projects before tags: "Work project" names the project even when a tag "work" exists too.
  for (const name of [...projects].sort((a, b) => b.length - a.length)) {
    const named = wordRegex(`${phrase(name)}(?:\\s+(?:project|پروجیکٹ))`);
    for (const match of scanner.matches(named)) {
      scanner.claim("project", match.index, match.index + match[0].length);
      if (!intent.projects.includes(name)) intent.projects.push(name);
    }
  }
  const markers = scanMarkers(scanner, language);
  if (markers.priority !== "none") intent.priorities.push(markers.priority);
  const knownTag = (word: string) => tags.find((tag) => tag.toLowerCase() === word.toLowerCase()) ?? word;
  for (const tag of markers.tags) if (!intent.tags.includes(knownTag(tag))) intent.tags.push(knownTag(tag));
  for (const tag of [...tags].sort((a, b) => b.length - a.length)) {
    for (const match of scanner.matches(nameRegex(tag))) {
      scanner.claim("tags", match.index, match.index + match[0].length);
      if (!intent.tags.includes(tag)) intent.tags.push(tag);
    }
  }
  for (const name of [...projects].sort((a, b) => b.length - a.length)) {
    for (const match of scanner.matches(nameRegex(name))) {
      scanner.claim("project", match.index, match.index + match[0].length);
      if (!intent.projects.includes(name)) intent.projects.push(name);
    }
  }
  const quoted = scanner.quoted.map(({ start, end }) => text.slice(start + 1, end - 1).trim()).find(Boolean);
  const searched = quoted
    ? undefined
    : [...scanner.matches(SEARCH_AFTER), ...scanner.matches(SEARCH_BEFORE)].find(
        // The phrase must be whole in the text (not glued across a claimed piece), and a word, not a particle.
        (match) => scanner.isFree(match.index, match.index + match[0].length) && !PARTICLES.has(match[1] ?? ""),
      );
  if (quoted) {
    intent.search = quoted;
  } else if (searched?.[1]) {
    scanner.claim("search", searched.index, searched.index + searched[0].length);
    intent.search = searched[1];
  }

  const query = writeQuery(intent);
  if (!query) return { kind: "invalid", reason: "the text names nothing a filter can test", path: "deterministic" };
  const terms = query.split(" & ").length;
  return {
    kind: "ok",
    value: { query, language },
    confidence: terms > 1 ? 0.85 : 0.75,
    spans: scanner.spans,
    path: "deterministic",
    ambiguities: [],
  };
}
