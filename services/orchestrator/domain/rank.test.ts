import { expect, test } from "bun:test";
import fc from "fast-check";
import { generateKeyBetween } from "fractional-indexing";
import { InvalidArgumentError } from "../../platform/errors";
import { appendRank, rankBetween } from "./rank";

test("appended ranks follow time, sort after migrated keys, and are valid library keys", () => {
  const earlier = appendRank(new Date("2026-01-01T00:00:00Z"), () => 0.99);
  const later = appendRank(new Date("2026-01-01T00:00:00.001Z"), () => 0);
  expect(earlier < later).toBe(true);
  expect("ezzzzz" < earlier).toBe(true);
  expect(later.endsWith("0")).toBe(false);
  expect(generateKeyBetween(earlier, later) > earlier).toBe(true);
  expect(generateKeyBetween(later, null) > later).toBe(true);
});

test("rankBetween is strictly between its neighbours, for any sequence of inserts", () => {
  fc.assert(
    fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), (picks) => {
      const list: string[] = [appendRank(new Date(0))];
      for (const pick of picks) {
        const at = pick % (list.length + 1);
        const key = rankBetween(list[at - 1] ?? null, list[at] ?? null);
        list.splice(at, 0, key);
      }
      for (let i = 1; i < list.length; i++) expect(list[i - 1]! < list[i]!).toBe(true);
    }),
  );
});

test("equal or inverted neighbours are an InvalidArgument, not a crash", () => {
  expect(() => rankBetween("a1", "a1")).toThrow(InvalidArgumentError);
  expect(() => rankBetween("a2", "a1", "after_id")).toThrow(/after_id/);
});
