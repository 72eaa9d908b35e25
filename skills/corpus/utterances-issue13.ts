import type { Utterance } from "./utterance";

/**
 * Lines from issue 13's trial of the app ("Everyday use"), written while fixing what it found (so not
 * held out): priority markers people bring from other apps, priority words in three languages, and a
 * monthly rule that names its day.
 */
export const ISSUE_13: Utterance[] = [
  {
    text: "submit report by friday !high",
    language: "en",
    intent: "create",
    title: "submit report",
    due: "2026-03-06",
    priority: "high",
  },
  {
    text: "renew the car insurance !1",
    language: "en",
    intent: "create",
    title: "renew the car insurance",
    priority: "urgent",
  },
  { text: "water the plants !low", language: "en", intent: "create", title: "water the plants", priority: "low" },
  {
    text: "pay rent on the 1st of every month",
    language: "en",
    intent: "create",
    title: "pay rent",
    due: "2026-04-01",
    rrule: "FREQ=MONTHLY;BYMONTHDAY=1",
  },
  {
    text: "بجلی کا بل جمع کروانا کم ترجیح",
    language: "ur",
    intent: "create",
    title: "بجلی کا بل جمع کروانا",
    priority: "low",
  },
  {
    text: "ہر مہینے کی یکم کو کرایہ دینا",
    language: "ur",
    intent: "create",
    title: "کرایہ دینا",
    due: "2026-04-01",
    rrule: "FREQ=MONTHLY;BYMONTHDAY=1",
  },
  { text: "kiraya dena kam tarjeeh", language: "roman-ur", intent: "create", title: "kiraya dena", priority: "low" },
  {
    text: "kal gas ka bill jama karwana p2",
    language: "roman-ur",
    intent: "create",
    title: "gas ka bill jama karwana",
    due: "2026-03-05",
    priority: "high",
  },
];
