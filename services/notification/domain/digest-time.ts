import { DIGEST_DEFAULT_TIME } from "../../../vocabulary/reminders";
import {
  addDays,
  formatLocalDate,
  fromLocal,
  isValidTimeZone,
  type LocalDate,
  toLocal,
} from "../../../vocabulary/time-zone";

/** zoneOr is the zone itself when the runtime knows it, UTC otherwise. */
export const zoneOr = (timeZone: string) => (timeZone && isValidTimeZone(timeZone) ? timeZone : "UTC");

/** clockOf reads "HH:MM" (empty: DIGEST_DEFAULT_TIME). */
function clockOf(digestTime: string): { hour: number; minute: number } {
  const [hour, minute] = (digestTime || DIGEST_DEFAULT_TIME).split(":").map(Number);
  return { hour: hour ?? 7, minute: minute ?? 0 };
}

/** digestAt is the instant the digest of a local day goes out (a time skipped by DST moves forward). */
const digestAt = (day: LocalDate, digestTime: string, timeZone: string): Date =>
  fromLocal({ ...day, ...clockOf(digestTime) }, zoneOr(timeZone));

/** localDay is the calendar day an instant falls on in a zone, as YYYY-MM-DD. */
const localDay = (at: Date, timeZone: string): string => formatLocalDate(toLocal(at, zoneOr(timeZone)));

/**
 * upcomingDigestAt is the first digest time after `now` on a day not sent yet: turning the digest on at 08:00 for
 * 07:00 first sends tomorrow's, and after sending a day the next one is the day after.
 */
export function upcomingDigestAt(now: Date, digestTime: string, timeZone: string, lastSentDate: string | null): Date {
  let day = toLocal(now, zoneOr(timeZone)) as LocalDate;
  for (;;) {
    const at = digestAt(day, digestTime, timeZone);
    if (at > now && (lastSentDate === null || formatLocalDate(day) > lastSentDate)) return at;
    day = addDays(day, 1);
  }
}

/** DigestDecision says what a due digest row should do now. */
export type DigestDecision = { kind: "send"; day: string } | { kind: "wait"; until: Date };

/**
 * planDigest decides at a row's due time, with the user's zone as it is now: send the digest of today (the local
 * day now, once), or wait — today's was sent already, or (the zone moved east or west) today's time is still ahead.
 * A digest late by days (the service was down) sends only today's.
 */
export function planDigest(
  now: Date,
  digestTime: string,
  timeZone: string,
  lastSentDate: string | null,
): DigestDecision {
  const day = localDay(now, timeZone);
  if (lastSentDate !== null && lastSentDate >= day)
    return { kind: "wait", until: upcomingDigestAt(now, digestTime, timeZone, lastSentDate) };
  const today = toLocal(now, zoneOr(timeZone));
  const at = digestAt(today, digestTime, timeZone);
  return at > now ? { kind: "wait", until: at } : { kind: "send", day };
}
