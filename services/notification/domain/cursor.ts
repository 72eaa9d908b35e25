import { InvalidArgumentError } from "../../platform/errors";

/** InboxCursor is the position after the last notification of a page (newest first). */
export interface InboxCursor {
  deliveredAt: Date;
  id: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** encodeCursor makes an opaque page token. */
export function encodeCursor(cursor: InboxCursor): string {
  return Buffer.from(`${cursor.deliveredAt.getTime()}:${cursor.id}`).toString("base64url");
}

/** decodeCursor reads a page token back; anything else is an InvalidArgumentError on page_token. */
export function decodeCursor(token: string): InboxCursor {
  const [millis, id, ...rest] = Buffer.from(token, "base64url").toString("utf8").split(":");
  const time = Number(millis);
  if (rest.length > 0 || !id || !uuidPattern.test(id) || !Number.isSafeInteger(time) || time < 0) {
    throw new InvalidArgumentError([{ field: "page_token", description: "not a token from a previous page" }]);
  }
  return { deliveredAt: new Date(time), id };
}
