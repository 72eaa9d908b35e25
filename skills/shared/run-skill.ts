import type { z } from "zod";
import type { SkillContext } from "./skill-context";
import { GLOBAL_PROMPT, promptFor } from "./skill-context";
import { fillTemplate } from "./template";
import type { FallbackReason, ModelClient, SkillResult } from "./types";

/** What a skill's `accept` says about a schema-valid LLM answer. */
export type Acceptance<T> = { accepted: SkillResult<T> } | { rejected: string };

export interface RunSkillOptions<L, T> {
  model?: ModelClient | undefined;
  timeoutMs: number;
  /** The system prompt (global behaviour). */
  system: string;
  /** The skill's prompt template, with `{{schema}}` and input placeholders. */
  prompt: string;
  /** Validates the model's JSON answer. */
  schema: z.ZodType<L>;
  /** The JSON schema sent as Ollama's `format` (and shown in the prompt). */
  jsonSchema: object;
  /** Fills the template for this call; only called when a model is present. */
  buildPrompt: (template: string) => string;
  /** Maps a schema-valid answer to a result, or rejects values the schema cannot catch (bad dates). */
  accept: (answer: L) => Acceptance<T>;
  /** The rules; answers whenever the LLM path does not. */
  deterministic: () => SkillResult<T>;
}

/** What an agent brings to `runAgent`: its prompt, answer schema, placeholders, acceptance and rules. */
export interface AgentSpec<L, T>
  extends Pick<RunSkillOptions<L, T>, "schema" | "jsonSchema" | "accept" | "deterministic"> {
  /** The agent's prompt key (e.g. "task/extract.md"). */
  prompt: string;
  /** The template's values besides `{{schema}}`; only built when a model is asked. */
  fields: () => Readonly<Record<string, string>>;
}

/**
 * Runs an agent with the context's model, timeout and prompts: the global system prompt, and the
 * agent's template filled with its answer schema and `fields`.
 */
export function runAgent<L, T>(context: SkillContext, spec: AgentSpec<L, T>): Promise<SkillResult<T>> {
  return runSkill({
    model: context.model,
    timeoutMs: context.timeoutMs,
    system: promptFor(context.prompts, GLOBAL_PROMPT),
    prompt: promptFor(context.prompts, spec.prompt),
    schema: spec.schema,
    jsonSchema: spec.jsonSchema,
    buildPrompt: (template) => fillTemplate(template, { schema: JSON.stringify(spec.jsonSchema), ...spec.fields() }),
    accept: spec.accept,
    deterministic: spec.deterministic,
  });
}

/**
 * Runs a skill: the LLM path first (structured output, aborted after `timeoutMs`), parsed, validated
 * and accepted; otherwise the deterministic path, with `fallbackReason` saying why the model's answer
 * was not used.
 */
export async function runSkill<L, T>(options: RunSkillOptions<L, T>): Promise<SkillResult<T>> {
  if (!options.model) return fallback(options, "no-model");
  const outcome = await askModel(options.model, options);
  if ("reason" in outcome) return fallback(options, outcome.reason);
  return outcome.result;
}

type ModelOutcome<T> = { result: SkillResult<T> } | { reason: FallbackReason };

async function askModel<L, T>(model: ModelClient, options: RunSkillOptions<L, T>): Promise<ModelOutcome<T>> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error("skill timeout"));
      resolve("timeout");
    }, options.timeoutMs);
  });
  let raw: string | "timeout";
  try {
    const call = model.chat({
      system: options.system,
      prompt: options.buildPrompt(options.prompt),
      format: options.jsonSchema,
      signal: controller.signal,
    });
    call.catch(() => undefined);
    raw = await Promise.race([call, timedOut]);
  } catch {
    return { reason: controller.signal.aborted ? "timeout" : "model-error" };
  } finally {
    clearTimeout(timer);
  }
  if (raw === "timeout") return { reason: "timeout" };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { reason: "malformed-json" };
  }
  const parsed = options.schema.safeParse(json);
  if (!parsed.success) return { reason: "schema-violation" };
  const acceptance = options.accept(parsed.data);
  if ("rejected" in acceptance) return { reason: "rejected-value" };
  return { result: acceptance.accepted };
}

function fallback<L, T>(options: RunSkillOptions<L, T>, reason: FallbackReason): SkillResult<T> {
  let result: SkillResult<T>;
  try {
    result = options.deterministic();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: "error", reason: `rules failed: ${message}`, path: "deterministic", fallbackReason: reason };
  }
  return { ...result, fallbackReason: reason };
}
