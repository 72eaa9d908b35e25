import type { organiseIntents } from "../../vocabulary/intents";
import { scanDates } from "../shared/dates/scan-dates";
import { makeFrame } from "../shared/frame";
import { detectLanguage } from "../shared/language";
import { Scanner } from "../shared/scanner";
import { scanMarkers } from "../task/markers";

type OrganiseIntent = (typeof organiseIntents)[number];

/**
 * OrganiseRead is what an organise sentence names, as the user wrote it: `task` is the new task's words
 * (add_to_project), the task moved (move_task) or the parent (add_subtasks); `project` the project;
 * `names` the sections of a new project, the subtask titles, or the one section a task goes into. Nothing here is resolved: the caller
 * looks the names up among the user's own projects and tasks, and they are never instructions.
 */
export interface OrganiseRead {
  intent: OrganiseIntent;
  task?: string;
  project?: string;
  names?: string[];
}

const PUNCT_END = /[\s.!?؟۔]+$/u;
const LEAD = "(?:(?:please|pls|plz|kindly|ok|okay|can\\s+you|could\\s+you)[\\s,]+)*";
/** Roman Urdu "do it" endings: kar do, karo, kar dein, … */
const RO_DO = "(?:kar\\s+)?(?:do|dein|den|dijiye|karo|karein|karen)";
/** Urdu "do it" endings: کر دو، کرو، کر دیں، کریں */
const UR_DO = "(?:کر\\s+)?(?:دو|دیں|دیجیے|کرو|کریں)";
const IN_RO = "(?:mein|me|main|men)";

const re = (source: string): RegExp => new RegExp(`^\\s*${LEAD}${source}\\s*$`, "iu");

const CREATE_PROJECT = [
  re(
    `(?:create|make|add|start|set\\s+up)\\s+(?:a\\s+|an\\s+)?(?:new\\s+)?project\\s+(?:called\\s+|named\\s+)?(?<project>.+?)(?:\\s*,?\\s+with\\s+(?:the\\s+|a\\s+)?sections?\\s+(?<names>.+))?`,
  ),
  re(
    `new\\s+project\\s+(?:called\\s+|named\\s+)?(?<project>.+?)(?:\\s*,?\\s+with\\s+(?:the\\s+)?sections?\\s+(?<names>.+))?`,
  ),
  re(
    `(?:naya\\s+)?project\\s+(?<project>.+?)\\s+(?:banao|bana\\s+do|banayein|banaen)(?:\\s*,?\\s*(?:jis\\s+${IN_RO}\\s+)?sections?\\s+(?<names>.+?)(?:\\s+(?:hon|ho|ke\\s+sath|ke\\s+saath))?)?`,
  ),
  re(
    `(?<project>.+?)\\s+(?:(?:naam|nam)\\s+ka\\s+)?(?:naya\\s+)?project\\s+(?:banao|bana\\s+do|banayein|banaen)(?:\\s*,?\\s*(?:jis\\s+${IN_RO}\\s+)?sections?\\s+(?<names>.+?)(?:\\s+(?:hon|ho|ke\\s+sath|ke\\s+saath))?)?`,
  ),
  re(
    `(?:نیا\\s+)?پروجیکٹ\\s+(?<project>.+?)\\s+(?:بناؤ|بنائیں|بنا\\s+دو|بنا\\s+دیں)(?:\\s*[،,]?\\s*(?:جس\\s+میں\\s+)?(?:سیکشن|سیکشنز|حصے)\\s+(?<names>.+?)(?:\\s+(?:ہوں|ہو|کے\\s+ساتھ))?)?`,
  ),
  re(
    `(?<project>.+?)\\s+(?:نام\\s+کا\\s+)?(?:نیا\\s+)?پروجیکٹ\\s+(?:بناؤ|بنائیں|بنا\\s+دو|بنا\\s+دیں)(?:\\s*[،,]?\\s*(?:جس\\s+میں\\s+)?(?:سیکشن|سیکشنز|حصے)\\s+(?<names>.+?)(?:\\s+(?:ہوں|ہو|کے\\s+ساتھ))?)?`,
  ),
];

