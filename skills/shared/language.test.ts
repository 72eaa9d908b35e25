import { expect, test } from "bun:test";
import { asciiDigits, detectLanguage } from "./language";

test("Urdu script, Roman Urdu and English are told apart", () => {
  expect(detectLanguage("کل شام 5 بجے دودھ خریدنا")).toBe("ur");
  expect(detectLanguage("kal shaam 5 baje doodh lena")).toBe("roman-ur");
  expect(detectLanguage("doodh wala kaam ho gaya")).toBe("roman-ur");
  expect(detectLanguage("haan")).toBe("roman-ur");
  expect(detectLanguage("buy milk tomorrow at 5pm")).toBe("en");
  expect(detectLanguage("do the main report")).toBe("en");
  expect(detectLanguage("Peer review on Friday")).toBe("en");
});

test("the Roman Urdu priority words of vocabulary/priority mark Roman Urdu; English priority words do not", () => {
  expect(detectLanguage("report bhejna zaroori")).toBe("roman-ur");
  expect(detectLanguage("kiraya dena kam tarjeeh")).toBe("roman-ur");
  expect(detectLanguage("fix the login page, urgent")).toBe("en");
  expect(detectLanguage("an important call")).toBe("en");
});

test("Eastern digits become ASCII one for one, so offsets survive", () => {
  const text = "۲۰ مارچ کو ٥ بجے";
  const ascii = asciiDigits(text);
  expect(ascii).toBe("20 مارچ کو 5 بجے");
  expect(ascii.length).toBe(text.length);
});
