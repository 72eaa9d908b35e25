/**
 * The task vocabulary: each concept defined once, imported by server, skills and browser alike.
 * Modules may also be imported one by one; the browser app does: it never imports recurrence/expand
 * (the rrule engine), which only servers and the skills run.
 */
export * from "./calendar-names";
export * from "./priority";
export * from "./public-procedures";
export * from "./recurrence/describe";
export * from "./recurrence/expand";
export * from "./recurrence/rule";
export * from "./time-zone";
