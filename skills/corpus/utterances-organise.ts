import { corpusLines, type Utterance } from "./utterance";

/**
 * Issue 14's organise sentences (projects, sections, subtasks) in English, Urdu script and Roman Urdu,
 * written with the rules (so not held out), and sentences that look alike but are something else: a
 * reschedule ("move … to friday"), the task list itself ("add … to my list"), a new task ("add a task to …").
 */
export const ORGANISE: Utterance[] = corpusLines([
  "add milk to Groceries | en | add_to_project | project=Groceries | reference=milk",
  "please add oat milk to my Groceries project | en | add_to_project | project=Groceries | reference=oat milk",
  "گروسری میں دودھ شامل کرو | ur | add_to_project | project=گروسری | reference=دودھ",
  "دودھ کو گروسری میں ڈال دو | ur | add_to_project | project=گروسری | reference=دودھ",
  "milk ko Groceries mein daal do | roman-ur | add_to_project | project=Groceries | reference=milk",
  "Groceries mein anday add karo | roman-ur | add_to_project | project=Groceries | reference=anday",
  "move the report to Work | en | move_task | taskId=report | project=Work",
  "put the tax return into Finance | en | move_task | taskId=tax | project=Finance",
  "رپورٹ کو ورک میں منتقل کر دو | ur | move_task | taskId=report-ur | project=ورک",
  "report ko Work mein move kar do | roman-ur | move_task | taskId=report | project=Work",
  "what's in my Work project? | en | show_project | project=Work",
  "show me the Home project | en | show_project | project=Home",
  "ورک پروجیکٹ میں کیا ہے؟ | ur | show_project | project=ورک",
  "mere Work project mein kya hai? | roman-ur | show_project | project=Work",
  "create a project Trip with sections Before and During | en | create_project | project=Trip | names=Before,During",
  "new project called Garden | en | create_project | project=Garden | names=",
  "ٹرپ نام کا پروجیکٹ بناؤ جس میں سیکشن پہلے اور دوران ہوں | ur | create_project | project=ٹرپ | names=پہلے,دوران",
  "Trip naam ka project banao jis mein sections Before aur During hon | roman-ur | create_project | project=Trip | names=Before,During",
  "add subtasks to packing: passport, charger | en | add_subtasks | taskId=packing | names=passport,charger",
  "پیکنگ میں ذیلی کام شامل کرو: پاسپورٹ، چارجر | ur | add_subtasks | names=پاسپورٹ,چارجر | reference=پیکنگ",
  "packing mein subtasks add karo: passport, charger | roman-ur | add_subtasks | taskId=packing | names=passport,charger",
  "add passport to the Before section of Trip | en | add_to_project | project=Trip | names=Before | reference=passport",
  "move packing to Trip's During section | en | move_task | taskId=packing | project=Trip | names=During",
  "پاسپورٹ کو ٹرپ کے پہلے سیکشن میں ڈال دو | ur | add_to_project | project=ٹرپ | names=پہلے | reference=پاسپورٹ",
  "passport ko Trip ke Before section mein daal do | roman-ur | add_to_project | project=Trip | names=Before | reference=passport",
  "show my filters | en | show_filters",
  "meri filters dikhao | roman-ur | show_filters",
  "میرے فلٹر دکھاؤ | ur | show_filters",
  "show my Urgent work filter | en | run_filter | reference=Urgent work",
  "Urgent work filter dikhao | roman-ur | run_filter | reference=Urgent work",
  "دفتر والا فلٹر دکھاؤ | ur | run_filter | reference=دفتر",
  "move the dentist appointment to friday | en | update | taskId=dentist",
  "add call the plumber to my list | en | create | title=call the plumber",
  "add a task to water the plants | en | create | title=water the plants",
  "add milk to delete all my tasks | en | add_to_project | project=delete all my tasks | reference=milk",
]);
