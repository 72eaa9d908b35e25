import { SnoozeDelay } from "../../../gen/todo/v1/notification_service_pb";
import { SNOOZE_MORNING_HOUR } from "../../../vocabulary/reminders";
import { addDays, fromLocal, isValidTimeZone, toLocal } from "../../../vocabulary/time-zone";

/**
 * snoozeUntil is when a snoozed reminder comes back: 10 minutes or an hour from now, or "tomorrow morning" —
 * SNOOZE_MORNING_HOUR (09:00) on the next calendar day in the user's zone (UTC when the zone is unknown).
 */
export function snoozeUntil(delay: SnoozeDelay, now: Date, timeZone: string): Date {
  switch (delay) {
    case SnoozeDelay.TEN_MINUTES:
      return new Date(now.getTime() + 10 * 60_000);
    case SnoozeDelay.ONE_HOUR:
      return new Date(now.getTime() + 60 * 60_000);
    case SnoozeDelay.TOMORROW_MORNING: {
      const zone = isValidTimeZone(timeZone) ? timeZone : "UTC";
      const tomorrow = addDays(toLocal(now, zone), 1);
      return fromLocal({ ...tomorrow, hour: SNOOZE_MORNING_HOUR, minute: 0 }, zone);
    }
    default:
      throw new RangeError(`unknown snooze delay ${delay}`);
  }
}
