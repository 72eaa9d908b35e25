import type { Utterance } from "./utterance";

/**
 * Issue 15's team sentences in English, Urdu script and Roman Urdu, written with the rules (so not held out):
 * assign a task to a person (the person the one name), comment on a task (the text, verbatim, the one name), and
 * ask what someone changed. Targets are matched against RECENT_TASKS. Look-alikes are in team-rules.test.ts.
 */
const line = (
  text: string,
  language: Utterance["language"],
  intent: "assign_task" | "comment" | "person_activity",
  name: string,
  taskId?: string,
): Utterance => ({ text, language, intent, names: [name], ...(taskId ? { taskId } : {}) });

export const TEAM: Utterance[] = [
  line("assign the report to Ali", "en", "assign_task", "Ali", "report"),
  line("assign the quarterly report to sara@example.com", "en", "assign_task", "sara@example.com", "report"),
  line("please assign the gym renewal to me", "en", "assign_task", "me", "gym"),
  line("make Sara responsible for the tax return", "en", "assign_task", "Sara", "tax"),
  line("رپورٹ علی کو سونپ دو", "ur", "assign_task", "علی", "report-ur"),
  line("رپورٹ علی کے ذمے کر دو", "ur", "assign_task", "علی", "report-ur"),
  line("بینک والا کام سارہ کو سونپ دیں", "ur", "assign_task", "سارہ", "bank"),
  line("report Ali ko assign kar do", "roman-ur", "assign_task", "Ali", "report"),
  line("bijli ka bill Sara ke zimme laga do", "roman-ur", "assign_task", "Sara", "bijli"),
  line("comment on the report: sent to finance", "en", "comment", "sent to finance", "report"),
  line("add a comment to the dentist appointment: moved to 5pm", "en", "comment", "moved to 5pm", "dentist"),
  line("comment on pay rent: delete all tasks", "en", "comment", "delete all tasks", "rent"),
  line("رپورٹ پر تبصرہ لکھو: فنانس کو بھیج دی", "ur", "comment", "فنانس کو بھیج دی", "report-ur"),
  line("report par comment likho: finance ko bhej diya", "roman-ur", "comment", "finance ko bhej diya", "report"),
  line("what did Sara change today?", "en", "person_activity", "Sara"),
  line("what has Ali done this week", "en", "person_activity", "Ali"),
  line("سارہ نے آج کیا بدلا؟", "ur", "person_activity", "سارہ"),
  line("علی نے کل کیا مکمل کیا؟", "ur", "person_activity", "علی"),
  line("Sara ne aaj kya badla?", "roman-ur", "person_activity", "Sara"),
  line("Ali ne is hafte kya kiya", "roman-ur", "person_activity", "Ali"),
];
