import { type DigestLanguage, digestLanguageOf } from "./digest-message";

const words: Record<DigestLanguage, (taskTitle: string) => { title: string; body: string }> = {
  en: (t) => ({ title: `Assigned to you: “${t}”`, body: `The task “${t}” in a shared project is now yours.` }),
  ur: (t) => ({ title: `آپ کو کام سونپا گیا: “${t}”`, body: `مشترکہ پروجیکٹ کا کام “${t}” اب آپ کے ذمے ہے۔` }),
  "roman-ur": (t) => ({
    title: `Aap ko kaam saunpa gaya: “${t}”`,
    body: `Mushtarka project ka kaam “${t}” ab aap ke zimme hai.`,
  }),
};

/**
 * composeAssignment writes an assignment's inbox entry and mail in the assignee's language (their digest language
 * if chosen, else their profile's). The task title is data: it goes in as plain text.
 */
export function composeAssignment(
  taskTitle: string,
  language: { chosen: string; profileLocale: string },
): { title: string; body: string } {
  return words[digestLanguageOf(language.chosen, language.profileLocale)](taskTitle);
}
