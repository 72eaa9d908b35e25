import { romanUrduClock, urduClock } from "../../../vocabulary/clock-time";
import { toLocal } from "../../../vocabulary/time-zone";
import { zoneOr } from "./digest-time";

/** DigestLanguage is a language the digest is written in. */
export type DigestLanguage = "en" | "ur" | "roman-ur";

/** digestLanguageOf picks the digest's language: the one chosen for it, else the profile's. */
export function digestLanguageOf(chosen: string, profileLocale: string): DigestLanguage {
  if (chosen === "en" || chosen === "ur" || chosen === "roman-ur") return chosen;
  return profileLocale === "ur" ? "ur" : "en";
}

/** DigestTask is one line of the digest. */
export interface DigestTask {
  title: string;
  dueAt: Date | null;
  dueDateOnly: boolean;
}

/** DigestContent is one digest email. */
export interface DigestContent {
  subject: string;
  body: string;
}

const words = {
  en: {
    subject: (overdue: number, today: number) => `Your day: ${overdue} overdue, ${today} due today`,
    greeting: (day: string) => `Your tasks for ${day}.`,
    overdue: "Overdue",
    today: "Due today",
    more: (n: number) => `…and ${n} more in the app.`,
    footer: "You get this email because the daily digest is on; turn it off in your profile.",
  },
  ur: {
    subject: (overdue: number, today: number) => `آج کا خلاصہ: ${overdue} تاخیر سے، ${today} آج کے`,
    greeting: (day: string) => `${day} کے کام۔`,
    overdue: "تاخیر سے",
    today: "آج کے کام",
    more: (n: number) => `…اور ${n} مزید، ایپ میں دیکھیں۔`,
    footer: "یہ ای میل اس لیے آئی کہ روزانہ خلاصہ آن ہے؛ اسے پروفائل میں بند کریں۔",
  },
  "roman-ur": {
    subject: (overdue: number, today: number) => `Aaj ka khulasa: ${overdue} der se, ${today} aaj ke`,
    greeting: (day: string) => `${day} ke kaam.`,
    overdue: "Der se",
    today: "Aaj ke kaam",
    more: (n: number) => `…aur ${n} mazeed, app mein dekhein.`,
    footer: "Yeh email is liye aayi ke rozana khulasa on hai; isay profile mein band karein.",
  },
} as const;

/** DIGEST_LINES_MAX bounds each section of the email; the rest is counted. */
const DIGEST_LINES_MAX = 25;

function when(task: DigestTask, language: DigestLanguage, timeZone: string): string {
  if (!task.dueAt) return "";
  const local = toLocal(task.dueAt, zoneOr(timeZone));
  const date = `${local.year}-${String(local.month).padStart(2, "0")}-${String(local.day).padStart(2, "0")}`;
  if (task.dueDateOnly) return date;
  const clock =
    language === "ur"
      ? urduClock(local.hour, local.minute)
      : language === "roman-ur"
        ? romanUrduClock(local.hour, local.minute)
        : `${String(local.hour).padStart(2, "0")}:${String(local.minute).padStart(2, "0")}`;
  return `${date} ${clock}`;
}

/**
 * composeDigest writes the daily digest (overdue, then due today) in the user's language; task titles are data,
 * copied as they are (plain text email). Each section lists at most DIGEST_LINES_MAX tasks.
 */
export function composeDigest(input: {
  language: DigestLanguage;
  day: string;
  timeZone: string;
  overdue: DigestTask[];
  today: DigestTask[];
}): DigestContent {
  const w = words[input.language];
  const section = (heading: string, tasks: DigestTask[]) => {
    if (tasks.length === 0) return [];
    const lines = tasks.slice(0, DIGEST_LINES_MAX).map((task) => {
      const at = when(task, input.language, input.timeZone);
      return `- ${task.title.trim() || "…"}${at ? ` (${at})` : ""}`;
    });
    const rest = tasks.length - DIGEST_LINES_MAX;
    return [`${heading} (${tasks.length}):`, ...lines, ...(rest > 0 ? [w.more(rest)] : []), ""];
  };
  return {
    subject: w.subject(input.overdue.length, input.today.length),
    body: [
      w.greeting(input.day),
      "",
      ...section(w.overdue, input.overdue),
      ...section(w.today, input.today),
      w.footer,
    ].join("\n"),
  };
}
