import { describe, expect, test } from "bun:test";
import { en } from "./en";
import { isLoaded, loadLanguage, translator } from "./translate";
import { ur } from "./ur";

describe("dictionaries", () => {
  test("Urdu translates every English key, with the same placeholders", () => {
    expect(Object.keys(ur).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect({ key, names: names(ur[key]) }).toEqual({ key, names: names(en[key]) });
    }
  });

  test("Urdu strings are really Urdu where they are words", () => {
    const untranslated = (Object.keys(en) as (keyof typeof en)[]).filter(
      (key) => ur[key] === en[key] && /[a-z]{3}/i.test(en[key]) && key !== "app.name",
    );
    expect(untranslated).toEqual([]);
  });

  test("placeholders are filled and plurals picked", async () => {
    const english = translator("en");
    expect(english.t("task.added", { title: "buy milk" })).toBe("Added “buy milk”");
    expect(english.plural("tasks.count", 1)).toBe("1 task");
    expect(english.plural("tasks.count", 1200)).toBe("1,200 tasks");
    expect((await loadLanguage("ur")).plural("activity.verified", 3)).toBe("تاریخ درست ہے: 3 ریکارڈ جانچے گئے۔");
  });

  test("English is always here; Urdu is fetched once, on demand, then its translator is synchronous", async () => {
    expect(isLoaded("en")).toBe(true);
    expect((await loadLanguage("en")).t("common.retry")).toBe(en["common.retry"]);
    const [first, second] = await Promise.all([loadLanguage("ur"), loadLanguage("ur")]);
    expect(first.t("common.retry")).toBe(ur["common.retry"]);
    expect(second.t("common.retry")).toBe(ur["common.retry"]);
    expect(isLoaded("ur")).toBe(true);
    expect(translator("ur").language).toBe("ur");
  });
});
