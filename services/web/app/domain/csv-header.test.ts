import { expect, test } from "bun:test";
import { csvHeader, guessMapping } from "./csv-header";

test("csvHeader reads the first record's names, quoted ones with commas and quotes, a BOM ignored", () => {
  expect(csvHeader('\uFEFFTitle,"Due, local","Say ""hi""",\r\nx,y,z\r\n')).toEqual(["Title", "Due, local", 'Say "hi"']);
  expect(csvHeader("")).toEqual([]);
});

test("guessMapping picks columns named like the fields, any case; others stay unmapped", () => {
  expect(guessMapping(["Title", "due", "Notes"])).toMatchObject({ title: "Title", due: "due", description: "" });
});
