import { expect, test } from "bun:test";
import { priorityLabel, replies, rightToLeft } from "./replies";

const FSI = "\u2068";
const PDI = "\u2069";
const RLM = "\u200F";

test("Urdu replies isolate titles (FSI … PDI); English and Roman Urdu ones do not need to", () => {
  expect(replies.completed("ur", "buy milk")).toBe(`${FSI}“buy milk”${PDI} مکمل کر دیا۔`);
  expect(replies.numbered(["Quarterly report", "دودھ"], "ur")).toBe(
    `1. ${FSI}Quarterly report${PDI}\n2. ${FSI}دودھ${PDI}`,
  );
  expect(replies.completed("en", "buy milk")).toBe("Marked “buy milk” done.");
  expect(replies.completed("roman-ur", "doodh lena")).toBe("“doodh lena” mukammal kar diya.");
});

test("an Urdu reply whose first letter is Latin starts with a right-to-left mark; others are left alone", () => {
  const english = replies.completed("ur", "Quarterly report");
  expect(rightToLeft("ur", english)).toBe(`${RLM}${english}`);
  expect(rightToLeft("ur", "11. \u2068task 11\u2069")).toBe(`${RLM}11. \u2068task 11\u2069`);
  const urdu = replies.completed("ur", "دودھ لینا");
  expect(rightToLeft("ur", urdu)).toBe(urdu);
  expect(rightToLeft("en", "Marked “x” done.")).toBe("Marked “x” done.");
  expect(rightToLeft("roman-ur", "“x” mukammal kar diya.")).toBe("“x” mukammal kar diya.");
});

test("priority labels come from vocabulary/priority in each language", () => {
  expect(["en", "ur", "roman-ur"].map((l) => priorityLabel(l as "en", "high"))).toEqual(["high", "زیادہ", "zyada"]);
});
