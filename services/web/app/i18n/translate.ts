import { type Dictionary, en, type MessageKey } from "./en";
import type { Language } from "./language";
import { ur } from "./ur";

const dictionaries: Record<Language, Dictionary> = { en, ur };

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

/** translator builds the Translator of a language. */
export function translator(language: Language): Translator {
  const dictionary = dictionaries[language];
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
