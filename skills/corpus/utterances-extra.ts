import { corpusLines, type Utterance } from "./utterance";

/**
 * A second batch, written after the parser was tuned on the first and scored before any further
 * change, to see how the rules hold up on phrasing they were not fitted to.
 */
export const EXTRA: Utterance[] = corpusLines([
  "pick up Zara from school at 2:45 | en | create | title=pick up Zara from school | due=2026-03-04T14:45",
  "Gotta renew my driving license before the 20th | en | create | title=Gotta renew my driving license | due=2026-03-20",
  "buy groceries on the way home tomorrow evening | en | create | title=buy groceries on the way home | due=2026-03-05T18:00",
  "Call the AC repair guy Thursday 11am | en | create | title=Call the AC repair guy | due=2026-03-05T11:00",
  "Pay the maid every month on the 1st | en | create | title=Pay the maid | due=2026-04-01 | rrule=FREQ=MONTHLY;BYMONTHDAY=1",
  "Weekly grocery run every Saturday morning | en | create | title=Weekly grocery run | due=2026-03-07T09:00 | rrule=FREQ=WEEKLY;BYDAY=SA",
  "Prep the board deck by next Wednesday, high priority | en | create | title=Prep the board deck | due=2026-03-11 | priority=high",
  "text Hamza happy birthday at 12am | en | create | title=text Hamza happy birthday | due=2026-03-05T00:00",
  'Book tickets for "Dune Part Two" this Friday | en | create | title=Book tickets for "Dune Part Two" | due=2026-03-06',
  "take vitamins every day at 9pm | en | create | title=take vitamins | due=2026-03-04T21:00 | rrule=FREQ=DAILY",
  "clear out the fridge | en | create | title=clear out the fridge",
  "Call the school about the fee voucher tomorrow #kids p2 | en | create | title=Call the school about the fee voucher | due=2026-03-05 | priority=high | tags=kids",
  "check off the bread task | en | complete | taskId=bread",
  "push the dentist to next week | en | update | taskId=dentist",
  "what's due this week? | en | list",
  "sure, go ahead | en | confirm",
  "کل دوپہر 3 بجے پلمبر کو بلانا | ur | create | title=پلمبر کو بلانا | due=2026-03-05T15:00",
  "ہر جمعہ کو نماز کے بعد قبرستان جانا | ur | create | title=نماز کے بعد قبرستان جانا | due=2026-03-06 | rrule=FREQ=WEEKLY;BYDAY=FR",
  "پانی کا بل 10 تاریخ تک جمع کروانا ہے | ur | create | title=پانی کا بل جمع کروانا | due=2026-03-10",
  "شام 7 بجے بہن کو ایئرپورٹ سے لینا ہے | ur | create | title=بہن کو ایئرپورٹ سے لینا | due=2026-03-04T19:00",
  "اگلے پیر کو گاڑی کی رجسٹریشن کروانی ہے، ضروری | ur | create | title=گاڑی کی رجسٹریشن کروانی | due=2026-03-09 | priority=high",
  "روزانہ رات 10 بجے دوائی کھانی ہے | ur | create | title=دوائی کھانی | due=2026-03-04T22:00 | rrule=FREQ=DAILY",
  "ڈاکٹر والا کام ہو گیا ہے | ur | complete | taskId=doctor-ur",
  "میرے کل کے کام دکھاؤ | ur | list",
  "kal subah 9 baje bank jana hai | roman-ur | create | title=bank jana | due=2026-03-05T09:00",
  "har jumma ko masjid ki safai | roman-ur | create | title=masjid ki safai | due=2026-03-06 | rrule=FREQ=WEEKLY;BYDAY=FR",
  "parson dopahar 2 baje client ke saath meeting | roman-ur | create | title=client ke saath meeting | due=2026-03-06T14:00",
  "aaj shaam 6 baje cake order karna hai #party | roman-ur | create | title=cake order karna | due=2026-03-04T18:00 | tags=party",
  "rent wala kaam ho gaya | roman-ur | complete | taskId=rent",
  "nahi rehne do | roman-ur | deny",
]);
