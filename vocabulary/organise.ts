/** Limits of projects, sections and subtasks, defined once for the server, the skills and the browser. */

/** A project may nest under another, three levels deep at most (a top-level project is level 1). */
export const PROJECT_DEPTH_MAX = 3;

/** A task may have subtasks, four levels deep at most (a top-level task is level 1). */
export const SUBTASK_DEPTH_MAX = 4;

/** Projects one user may have (live or archived; deleted ones do not count). */
export const PROJECTS_PER_USER_MAX = 500;

/** Sections one project may have. */
export const SECTIONS_PER_PROJECT_MAX = 200;

/** The longest project or section name, in characters (the contract says the same). */
export const ORGANISE_NAME_MAX = 120;
