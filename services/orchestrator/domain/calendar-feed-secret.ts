import { createHash, createHmac } from "node:crypto";

/**
 * A calendar feed URL's secret is an HMAC of the feed row's id under a key derived from the internal service
 * credential: 256 bits, base64url (43 characters). The row keeps only the secret's SHA-256, which is how a fetch
 * finds its feed, so the table alone (a backup, a leaked dump) opens no feed; the owner can still be shown the URL
 * again, because the orchestrator can derive it. Regenerating gives the row a new id, so the old URL finds nothing.
 */
export interface FeedSecrets {
  /** secretOf is the URL secret of a feed row. */
  secretOf(feedId: string): string;
  /** hashOf is what the row stores and a fetch looks up: hex SHA-256 of the secret. */
  hashOf(secret: string): string;
}

/** feedSecretPattern: what a URL secret looks like (43 base64url characters); anything else is not looked up. */
export const feedSecretPattern = /^[A-Za-z0-9_-]{43}$/;

/** createFeedSecrets derives the feed key once from the internal credential. */
export function createFeedSecrets(internalToken: string): FeedSecrets {
  const key = createHmac("sha256", internalToken).update("taskmesh calendar feed v1").digest();
  return {
    secretOf: (feedId) => createHmac("sha256", key).update(feedId).digest("base64url"),
    hashOf: (secret) => createHash("sha256").update(secret).digest("hex"),
  };
}

/** feedPath is where a feed is served: /calendar/<secret>.ics on the public origin. */
export const feedPath = (secret: string): string => `/calendar/${secret}.ics`;
