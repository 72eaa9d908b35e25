import { InvalidArgumentError } from "../../platform/errors";

/** The longest comment body, in characters (the contract's max_len and the table's check say the same). */
const COMMENT_BODY_MAX = 4000;

/** Control characters a comment may not hold: all but tab, line feed and carriage return. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find control characters
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * commentBody checks a comment's text: plain text of 1 to 4,000 characters, not only spaces, no control characters
 * but line breaks and tabs. It is kept as written (never rendered as HTML or Markdown by any client).
 */
export function commentBody(body: string): string {
  const length = [...body].length;
  if (body.trim().length === 0) throw new InvalidArgumentError([{ field: "body", description: "must not be empty" }]);
  if (length > COMMENT_BODY_MAX) {
    throw new InvalidArgumentError([{ field: "body", description: `at most ${COMMENT_BODY_MAX} characters` }]);
  }
  if (controlCharacters.test(body)) {
    throw new InvalidArgumentError([{ field: "body", description: "must not contain control characters" }]);
  }
  return body;
}

/** A person who may be mentioned: the project's owner or a member. */
export interface Mentionable {
  id: string;
  email: string;
  displayName: string;
}

const wordCharacter = /[\p{L}\p{N}_]/u;

/**
 * mentionsIn finds the people a body @mentions, in the order of their first mention: "@" then a person's email or
 * display name (case-insensitive), not followed by a letter or digit (so "@Ali" does not mention "Alia"). A longer
 * name wins where two start alike ("@Sara Khan" is Sara Khan, not Sara). Anyone else named after an "@" is not a
 * mention: nobody outside the project is notified or told about, and the text stays as written.
 */
export function mentionsIn(body: string, people: Mentionable[]): string[] {
  const lower = body.toLocaleLowerCase();
  const handles = people
    .flatMap((p) => [
      { id: p.id, handle: p.email.toLocaleLowerCase() },
      { id: p.id, handle: p.displayName.toLocaleLowerCase() },
    ])
    .filter((h) => h.handle.length > 0)
    .sort((a, b) => b.handle.length - a.handle.length);
  const found: { id: string; at: number }[] = [];
  for (let at = lower.indexOf("@"); at !== -1; at = lower.indexOf("@", at + 1)) {
    if (at > 0 && wordCharacter.test(lower[at - 1] ?? "")) continue;
    const rest = lower.slice(at + 1);
    const hit = handles.find((h) => rest.startsWith(h.handle) && !wordCharacter.test(rest.charAt(h.handle.length)));
    if (hit && !found.some((f) => f.id === hit.id)) found.push({ id: hit.id, at });
  }
  return found.map((f) => f.id);
}
