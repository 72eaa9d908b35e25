import { expect, test } from "bun:test";
import { ALL, bestTitleMatch, COMPLETED, pickedIndex, REMIND_REQUEST, RENAME } from "./words";

test("an answer to “which one?” reads as a number, an Urdu digit or an ordinal", () => {
  expect(
    ["1", "2.", "#3", "۲", "number 2", "the second one", "dusra", "دوسرا", "last", "آخری"].map((a) =>
      pickedIndex(a, 3),
    ),
  ).toEqual([0, 1, 2, 1, 1, 1, 1, 1, 2, 2]);
  expect(pickedIndex("4", 3)).toBeUndefined();
  expect(pickedIndex("0", 3)).toBeUndefined();
  expect(pickedIndex("buy milk", 3)).toBeUndefined();
});

test("title words pick one option, never a tie", () => {
  const options = [{ title: "buy milk" }, { title: "milk the cow" }, { title: "call mom" }];
  expect(bestTitleMatch("the cow", options)).toBe(options[1]);
  expect(bestTitleMatch("mom", options)).toBe(options[2]);
  expect(bestTitleMatch("milk", options)).toBeUndefined();
  expect(bestTitleMatch("?", options)).toBeUndefined();
});

test("bulk, filter, reminder and rename words in three languages", () => {
  expect(
    ["delete all completed", "sab kaam delete kar do", "تمام کام حذف کر دو", "mark everything done"].every((t) =>
      ALL.test(t),
    ),
  ).toBe(true);
  expect(ALL.test("call mom")).toBe(false);
  expect(ALL.test("install the app")).toBe(false);
  expect(["completed", "مکمل شدہ", "mukammal"].every((t) => COMPLETED.test(`delete all ${t}`))).toBe(true);
  expect(
    ["remind me to call mom", "امی کو فون کرنے کی یاد دلانا", "yaad dilana ke ammi ko call karna"].every((t) =>
      REMIND_REQUEST.test(t),
    ),
  ).toBe(true);
  expect(REMIND_REQUEST.test("buy milk")).toBe(false);
  expect(RENAME.exec("rename the milk one to buy oat milk")?.[1]).toBe("buy oat milk");
  expect(RENAME.exec("call it “Quarterly report”")?.[1]).toBe("Quarterly report");
  expect(RENAME.exec("call mom tomorrow")).toBeNull();
});
