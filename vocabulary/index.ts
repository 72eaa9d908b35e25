/**
 * The task vocabulary: each concept defined once, imported by server, skills and browser alike.
 * Import the specific module (e.g. `vocabulary/priority`) for tree-shaking; this index re-exports them all.
 */
export {};
