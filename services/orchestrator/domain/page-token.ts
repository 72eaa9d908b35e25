import { InvalidArgumentError } from "../../platform/errors";

/** PageCursor is the last row of a page: its sort key (as Postgres text) and id. */
export interface PageCursor {
  key: string;
  id: string;
  /** fingerprint ties the token to the query that made it. */
  query: string;
}

/** encodePageToken makes an opaque, URL-safe token. */
export function encodePageToken(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

/** decodePageToken reads a token back; a token from another query or a forged one is InvalidArgument. */
export function decodePageToken(token: string, query: string): PageCursor {
  try {
    const cursor = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as PageCursor;
    if (typeof cursor.key === "string" && typeof cursor.id === "string" && cursor.query === query) return cursor;
  } catch {
    // fall through to the same error
  }
  throw new InvalidArgumentError([{ field: "page_token", description: "is not a token from this listing" }]);
}
