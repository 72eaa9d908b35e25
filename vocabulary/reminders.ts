/** Limits and fixed times of reminders, snooze and the daily digest, defined once for the server and the browser. */

/** A task has at most this many reminders (the contract says the same). */
export const REMINDERS_PER_TASK_MAX = 5;

/** Snoozing "tomorrow morning" brings a reminder back at this hour, in the user's profile time zone. */
export const SNOOZE_MORNING_HOUR = 9;

/** The daily digest goes out at this local time when the user picked none. */
export const DIGEST_DEFAULT_TIME = "07:00";
