import { describe, expect, test } from "bun:test";
import { z } from "zod";
import { runSkill } from "./run-skill";
import type { ModelClient, SkillResult } from "./types";

const schema = z.object({ word: z.string() });
const rules = (): SkillResult<string> => ({
  kind: "ok",
  value: "rules",
  confidence: 0.9,
  spans: [],
  path: "deterministic",
  ambiguities: [],
});
const run = (model: ModelClient | undefined, timeoutMs = 100) =>
  runSkill({
    model,
    timeoutMs,
    system: "system",
    prompt: "say {{schema}}",
    schema,
    jsonSchema: z.toJSONSchema(schema),
    buildPrompt: (template) => template.replace("{{schema}}", "a word"),
    accept: (answer) =>
      answer.word === "bad"
        ? { rejected: "bad word" }
        : { accepted: { kind: "ok", value: answer.word, confidence: 0.8, spans: [], path: "llm", ambiguities: [] } },
    deterministic: rules,
  });

const answering = (content: string): ModelClient => ({ chat: async () => content });

describe("runSkill", () => {
  test("uses a valid model answer", async () => {
    expect(await run(answering('{"word":"hello"}'))).toMatchObject({ kind: "ok", value: "hello", path: "llm" });
  });

  test("falls back with the reason", async () => {
    expect(await run(undefined)).toMatchObject({ value: "rules", fallbackReason: "no-model" });
    expect(await run(answering("hello"))).toMatchObject({ value: "rules", fallbackReason: "malformed-json" });
    expect(await run(answering('{"word":1}'))).toMatchObject({ value: "rules", fallbackReason: "schema-violation" });
    expect(await run(answering('{"word":"bad"}'))).toMatchObject({ value: "rules", fallbackReason: "rejected-value" });
    expect(await run({ chat: async () => Promise.reject(new Error("boom")) })).toMatchObject({
      value: "rules",
      fallbackReason: "model-error",
    });
  });

  test("aborts the model call at the timeout, even if the client ignores the signal", async () => {
    let aborted = false;
    const listening: ModelClient = {
      chat: (request) =>
        new Promise((_, reject) => {
          request.signal.addEventListener("abort", () => {
            aborted = true;
            reject(new Error("aborted"));
          });
        }),
    };
    expect(await run(listening, 20)).toMatchObject({ value: "rules", fallbackReason: "timeout" });
    expect(aborted).toBe(true);
    const deaf: ModelClient = { chat: () => new Promise(() => undefined) };
    const started = performance.now();
    expect(await run(deaf, 20)).toMatchObject({ value: "rules", fallbackReason: "timeout" });
    expect(performance.now() - started).toBeLessThan(500);
  });

  test("rules that throw become an error result", async () => {
    const result = await runSkill({
      timeoutMs: 10,
      system: "",
      prompt: "",
      schema,
      jsonSchema: {},
      buildPrompt: (t) => t,
      accept: () => ({ rejected: "never" }),
      deterministic: () => {
        throw new Error("broken rule");
      },
    });
    expect(result).toMatchObject({ kind: "error", path: "deterministic", fallbackReason: "no-model" });
  });
});
