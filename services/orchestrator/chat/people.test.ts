import { expect, test } from "bun:test";
import { peopleNamed } from "./team-flow";

const person = (user_id: string, display_name: string, email: string) => ({ user_id, display_name, email });
const PEOPLE = [
  person("1", "Sara Khan", "sara.khan@example.com"),
  person("2", "Sarah Ahmed", "sahmed@example.com"),
  person("3", "José Núñez", "jose@example.com"),
  person("4", "سارہ", "sara.u@example.com"),
  person("5", "", "ali@example.com"),
];
const ids = (said: string) => peopleNamed(PEOPLE, said).map((p) => p.user_id);

test("a person is found by address, whole name, first name or address local part, any case, diacritics aside", () => {
  expect(ids("SARA.KHAN@example.com")).toEqual(["1"]);
  expect(ids("sara khan")).toEqual(["1"]);
  expect(ids("jose nunez")).toEqual(["3"]);
  expect(ids("JOSE")).toEqual(["3"]);
  expect(ids("ali")).toEqual(["5"]);
  // Arabic letter forms fold: ي/ى as ی, ه as ہ.
  expect(ids("ساره")).toEqual(["4"]);
});

test("a whole word wins over a prefix; a prefix that fits several returns them all (the chat asks)", () => {
  expect(ids("Sara")).toEqual(["1"]);
  expect(ids("Sar")).toEqual(["1", "2", "4"]); // 4 by the address sara.u@…
  expect(ids("Ahm")).toEqual(["2"]);
});

test("nobody: an unknown name or address, another script, or nothing said", () => {
  expect(ids("Zed")).toEqual([]);
  expect(ids("zed@example.com")).toEqual([]);
  expect(ids("sara@example.com")).toEqual([]);
  expect(ids("  ")).toEqual([]);
  expect(ids("علی")).toEqual([]);
});
