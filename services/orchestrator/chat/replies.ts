import { priorityLabels } from "../../../vocabulary/priority";
import type { Locale } from "./pending";

/**
 * Every sentence the assistant says, in English, Urdu script and Roman Urdu. Task titles are quoted
 * verbatim (they are the user's data) and never translated. In Urdu script a title is wrapped in
 * Unicode isolates (FSI … PDI): an English title or one starting with a digit then cannot pull the
 * sentence's layout left-to-right or move its numbers and full stop (UAX #9 rule P2 skips isolates
 * when a paragraph's direction is chosen, which is what the browser's dir="auto" does).
 */
const FSI = "\u2068";
const PDI = "\u2069";
/** isolate wraps user text that sits inside an Urdu sentence. */
export const isolate = (l: Locale, text: string): string => (l === "ur" ? `${FSI}${text}${PDI}` : text);
/** quote puts a title in curly quotes (isolated in Urdu script). */
export const quote = (l: Locale, title: string): string => isolate(l, `“${title}”`);

const RLM = "\u200F";
/** The first letter that sets a direction: Latin (left-to-right) or Arabic script (right-to-left). */
const FIRST_STRONG = /[A-Za-z\u00C0-\u024F]|[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;

/**
 * rightToLeft starts an Urdu reply with a right-to-left mark when its first letter is Latin (a reply
 * that opens with an English title, or a numbered line of one). The isolates keep the title's own
 * layout; the mark makes a client that picks the paragraph's direction from its first strong letter
 * (HTML dir="auto" does, and it does not skip isolates) lay the sentence out right-to-left.
 */
export function rightToLeft(l: Locale, text: string): string {
  if (l !== "ur") return text;
  const first = FIRST_STRONG.exec(text)?.[0];
  return first && /[A-Za-z\u00C0-\u024F]/u.test(first) ? `${RLM}${text}` : text;
}
const SHOWN = 8;
const list = (titles: readonly string[], l: Locale): string => {
  const shown = titles
    .slice(0, SHOWN)
    .map((title) => quote(l, title))
    .join(l === "ur" ? "، " : ", ");
  const rest = titles.length - SHOWN;
  return rest > 0 ? `${shown} ${pick(l, `and ${rest} more`, `اور ${rest} مزید`, `aur ${rest} mazeed`)}` : shown;
};
/** pick chooses the reply for the locale: English, Urdu script or Roman Urdu. */
export const pick = (l: Locale, en: string, ur: string, roman: string): string =>
  l === "ur" ? ur : l === "roman-ur" ? roman : en;
const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

export const yesNo = (l: Locale): string[] =>
  l === "ur" ? ["ہاں", "نہیں"] : l === "roman-ur" ? ["haan", "nahi"] : ["yes", "no"];
/** The option that takes back a delete just done. */
export const undoOption = (l: Locale): string => pick(l, "undo", "واپس لائیں", "wapas lao");
/** The option that shows the rest of a cut list. */
export const moreOption = (l: Locale): string => pick(l, "show more", "مزید دکھائیں", "aur dikhao");

export const replies = {
  added: (l: Locale, title: string, details: string[]) =>
    pick(
      l,
      `Added ${quote(l, title)}${details.length ? ` — ${details.join("; ")}` : ""}.`,
      `${quote(l, title)} شامل کر دیا${details.length ? ` — ${details.join("؛ ")}` : ""}۔`,
      `${quote(l, title)} add kar diya${details.length ? ` — ${details.join("; ")}` : ""}.`,
    ),
  dueDetail: (l: Locale, when: string) => pick(l, `due ${when}`, when, when),
  reminderDetail: (l: Locale, when: string) => pick(l, `reminder ${when}`, `یاد دہانی ${when}`, `yaad dihani ${when}`),
  repeatDetail: (_l: Locale, rule: string) => (_l === "en" ? `repeats ${rule}` : rule),
  priorityDetail: (l: Locale, priority: string) =>
    pick(l, `priority ${priority}`, `ترجیح: ${priority}`, `tarjeeh: ${priority}`),
  tagsDetail: (l: Locale, tags: readonly string[]) =>
    pick(
      l,
      `tags ${tags.map((t) => `#${t}`).join(" ")}`,
      `ٹیگ ${isolate(l, tags.map((t) => `#${t}`).join(" "))}`,
      `tags ${tags.map((t) => `#${t}`).join(" ")}`,
    ),

  askTitle: (l: Locale) => pick(l, "What's the task?", "کام کیا ہے؟", "Kaam kya hai?"),
  askRemindWhen: (l: Locale, title: string) =>
    pick(
      l,
      `When should I remind you to ${quote(l, title)}?`,
      `${quote(l, title)} کی یاد دہانی کب کروں؟`,
      `${quote(l, title)} ki yaad dihani kab karoon?`,
    ),
  askFirstDue: (l: Locale, title: string) =>
    pick(
      l,
      `When is ${quote(l, title)} first due?`,
      `${quote(l, title)} پہلی بار کب کرنا ہے؟`,
      `${quote(l, title)} pehli baar kab karna hai?`,
    ),
  askUpdate: (l: Locale, title: string) =>
    pick(
      l,
      `What should I change about ${quote(l, title)}? (a new date, priority or name)`,
      `${quote(l, title)} میں کیا تبدیل کروں؟ (نئی تاریخ، ترجیح یا نام)`,
      `${quote(l, title)} mein kya tabdeel karoon? (nayi tareekh, tarjeeh ya naam)`,
    ),
  askReminder: (l: Locale, title: string) =>
    pick(
      l,
      `When should I remind you about ${quote(l, title)}?`,
      `${quote(l, title)} کی یاد دہانی کب کروں؟`,
      `${quote(l, title)} ki yaad dihani kab karoon?`,
    ),
  askRecurrence: (l: Locale, title: string) =>
    pick(
      l,
      `How often should ${quote(l, title)} repeat?`,
      `${quote(l, title)} کتنی بار دہرایا جائے؟`,
      `${quote(l, title)} kitni baar dohraya jaye?`,
    ),
  askWhich: (l: Locale, reference: string) =>
    reference
      ? pick(
          l,
          `Which ${quote(l, reference)} do you mean?`,
          `کون سا ${quote(l, reference)}؟`,
          `Kaun sa ${quote(l, reference)}?`,
        )
      : pick(l, "Which task do you mean?", "کون سا کام؟", "Kaun sa kaam?"),
  /** askAmbiguous asks about a word the Task agent would not guess (کل with a past verb, ہفتہ). */
  askAmbiguous: (
    l: Locale,
    unclear: { text: string; options: readonly string[]; question: string; questionUr: string },
  ) =>
    pick(
      l,
      unclear.question,
      unclear.questionUr,
      `${quote(l, unclear.text)} se aap ki murad kya hai: ${unclear.options.join(" ya ")}?`,
    ),
  /** numbered lists options one per line ("1. buy milk"); in Urdu each title is isolated. */
  numbered: (titles: readonly string[], l: Locale = "en") =>
    titles.map((title, i) => `${i + 1}. ${isolate(l, title)}`).join("\n"),
  didNotCatch: (l: Locale) =>
    pick(l, "Sorry, I didn't catch that.", "معاف کیجیے، میں سمجھ نہیں سکا۔", "Maaf kijiye, main samajh nahi saka."),

  completed: (l: Locale, title: string) =>
    pick(
      l,
      `Marked ${quote(l, title)} done.`,
      `${quote(l, title)} مکمل کر دیا۔`,
      `${quote(l, title)} mukammal kar diya.`,
    ),
  completedMany: (l: Locale, n: number) =>
    pick(l, `Marked ${n} tasks done.`, `${n} کام مکمل کر دیے۔`, `${n} kaam mukammal kar diye.`),
  deleted: (l: Locale, title: string) =>
    pick(l, `Deleted ${quote(l, title)}.`, `${quote(l, title)} حذف کر دیا۔`, `${quote(l, title)} delete kar diya.`),
  deletedMany: (l: Locale, n: number) =>
    pick(l, `Deleted ${n} tasks.`, `${n} کام حذف کر دیے۔`, `${n} kaam delete kar diye.`),
  /** undoHint follows a delete: how to take it back. */
  undoHint: (l: Locale, n: number) =>
    pick(
      l,
      `Say “undo” to bring ${plural(n, "it", "them")} back.`,
      "واپس لانے کے لیے “واپس لائیں” لکھیں۔",
      "Wapas lane ke liye “wapas lao” likhein.",
    ),
  /** undoLeft says an undo ran out of time with tasks still deleted, and offers to go on. */
  undoLeft: (l: Locale, n: number) =>
    pick(
      l,
      `${n} more ${plural(n, "task is", "tasks are")} still deleted — say “undo” again.`,
      `${n} مزید کام ابھی حذف ہیں — دوبارہ “واپس لائیں” لکھیں۔`,
      `${n} mazeed kaam abhi delete hain — dobara “wapas lao” likhein.`,
    ),
  /** remaining says a bulk action stopped at its bound, and offers to go on. */
  remaining: (l: Locale, n: number) =>
    pick(
      l,
      `${n} more ${plural(n, "task", "tasks")} still match — say “yes” to go on.`,
      `${n} مزید کام باقی ہیں — جاری رکھنے کے لیے “ہاں” لکھیں۔`,
      `${n} mazeed kaam baqi hain — jari rakhne ke liye “haan” likhein.`,
    ),
  restored: (l: Locale, n: number) =>
    n === 1
      ? pick(l, "Restored the task.", "کام واپس آ گیا۔", "Kaam wapas aa gaya.")
      : pick(l, `Restored ${n} tasks.`, `${n} کام واپس آ گئے۔`, `${n} kaam wapas aa gaye.`),
  restoredOne: (l: Locale, title: string) =>
    pick(l, `Restored ${quote(l, title)}.`, `${quote(l, title)} واپس آ گیا۔`, `${quote(l, title)} wapas aa gaya.`),
  confirmDelete: (l: Locale, titles: readonly string[]) =>
    titles.length === 1
      ? pick(
          l,
          `Delete ${quote(l, titles[0]!)}? (yes/no)`,
          `کیا ${quote(l, titles[0]!)} حذف کر دوں؟ (ہاں/نہیں)`,
          `Kya ${quote(l, titles[0]!)} delete kar doon? (haan/nahi)`,
        )
      : pick(
          l,
          `Delete these ${titles.length} tasks: ${list(titles, l)}? (yes/no)`,
          `کیا یہ ${titles.length} کام حذف کر دوں: ${list(titles, l)}؟ (ہاں/نہیں)`,
          `Kya yeh ${titles.length} kaam delete kar doon: ${list(titles, l)}? (haan/nahi)`,
        ),
  /**
   * confirmAll asks before a bulk action with the true count and scope ("Delete all 228 open tasks?"),
   * naming the first few; `atLeast` says the count stopped at its bound.
   */
  confirmAll: (
    l: Locale,
    operation: "delete" | "complete",
    n: number,
    label: string,
    titles: readonly string[],
    atLeast: boolean,
  ) => {
    if (n === 1 && !atLeast && titles[0] !== undefined)
      return operation === "delete"
        ? replies.confirmDelete(l, titles)
        : pick(
            l,
            `Mark ${quote(l, titles[0])} done? (yes/no)`,
            `کیا ${quote(l, titles[0])} مکمل کر دوں؟ (ہاں/نہیں)`,
            `Kya ${quote(l, titles[0])} mukammal kar doon? (haan/nahi)`,
          );
    const count = atLeast ? `${n}+` : String(n);
    const named = list(titles, l) + (titles.length < n && titles.length <= SHOWN ? pick(l, ", …", "، …", ", …") : "");
    if (operation === "delete")
      return pick(
        l,
        `Delete all ${count} ${label}${plural(n, "task", "tasks")} (${named})? (yes/no)`,
        `کیا تمام ${count} ${label}کام حذف کر دوں (${named})؟ (ہاں/نہیں)`,
        `Kya tamam ${count} ${label}kaam delete kar doon (${named})? (haan/nahi)`,
      );
    return pick(
      l,
      `Mark all ${count} ${label}${plural(n, "task", "tasks")} done (${named})? (yes/no)`,
      `کیا تمام ${count} ${label}کام مکمل کر دوں (${named})؟ (ہاں/نہیں)`,
      `Kya tamam ${count} ${label}kaam mukammal kar doon (${named})? (haan/nahi)`,
    );
  },
  cancelled: (l: Locale) =>
    pick(
      l,
      "OK, I left everything as it was.",
      "ٹھیک ہے، میں نے کچھ تبدیل نہیں کیا۔",
      "Theek hai, main ne kuch tabdeel nahi kiya.",
    ),
  nothingPending: (l: Locale) =>
    pick(
      l,
      "There's nothing waiting for a yes or no.",
      "ابھی کوئی سوال زیرِ التوا نہیں۔",
      "Abhi koi sawal baqi nahi jis ka jawab haan ya nahi ho.",
    ),
  nothingToUndo: (l: Locale) =>
    pick(l, "There's nothing to undo.", "واپس لانے کو کچھ نہیں۔", "Wapas lane ko kuch nahi."),

  updated: (l: Locale, title: string, changes: readonly string[]) =>
    pick(
      l,
      `Updated ${quote(l, title)}: ${changes.join("; ")}.`,
      `${quote(l, title)} تبدیل کر دیا: ${changes.join("؛ ")}۔`,
      `${quote(l, title)} tabdeel kar diya: ${changes.join("; ")}.`,
    ),
  renamedDetail: (l: Locale, title: string) =>
    pick(l, `renamed to ${quote(l, title)}`, `نیا نام ${quote(l, title)}`, `naya naam ${quote(l, title)}`),
  reminderSet: (l: Locale, title: string, when: string) =>
    pick(
      l,
      `I'll remind you about ${quote(l, title)} ${when}.`,
      `${quote(l, title)} کی یاد دہانی ${when} ہو گی۔`,
      `${quote(l, title)} ki yaad dihani ${when} hogi.`,
    ),
  beforeDue: (l: Locale, minutes: number) => {
    const hours = minutes % 60 === 0 && minutes >= 60 ? minutes / 60 : 0;
    if (minutes === 0) return pick(l, "when it is due", "مقررہ وقت پر", "muqarrara waqt par");
    if (hours)
      return pick(
        l,
        `${hours} hour${hours === 1 ? "" : "s"} before it is due`,
        `مقررہ وقت سے ${hours} گھنٹے پہلے`,
        `muqarrara waqt se ${hours} ghante pehle`,
      );
    return pick(
      l,
      `${minutes} minutes before it is due`,
      `مقررہ وقت سے ${minutes} منٹ پہلے`,
      `muqarrara waqt se ${minutes} minute pehle`,
    );
  },
  recurringSet: (l: Locale, title: string, rule: string) =>
    pick(
      l,
      `${quote(l, title)} now repeats ${rule}.`,
      `${quote(l, title)} اب ${rule} دہرایا جائے گا۔`,
      `${quote(l, title)} ab ${rule} dohraya jayega.`,
    ),

  noMatch: (l: Locale, reference: string) =>
    pick(
      l,
      `I couldn't find a task matching ${quote(l, reference)}. Say “show my tasks” to see them.`,
      `مجھے ${quote(l, reference)} سے ملتا کوئی کام نہیں ملا۔ اپنے کام دیکھنے کے لیے “میرے کام دکھاؤ” لکھیں۔`,
      `Mujhe ${quote(l, reference)} se milta koi kaam nahi mila. Apne kaam dekhne ke liye “mere kaam dikhao” likhein.`,
    ),
  noOpenTasks: (l: Locale) =>
    pick(l, "You have no open tasks.", "آپ کا کوئی کام باقی نہیں۔", "Aap ka koi kaam baqi nahi."),
  noneMatching: (l: Locale) =>
    pick(l, "No tasks match that.", "اس سے ملتا کوئی کام نہیں۔", "Is se milta koi kaam nahi."),
  listHeader: (l: Locale, n: number, label: string, atLeast = false) =>
    pick(
      l,
      `You have ${n}${atLeast ? "+" : ""} ${label}task${n === 1 ? "" : "s"}:`,
      `آپ کے ${n}${atLeast ? "+" : ""} ${label}کام ہیں:`,
      `Aap ke ${n}${atLeast ? "+" : ""} ${label}kaam hain:`,
    ),
  openLabel: (l: Locale) => pick(l, "open ", "", ""),
  completedLabel: (l: Locale) => pick(l, "completed ", "مکمل شدہ ", "mukammal shuda "),
  overdueLabel: (l: Locale) => pick(l, "overdue ", "تاخیر شدہ ", "late "),
  /** more ends a cut list and says how to see the rest. */
  more: (l: Locale, n: number) =>
    pick(
      l,
      `…and ${n} more — say “show more” to see them.`,
      `…اور ${n} مزید — دیکھنے کے لیے “مزید دکھائیں” لکھیں۔`,
      `…aur ${n} mazeed — dekhne ke liye “aur dikhao” likhein.`,
    ),
  nothingMore: (l: Locale) =>
    pick(l, "That was the whole list.", "فہرست میں اور کچھ نہیں۔", "List mein aur kuch nahi."),
  searchHeader: (l: Locale, query: string, n: number) =>
    pick(
      l,
      `${n} task${n === 1 ? "" : "s"} match ${quote(l, query)}:`,
      `${quote(l, query)} سے ملتے ${n} کام:`,
      `${quote(l, query)} se milte ${n} kaam:`,
    ),

  activityUnavailable: (l: Locale) =>
    pick(
      l,
      "I can't look at your history right now — please try again in a moment.",
      "ابھی آپ کی سرگرمی نہیں دیکھ سکتا، براہ کرم تھوڑی دیر بعد دوبارہ کوشش کریں۔",
      "Abhi aap ki activity nahi dekh sakta, baraye meherbani thori der baad dobara koshish karein.",
    ),
  failed: (l: Locale) =>
    pick(
      l,
      "Sorry, I couldn't do that just now — please try again in a moment.",
      "معاف کیجیے، ابھی یہ نہیں ہو سکا، براہ کرم تھوڑی دیر بعد دوبارہ کوشش کریں۔",
      "Maaf kijiye, abhi yeh nahi ho saka, baraye meherbani thori der baad dobara koshish karein.",
    ),
  gone: (l: Locale) => pick(l, "That task is no longer there.", "وہ کام اب موجود نہیں۔", "Woh kaam ab mojood nahi."),
  greeting: (l: Locale) =>
    pick(
      l,
      "Hi! Tell me what to do, like “buy milk tomorrow at 5pm”.",
      "السلام علیکم! مجھے کام بتائیں، جیسے “کل شام 5 بجے دودھ لینا”۔",
      "Assalam o alaikum! Mujhe kaam batayein, jaise “kal shaam 5 baje doodh lena”.",
    ),
  help: (l: Locale) =>
    pick(
      l,
      [
        "I can manage your tasks. Try:",
        "• “buy milk tomorrow at 5pm #home p1”",
        "• “remind me about the rent 30 minutes before”",
        "• “make the report repeat every Monday”",
        "• “mark the milk one done”, “delete the rent task”",
        "• “show my tasks”, “find milk”, “what did I finish yesterday?”",
      ].join("\n"),
      [
        "میں آپ کے کام سنبھال سکتا ہوں۔ مثلاً:",
        "• “کل شام 5 بجے دودھ لینا”",
        "• “کرایہ والے کام کی ایک گھنٹہ پہلے یاد دہانی”",
        "• “ہر پیر کو صبح 9 بجے رپورٹ جمع کروانا”",
        "• “دودھ والا کام مکمل کر دو”، “کرایہ والا کام حذف کر دو”",
        "• “میرے کام دکھاؤ”، “کل کیا مکمل کیا؟”",
      ].join("\n"),
      [
        "Main aap ke kaam sambhal sakta hoon. Maslan:",
        "• “kal shaam 5 baje doodh lena #ghar zaroori”",
        "• “kiraye wale kaam ki ek ghanta pehle yaad dihani”",
        "• “har peer ko subah 9 baje report jama karwana”",
        "• “doodh wala kaam mukammal kar do”, “kiraye wala kaam delete kar do”",
        "• “mere kaam dikhao”, “kal kya mukammal kiya?”",
      ].join("\n"),
    ),
} as const;

/** priorityLabel names a priority in the reply language (vocabulary/priority). */
export const priorityLabel = (l: Locale, priority: keyof (typeof priorityLabels)["en"]): string =>
  priorityLabels[l][priority];
