/** Limits of sharing, defined once for the server and the browser. */

/** People who may share one top-level project: its members and open invitations together, the owner not counted. */
export const MEMBERS_PER_PROJECT_MAX = 50;

/** An invitation link works once, for this long after it was sent. */
export const INVITATION_TTL_HOURS = 7 * 24;
