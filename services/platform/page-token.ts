import { createHash } from "node:crypto";
import { z } from "zod";
import { inCalendar } from "./calendar-fields";
import { InvalidArgumentError } from "./errors";

/** PageTokens writes and reads the opaque page tokens of one kind of listing. */
export interface PageTokens<Cursor> {
  /** encode writes where the next page starts, bound to `listing` (the query or filter of the page) when given. */
  encode(cursor: Cursor, listing?: unknown): string;
  /** decode reads a token back; a forged or malformed token, or one bound to another listing, is InvalidArgument on page_token. */
  decode(token: string, listing?: unknown): Cursor;
}

const envelopeSchema = z.object({ c: z.unknown(), f: z.string().optional() });

/**
 * pageTokens makes the tokens of a listing whose cursor `cursorSchema` checks. A token is base64url JSON
 * `{c: cursor, f: fingerprint}`; the schema runs both ways (`z.encode` / parse), so a `z.codec` field
 * (a Date kept as millis, say) is written and read back as its own type.
 */
export function pageTokens<Schema extends z.ZodType>(cursorSchema: Schema): PageTokens<z.output<Schema>> {
  return {
    encode(cursor, listing) {
      const envelope = {
        c: z.encode(cursorSchema, cursor),
        f: listing === undefined ? undefined : fingerprint(listing),
      };
      return Buffer.from(JSON.stringify(envelope)).toString("base64url");
    },
    decode(token, listing) {
      const envelope = envelopeSchema.safeParse(parseJson(Buffer.from(token, "base64url").toString("utf8")));
      const expected = listing === undefined ? undefined : fingerprint(listing);
      if (envelope.success && envelope.data.f === expected) {
        const cursor = cursorSchema.safeParse(envelope.data.c);
        if (cursor.success) return cursor.data;
      }
      throw new InvalidArgumentError([{ field: "page_token", description: "is not a token from this listing" }]);
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** fingerprint hashes a listing's canonical JSON (object keys sorted, so building order does not matter). */
function fingerprint(listing: unknown): string {
  const canonical = JSON.stringify(listing, (_key, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
      : value,
  );
  return createHash("sha256").update(canonical).digest("base64url").slice(0, 16);
}

// Postgres's ISO DateStyle (the default, and what both our drivers see): "2025-01-01 09:30:00.123456+00".
const timestampText = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?[+-](\d{2})(?::\d{2}){0,2}$/;

/**
 * postgresTimestampText checks a cursor's sort key read as `timestamptz::text`, so a forged key is
 * refused here instead of failing the cast in SQL.
 */
export const postgresTimestampText = z.string().refine((text) => {
  const match = timestampText.exec(text);
  if (!match) return false;
  return inCalendar(match.slice(1, 7)) && Number(match[7]) <= 15;
});
