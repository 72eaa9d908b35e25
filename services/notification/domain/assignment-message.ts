import { type DigestLanguage, digestLanguageOf } from "./digest-message";

/** AssignmentFacts is what an assignment message says: the task, and who assigned it (empty: the system did). */
interface AssignmentFacts {
  taskTitle: string;
  actorName: string;
}

type Words = (taskTitle: string, actorName: string) => { title: string; body: string };

/** byPerson names who assigned the task ("Sara assigned you “report”"). */
const byPerson: Record<DigestLanguage, Words> = {
  en: (t, a) => ({
    title: `${a} assigned you “${t}”`,
    body: `${a} assigned you the task “${t}” in a shared project: it is now yours.`,
  }),
  ur: (t, a) => ({
    title: `${a} نے آپ کو “${t}” سونپا`,
    body: `${a} نے مشترکہ پروجیکٹ کا کام “${t}” آپ کے ذمے کیا۔`,
  }),
  "roman-ur": (t, a) => ({
    title: `${a} ne aap ko “${t}” saunpa`,
    body: `${a} ne mushtarka project ka kaam “${t}” aap ke zimme kiya.`,
  }),
};

/** bySystem is for an assignment nobody made by hand (a recurring series' next instance). */
const bySystem: Record<DigestLanguage, Words> = {
  en: (t) => ({ title: `Assigned to you: “${t}”`, body: `The task “${t}” in a shared project is now yours.` }),
  ur: (t) => ({ title: `آپ کو کام سونپا گیا: “${t}”`, body: `مشترکہ پروجیکٹ کا کام “${t}” اب آپ کے ذمے ہے۔` }),
  "roman-ur": (t) => ({
    title: `Aap ko kaam saunpa gaya: “${t}”`,
    body: `Mushtarka project ka kaam “${t}” ab aap ke zimme hai.`,
  }),
};

/**
 * composeAssignment writes an assignment's inbox entry and mail in the assignee's language (their digest language
 * if chosen, else their profile's), naming who assigned it when a person did. Title and name are data: they go in
 * as plain text.
 */
export function composeAssignment(
  facts: AssignmentFacts,
  language: { chosen: string; profileLocale: string },
): { title: string; body: string } {
  const words = facts.actorName ? byPerson : bySystem;
  return words[digestLanguageOf(language.chosen, language.profileLocale)](facts.taskTitle, facts.actorName);
}
