import type { teamIntents } from "../../vocabulary/intents";
import type { Language, SkillResult } from "../shared/types";
import type { Intent } from "./schema";
import { matchTask, referenceFrom } from "./target";

type TeamIntent = (typeof teamIntents)[number];

/**
 * TeamRead is what a sentence about working together names, as written: `task` the task's words (assign_task,
 * comment), `person` a name, an address or "me" (assign_task, person_activity), `body` a comment's text, verbatim.
 * Nothing is resolved here: the chat looks the task up among the user's tasks and the person among the people of
 * the projects the user shares, and asks when several fit.
 */
export interface TeamRead {
  intent: TeamIntent;
  task?: string;
  person?: string;
  body?: string;
}

const LEAD = "(?:(?:please|pls|plz|kindly|ok|okay|can\\s+you|could\\s+you)[\\s,]+)*";
const RO_DO = "(?:kar\\s+)?(?:do|dein|den|dijiye|karo|karein|karen|de\\s+do)";
const UR_DO = "(?:کر\\s+)?(?:دو|دیں|دیجیے|کرو|کریں|دے\\s+دو|دے\\s+دیں)";
/** "ke zimme laga do" / "کے ذمے لگا دو" as well as "kar do". */
const RO_PUT = `(?:${RO_DO}|laga\\s+(?:do|dein|den)|lagao|lagayen)`;
const UR_PUT = `(?:${UR_DO}|لگا\\s+(?:دو|دیں)|لگاؤ)`;
const PUNCT_END = /[\s.!?؟۔]+$/u;
const re = (source: string): RegExp => new RegExp(`^\\s*${LEAD}${source}\\s*$`, "iu");
/** One word (a first name, an address) before کو / ko: "رپورٹ علی کو سونپ دو", "report Ali ko assign kar do". */
const WORD = "(?<person>\\S+)";

const ASSIGN = [
  re(`assign\\s+(?<task>.+?)\\s+to\\s+(?<person>.+?)`),
  re(`make\\s+(?<person>.+?)\\s+responsible\\s+for\\s+(?<task>.+?)`),
  // "report ko Ali ke zimme kar do": the task marked with ko, so the person may be several words.
  re(
    `(?<task>.+?)\\s+ko\\s+(?<person>.+?)\\s+(?:ke\\s+(?:zimme|zimmay|zimay|hawale)\\s+${RO_PUT}|ko\\s+(?:assign|sonp|saunp)\\s*${RO_DO})`,
  ),
  re(
    `(?<task>.+?)\\s+${WORD}\\s+(?:ko\\s+(?:assign|sonp|saunp)\\s*${RO_DO}|ke\\s+(?:zimme|zimmay|zimay|hawale)\\s+${RO_PUT})`,
  ),
  re(
    `(?<task>.+?)\\s+کو\\s+(?<person>.+?)\\s+(?:کے\\s+(?:ذمے|ذمہ|حوالے)\\s+${UR_PUT}|کو\\s+(?:سونپ|اسائن\\s+کر)\\s*${UR_DO})`,
  ),
  re(`(?<task>.+?)\\s+${WORD}\\s+(?:کو\\s+(?:سونپ|اسائن\\s+کر)\\s*${UR_DO}|کے\\s+(?:ذمے|ذمہ|حوالے)\\s+${UR_PUT})`),
  // "report mujhe assign kar do", "رپورٹ مجھے سونپ دو": mujhe carries its own ko.
  re(`(?<task>.+?)\\s+(?<person>mujhe)\\s+(?:assign|sonp|saunp)\\s*${RO_DO}`),
  re(`(?<task>.+?)\\s+(?<person>مجھے)\\s+(?:سونپ|اسائن\\s+کر)\\s*${UR_DO}`),
];

/** The comment's text follows a colon (or "saying"), verbatim, line breaks included. */
const BODY = "\\s*(?::|：|saying|that\\s+says)\\s*(?<body>[\\s\\S]+)";
const COMMENT = [
  re(`(?:add\\s+a\\s+|leave\\s+a\\s+|post\\s+a\\s+|write\\s+a\\s+)?comment\\s+(?:on|to)\\s+(?<task>[^:：]+?)${BODY}`),
  re(
    `(?<task>[^:：]+?)\\s+(?:par|pe|per)\\s+(?:comment|tabsira|tabsara)\\s+(?:likho|likh\\s+do|likhein|${RO_DO})${BODY}`,
  ),
  re(`(?<task>[^:：]+?)\\s+(?:پر|پہ)\\s+(?:تبصرہ|کمنٹ)\\s+(?:لکھو|لکھ\\s+دو|لکھیں|${UR_DO})${BODY}`),
];

