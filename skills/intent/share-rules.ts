import type { shareIntents } from "../../vocabulary/intents";
import type { Language, SkillResult } from "../shared/types";
import type { Intent } from "./schema";

type ShareIntent = (typeof shareIntents)[number];

/**
 * ShareRead is what a sharing sentence names, as the user wrote it: `project` the project, `person` an email
 * address or a member's name (share_project, remove_member), `role` "viewer" only when the sentence says so
 * (the chat invites as editor otherwise). Nothing is resolved here: the chat looks the project up among the
 * user's own and the person among its members, and asks when several fit.
 */
export interface ShareRead {
  intent: ShareIntent;
  project: string;
  person?: string;
  role?: "viewer" | "editor";
}

const PUNCT_END = /[\s.!?؟۔]+$/u;
const LEAD = "(?:(?:please|pls|plz|kindly|ok|okay|can\\s+you|could\\s+you)[\\s,]+)*";
const RO_DO = "(?:kar\\s+)?(?:do|dein|den|dijiye|karo|karein|karen)";
const UR_DO = "(?:کر\\s+)?(?:دو|دیں|دیجیے|کرو|کریں)";
const re = (source: string): RegExp => new RegExp(`^\\s*${LEAD}${source}\\s*$`, "iu");

/** "as viewer", "as an editor", "viewer ke taur par", "ناظر کے طور پر": the role words after a share. */
const ROLE_EN = "(?:\\s*,?\\s+as\\s+(?:a\\s+|an\\s+)?(?<role>viewer|editor|read[-\\s]?only))?";
const ROLE_RO = "(?:\\s+(?<role>viewer|editor)\\s+(?:ke\\s+taur\\s+(?:par|pe)|bana\\s+kar))?";
const ROLE_UR = "(?:\\s+(?<role>ناظر|ویور|ایڈیٹر|مدیر)\\s+کے\\s+طور\\s+پر)?";

const SHARE = [
  re(`share\\s+(?:my\\s+|the\\s+)?(?<project>.+?)(?:\\s+project)?\\s+with\\s+(?<person>.+?)${ROLE_EN}`),
  re(`invite\\s+(?<person>.+?)\\s+to\\s+(?:my\\s+|the\\s+)?(?<project>.+?)(?:\\s+project)?${ROLE_EN}`),
  re(
    `(?:mera\\s+|meri\\s+|mere\\s+)?(?<project>.+?)(?:\\s+project)?\\s+(?<person>\\S+@\\S+|.+?)\\s+(?:ke\\s+sath|ke\\s+saath|se)${ROLE_RO}\\s+share\\s*${RO_DO}`,
  ),
  re(
    `(?:میرا\\s+|میری\\s+|میرے\\s+)?(?<project>.+?)(?:\\s+پروجیکٹ)?\\s+(?<person>\\S+@\\S+|.+?)\\s+(?:کے\\s+ساتھ|سے)${ROLE_UR}\\s+(?:شیئر|شریک)\\s*${UR_DO}`,
  ),
];

const MEMBERS = [
  re(
    `who(?:(?:'s|\\s+is|\\s+are)\\s+(?:in|on)|\\s+has\\s+access\\s+to|\\s+can\\s+see)\\s+(?:my\\s+|the\\s+)?(?<project>.+?)(?:\\s+project)?`,
  ),
  re(
    `(?:show|list)(?:\\s+me)?\\s+(?:the\\s+)?(?:members|people)\\s+(?:of|in)\\s+(?:my\\s+|the\\s+)?(?<project>.+?)(?:\\s+project)?`,
  ),
  re(`(?:mere\\s+)?(?<project>.+?)(?:\\s+project)?\\s+(?:mein|me|main)\\s+kaun\\s+kaun\\s+(?:hai|hain)`),
  re(`(?:mere\\s+)?(?<project>.+?)(?:\\s+project)?\\s+(?:mein|me|main)\\s+kaun\\s+(?:hai|hain)`),
  re(`(?:میرے\\s+)?(?<project>.+?)(?:\\s+پروجیکٹ)?\\s+میں\\s+کون\\s+(?:کون\\s+)?(?:ہے|ہیں)`),
];

const REMOVE = [
  re(`(?:remove|kick)\\s+(?<person>.+?)\\s+(?:from|out\\s+of)\\s+(?:my\\s+|the\\s+)?(?<project>.+?)(?:\\s+project)?`),
  re(`(?:stop\\s+sharing|unshare)\\s+(?:my\\s+|the\\s+)?(?<project>.+?)(?:\\s+project)?\\s+with\\s+(?<person>.+?)`),
  re(
    `(?<person>.+?)\\s+ko\\s+(?:mere\\s+)?(?<project>.+?)\\s+project\\s+se\\s+(?:nikal|hata|remove\\s+kar)\\s*(?:do|dein|den|dijiye|o)`,
  ),
  re(`(?<person>.+?)\\s+کو\\s+(?:میرے\\s+)?(?<project>.+?)\\s+پروجیکٹ\\s+سے\\s+(?:نکال|ہٹا)\\s*(?:دو|دیں|دیجیے)`),
];

/** Leaving names the project as a project ("leave the Groceries project", "Groceries project chhor do"), or, in
 * English, a capitalised or quoted name ("leave Groceries"): "leave home at 8" and "smoking chhor do" stay tasks. */
