import type { Locale } from "./pending";

/**
 * Every sentence the assistant says, in English and Urdu script. Task titles are quoted verbatim
 * (they are the user's data) and never translated.
 */
const q = (title: string): string => `“${title}”`;
const SHOWN = 8;
const list = (titles: readonly string[], locale: Locale): string => {
  const shown = titles
    .slice(0, SHOWN)
    .map(q)
    .join(locale === "ur" ? "، " : ", ");
  const rest = titles.length - SHOWN;
  return rest > 0 ? `${shown} ${locale === "ur" ? `اور ${rest} مزید` : `and ${rest} more`}` : shown;
};
const pick = (locale: Locale, en: string, ur: string): string => (locale === "ur" ? ur : en);

export const yesNo = (locale: Locale): string[] => (locale === "ur" ? ["ہاں", "نہیں"] : ["yes", "no"]);

export const replies = {
  added: (l: Locale, title: string, details: string[]) =>
    pick(
      l,
      `Added ${q(title)}${details.length ? ` — ${details.join("; ")}` : ""}.`,
      `${q(title)} شامل کر دیا${details.length ? ` — ${details.join("؛ ")}` : ""}۔`,
    ),
  dueDetail: (l: Locale, when: string) => pick(l, `due ${when}`, when),
  reminderDetail: (l: Locale, when: string) => pick(l, `reminder ${when}`, `یاد دہانی ${when}`),
  repeatDetail: (l: Locale, rule: string) => pick(l, `repeats ${rule}`, rule),
  priorityDetail: (l: Locale, priority: string) => pick(l, `priority ${priority}`, `ترجیح: ${priority}`),
  tagsDetail: (l: Locale, tags: readonly string[]) =>
    pick(l, `tags ${tags.map((t) => `#${t}`).join(" ")}`, `ٹیگ ${tags.map((t) => `#${t}`).join(" ")}`),

  askTitle: (l: Locale) => pick(l, "What's the task?", "کام کیا ہے؟"),
  askRemindWhen: (l: Locale, title: string) =>
    pick(l, `When should I remind you to ${q(title)}?`, `${q(title)} کی یاد دہانی کب کروں؟`),
  askFirstDue: (l: Locale, title: string) =>
    pick(l, `When is ${q(title)} first due?`, `${q(title)} پہلی بار کب کرنا ہے؟`),
  askUpdate: (l: Locale, title: string) =>
    pick(
      l,
      `What should I change about ${q(title)}? (a new date, priority or name)`,
      `${q(title)} میں کیا تبدیل کروں؟ (نئی تاریخ، ترجیح یا نام)`,
    ),
  askReminder: (l: Locale, title: string) =>
    pick(l, `When should I remind you about ${q(title)}?`, `${q(title)} کی یاد دہانی کب کروں؟`),
  askRecurrence: (l: Locale, title: string) =>
    pick(l, `How often should ${q(title)} repeat?`, `${q(title)} کتنی بار دہرایا جائے؟`),
  askWhich: (l: Locale, reference: string) =>
    reference
      ? pick(l, `Which ${q(reference)} do you mean?`, `کون سا ${q(reference)}؟`)
      : pick(l, "Which task do you mean?", "کون سا کام؟"),
  numbered: (titles: readonly string[]) => titles.map((title, i) => `${i + 1}. ${title}`).join("\n"),
  didNotCatch: (l: Locale) => pick(l, "Sorry, I didn't catch that.", "معاف کیجیے، میں سمجھ نہیں سکا۔"),

  completed: (l: Locale, title: string) => pick(l, `Marked ${q(title)} done.`, `${q(title)} مکمل کر دیا۔`),
  completedMany: (l: Locale, n: number) => pick(l, `Marked ${n} tasks done.`, `${n} کام مکمل کر دیے۔`),
  deleted: (l: Locale, title: string) => pick(l, `Deleted ${q(title)}.`, `${q(title)} حذف کر دیا۔`),
  deletedMany: (l: Locale, n: number) => pick(l, `Deleted ${n} tasks.`, `${n} کام حذف کر دیے۔`),
  confirmDelete: (l: Locale, titles: readonly string[]) =>
    titles.length === 1
      ? pick(l, `Delete ${q(titles[0]!)}? (yes/no)`, `کیا ${q(titles[0]!)} حذف کر دوں؟ (ہاں/نہیں)`)
      : pick(
          l,
          `Delete these ${titles.length} tasks: ${list(titles, l)}? (yes/no)`,
          `کیا یہ ${titles.length} کام حذف کر دوں: ${list(titles, l)}؟ (ہاں/نہیں)`,
        ),
  confirmComplete: (l: Locale, titles: readonly string[]) =>
    pick(
      l,
      `Mark these ${titles.length} tasks done: ${list(titles, l)}? (yes/no)`,
      `کیا یہ ${titles.length} کام مکمل کر دوں: ${list(titles, l)}؟ (ہاں/نہیں)`,
    ),
  cancelled: (l: Locale) => pick(l, "OK, I left everything as it was.", "ٹھیک ہے، میں نے کچھ تبدیل نہیں کیا۔"),
  nothingPending: (l: Locale) => pick(l, "There's nothing waiting for a yes or no.", "ابھی کوئی سوال زیرِ التوا نہیں۔"),

  updated: (l: Locale, title: string, changes: readonly string[]) =>
    pick(l, `Updated ${q(title)}: ${changes.join("; ")}.`, `${q(title)} تبدیل کر دیا: ${changes.join("؛ ")}۔`),
  renamedDetail: (l: Locale, title: string) => pick(l, `renamed to ${q(title)}`, `نیا نام ${q(title)}`),
  reminderSet: (l: Locale, title: string, when: string) =>
    pick(l, `I'll remind you about ${q(title)} ${when}.`, `${q(title)} کی یاد دہانی ${when} ہو گی۔`),
  beforeDue: (l: Locale, minutes: number) => {
    const hours = minutes % 60 === 0 && minutes >= 60 ? minutes / 60 : 0;
    if (minutes === 0) return pick(l, "when it is due", "مقررہ وقت پر");
    if (hours)
      return pick(l, `${hours} hour${hours === 1 ? "" : "s"} before it is due`, `مقررہ وقت سے ${hours} گھنٹے پہلے`);
    return pick(l, `${minutes} minutes before it is due`, `مقررہ وقت سے ${minutes} منٹ پہلے`);
  },
  recurringSet: (l: Locale, title: string, rule: string) =>
    pick(l, `${q(title)} now repeats ${rule}.`, `${q(title)} اب ${rule} دہرایا جائے گا۔`),

  noMatch: (l: Locale, reference: string) =>
    pick(
      l,
      `I couldn't find a task matching ${q(reference)}. Say “show my tasks” to see them.`,
      `مجھے ${q(reference)} سے ملتا کوئی کام نہیں ملا۔ اپنے کام دیکھنے کے لیے “میرے کام دکھاؤ” لکھیں۔`,
    ),
  noOpenTasks: (l: Locale) => pick(l, "You have no open tasks.", "آپ کا کوئی کام باقی نہیں۔"),
  noneMatching: (l: Locale) => pick(l, "No tasks match that.", "اس سے ملتا کوئی کام نہیں۔"),
  listHeader: (l: Locale, n: number, label: string) =>
    pick(l, `You have ${n} ${label}task${n === 1 ? "" : "s"}:`, `آپ کے ${n} ${label}کام ہیں:`),
  openLabel: (l: Locale) => pick(l, "open ", ""),
  completedLabel: (l: Locale) => pick(l, "completed ", "مکمل شدہ "),
  overdueLabel: (l: Locale) => pick(l, "overdue ", "تاخیر شدہ "),
  more: (l: Locale, n: number) => pick(l, `…and ${n} more.`, `…اور ${n} مزید۔`),
  searchHeader: (l: Locale, query: string, n: number) =>
    pick(l, `${n} task${n === 1 ? "" : "s"} match ${q(query)}:`, `${q(query)} سے ملتے ${n} کام:`),

  activityUnavailable: (l: Locale) =>
    pick(
      l,
      "I can't look at your history right now — please try again in a moment.",
      "ابھی آپ کی سرگرمی نہیں دیکھ سکتا، براہ کرم تھوڑی دیر بعد دوبارہ کوشش کریں۔",
    ),
  failed: (l: Locale) =>
    pick(
      l,
      "Sorry, I couldn't do that just now — please try again in a moment.",
      "معاف کیجیے، ابھی یہ نہیں ہو سکا، براہ کرم تھوڑی دیر بعد دوبارہ کوشش کریں۔",
    ),
  gone: (l: Locale) => pick(l, "That task is no longer there.", "وہ کام اب موجود نہیں۔"),
  greeting: (l: Locale) =>
    pick(
      l,
      "Hi! Tell me what to do, like “buy milk tomorrow at 5pm”.",
      "السلام علیکم! مجھے کام بتائیں، جیسے “کل شام 5 بجے دودھ لینا”۔",
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
    ),
} as const;

/** priorityLabel names a priority in the reply language. */
export const priorityLabel = (l: Locale, priority: string): string =>
  l === "ur"
    ? ({ urgent: "فوری", high: "اہم", medium: "درمیانی", low: "کم", none: "کوئی نہیں" }[priority] ?? priority)
    : priority;
