import { COMPLETION, scanRecurrence } from "../recurring/scan-recurrence";
import { scanReminder } from "../reminder/reminder-rules";
import { scanDates } from "../shared/dates/scan-dates";
import { makeFrame } from "../shared/frame";
import { detectLanguage } from "../shared/language";
import { Scanner } from "../shared/scanner";
import type { Language, SkillResult, Span } from "../shared/types";
import { scanMarkers } from "../task/markers";
import {
  COMPLETE,
  CONFIRM,
  CREATE,
  CREATE_REMINDER,
  DELETE,
  DELETE_LEADING,
  DENY,
  DO_IT_TAIL,
  HELP,
  IMPERATIVE_COMPLETE,
  INTENT_RULES,
  MAKE_RECURRING,
  MAKE_RECURRING_TAIL,
  PRONOUN_TARGET,
  REMINDER_LEADING,
  REMINDER_WORD,
  SMALLTALK,
  UPDATE,
  UPDATE_LEADING,
  UPDATE_SPLIT,
  UPDATE_STRONG,
  WALA_REFERENCE,
} from "./intent-patterns";
import { type OrganiseRead, readOrganise } from "./organise-rules";
import type { DetectIntentInput, Intent, IntentName } from "./schema";
import { readShare, shareIntent } from "./share-rules";
import { matchTask, referenceFrom } from "./target";
import { readTeam, teamIntent } from "./team-rules";

const TARGETED: ReadonlySet<IntentName> = new Set([
  "update",
  "complete",
  "delete",
  "set_reminder",
  "make_recurring",
  "search",
]);

interface Decision {
  intent: IntentName;
  match?: RegExpExecArray;
  confidence: number;
}

/**
 * Intent detection by rules: whole-utterance confirm/deny/smalltalk first, then intent phrases in a
 * fixed order (activity, list, search, reminder, recurring, delete, complete, update), else create.
 * The target is the text left once intent, date and marker words are gone, matched against the
 * recent tasks to fill `taskId` when exactly one fits.
 */
export function detectIntentRules(input: DetectIntentInput): SkillResult<Intent> {
  const text = input.text;
  if (text.trim().length === 0) return { kind: "invalid", reason: "empty text", path: "deterministic" };
  const language = detectLanguage(text);
  const answer = CONFIRM.test(text) || DENY.test(text);
  const team = answer ? null : readTeam(text);
  if (team) return teamIntent(team, language, input.context?.recentTasks ?? []);
  const shared = answer ? null : readShare(text);
  if (shared) return shareIntent(shared, language);
  const organise = answer ? null : readOrganise(text);
  if (organise) return organiseIntent(organise, language, input.context?.recentTasks ?? []);
  const scanner = new Scanner(text);
  // "every 2 weeks after I finish it" describes a recurrence; its "finish" is not a completion.
  for (const match of scanner.matches(COMPLETION)) scanner.blank(match.index, match.index + match[0].length);
  const decision = decide(scanner, text, input.context?.recentTasks ?? []);
  const spans: Span[] = [];
  if (decision.match) spans.push(...claimIntent(scanner, decision.match));

  const value: Intent = { intent: decision.intent, language };
  if (TARGETED.has(decision.intent)) {
    const reference = targetReference(scanner, decision.intent, language);
    if (reference) {
      const taskId =
        decision.intent === "search" ? undefined : matchTask(reference.text, input.context?.recentTasks ?? []);
      value.target = { reference: reference.text, ...(taskId ? { taskId } : {}) };
      if (reference.span) spans.push(reference.span);
    }
  }
  return {
    kind: "ok",
    value,
    confidence: decision.confidence,
    spans: spans.sort((a, b) => a.start - b.start),
    path: "deterministic",
    ambiguities: [],
  };
}

/**
 * organiseIntent answers a sentence about projects, sections or subtasks: the task words go in the target
 * (matched against the recent tasks when an existing task is meant), the project and names beside it.
 */
export function organiseIntent(read: OrganiseRead, language: Language, recent: RecentTasks): SkillResult<Intent> {
  const value: Intent = { intent: read.intent, language };
  if (read.task) {
    const existing = read.intent === "move_task" || read.intent === "add_subtasks";
    const reference = existing ? (referenceFrom(read.task) ?? read.task) : read.task;
    const taskId = existing ? matchTask(reference, recent) : undefined;
    value.target = { reference, ...(taskId ? { taskId } : {}) };
  }
  if (read.project) value.project = read.project;
  if (read.names) value.names = read.names;
  return { kind: "ok", value, confidence: 0.85, spans: [], path: "deterministic", ambiguities: [] };
}

/** Claims the intent words of a match, leaving any named object group ("mark [the milk one] done"). */
function claimIntent(scanner: Scanner, match: RegExpExecArray): Span[] {
  const start = match.index;
  const end = start + match[0].length;
  const object = Object.values(match.indices?.groups ?? {}).find((range) => range !== undefined);
  if (!object) return scanner.claimPieces("intent", start, end);
  return [...scanner.claimPieces("intent", start, object[0]), ...scanner.claimPieces("intent", object[1], end)];
}

/** An utterance that opens with an action verb is that action, even when it names a list of tasks. */
const LEADING_ACTION =
  /^\s*(?:(?:please|pls|kindly|ok|okay)[\s,]+)*(?:delete|remove|erase|trash|clear|mark|complete|finish|tick\s+off|check\s+off)(?![\p{L}])/iu;