const LEAVE = [
  re(`(?:leave|exit|quit)\\s+(?:the\\s+)?(?:shared\\s+)?(?<project>.+?)\\s+project`),
  re(`(?:leave|exit|quit)\\s+(?:the\\s+)?shared\\s+project\\s+(?<project>.+?)`),
  re(`(?<project>.+?)\\s+project\\s+(?:chhor|chor|chhod|chod)\\s*(?:do|dein|den|dena\\s+hai|na\\s+hai)`),
  re(`mujhe\\s+(?<project>.+?)(?:\\s+project)?\\s+se\\s+(?:nikal|hata)\\s*(?:do|dein)`),
  re(`(?<project>.+?)\\s+پروجیکٹ\\s+(?:چھوڑ)\\s*(?:دو|دیں|دینا\\s+ہے)`),
  re(`مجھے\\s+(?<project>.+?)(?:\\s+پروجیکٹ)?\\s+سے\\s+(?:نکال|ہٹا)\\s*(?:دو|دیں)`),
];
const LEAVE_NAMED =
  /^\s*(?:(?:please|pls|ok|okay)[\s,]+)*(?:leave|exit|quit)\s+(?<project>"[^"]+"|\p{Lu}[\p{L}\p{N}'’-]*(?:\s+\p{Lu}[\p{L}\p{N}'’-]*){0,2})\s*$/u;

const QUOTES = /^["“”'‘’«»]+|["“”'‘’«»]+$/gu;
const clean = (raw: string): string => raw.replace(QUOTES, "").trim();
const cleanProject = (raw: string): string =>
  clean(
    raw.replace(/^(?:(?:my|the|mera|meri|mere|میرا|میری|میرے)\s+)+/iu, "").replace(/\s+(?:project|پروجیکٹ)$/iu, ""),
  );
/** Words that name nobody ("share it with", "remove me"): not read as a person. */
const NOBODY = /^(?:me|myself|it|this|that|everyone|all|mujhe|مجھے)$/iu;
/** "remove the tag from the report", "remove milk from my list": a person is an address or a name, not a thing. */
const NOT_PERSON = /^(?:the|my|a|an|all|tag|tags|label|reminder|due|priority|date)\b|^#/iu;
const NOT_PLACE = /^(?:list|tasks|to-?dos?|today|inbox|it|this|that)$/iu;
/** Things "leave"/"who is" sentences may name that are not a project ("leave it", "who is Sara"). */
const NOT_PROJECT = /^(?:it|this|that|here|me|a\s+comment|a\s+note|you|there)$/iu;

const roleOf = (raw: string | undefined): "viewer" | "editor" | undefined => {
  if (!raw) return undefined;
  return /^(?:editor|ایڈیٹر|مدیر)$/iu.test(raw) ? "editor" : "viewer";
};

function personAndProject(
  regexes: readonly RegExp[],
  sentence: string,
): { project: string; person: string; role?: string } | null {
  for (const regex of regexes) {
    const groups = regex.exec(sentence)?.groups;
    if (!groups?.project || !groups.person) continue;
    const project = cleanProject(groups.project);
    const person = clean(groups.person);
    if (!project || !person || NOBODY.test(person) || NOT_PERSON.test(person)) continue;
    if (!NOT_PROJECT.test(project) && !NOT_PLACE.test(project))
      return { project, person, ...(groups.role ? { role: groups.role } : {}) };
  }
  return null;
}

function projectOnly(regexes: readonly RegExp[], sentence: string): string | null {
  for (const regex of regexes) {
    const project = cleanProject(regex.exec(sentence)?.groups?.project ?? "");
    if (project && !NOT_PROJECT.test(project)) return project;
  }
  return null;
}

/**
 * readShare reads a sentence about who shares a project, in English, Urdu or Roman Urdu, or answers null:
 * "share Groceries with sara@example.com (as viewer)", "who is in Groceries?", "remove sara from Groceries",
 * "leave Groceries". Only whole-sentence shapes count, so a task that mentions sharing is still a task.
 */
export function readShare(text: string): ShareRead | null {
  const sentence = text.replace(PUNCT_END, "");
  if (sentence.length === 0 || sentence.length > 500) return null;
  const shared = personAndProject(SHARE, sentence);
  if (shared) {
    const role = roleOf(shared.role);
    return {
      intent: "share_project",
      project: shared.project,
      person: shared.person,
      ...(role ? { role } : {}),
    };
  }
  const removed = personAndProject(REMOVE, sentence);
  if (removed) return { intent: "remove_member", project: removed.project, person: removed.person };
  const members = projectOnly(MEMBERS, sentence);
  if (members) return { intent: "list_members", project: members };
  const named = LEAVE_NAMED.exec(sentence)?.groups?.project;
  const left = projectOnly(LEAVE, sentence) ?? (named ? cleanProject(named) : null);
  if (left) return { intent: "leave_project", project: left };
  return null;
}

/**
 * shareIntent answers a sharing sentence as an Intent: the person in the target's reference (an address or a
 * name as written, never a task), the role, when said, as the one name ("viewer"/"editor"); the chat reads them
 * so (DetectIntentResponse has no fields of its own for them: target_reference and names carry them).
 */
export function shareIntent(read: ShareRead, language: Language): SkillResult<Intent> {
  const value: Intent = { intent: read.intent, language, project: read.project };
  if (read.person) value.target = { reference: read.person };
  if (read.role) value.names = [read.role];
  return { kind: "ok", value, confidence: 0.85, spans: [], path: "deterministic", ambiguities: [] };
}
