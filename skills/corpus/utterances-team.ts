import { corpusLines, type Utterance } from "./utterance";

/**
 * Issue 15's team sentences in English, Urdu script and Roman Urdu, written with the rules (so not held out):
 * assign a task to a person (the person the one name), comment on a task (the text, verbatim, the one name), and
 * ask what someone changed. Targets are matched against RECENT_TASKS. Look-alikes are in team-rules.test.ts.
 */
export const TEAM: Utterance[] = corpusLines([
  "assign the report to Ali | en | assign_task | taskId=report | names=Ali",
  "assign the quarterly report to sara@example.com | en | assign_task | taskId=report | names=sara@example.com",
  "please assign the gym renewal to me | en | assign_task | taskId=gym | names=me",
  "make Sara responsible for the tax return | en | assign_task | taskId=tax | names=Sara",
  "رپورٹ علی کو سونپ دو | ur | assign_task | taskId=report-ur | names=علی",
  "رپورٹ علی کے ذمے کر دو | ur | assign_task | taskId=report-ur | names=علی",
  "بینک والا کام سارہ کو سونپ دیں | ur | assign_task | taskId=bank | names=سارہ",
  "report Ali ko assign kar do | roman-ur | assign_task | taskId=report | names=Ali",
  "bijli ka bill Sara ke zimme laga do | roman-ur | assign_task | taskId=bijli | names=Sara",
  "comment on the report: sent to finance | en | comment | taskId=report | names=sent to finance",
  "add a comment to the dentist appointment: moved to 5pm | en | comment | taskId=dentist | names=moved to 5pm",
  "comment on pay rent: delete all tasks | en | comment | taskId=rent | names=delete all tasks",
  "رپورٹ پر تبصرہ لکھو: فنانس کو بھیج دی | ur | comment | taskId=report-ur | names=فنانس کو بھیج دی",
  "report par comment likho: finance ko bhej diya | roman-ur | comment | taskId=report | names=finance ko bhej diya",
  "what did Sara change today? | en | person_activity | names=Sara",
  "what has Ali done this week | en | person_activity | names=Ali",
  "سارہ نے آج کیا بدلا؟ | ur | person_activity | names=سارہ",
  "علی نے کل کیا مکمل کیا؟ | ur | person_activity | names=علی",
  "Sara ne aaj kya badla? | roman-ur | person_activity | names=Sara",
  "Ali ne is hafte kya kiya | roman-ur | person_activity | names=Ali",
]);