const SUBTASK_EN = "(?:sub-?tasks?|sub\\s+tasks?|checklist(?:\\s+items)?|steps)";
const ADD_SUBTASKS = [
  re(`add\\s+(?:some\\s+|the\\s+)?${SUBTASK_EN}\\s+(?:to|under|for|in)\\s+(?<task>.+?)\\s*:\\s*(?<names>.+)`),
  re(
    `(?<task>.+?)\\s+(?:${IN_RO}|ke\\s+neeche|ke\\s+niche|ke\\s+liye)\\s+${SUBTASK_EN}\\s+(?:add|daal|dal|shamil)\\s*${RO_DO}\\s*:\\s*(?<names>.+)`,
  ),
  re(
    `(?<task>.+?)\\s+(?:میں|کے\\s+نیچے|کے\\s+تحت|کے\\s+لیے)\\s+(?:ذیلی\\s+کام|سب\\s*ٹاسک|سب\\s*ٹاسکس)\\s+(?:شامل|ڈال)\\s*${UR_DO}\\s*[:：]\\s*(?<names>.+)`,
  ),
];

const SHOW_PROJECT = [
  re(`what(?:'s|\\s+is|\\s+are)\\s+(?:in|on)\\s+(?:my\\s+|the\\s+)?(?<project>.+?)\\s+project`),
  re(
    `(?:show|list|open|view)(?:\\s+me)?\\s+(?:my\\s+|the\\s+)?(?:(?:tasks|items|things)\\s+(?:in|of)\\s+(?:my\\s+|the\\s+)?)?(?<project>.+?)\\s+project(?:'s\\s+tasks)?`,
  ),
  re(`(?:mere\\s+|meray\\s+)?(?<project>.+?)\\s+project\\s+${IN_RO}\\s+kya\\s+(?:hai|hain|he|ha)`),
  re(
    `(?:mere\\s+|meray\\s+)?(?<project>.+?)\\s+project\\s+(?:ke\\s+kaam\\s+)?(?:dikhao|dikha\\s+do|dikhaen|dikhayein)`,
  ),
  re(`(?:میرے\\s+)?(?<project>.+?)\\s+پروجیکٹ\\s+میں\\s+کیا\\s+(?:ہے|ہیں|کچھ\\s+ہے)`),
  re(`(?:میرے\\s+)?(?<project>.+?)\\s+پروجیکٹ\\s+(?:کے\\s+کام\\s+)?(?:دکھاؤ|دکھائیں|دکھا\\s+دو|دکھا\\s+دیں)`),
];

const MOVE_TASK = [
  re(`(?:move|put|shift|transfer)\\s+(?<task>.+?)\\s+(?:to|into|under)\\s+(?<project>.+?)`),
  re(
    `(?<task>.+?)\\s+ko\\s+(?<project>.+?)\\s+${IN_RO}\\s+(?:(?:move|shift|muntaqil|transfer)\\s*${RO_DO}|le\\s+jao|bhej\\s+do)`,
  ),
  re(`(?<task>.+?)\\s+کو\\s+(?<project>.+?)\\s+میں\\s+(?:(?:منتقل|شفٹ|موو)\\s*${UR_DO}|لے\\s+جاؤ|بھیج\\s+دو)`),
];

const ADD_TO_PROJECT: readonly RegExp[] = [
  re(`add\\s+(?<task>.+?)\\s+(?:to|in|into)\\s+(?<project>.+?)`),
  re(`(?<task>.+?)\\s+ko\\s+(?<project>.+?)\\s+${IN_RO}\\s+(?:daal|dal|add|shamil|rakh|likh)\\s*${RO_DO}`),
  re(`(?<project>.+?)\\s+${IN_RO}\\s+(?<task>.+?)\\s+(?:daal|dal|add|shamil|likh)\\s*${RO_DO}`),
  re(`(?<task>.+?)\\s+کو\\s+(?<project>.+?)\\s+میں\\s+(?:شامل|ڈال|رکھ|لکھ)\\s*${UR_DO}`),
  re(`(?<project>.+?)\\s+میں\\s+(?<task>.+?)\\s+(?:شامل|ڈال|لکھ)\\s*${UR_DO}`),
];

