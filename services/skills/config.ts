import { z } from "zod";
import { loadConfig } from "../platform/config";

/** Variables the skills service reads on top of the base ones. */
export const skillsConfigShape = {
  /** OLLAMA_HOST, e.g. http://127.0.0.1:11434; without it every skill answers from its rules. */
  OLLAMA_HOST: z.string().url().optional(),
  OLLAMA_MODEL: z.string().min(1).default("llama3.2:3b"),
  /** PROMPTS_DIR overrides the built-in prompts file by file (a mounted ConfigMap). */
  PROMPTS_DIR: z.string().min(1).optional(),
  /** How long the LLM path may take before the rules answer instead. */
  SKILL_TIMEOUT_MS: z.coerce.number().int().positive().max(120_000).default(3000),
} as const;

export type SkillsConfig = ReturnType<typeof loadConfig<typeof skillsConfigShape>>;

/** loadSkillsConfig validates the service's variables from the environment the runtime passed. */
export const loadSkillsConfig = (env: Record<string, string | undefined>): SkillsConfig =>
  loadConfig(skillsConfigShape, env);
