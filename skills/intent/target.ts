const STOPWORDS = new Set([
  "the",
  "a",
  "an",
  "my",
  "task",
  "tasks",
  "todo",
  "to-do",
  "item",
  "one",
  "thing",
  "as",
  "to",
  "for",
  "about",
  "of",
  "on",
  "please",
  "pls",
  "mark",
  "is",
  "are",
  "was",
  "it's",
  "that's",
  "i",
  "me",
  "with",
  "off",
  "and",
  "now",
  "just",
  "also",
  "all",
  "called",
  "named",
  "titled",
  "reminder",
  "remind",
  "set",
  "due",
  "date",
  "time",
  "priority",
  "entry",
  "from",
  "list",
  "at",
  "in",
  "by",
  "until",
  "till",
  "tak",
  "تک",
  "done",
  "anything",
  "something",
  "everything",
  "stuff",
  "all",
  "والا",
  "والی",
  "والے",
  "کام",
  "کو",
  "کا",
  "کی",
  "کے",
  "ٹاسک",
  "وہ",
  "یہ",
  "میرا",
  "میری",
  "میرے",
  "ہے",
  "سے",
  "بھی",
  "اب",
  "ذرا",
  "پلیز",
  "مہربانی",
  "براہ",
  "کرم",
  "کر",
  "دو",
  "دیں",
  "والا",
  "کہ",
  "wala",
  "wali",
  "wale",
  "kaam",
  "ko",
  "ka",
  "ki",
  "ke",
  "task",
  "woh",
  "wo",
  "ye",
  "yeh",
  "mera",
  "meri",
  "mere",
  "hai",
  "se",
  "bhi",
  "ab",
  "zara",
  "plz",
  "kar",
  "do",
  "dein",
  "karo",
]);
const PRONOUNS = new Set([
  "it",
  "that",
  "this",
  "them",
  "those",
  "اسے",
  "اس",
  "انہیں",
  "isay",
  "isey",
  "usay",
  "usey",
  "is",
  "us",
]);

const FOLD: Record<string, string> = { "\u064A": "\u06CC", "\u0649": "\u06CC", "\u0643": "\u06A9", "\u0647": "\u06C1" };
const fold = (text: string): string => text.toLowerCase().replace(/[\u064A\u0649\u0643\u0647]/g, (c) => FOLD[c] ?? c);

function tokens(text: string): string[] {
  return fold(text).match(/[\p{L}\p{M}\p{N}'-]+/gu) ?? [];
}

/**
 * What is left of the text once intent words are gone, stripped of filler ("the", "one", والا, kaam):
 * the user's name for the task. A lone pronoun ("it", اسے) comes back as "it".
 */
export function referenceFrom(rest: string): string | null {
  const words = tokens(rest);
  const content = words.filter((word) => !STOPWORDS.has(word) && !PRONOUNS.has(word));
  if (content.length > 0) {
    const original = rest.match(/[\p{L}\p{M}\p{N}'-]+/gu) ?? [];
    return original.filter((word) => !STOPWORDS.has(fold(word)) && !PRONOUNS.has(fold(word))).join(" ");
  }
  return words.some((word) => PRONOUNS.has(word)) ? "it" : null;
}

function tokenMatches(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 3 && long.startsWith(short);
}

/**
 * The id of the one recent task the reference names: the task whose title contains the most
 * reference words (at least half of them), when no other task ties. "it" names the only recent task.
 */
export function matchTask(reference: string, recent: ReadonlyArray<{ id: string; title: string }>): string | undefined {
  if (reference === "it") return recent.length === 1 ? recent[0]?.id : undefined;
  const wanted = tokens(reference).filter((word) => !STOPWORDS.has(word));
  if (wanted.length === 0) return undefined;
  let best: string | undefined;
  let bestScore = 0;
  let tie = false;
  for (const task of recent) {
    const titleWords = tokens(task.title);
    const hits = wanted.filter((word) => titleWords.some((title) => tokenMatches(word, title))).length;
    const score = hits / wanted.length;
    if (score > bestScore) {
      best = task.id;
      bestScore = score;
      tie = false;
    } else if (score === bestScore && score > 0) {
      tie = true;
    }
  }
  return bestScore >= 0.5 && !tie ? best : undefined;
}
