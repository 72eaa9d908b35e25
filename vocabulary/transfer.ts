/** Limits of import and export, defined once for the server and the browser (the contract says the same). */

/** The largest file ImportData reads, in bytes (the contract's `content` max_len: 700 KiB). */
export const IMPORT_FILE_BYTES_MAX = 716_800;

/**
 * The most rows (CSV lines after the header, or JSON items of all kinds) one import reads. One import is one
 * transaction inside one RPC (RPC_DEADLINE_MS, 15 s): on the shared 2-core machine 5,000 rows took 8–10 s and, under
 * heavier load, 2,500 rows as long (transfer-scale.pg.test.ts prints the figures), so a file holds 1,000 — more than a
 * Todoist project holds — and a bigger sheet is split.
 */
export const IMPORT_ROWS_MAX = 1_000;

/** How many rows of the file an import's answer shows; the counts cover them all. */
export const IMPORT_PREVIEW_ROWS = 50;

/** How many problems (and, apart, warnings) an import's answer lists; past it the file has bigger trouble. */
export const IMPORT_PROBLEMS_MAX = 200;

/**
 * The version of the taskmesh JSON export format this code writes and reads (and every older one: versions only
 * add). 2 added `comments` and `user.id`.
 */
export const EXPORT_FORMAT_VERSION = 2;
