import type { Utterance } from "./utterance";

/**
 * A second batch, written after the parser was tuned on the first and scored before any further
 * change, to see how the rules hold up on phrasing they were not fitted to.
 */
export const EXTRA: Utterance[] = [
  { text: "pick up Zara from school at 2:45", language: "en", intent: "create", title: "pick up Zara from school", due: "2026-03-04T14:45" },
  { text: "Gotta renew my driving license before the 20th", language: "en", intent: "create", title: "Gotta renew my driving license", due: "2026-03-20" },
  { text: "buy groceries on the way home tomorrow evening", language: "en", intent: "create", title: "buy groceries on the way home", due: "2026-03-05T18:00" },
  { text: "Call the AC repair guy Thursday 11am", language: "en", intent: "create", title: "Call the AC repair guy", due: "2026-03-05T11:00" },
  { text: "Pay the maid every month on the 1st", language: "en", intent: "create", title: "Pay the maid", due: "2026-04-01", rrule: "FREQ=MONTHLY;BYMONTHDAY=1" },
  { text: "Weekly grocery run every Saturday morning", language: "en", intent: "create", title: "Weekly grocery run", due: "2026-03-07T09:00", rrule: "FREQ=WEEKLY;BYDAY=SA" },
  { text: "Prep the board deck by next Wednesday, high priority", language: "en", intent: "create", title: "Prep the board deck", due: "2026-03-11", priority: "high" },
  { text: "text Hamza happy birthday at 12am", language: "en", intent: "create", title: "text Hamza happy birthday", due: "2026-03-05T00:00" },
  { text: "Book tickets for \"Dune Part Two\" this Friday", language: "en", intent: "create", title: "Book tickets for \"Dune Part Two\"", due: "2026-03-06" },
  { text: "take vitamins every day at 9pm", language: "en", intent: "create", title: "take vitamins", due: "2026-03-04T21:00", rrule: "FREQ=DAILY" },
  { text: "clear out the fridge", language: "en", intent: "create", title: "clear out the fridge" },
  { text: "Call the school about the fee voucher tomorrow #kids p2", language: "en", intent: "create", title: "Call the school about the fee voucher", due: "2026-03-05", priority: "high", tags: ["kids"] },
  { text: "check off the bread task", language: "en", intent: "complete", taskId: "bread" },
  { text: "push the dentist to next week", language: "en", intent: "update", taskId: "dentist" },
  { text: "what's due this week?", language: "en", intent: "list" },
  { text: "sure, go ahead", language: "en", intent: "confirm" },
  { text: "کل دوپہر 3 بجے پلمبر کو بلانا", language: "ur", intent: "create", title: "پلمبر کو بلانا", due: "2026-03-05T15:00" },
  { text: "ہر جمعہ کو نماز کے بعد قبرستان جانا", language: "ur", intent: "create", title: "نماز کے بعد قبرستان جانا", due: "2026-03-06", rrule: "FREQ=WEEKLY;BYDAY=FR" },
  { text: "پانی کا بل 10 تاریخ تک جمع کروانا ہے", language: "ur", intent: "create", title: "پانی کا بل جمع کروانا", due: "2026-03-10" },
  { text: "شام 7 بجے بہن کو ایئرپورٹ سے لینا ہے", language: "ur", intent: "create", title: "بہن کو ایئرپورٹ سے لینا", due: "2026-03-04T19:00" },
  { text: "اگلے پیر کو گاڑی کی رجسٹریشن کروانی ہے، ضروری", language: "ur", intent: "create", title: "گاڑی کی رجسٹریشن کروانی", due: "2026-03-09", priority: "high" },
  { text: "روزانہ رات 10 بجے دوائی کھانی ہے", language: "ur", intent: "create", title: "دوائی کھانی", due: "2026-03-04T22:00", rrule: "FREQ=DAILY" },
  { text: "ڈاکٹر والا کام ہو گیا ہے", language: "ur", intent: "complete", taskId: "doctor-ur" },
  { text: "میرے کل کے کام دکھاؤ", language: "ur", intent: "list" },
  { text: "kal subah 9 baje bank jana hai", language: "roman-ur", intent: "create", title: "bank jana", due: "2026-03-05T09:00" },
  { text: "har jumma ko masjid ki safai", language: "roman-ur", intent: "create", title: "masjid ki safai", due: "2026-03-06", rrule: "FREQ=WEEKLY;BYDAY=FR" },
  { text: "parson dopahar 2 baje client ke saath meeting", language: "roman-ur", intent: "create", title: "client ke saath meeting", due: "2026-03-06T14:00" },
  { text: "aaj shaam 6 baje cake order karna hai #party", language: "roman-ur", intent: "create", title: "cake order karna", due: "2026-03-04T18:00", tags: ["party"] },
  { text: "rent wala kaam ho gaya", language: "roman-ur", intent: "complete", taskId: "rent" },
  { text: "nahi rehne do", language: "roman-ur", intent: "deny" },
];
