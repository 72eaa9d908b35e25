/** ReminderSpec is one stored reminder: an absolute instant (ISO 8601, as JSON keeps it) or an offset before due. */
export type ReminderSpec = { at: string } | { beforeSeconds: number };
