import { expect, test } from "bun:test";
import { z } from "zod";
import { InvalidArgumentError } from "./errors";
import { pageTokens, postgresTimestampText } from "./page-token";

const tokens = pageTokens(
  z.object({
    at: z.codec(z.int().nonnegative(), z.date(), {
      decode: (millis) => new Date(millis),
      encode: (date) => date.getTime(),
    }),
    id: z.guid(),
  }),
);
const cursor = { at: new Date(1_900_000_000_123), id: "0190f3a4-1c2d-7e8f-9a0b-1c2d3e4f5a6b" };
const listing = { sort: "due", tags: ["home"], after: new Date("2025-01-01T00:00:00Z") };
const asToken = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** refusal returns the violations a bad token is refused with, or fails when it is accepted. */
function refusal(decode: () => unknown) {
  try {
    decode();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return (error as InvalidArgumentError).violations;
  }
  throw new Error("the token was accepted");
}
const pageTokenViolation = [{ field: "page_token", description: "is not a token from this listing" }];

test("a cursor round-trips as its own types, with or without a listing", () => {
  expect(tokens.decode(tokens.encode(cursor), undefined)).toEqual(cursor);
  expect(tokens.decode(tokens.encode(cursor, listing), listing)).toEqual(cursor);
  expect(tokens.encode(cursor, listing)).toMatch(/^[A-Za-z0-9_-]+$/);
});

test("the listing binds by value, not by the order its fields were built in", () => {
  const token = tokens.encode(cursor, listing);
  expect(tokens.decode(token, { after: new Date("2025-01-01T00:00:00Z"), tags: ["home"], sort: "due" })).toEqual(
    cursor,
  );
});

test("forged or malformed base64 is InvalidArgument on page_token", () => {
  for (const token of ["forged", "bm90LWEtdG9rZW4", "", "%%%", asToken("a string"), asToken(null)]) {
    expect(refusal(() => tokens.decode(token))).toEqual(pageTokenViolation);
  }
});

test("a token whose cursor has the wrong shape is InvalidArgument on page_token", () => {
  for (const c of [
    { at: 1, id: "not-a-uuid" },
    { at: -1, id: cursor.id },
    { at: 1.5, id: cursor.id },
    { at: "1900000000123", id: cursor.id },
    { at: 9e15, id: cursor.id },
    { id: cursor.id },
    undefined,
  ]) {
    expect(refusal(() => tokens.decode(asToken({ c })))).toEqual(pageTokenViolation);
  }
});

test("a token from another listing, or bound when the reader is not (and the reverse), is InvalidArgument on page_token", () => {
  const token = tokens.encode(cursor, listing);
  expect(refusal(() => tokens.decode(token, { ...listing, tags: ["work"] }))).toEqual(pageTokenViolation);
  expect(refusal(() => tokens.decode(token))).toEqual(pageTokenViolation);
  expect(refusal(() => tokens.decode(tokens.encode(cursor), listing))).toEqual(pageTokenViolation);
  expect(refusal(() => tokens.decode(asToken({ c: { at: 1, id: cursor.id }, f: "made-up" }), listing))).toEqual(
    pageTokenViolation,
  );
});

test("postgresTimestampText accepts what timestamptz::text writes and nothing Postgres would refuse", () => {
  for (const text of [
    "2026-11-24 05:50:33.563837+00",
    "2025-01-01 00:00:00+00",
    "2024-02-29 23:59:59.5+05:30",
    "0001-01-01 00:00:00+00",
  ]) {
    expect(postgresTimestampText.safeParse(text).success).toBe(true);
  }
  for (const text of [
    "2025",
    "2025-02-29 00:00:00+00",
    "2025-13-01 00:00:00+00",
    "2025-01-01 24:00:00+00",
    "2025-01-01",
    "infinity",
    "now",
  ]) {
    expect(postgresTimestampText.safeParse(text).success).toBe(false);
  }
});
