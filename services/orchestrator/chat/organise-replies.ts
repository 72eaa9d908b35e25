import type { Locale } from "./pending";
import { pick, quote } from "./replies";

const SHOWN_NAMES = 8;

/** names lists project, section or subtask names in the reply's script, each quoted; a long list is cut. */
function names(l: Locale, list: readonly string[]): string {
  const shown = list
    .slice(0, SHOWN_NAMES)
    .map((name) => quote(l, name))
    .join(l === "ur" ? "، " : ", ");
  return list.length > SHOWN_NAMES ? `${shown}${pick(l, ", …", "، …", ", …")}` : shown;
}

/** The replies of project, section and subtask actions, in English, Urdu script and Roman Urdu. */
export const organiseReplies = {
  askCreateProject: (l: Locale, project: string, title: string) =>
    pick(
      l,
      `You have no project ${quote(l, project)}. Create it and add ${quote(l, title)} there? (yes/no)`,
      `${quote(l, project)} نام کا کوئی پروجیکٹ نہیں ہے۔ کیا اسے بنا کر ${quote(l, title)} اس میں شامل کر دوں؟ (ہاں/نہیں)`,
      `${quote(l, project)} naam ka koi project nahi hai. Kya use bana kar ${quote(l, title)} us mein daal doon? (haan/nahi)`,
    ),
  askWhichProject: (l: Locale, project: string) =>
    pick(
      l,
      `You have several projects called ${quote(l, project)}. Which one?`,
      `${quote(l, project)} نام کے کئی پروجیکٹ ہیں۔ کون سا؟`,
      `${quote(l, project)} naam ke kai projects hain. Kaun sa?`,
    ),
  noProject: (l: Locale, project: string, yours: readonly string[]) =>
    pick(
      l,
      `You have no project ${quote(l, project)}.${yours.length ? ` Your projects: ${names(l, yours)}.` : ""}`,
      `${quote(l, project)} نام کا کوئی پروجیکٹ نہیں ہے۔${yours.length ? ` آپ کے پروجیکٹ: ${names(l, yours)}۔` : ""}`,
      `${quote(l, project)} naam ka koi project nahi hai.${yours.length ? ` Aap ke projects: ${names(l, yours)}.` : ""}`,
    ),
  projectExists: (l: Locale, project: string) =>
    pick(
      l,
      `You already have a project ${quote(l, project)}.`,
      `${quote(l, project)} نام کا پروجیکٹ پہلے سے موجود ہے۔`,
      `${quote(l, project)} naam ka project pehle se mojood hai.`,
    ),
  createdProject: (l: Locale, project: string, sections: readonly string[]) =>
    sections.length
      ? pick(
          l,
          `Created the project ${quote(l, project)} with sections ${names(l, sections)}.`,
          `پروجیکٹ ${quote(l, project)} بنا دیا، سیکشن: ${names(l, sections)}۔`,
          `Project ${quote(l, project)} bana diya, sections: ${names(l, sections)}.`,
        )
      : pick(
          l,
          `Created the project ${quote(l, project)}.`,
          `پروجیکٹ ${quote(l, project)} بنا دیا۔`,
          `Project ${quote(l, project)} bana diya.`,
        ),
  projectDetail: (l: Locale, project: string) =>
    pick(l, `in ${quote(l, project)}`, `${quote(l, project)} میں`, `${quote(l, project)} mein`),
  moved: (l: Locale, title: string, project: string) =>
    pick(
      l,
      `Moved ${quote(l, title)} to ${quote(l, project)}.`,
      `${quote(l, title)} کو ${quote(l, project)} میں منتقل کر دیا۔`,
      `${quote(l, title)} ko ${quote(l, project)} mein move kar diya.`,
    ),
  askWhichSection: (l: Locale, section: string) =>
    pick(
      l,
      `There are several sections called ${quote(l, section)}. Which one?`,
      `${quote(l, section)} نام کے کئی سیکشن ہیں۔ کون سا؟`,
      `${quote(l, section)} naam ke kai sections hain. Kaun sa?`,
    ),
  noSection: (l: Locale, project: string, section: string, theirs: readonly string[]) =>
    pick(
      l,
      `${quote(l, project)} has no section ${quote(l, section)}.${theirs.length ? ` Its sections: ${names(l, theirs)}.` : ""}`,
      `${quote(l, project)} میں ${quote(l, section)} نام کا کوئی سیکشن نہیں۔${theirs.length ? ` اس کے سیکشن: ${names(l, theirs)}۔` : ""}`,
      `${quote(l, project)} mein ${quote(l, section)} naam ka koi section nahi.${theirs.length ? ` Us ke sections: ${names(l, theirs)}.` : ""}`,
    ),
  archived: (l: Locale, project: string) =>
    pick(
      l,
      `The project ${quote(l, project)} is archived; unarchive it first.`,
      `پروجیکٹ ${quote(l, project)} آرکائیو میں ہے؛ پہلے اسے واپس لائیں۔`,
      `Project ${quote(l, project)} archive mein hai; pehle use wapas laen.`,
    ),
  projectGone: (l: Locale) =>
    pick(l, "That project is no longer there.", "وہ پروجیکٹ اب موجود نہیں۔", "Woh project ab mojood nahi."),
  projectHeader: (l: Locale, project: string, n: number, atLeast: boolean) =>
    pick(
      l,
      `${quote(l, project)} has ${n}${atLeast ? "+" : ""} open task${n === 1 ? "" : "s"}:`,
      `${quote(l, project)} میں ${n}${atLeast ? "+" : ""} کام باقی ہیں:`,
      `${quote(l, project)} mein ${n}${atLeast ? "+" : ""} kaam baqi hain:`,
    ),
  projectEmpty: (l: Locale, project: string) =>
    pick(
      l,
      `${quote(l, project)} has no open tasks.`,
      `${quote(l, project)} میں کوئی کام باقی نہیں۔`,
      `${quote(l, project)} mein koi kaam baqi nahi.`,
    ),
  addedSubtasks: (l: Locale, parent: string, titles: readonly string[]) =>
    pick(
      l,
      `Added ${titles.length} subtask${titles.length === 1 ? "" : "s"} to ${quote(l, parent)}: ${names(l, titles)}.`,
      `${quote(l, parent)} میں ${titles.length} ذیلی کام شامل کر دیے: ${names(l, titles)}۔`,
      `${quote(l, parent)} mein ${titles.length} subtasks add kar diye: ${names(l, titles)}.`,
    ),
  savedFilters: (l: Locale, lines: readonly string[]) =>
    lines.length
      ? `${pick(l, "Your saved filters:", "آپ کے محفوظ فلٹر:", "Aap ke saved filters:")}\n${lines.join("\n")}`
      : pick(l, "You have no saved filters.", "آپ کا کوئی محفوظ فلٹر نہیں۔", "Aap ka koi saved filter nahi."),
  noFilter: (l: Locale, name: string, yours: readonly string[]) =>
    pick(
      l,
      `You have no saved filter ${quote(l, name)}.${yours.length ? ` Your filters: ${names(l, yours)}.` : ""}`,
      `${quote(l, name)} نام کا کوئی محفوظ فلٹر نہیں ہے۔${yours.length ? ` آپ کے فلٹر: ${names(l, yours)}۔` : ""}`,
      `${quote(l, name)} naam ka koi saved filter nahi hai.${yours.length ? ` Aap ke filters: ${names(l, yours)}.` : ""}`,
    ),
  filterHeader: (l: Locale, name: string, query: string, n: number, atLeast: boolean) =>
    pick(
      l,
      `${quote(l, name)} (${query}): ${n}${atLeast ? "+" : ""} task${n === 1 ? "" : "s"}:`,
      `${quote(l, name)} (${query}): ${n}${atLeast ? "+" : ""} کام:`,
      `${quote(l, name)} (${query}): ${n}${atLeast ? "+" : ""} kaam:`,
    ),
};
