/** A piece of the input text a field was read from; offsets are UTF-16 code units, end exclusive. */
export interface Span {
  field: string;
  start: number;
  end: number;
  text: string;
}

/** Which path produced a skill's answer. */
type SkillPath = "llm" | "deterministic";

/** Why the LLM path did not answer (set on results the deterministic path produced instead). */
export type FallbackReason =
  | "no-model"
  | "timeout"
  | "model-error"
  | "malformed-json"
  | "schema-violation"
  | "rejected-value";

/** A piece of text with more than one reading, and the question that settles it. */
export interface Ambiguity {
  field: string;
  text: string;
  options: string[];
  /** The clarifying question in English. */
  question: string;
  /** The same question in Urdu script. */
  questionUr: string;
}

/** Discriminated outcome of every skill call. */
export type SkillResult<T> =
  | {
      kind: "ok";
      value: T;
      confidence: number;
      spans: Span[];
      path: SkillPath;
      ambiguities: Ambiguity[];
      fallbackReason?: FallbackReason;
    }
  | { kind: "invalid"; reason: string; path: SkillPath; fallbackReason?: FallbackReason }
  | { kind: "error"; reason: string; path: SkillPath; fallbackReason?: FallbackReason };

export type OkResult<T> = Extract<SkillResult<T>, { kind: "ok" }>;

/** Reply language of the product UI. */
export type Locale = "en" | "ur";

/** Language an utterance is written in. */
export type Language = "en" | "ur" | "roman-ur";

export type { PriorityName as Priority } from "../../vocabulary/priority";

export type RepeatFrom = "due" | "completion";

/** Request sent to a language model; `format` is the JSON schema the answer must follow. */
export interface ModelRequest {
  system: string;
  prompt: string;
  format: object;
  signal: AbortSignal;
}

/** Injected language model; returns the raw text of the model's answer. */
export interface ModelClient {
  chat(req: ModelRequest): Promise<string>;
}

/** Prompt files keyed by path relative to the prompts directory ("skills/task/extract-task.md"). */
export type PromptSet = ReadonlyMap<string, string>;
