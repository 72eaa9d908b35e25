import type { ModelClient, PromptSet } from "./types";

/** What every skill function needs besides its input: the model (optional), prompts and timeout. */
export interface SkillContext {
  model?: ModelClient | undefined;
  prompts: PromptSet;
  timeoutMs: number;
}

/** The global system prompt the LLM path runs under. */
export const GLOBAL_PROMPT = "system/global.md";

/** A prompt by key; throws when missing so a bad mount fails at start, not mid-chat. */
export function promptFor(prompts: PromptSet, key: string): string {
  const text = prompts.get(key);
  if (text === undefined) throw new Error(`prompt missing: ${key}`);
  return text;
}
