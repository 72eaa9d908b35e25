import type { Locale } from "./pending";
import { pick, quote } from "./replies";

/** The replies of assignment and comments, in English, Urdu script and Roman Urdu. Titles and names are quoted data. */
export const teamReplies = {
  you: (l: Locale) => pick(l, "you", "آپ", "aap"),
  assigned: (l: Locale, title: string, person: string) =>
    pick(
      l,
      `Assigned ${quote(l, title)} to ${person}.`,
      `${quote(l, title)} ${person} کے ذمے کر دیا۔`,
      `${quote(l, title)} ${person} ke zimme kar diya.`,
    ),
  commented: (l: Locale, title: string) =>
    pick(
      l,
      `Added your comment to ${quote(l, title)}.`,
      `${quote(l, title)} پر آپ کا تبصرہ شامل کر دیا۔`,
      `${quote(l, title)} par aap ka comment shamil kar diya.`,
    ),
  undoHint: (l: Locale) =>
    pick(
      l,
      "Say “undo” to take it back.",
      "واپس لینے کے لیے “واپس لائیں” لکھیں۔",
      "Wapas lene ke liye “wapas lao” likhein.",
    ),
  assignmentUndone: (l: Locale, title: string) =>
    pick(
      l,
      `Undone: ${quote(l, title)} is assigned as it was.`,
      `واپس کر دیا: ${quote(l, title)} پہلے کی طرح ہے۔`,
      `Wapas kar diya: ${quote(l, title)} pehle ki tarah hai.`,
    ),
  commentUndone: (l: Locale, title: string) =>
    pick(
      l,
      `Undone: your comment on ${quote(l, title)} is deleted.`,
      `واپس کر دیا: ${quote(l, title)} پر آپ کا تبصرہ حذف کر دیا۔`,
      `Wapas kar diya: ${quote(l, title)} par aap ka comment delete kar diya.`,
    ),
  /** noHolder: nobody of that name among the people who may hold the task (its project's owner and members). */
  noHolder: (l: Locale, person: string, title: string) =>
    pick(
      l,
      `Nobody called ${quote(l, person)} shares the project of ${quote(l, title)} with you: a task can be assigned only to its project's people.`,
      `${quote(l, person)} نام کا کوئی شخص ${quote(l, title)} کے پروجیکٹ میں آپ کے ساتھ نہیں: کام صرف اس کے پروجیکٹ کے لوگوں کے ذمے ہو سکتا ہے۔`,
      `${quote(l, person)} naam ka koi shakhs ${quote(l, title)} ke project mein aap ke sath nahi: kaam sirf us ke project ke logon ke zimme ho sakta hai.`,
    ),
  /** noPerson: nobody of that name in any project the user shares. */
  noPerson: (l: Locale, person: string) =>
    pick(
      l,
      `Nobody called ${quote(l, person)} is in the projects you share.`,
      `${quote(l, person)} نام کا کوئی شخص آپ کے شیئر کیے ہوئے پروجیکٹس میں نہیں ہے۔`,
      `${quote(l, person)} naam ka koi shakhs aap ke share kiye hue projects mein nahi hai.`,
    ),
  askWhichTask: (l: Locale, reference: string) =>
    pick(
      l,
      `Several tasks match ${quote(l, reference)}. Which one?`,
      `${quote(l, reference)} سے کئی کام ملتے ہیں۔ کون سا؟`,
      `${quote(l, reference)} se kai kaam milte hain. Kaun sa?`,
    ),
  viewerCannotAssign: (l: Locale, title: string) =>
    pick(
      l,
      `You may only view the project of ${quote(l, title)}: the owner or an editor assigns its tasks.`,
      `آپ ${quote(l, title)} کے پروجیکٹ کے صرف ناظر ہیں: اس کے کام مالک یا ایڈیٹر سونپتا ہے۔`,
      `Aap ${quote(l, title)} ke project ke sirf viewer hain: us ke kaam malik ya editor sonpta hai.`,
    ),
};
