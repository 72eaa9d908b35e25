import { expect, test } from "bun:test";
import { findProjectMarker, projectNameKey, withoutMarker } from "./project-marker";

const read = (text: string, known: string[] = []) => {
  const marker = findProjectMarker(text, known);
  return marker && [marker.text, marker.name, marker.known];
};

test("+Name reads one word in any script; _ reads as a space; unknown names say so", () => {
  expect(read("buy milk +Groceries tomorrow")).toEqual(["+Groceries", "Groceries", false]);
  expect(read("دودھ لانا +گھر کل")).toEqual(["+گھر", "گھر", false]);
  expect(read("doodh lana +Ghar kal")).toEqual(["+Ghar", "Ghar", false]);
  expect(read("pack +Weekend_trip")).toEqual(["+Weekend_trip", "Weekend trip", false]);
  expect(read("pack +trip- now")).toEqual(["+trip", "trip", false]);
});

test("a known project matches whatever the case, and with spaces without quotes (the longest wins)", () => {
  const known = ["Work", "Weekend", "Weekend trip", "گھر کے کام"];
  expect(read("report +work p1", known)).toEqual(["+work", "Work", true]);
  expect(read("pack +weekend trip bag", known)).toEqual(["+weekend trip", "Weekend trip", true]);
  expect(read("pack +Weekend_trip", known)).toEqual(["+Weekend_trip", "Weekend trip", true]);
  expect(read("pack +Weekend tripod", known)).toEqual(["+Weekend", "Weekend", true]);
  expect(read("برتن دھونا +گھر کے کام", known)).toEqual(["+گھر کے کام", "گھر کے کام", true]);
  expect(read("report +Workshop", known)).toEqual(["+Workshop", "Workshop", false]);
});

test("quoted names may have spaces; curly and angle quotes too", () => {
  expect(read('pack +"Weekend trip" bag')).toEqual(['+"Weekend trip"', "Weekend trip", false]);
  expect(read("pack +“Weekend trip”", ["weekend TRIP"])).toEqual(["+“Weekend trip”", "weekend TRIP", true]);
  expect(read("pack +«Safar»")).toEqual(["+«Safar»", "Safar", false]);
});

test("not markers: C++, 1+1, phone numbers, a lone +, an over-long name; only the first marker counts", () => {
  for (const text of ["learn C++ today", "check 1+1", "call +92 300 1234567", "a + b", `x +${"a".repeat(121)}`]) {
    expect(findProjectMarker(text)).toBeUndefined();
  }
  expect(read("a +One +Two")).toEqual(["+One", "One", false]);
});

test("blanking the marker keeps every other offset", () => {
  const text = "buy milk +Groceries tomorrow";
  const blanked = withoutMarker(text, findProjectMarker(text)!);
  expect(blanked).toHaveLength(text.length);
  expect(blanked.indexOf("tomorrow")).toBe(text.indexOf("tomorrow"));
  expect(blanked).not.toContain("+");
  expect(projectNameKey("  Weekend__Trip ")).toBe("weekend trip");
});