const SHOW_FILTERS = [
  re(`(?:(?:show|list)(?:\\s+me)?\\s+|what\\s+are\\s+)?(?:my|the)\\s+(?:saved\\s+)?filters`),
  re(
    `(?:meri|mere)\\s+(?:saved\\s+)?filters?\\s+(?:dikhao|dikha\\s+do|dikhaen|dikhayein|kya\\s+hain|kaun\\s+si\\s+hain)`,
  ),
  re(`(?:میرے|میری)\\s+(?:محفوظ\\s+)?(?:فلٹر|فلٹرز)\\s+(?:دکھاؤ|دکھائیں|دکھا\\s+دو|کیا\\s+ہیں)`),
];
/** "show my Urgent work filter": a saved filter by its name (the name is in `task`, the user's words). */
const RUN_FILTER = [
  re(`(?:show|run|open|apply|use)(?:\\s+me)?\\s+(?:my\\s+|the\\s+)?(?:saved\\s+)?(?<name>.+?)\\s+filter`),
  re(`(?:mera\\s+|meri\\s+)?(?<name>.+?)\\s+(?:wala\\s+|wali\\s+)?filter\\s+(?:dikhao|chalao|lagao|dikha\\s+do)`),
  re(`(?:میرا\\s+|میری\\s+)?(?<name>.+?)\\s+(?:والا\\s+|والی\\s+)?فلٹر\\s+(?:دکھاؤ|دکھائیں|چلاؤ|لگاؤ|دکھا\\s+دو)`),
];

/** Destinations that mean the user's task list itself, not a project ("add milk to my list"). */
const GENERIC_PLACE =
  /^(?:(?:my|the|a)\s+)?(?:(?:to-?do|task|shopping)\s+)?(?:list|tasks|to-?dos?|todo\s+list|agenda|calendar|reminders?|it|this|that|them)$/iu;
/** Words that say the sentence is about a reminder, a tag or a note ("add a task to renew …" is a new task). */
const NOT_A_TASK =
  /^(?:(?:a|an|the|one|another)\s+)?(?:new\s+)?(?:reminder|tag|label|note|description|priority|due\s+date|task|to-?do|item)s?$/iu;
