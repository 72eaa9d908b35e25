import { type DigestLanguage, digestLanguageOf } from "./digest-message";

/** The most of a comment an inbox entry or mail quotes; the rest is in the task. */
const quoteMax = 500;

/** MentionFacts is what a mention message says: who wrote, on which task, and the comment's text. */
interface MentionFacts {
  authorName: string;
  taskTitle: string;
  body: string;
}

const words: Record<DigestLanguage, (f: MentionFacts) => { title: string; lead: string }> = {
  en: (f) => ({ title: `${f.authorName} mentioned you on “${f.taskTitle}”`, lead: `${f.authorName} wrote:` }),
  ur: (f) => ({ title: `${f.authorName} نے “${f.taskTitle}” پر آپ کا ذکر کیا`, lead: `${f.authorName} نے لکھا:` }),
  "roman-ur": (f) => ({
    title: `${f.authorName} ne “${f.taskTitle}” par aap ka zikr kiya`,
    lead: `${f.authorName} ne likha:`,
  }),
};

/**
 * composeMention writes a mention's inbox entry and mail in the person's language (their digest language if
 * chosen, else their profile's): the comment quoted as plain text, cut at 500 characters.
 */
export function composeMention(
  facts: MentionFacts,
  language: { chosen: string; profileLocale: string },
): { title: string; body: string } {
  const { title, lead } = words[digestLanguageOf(language.chosen, language.profileLocale)](facts);
  const chars = [...facts.body];
  const quote = chars.length > quoteMax ? `${chars.slice(0, quoteMax).join("")}…` : facts.body;
  return { title, body: `${lead} ${quote}` };
}
