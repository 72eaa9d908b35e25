import type { Utterance } from "./utterance";
import { ENGLISH, ENGLISH_NEW_YORK } from "./utterances-en";
import { EXTRA } from "./utterances-extra";
import { ISSUE_13 } from "./utterances-issue13";
import { ORGANISE } from "./utterances-organise";
import { ROMAN_URDU } from "./utterances-roman";
import { SHARE } from "./utterances-share";
import { TEAM } from "./utterances-team";
import { URDU } from "./utterances-ur";

export type { Utterance } from "./utterance";
export { RECENT_TASKS } from "./utterance";

/** Every corpus line: English (two zones), Urdu script and Roman Urdu, the held-out batch, issue 13's lines, issue 14's organise lines and issue 15's share and team lines. */
export const UTTERANCES: Utterance[] = [
  ...ENGLISH,
  ...ENGLISH_NEW_YORK,
  ...URDU,
  ...ROMAN_URDU,
  ...EXTRA,
  ...ISSUE_13,
  ...ORGANISE,
  ...SHARE,
  ...TEAM,
];
