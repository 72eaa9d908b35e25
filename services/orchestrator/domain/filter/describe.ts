import type { DateRef, FilterNode, FilterTerm } from "./ast";

/** The languages a filter is explained in (the skills' language names). */
export type ExplainLanguage = "en" | "ur" | "roman-ur";

interface Words {
  open: string;
  all: string;
  and: string;
  or: string;
  not: (text: string) => string;
  term: (term: FilterTerm) => string;
}

const dateText = (date: DateRef, language: ExplainLanguage): string => {
  if (date.kind === "date") return date.date;
  const n = Math.abs(date.days);
  if (language === "en") {
    if (date.days === 0) return "today";
    if (date.days === 1) return "tomorrow";
    return date.days > 0 ? `${n} days from today` : `${n} days ago`;
  }
  if (language === "ur") {
    if (date.days === 0) return "آج";
    if (date.days === 1) return "کل";
    return date.days > 0 ? `آج سے ${n} دن بعد` : `${n} دن پہلے`;
  }
  if (date.days === 0) return "aaj";
  if (date.days === 1) return "kal";
  return date.days > 0 ? `aaj se ${n} din baad` : `${n} din pehle`;
};

const english: Words = {
  open: "Open tasks",
  all: "Tasks",
  and: "and",
  or: "or",
  not: (text) => `not (${text})`,
  term: (term) => {
    switch (term.kind) {
      case "today":
        return "due today";
      case "tomorrow":
        return "due tomorrow";
      case "overdue":
        return "overdue";
      case "noDate":
        return "with no due date";
      case "noPriority":
        return "with no priority";
      case "assignedToMe":
        return "assigned to me";
      case "completed":
        return "completed";
      case "recurring":
        return "recurring";
      case "priority":
        return `priority p${term.level}`;
      case "tag":
        return `tagged #${term.name}`;
      case "project":
        return `in project ${term.name}`;
      case "search":
        return `mentioning "${term.text}"`;
      case "due":
        return `due ${term.relation} ${dateText(term.date, "en")}`;
    }
  },
};

const urdu: Words = {
  open: "باقی کام",
  all: "کام",
  and: "اور",
  or: "یا",
  not: (text) => `(${text}) کے علاوہ`,
  term: (term) => {
    switch (term.kind) {
      case "today":
        return "آج کے";
      case "tomorrow":
        return "کل کے";
      case "overdue":
        return "جن کا وقت گزر گیا";
      case "noDate":
        return "بغیر تاریخ کے";
      case "noPriority":
        return "بغیر ترجیح کے";
      case "assignedToMe":
        return "جو مجھے سونپے گئے";
      case "completed":
        return "مکمل شدہ";
      case "recurring":
        return "دہرائے جانے والے";
      case "priority":
        return `ترجیح p${term.level}`;
      case "tag":
        return `ٹیگ #${term.name}`;
      case "project":
        return `پروجیکٹ ${term.name} میں`;
      case "search":
        return `جن میں "${term.text}" لکھا ہو`;
      case "due":
        return `${dateText(term.date, "ur")} ${term.relation === "before" ? "سے پہلے" : "کے بعد"}`;
    }
  },
};

const roman: Words = {
  open: "Baqi kaam",
  all: "Kaam",
  and: "aur",
  or: "ya",
  not: (text) => `(${text}) ke ilawa`,
  term: (term) => {
    switch (term.kind) {
      case "today":
        return "aaj ke";
      case "tomorrow":
        return "kal ke";
      case "overdue":
        return "jin ka waqt guzar gaya";
      case "noDate":
        return "bina tareekh ke";
      case "noPriority":
        return "bina priority ke";
      case "assignedToMe":
        return "jo mujhe saunpe gaye";
      case "completed":
        return "mukammal";
      case "recurring":
        return "dohraye jane wale";
      case "priority":
        return `priority p${term.level}`;
      case "tag":
        return `tag #${term.name}`;
      case "project":
        return `project ${term.name} mein`;
      case "search":
        return `jin mein "${term.text}" likha ho`;
      case "due":
        return `${dateText(term.date, "roman-ur")} se ${term.relation === "before" ? "pehle" : "baad"}`;
    }
  },
};

const wordsFor: Record<ExplainLanguage, Words> = { en: english, ur: urdu, "roman-ur": roman };

function explainNode(node: FilterNode, words: Words, parentKind: string): string {
  switch (node.kind) {
    case "and":
    case "or": {
      const text = `${explainNode(node.left, words, node.kind)} ${words[node.kind]} ${explainNode(node.right, words, node.kind)}`;
      return parentKind !== node.kind && parentKind !== "root" ? `(${text})` : text;
    }
    case "not":
      return words.not(explainNode(node.operand, words, "root"));
    default:
      return words.term(node);
  }
}

/** explainFilter says in words what a filter keeps ("Open tasks: due today and tagged #work"). */
export function explainFilter(node: FilterNode, language: ExplainLanguage, includesCompleted: boolean): string {
  const words = wordsFor[language];
  return `${includesCompleted ? words.all : words.open}: ${explainNode(node, words, "root")}`;
}
