import { ENGLISH, ENGLISH_NEW_YORK } from "./utterances-en.ts";
import { EXTRA } from "./utterances-extra.ts";
import { ROMAN_URDU } from "./utterances-roman.ts";
import { URDU } from "./utterances-ur.ts";
import type { Utterance } from "./utterance.ts";

export type { Utterance } from "./utterance.ts";
export { RECENT_TASKS } from "./utterance.ts";

/** Every corpus line: English (two zones), Urdu script and Roman Urdu, plus the held-out batch. */
export const UTTERANCES: Utterance[] = [...ENGLISH, ...ENGLISH_NEW_YORK, ...URDU, ...ROMAN_URDU, ...EXTRA];
