import { createContext, useContext, useEffect } from "react";
import { directionOf } from "../i18n/language";
import { type Translator, translator } from "../i18n/translate";

export const I18nContext = createContext<Translator>(translator("en"));

/** useI18n is the current language's translator. */
export const useI18n = (): Translator => useContext(I18nContext);

/** useDocumentLanguage keeps <html lang dir> in step with the UI language (Urdu reads right to left). */
export function useDocumentLanguage(i18n: Translator): void {
  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.documentElement.dir = directionOf(i18n.language);
  }, [i18n]);
}

/** useDocumentTitle names the page after the screen, so tabs and screen readers say where the user is. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · taskmesh`;
  }, [title]);
}
