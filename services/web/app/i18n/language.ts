/** Language is a UI language; its code is also the profile locale and the document's `lang`. */
export type Language = "en" | "ur";

export const languages: { code: Language; name: string; dir: "ltr" | "rtl" }[] = [
  { code: "en", name: "English", dir: "ltr" },
  { code: "ur", name: "اردو", dir: "rtl" },
];

/** toLanguage reads a profile locale; anything unknown is English. */
export const toLanguage = (locale: string | undefined): Language => (locale === "ur" ? "ur" : "en");

/** directionOf is the writing direction of a language. */
export const directionOf = (language: Language): "ltr" | "rtl" => (language === "ur" ? "rtl" : "ltr");