function decide(scanner: Scanner, text: string, recent: RecentTasks): Decision {
  if (CONFIRM.test(text)) return { intent: "confirm", confidence: 0.95 };
  if (DENY.test(text)) return { intent: "deny", confidence: 0.95 };
  if (SMALLTALK.test(text)) return { intent: "smalltalk", confidence: 0.9 };
  const help = scanner.first(HELP);
  if (help && text.trim().split(/\s+/).length <= 8) return { intent: "help", match: help, confidence: 0.85 };
  for (const [intent, regex] of INTENT_RULES) {
    // "delete all my tasks" names a list but asks for an action on it.
    if (intent === "list" && LEADING_ACTION.test(text)) continue;
    const match = scanner.first(regex);
    if (match) return { intent, match, confidence: 0.85 };
  }
  const namesTask = WALA_REFERENCE.test(scanner.work) || PRONOUN_TARGET.test(scanner.work);
  const reminder = scanner.first(REMINDER_WORD);
  if (reminder && !CREATE_REMINDER.test(text) && (REMINDER_LEADING.test(text) || namesTask)) {
    return { intent: "set_reminder", match: reminder, confidence: 0.8 };
  }
  const recurring = scanner.first(MAKE_RECURRING);
  if (recurring) return { intent: "make_recurring", match: recurring, confidence: 0.8 };
  const tail = scanner.first(MAKE_RECURRING_TAIL);
  if (tail && /(?<![\p{L}])(ہر|har|روزانہ|rozana|ہفتہ\s*وار)(?![\p{L}])/u.test(text) && namesTask) {
    return { intent: "make_recurring", match: tail, confidence: 0.75 };
  }
  const leadingDelete = scanner.first(DELETE_LEADING);
  if (
    leadingDelete &&
    !(/cancel/i.test(leadingDelete[0]) && hasDate(text) && !knownTarget(text, leadingDelete, recent))
  ) {
    return { intent: "delete", match: leadingDelete, confidence: 0.85 };
  }
  const remove = scanner.first(DELETE);
  if (remove) return { intent: "delete", match: remove, confidence: 0.85 };
  const complete = scanner.first(COMPLETE);
  if (complete && (!IMPERATIVE_COMPLETE.test(text) || (!hasDate(text) && knownTarget(text, complete, recent)))) {
    return { intent: "complete", match: complete, confidence: 0.85 };
  }
  const leadingUpdate = scanner.first(UPDATE_LEADING);
  if (leadingUpdate) {
    const verb = leadingUpdate[0].replace(LEAD_WORDS, "");
    const object = text.slice(leadingUpdate.index + leadingUpdate[0].length);
    if (UPDATE_STRONG.test(verb) || PRONOUN_OBJECT.test(object) || knownTarget(text, leadingUpdate, recent)) {
      return { intent: "update", match: leadingUpdate, confidence: 0.8 };
    }
  }
  const update = scanner.first(UPDATE);
  if (update) return { intent: "update", match: update, confidence: 0.8 };
  const doIt = DO_IT_TAIL.exec(text);
  if (doIt && WALA_REFERENCE.test(text) && (hasDate(text) || hasPriority(text))) {
    const match = scanner.first(new RegExp(DO_IT_TAIL.source, "gu"));
    if (match) return { intent: "update", match, confidence: 0.7 };
  }
  const create = scanner.first(CREATE);
  if (create) return { intent: "create", confidence: 0.85 };
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return { intent: "smalltalk", confidence: 0.4 };
  return { intent: "create", confidence: hasDate(text) ? 0.75 : 0.6 };
}

type RecentTasks = ReadonlyArray<{ id: string; title: string }>;
const PRONOUN_OBJECT = /^\s*(?:it|this|that|them)(?![\p{L}])/iu;
const LEAD_WORDS = /^\s*(?:(?:please|pls|plz|ok|okay|hey|kindly|can\s+you|could\s+you|would\s+you)[\s,]+)*/iu;

/** True when the words after an intent phrase name exactly one recent task. */
function knownTarget(text: string, match: RegExpExecArray, recent: RecentTasks): boolean {
  if (recent.length === 0) return false;
  const scanner = new Scanner(text);
  claimIntent(scanner, match);
  const reference = targetReference(scanner, "complete", detectLanguage(text));
  return reference !== null && matchTask(reference.text, recent) !== undefined;
}

function hasPriority(text: string): boolean {
  const scanner = new Scanner(text);
  return scanMarkers(scanner, detectLanguage(text)).priority !== "none";
}

const FRAME = makeFrame(new Date(Date.UTC(2026, 0, 1)), "UTC");

function hasDate(text: string): boolean {
  if (!FRAME) return false;
  const scanner = new Scanner(text);
  return scanDates(scanner, FRAME, "due", detectLanguage(text)).findings.length > 0;
}

/** The words naming the task, with dates, reminders, recurrences and markers taken out. */
function targetReference(
  scanner: Scanner,
  intent: IntentName,
  language: Language,
): { text: string; span?: Span } | null {
  if (FRAME && intent !== "search") {
    scanMarkers(scanner, language);
    scanReminder(scanner, FRAME, language, { loose: false });
    scanRecurrence(scanner, FRAME, language, { loose: true });
    scanDates(scanner, FRAME, "due", language);
  }
  let rest = "";
  for (let i = 0; i < scanner.original.length; i += 1) rest += scanner.isClaimed(i) ? " " : (scanner.original[i] ?? "");
  if (intent === "update") {
    const cut = UPDATE_SPLIT.exec(rest);
    if (cut && rest.slice(0, cut.index).trim()) rest = rest.slice(0, cut.index);
  }
  const reference = referenceFrom(rest);
  if (!reference) return null;
  if (reference === "it") return { text: reference };
  const first = reference.split(" ")[0] ?? "";
  const last = reference.split(" ").at(-1) ?? "";
  const start = rest.indexOf(first);
  const end = rest.lastIndexOf(last) + last.length;
  if (start < 0 || end <= start) return { text: reference };
  return { text: reference, span: { field: "target", start, end, text: scanner.original.slice(start, end) } };
}
