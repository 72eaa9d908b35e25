import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { PromptSet } from "./shared/types";

/** The prompts shipped with the code (the repository's prompts/ folder). */
export const BUILT_IN_PROMPTS_DIR = fileURLToPath(new URL("../prompts/", import.meta.url));

/** Every prompt the skills need; createSkills refuses a set that lacks one. */
export const REQUIRED_PROMPTS = [
  "system/global.md",
  "system/clarification.md",
  "system/errors.md",
  "skills/task/extract-task.md",
  "skills/reminder/extract-reminder.md",
  "skills/recurring/parse-recurrence.md",
  "skills/audit/summarize-activity.md",
  "skills/intent/detect-intent.md",
  "skills/filter/write-filter.md",
] as const;

function listMarkdown(root: string): string[] {
  if (!existsSync(root)) return [];
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      if (entry.startsWith(".")) continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith(".md")) found.push(relative(root, path).split(sep).join("/"));
    }
  };
  walk(root);
  return found;
}

/**
 * Reads every prompt file into a map keyed by its path under the prompts directory
 * ("skills/task/extract-task.md"). Files in `dir` (PROMPTS_DIR, e.g. a mounted ConfigMap) win; a
 * file the override lacks comes from the built-in prompts/. Call once at start.
 */
export function loadPrompts(dir: string = process.env.PROMPTS_DIR ?? BUILT_IN_PROMPTS_DIR): PromptSet {
  const prompts = new Map<string, string>();
  for (const key of listMarkdown(BUILT_IN_PROMPTS_DIR))
    prompts.set(key, readFileSync(join(BUILT_IN_PROMPTS_DIR, key), "utf8"));
  if (dir !== BUILT_IN_PROMPTS_DIR) {
    for (const key of listMarkdown(dir)) prompts.set(key, readFileSync(join(dir, key), "utf8"));
  }
  return prompts;
}

/** The required prompt keys a set lacks (empty when complete). */
export function missingPrompts(prompts: PromptSet): string[] {
  return REQUIRED_PROMPTS.filter((key) => !prompts.has(key));
}
