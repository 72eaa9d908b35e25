/** Word lists the chat reads itself, on top of the skills: bulk scope, filters, rename, reminders. */

const word = (source: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, "iu");

/** "all", "every", سب, تمام, saare: the action is about many tasks. */
export const ALL = word("all|every|everything|سب|سارے|ساری|تمام|saare|sare|saray|sari|sab|tamam");
/** Completed tasks as a filter ("delete all completed", مکمل شدہ). */
export const COMPLETED = word("completed|done|finished|مکمل|مکمل\\s+شدہ|ختم|mukammal|complete\\s+shuda|khatam");
/** Overdue tasks as a filter. */
export const OVERDUE = word("overdue|late|past\\s+due|تاخیر|لیٹ|late\\s+wale|overdue\\s+wale");
/** "remind me" / یاد دلانا: the user wants a reminder, so a time is required. */
export const REMIND_REQUEST = word(
  "remind\\s+me|reminder|یاد\\s+(?:دلا|کرا|کروا)\\S*|یاد\\s*دہانی|yaad\\s+(?:dila|kara|karwa)\\w*",
);
/** "undo", "restore", واپس لائیں, wapas lao: take back the delete just done. */
export const UNDO = word(
  "undo|restore(?:\\s+(?:it|them))?|bring\\s+(?:it|them)\\s+back|واپس(?:\\s+(?:لائیں|لاؤ|لے\\s+آئیں|لے\\s+آؤ|کر\\s+دیں|کر\\s+دو))?|wapas(?:\\s+(?:lao|laen|layen|le\\s+aao|kar\\s+do))?|wapis(?:\\s+lao)?",
);
/** "show more", مزید دکھائیں, aur dikhao: the rest of a list that was cut. */
export const MORE = word(
  "(?:show|see|list)\\s+(?:me\\s+)?(?:more|the\\s+rest|all)|more|the\\s+rest|مزید(?:\\s+(?:دکھائیں|دکھاؤ))?|باقی\\s+(?:دکھائیں|دکھاؤ)|aur\\s+dikhao|mazeed(?:\\s+dikhao)?|baqi\\s+dikhao",
);
/** An answer made only of these words (and punctuation) is the whole answer, not a new request. */
export const isOnly = (regex: RegExp, text: string): boolean => {
  const match = new RegExp(`^\\s*(?:please\\s+)?(?:${regex.source})\\s*(?:please)?[.!؟?۔]*\\s*$`, "iu").exec(
    text.trim(),
  );
  return match !== null;
};

/** "rename X to Y" / "call it Y": the new title is Y. */
export const RENAME =
  /(?:(?:rename|retitle)\s+(?:.+?\s+)?(?:to|as)|call\s+(?:it|that|this))\s+["“']?(.+?)["”']?\s*[.!]?$/iu;
/** Ordinals for choosing among options. */
const ORDINALS: ReadonlyArray<readonly [RegExp, number]> = [
  [word("first|1st|pehla|pehli|پہلا|پہلی|پہلے"), 0],
  [word("second|2nd|doosra|dusra|doosri|دوسرا|دوسری|دوسرے"), 1],
  [word("third|3rd|teesra|teesri|تیسرا|تیسری|تیسرے"), 2],
  [word("fourth|4th|chautha|چوتھا|چوتھی"), 3],
  [word("fifth|5th|پانچواں|پانچویں"), 4],
];
const LAST = word("last|aakhri|akhri|آخری");

const asciiDigits = (text: string): string =>
  text.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (d) =>
    String(d.charCodeAt(0) - (d.charCodeAt(0) >= 0x06f0 ? 0x06f0 : 0x0660)),
  );

/** pickedIndex reads "2", "۲", "the second one", "last" as an index into `count` options. */
export function pickedIndex(answer: string, count: number): number | undefined {
  const plain = asciiDigits(answer).trim();
  const number = /^(?:#|no\.?\s*|number\s+)?(\d{1,2})\s*[.)]?$/i.exec(plain);
  if (number) {
    const index = Number(number[1]) - 1;
    return index >= 0 && index < count ? index : undefined;
  }
  if (LAST.test(plain)) return count - 1;
  for (const [regex, index] of ORDINALS) if (regex.test(plain) && index < count) return index;
  return undefined;
}

const tokens = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];

/** bestTitleMatch returns the one option whose title shares the most words with the answer (no ties). */
export function bestTitleMatch<T extends { title: string }>(answer: string, options: readonly T[]): T | undefined {
  const wanted = tokens(answer).filter((t) => t.length >= 2);
  if (wanted.length === 0) return undefined;
  const scored = options.map((option) => {
    const title = tokens(option.title);
    return {
      option,
      score: wanted.filter((w) => title.some((t) => t === w || (w.length >= 3 && t.startsWith(w)))).length,
    };
  });
  const best = Math.max(...scored.map((s) => s.score));
  const top = scored.filter((s) => s.score === best);
  return best > 0 && top.length === 1 ? top[0]!.option : undefined;
}