/** "what did Sara change today?", "سارہ نے آج کیا بدلا؟", "Sara ne aaj kya badla?": anyone but the user. */
const TIME = "(?<time>\\s+.+?)?";
const ACTIVITY = [
  re(
    `what\\s+(?:did|has)\\s+(?<person>.+?)\\s+(?:change|changed|do|done|finish|finished|complete|completed|add|added|delete|deleted|edit|edited|update|updated|been\\s+doing|work\\s+on|worked\\s+on)${TIME}`,
  ),
  re(`(?:show\\s+(?:me\\s+)?)?(?<person>.+?)'s\\s+(?:activity|changes|history)${TIME}`),
  re(
    `(?<person>.+?)\\s+ne${TIME}\\s+kya\\s+(?:badla|badle|change\\s+kiya|kiya|kya|complete\\s+kiya|mukammal\\s+kiya|tabdeel\\s+kiya)(?:\\s+hai)?`,
  ),
  re(`(?<person>.+?)\\s+نے${TIME}\\s+کیا\\s+(?:بدلا|بدلے|تبدیل\\s+کیا|کیا|مکمل\\s+کیا)(?:\\s+ہے)?`),
];

/** The user themself ("what did I change" is the activity intent), and words that name nobody. */
const SELF = /^(?:i|me|you|we|main|mein|maine|hum|ham|میں|ہم|آپ|aap|it|this|that|everyone|everybody|all|they)$/iu;
const ME = /^(?:me|myself|mujhe|mujh|مجھے|خود|khud)$/iu;
/** "what did the report change" is not about a person: a person is one to three words or an address. */
const PERSONISH = /^(?:\S+@\S+|[\p{L}\p{M}'’.-]+(?:\s+[\p{L}\p{M}'’.-]+){0,2})$/u;
const QUOTES = /^["“”'‘’«»]+|["“”'‘’«»]+$/gu;
const clean = (raw: string | undefined): string => (raw ?? "").replace(QUOTES, "").trim();

function personOf(raw: string | undefined): string | null {
  const person = clean(raw).replace(/^@/u, "");
  if (!person || !PERSONISH.test(person) || /^(?:the|a|an|my)\s/iu.test(person)) return null;
  if (ME.test(person)) return "me";
  return SELF.test(person.split(/\s+/u)[0] ?? "") ? null : person;
}

/**
 * readTeam reads an assignment, a comment or a question about what someone changed, in English, Urdu script or
 * Roman Urdu, or answers null. Whole-sentence shapes only, so a task that mentions assigning stays a task.
 */
export function readTeam(text: string): TeamRead | null {
  if (text.trim().length === 0 || text.length > 2000) return null;
  for (const regex of COMMENT) {
    const groups = regex.exec(text)?.groups;
    const task = clean(groups?.task);
    const body = groups?.body?.trim();
    if (task && body) return { intent: "comment", task, body };
  }
  const sentence = text.replace(PUNCT_END, "");
  for (const regex of ASSIGN) {
    const groups = regex.exec(sentence)?.groups;
    const task = clean(groups?.task);
    const person = personOf(groups?.person);
    if (task && person) return { intent: "assign_task", task, person };
  }
  for (const regex of ACTIVITY) {
    const person = personOf(regex.exec(sentence)?.groups?.person);
    if (person && person !== "me") return { intent: "person_activity", person };
  }
  return null;
}

/**
 * teamIntent answers a team sentence as an Intent: the task's words in the target (matched against the recent
 * tasks), the person or the comment's body as the one name (DetectIntentResponse has no fields of its own for them).
 */
export function teamIntent(
  read: TeamRead,
  language: Language,
  recent: ReadonlyArray<{ id: string; title: string }>,
): SkillResult<Intent> {
  const value: Intent = { intent: read.intent, language };
  if (read.task) {
    const reference = referenceFrom(read.task) ?? read.task;
    const taskId = matchTask(reference, recent);
    value.target = { reference, ...(taskId ? { taskId } : {}) };
  }
  const name = read.intent === "comment" ? read.body : read.person;
  if (name) value.names = [name];
  return { kind: "ok", value, confidence: 0.85, spans: [], path: "deterministic", ambiguities: [] };
}