/** Roman Urdu / Urdu words for the task list ("meri list", "میری فہرست"). */
const GENERIC_PLACE_UR = /^(?:meri\s+|mere\s+|میری\s+|میرے\s+)?(?:list|tasks|kaam|فہرست|لسٹ|کام|ٹاسک)$/iu;
const QUOTES = /^["“”'‘’«»]+|["“”'‘’«»]+$/gu;

const FRAME = makeFrame(new Date(Date.UTC(2026, 0, 1)), "UTC");

/** True when the words carry a date, a time or a priority: "move X to friday" reschedules, it does not move. */
function namesWhenOrPriority(words: string): boolean {
  const language = detectLanguage(words);
  if (FRAME && scanDates(new Scanner(words), FRAME, "due", language).findings.length > 0) return true;
  return scanMarkers(new Scanner(words), language).priority !== "none";
}

/** cleanProject takes "my", "the", "project" and quotes off a project name. */
function cleanProject(raw: string): string {
  return raw
    .replace(/^(?:(?:my|the|mere|meray|meri|میرے|میری)\s+)+/iu, "")
    .replace(/\s+(?:project|پروجیکٹ)$/iu, "")
    .replace(QUOTES, "")
    .trim();
}

/** "ek naya project banao", "create a new project": no name given, so not read as a project called "ek". */
const UNNAMED = /^(?:ek|aik|ik|koi|a|an|one|new|naya|ایک|کوئی|نیا)$/iu;

const clean = (raw: string): string => raw.replace(QUOTES, "").trim();

/** splitNames reads "Before and During", "passport, charger", "پاسپورٹ، چارجر" as a list. */
export function splitNames(raw: string): string[] {
  return raw
    .replace(PUNCT_END, "")
    .split(/\s*[,،]\s*(?:(?:and|aur|اور)\s+)?|\s+(?:and|aur|اور|&)\s+/iu)
    .map(clean)
    .filter((name) => name.length > 0);
}

/**
 * readOrganise reads a sentence about projects, sections or subtasks, in English, Urdu or Roman Urdu,
 * or answers null. Only whole-sentence shapes count ("add milk to Groceries", "milk ko Groceries mein
 * daal do", "گروسری میں دودھ شامل کرو"); a destination that is a date or a priority ("move the dentist
 * to friday") or the task list itself ("add milk to my list") is left to the other intents.
 */
export function readOrganise(text: string): OrganiseRead | null {
  const sentence = text.replace(PUNCT_END, "");
  if (sentence.length === 0 || sentence.length > 500) return null;
  if (SHOW_FILTERS.some((regex) => regex.test(sentence))) return { intent: "show_filters" };
  for (const regex of RUN_FILTER) {
    const name = regex.exec(sentence)?.groups?.name;
    if (name && !/^(?:my|the|saved)$/iu.test(name)) return { intent: "run_filter", task: clean(name) };
  }
  for (const regex of CREATE_PROJECT) {
    const groups = regex.exec(sentence)?.groups;
    if (groups?.project) {
      const project = cleanProject(groups.project);
      if (project && !UNNAMED.test(project))
        return { intent: "create_project", project, names: groups.names ? splitNames(groups.names) : [] };
    }
  }
  for (const regex of ADD_SUBTASKS) {
    const groups = regex.exec(sentence)?.groups;
    if (groups?.task && groups.names) {
      const names = splitNames(groups.names);
      if (names.length > 0) return { intent: "add_subtasks", task: clean(groups.task), names };
    }
  }
  for (const regex of SHOW_PROJECT) {
    const groups = regex.exec(sentence)?.groups;
    const project = groups?.project ? cleanProject(groups.project) : "";
    if (project && !GENERIC_PLACE.test(project)) return { intent: "show_project", project };
  }
  for (const regex of MOVE_TASK) {
    const groups = regex.exec(sentence)?.groups;
    if (!groups?.task || !groups.project) continue;
    const place = placeOf(groups.project);
    if (!place) continue;
    return { intent: "move_task", task: clean(groups.task), ...place };
  }
  for (const regex of ADD_TO_PROJECT) {
    const groups = regex.exec(sentence)?.groups;
    if (!groups?.task || !groups.project) continue;
    const task = clean(groups.task);
    const place = placeOf(groups.project);
    if (!place || !task || NOT_A_TASK.test(task)) continue;
    return { intent: "add_to_project", task, ...place };
  }
  return null;
}

/** "the Before section of Trip", "Trip's Before section", "Trip / Before", "Trip ke Before section", "ٹرپ کے پہلے سیکشن". */
const SECTION_PLACES = [
  /^(?:the\s+)?(?<section>.+?)\s+section\s+(?:of|in)\s+(?<project>.+)$/iu,
  /^(?<project>.+?)(?:'s|’s)\s+(?<section>.+?)\s+section$/iu,
  /^(?<project>.+?)\s*[/›>]\s*(?<section>.+)$/u,
  /^(?<project>.+?)\s+(?:ke|kay|k)\s+(?<section>.+?)\s+section$/iu,
  /^(?<project>.+?)\s+کے\s+(?<section>.+?)\s+(?:سیکشن|حصے)$/u,
];

/**
 * placeOf reads where a task goes: a project, and maybe a section of it (`names` holds the section).
 * Null when the destination is the list itself, a date or a priority.
 */
function placeOf(raw: string): Pick<OrganiseRead, "project" | "names"> | null {
  if (namesWhenOrPriority(raw)) return null;
  for (const regex of SECTION_PLACES) {
    const groups = regex.exec(raw.trim())?.groups;
    const project = groups?.project ? cleanProject(groups.project) : "";
    const section = groups?.section ? clean(groups.section.replace(/^the\s+/iu, "")) : "";
    if (project && section) return { project, names: [section] };
  }
  const project = cleanProject(raw);
  if (!project || GENERIC_PLACE.test(project) || GENERIC_PLACE_UR.test(project)) return null;
  return { project };
}
