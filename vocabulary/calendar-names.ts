/**
 * Month and weekday names per language, defined once: the chat's dates, the rule describers and the
 * Urdu/Roman-Urdu readers all use these. Arrays are indexed month − 1 (0 = January) and by JavaScript
 * weekday (0 = Sunday); `weekdayNamesByCode` is keyed by RFC 5545 codes.
 */
export const monthNames = {
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
  ur: ["جنوری", "فروری", "مارچ", "اپریل", "مئی", "جون", "جولائی", "اگست", "ستمبر", "اکتوبر", "نومبر", "دسمبر"],
} as const;

/** English month abbreviations ("Jan"), as dates in chat replies show them and as readers match them. */
export const shortMonthNames = monthNames.en.map((name) => name.slice(0, 3));

/** Weekday names from Sunday (JavaScript's getDay order). */
export const weekdayNames = {
  en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
  ur: ["اتوار", "پیر", "منگل", "بدھ", "جمعرات", "جمعہ", "ہفتہ"],
} as const;

/** Roman Urdu weekday names from Sunday, as replies write them (months are written as in English). */
export const romanWeekdayNames = ["Itwar", "Peer", "Mangal", "Budh", "Jumeraat", "Juma", "Hafta"] as const;

/** English weekday abbreviations from Sunday ("Sun"). */
export const shortWeekdayNames = weekdayNames.en.map((name) => name.slice(0, 3));

const codesFromSunday = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"] as const;

/** Weekday names by RFC 5545 code ("MO" → "Monday" / "پیر"). */
export const weekdayNamesByCode = {
  en: Object.fromEntries(codesFromSunday.map((code, i) => [code, weekdayNames.en[i]!])) as Record<
    (typeof codesFromSunday)[number],
    string
  >,
  ur: Object.fromEntries(codesFromSunday.map((code, i) => [code, weekdayNames.ur[i]!])) as Record<
    (typeof codesFromSunday)[number],
    string
  >,
};

/**
 * Roman Urdu spellings people type for weekdays (0 = Sunday), as the readers accept them. Urdu script
 * variants beyond the standard names (سوموار, جمعے, سنیچر) are listed too.
 */
export const weekdaySpellings: ReadonlyArray<readonly [string, number]> = [
  ["سوموار", 1],
  ["جمعے", 5],
  ["سنیچر", 6],
  ["ہفتے", 6],
  ["itwar", 0],
  ["itwaar", 0],
  ["itvar", 0],
  ["peer", 1],
  ["pir", 1],
  ["somwar", 1],
  ["somvar", 1],
  ["mangal", 2],
  ["budh", 3],
  ["budhwar", 3],
  ["jumeraat", 4],
  ["jumerat", 4],
  ["jumairat", 4],
  ["juma", 5],
  ["jumma", 5],
  ["jummah", 5],
  ["jumah", 5],
  ["jume", 5],
  ["hafta", 6],
  ["hafte", 6],
];
