import { corpusLines, type Utterance } from "./utterance";

/**
 * Lines from issue 13's trial of the app ("Everyday use"), written while fixing what it found (so not
 * held out): priority markers people bring from other apps, priority words in three languages, and a
 * monthly rule that names its day.
 */
export const ISSUE_13: Utterance[] = corpusLines([
  "submit report by friday !high | en | create | title=submit report | due=2026-03-06 | priority=high",
  "renew the car insurance !1 | en | create | title=renew the car insurance | priority=urgent",
  "water the plants !low | en | create | title=water the plants | priority=low",
  "pay rent on the 1st of every month | en | create | title=pay rent | due=2026-04-01 | rrule=FREQ=MONTHLY;BYMONTHDAY=1",
  "بجلی کا بل جمع کروانا کم ترجیح | ur | create | title=بجلی کا بل جمع کروانا | priority=low",
  "ہر مہینے کی یکم کو کرایہ دینا | ur | create | title=کرایہ دینا | due=2026-04-01 | rrule=FREQ=MONTHLY;BYMONTHDAY=1",
  "kiraya dena kam tarjeeh | roman-ur | create | title=kiraya dena | priority=low",
  "kal gas ka bill jama karwana p2 | roman-ur | create | title=gas ka bill jama karwana | due=2026-03-05 | priority=high",
]);
