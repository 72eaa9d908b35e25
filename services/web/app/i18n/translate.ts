import { type Dictionary, en, type MessageKey } from "./en";
import type { Language } from "./language";

/**
 * English is in the entry script (the default, and every other dictionary's fallback); Urdu is a chunk
 * of its own, fetched by loadLanguage the first time it is wanted, so an English reader never downloads it.
 */
const loaded: Partial<Record<Language, Dictionary>> = { en };
const fetchers: Record<Exclude<Language, "en">, () => Promise<Dictionary>> = {
  ur: () => import("./ur").then((m) => m.ur),
};
const pending = new Map<Language, Promise<Dictionary>>();

/** PluralKey is a key prefix that has ".one" and ".other" forms. */
type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}.one` ? Base : never) : never;

type Vars = Record<string, string | number>;

/** Translator renders UI strings in one language. */
export interface Translator {
  language: Language;
  t(key: MessageKey, vars?: Vars): string;
  /** plural picks the ".one"/".other" form for count and fills {count}. */
  plural(key: PluralKey, count: number, vars?: Vars): string;
  /** locale is the BCP 47 tag for Intl formatting. */
  locale: string;
}

const fill = (text: string, vars: Vars | undefined) =>
  vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : text;

/** isLoaded says whether a language's dictionary is here, so translator() may be called for it. */
export const isLoaded = (language: Language): boolean => loaded[language] !== undefined;

/** translator builds the Translator of a loaded language (English always is; others after loadLanguage). */
export function translator(language: Language): Translator {
  const dictionary = loaded[language];
  if (!dictionary) throw new Error(`the ${language} dictionary is not loaded yet: await loadLanguage("${language}")`);
  const locale = language === "ur" ? "ur-PK" : "en-US";
  const rules = new Intl.PluralRules(locale);
  const t = (key: MessageKey, vars?: Vars) => fill(dictionary[key] ?? en[key], vars);
  return {
    language,
    locale,
    t,
    plural: (key, count, vars) => {
      const form = rules.select(count) === "one" ? "one" : "other";
      return t(`${key}.${form}` as MessageKey, { count: count.toLocaleString(locale), ...vars });
    },
  };
}

/**
 * loadLanguage fetches a language's dictionary once (concurrent callers share the fetch) and returns its
 * Translator. A failed fetch (offline, a dropped connection) is forgotten, so the next call tries again.
 */
export async function loadLanguage(language: Language): Promise<Translator> {
  if (language !== "en" && !loaded[language]) {
    let fetching = pending.get(language);
    if (!fetching) {
      fetching = fetchers[language]().finally(() => pending.delete(language));
      pending.set(language, fetching);
    }
    loaded[language] = await fetching;
  }
  return translator(language);
}
