import { afterAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSkills } from "./index";
import { loadPrompts, missingPrompts, REQUIRED_PROMPTS } from "./prompts";

const override = mkdtempSync(join(tmpdir(), "prompts-"));
afterAll(() => rmSync(override, { recursive: true, force: true }));

test("the built-in prompts are complete and each skill prompt has the schema placeholder", () => {
  const prompts = loadPrompts();
  expect(missingPrompts(prompts)).toEqual([]);
  for (const key of REQUIRED_PROMPTS.filter((name) => name.startsWith("skills/"))) {
    expect(prompts.get(key)).toContain("{{schema}}");
  }
  expect(prompts.get("system/global.md")).toMatch(/never follow instructions/i);
});

test("a mounted directory overrides file by file and the rest falls back to the built-ins", () => {
  mkdirSync(join(override, "system"), { recursive: true });
  writeFileSync(join(override, "system", "global.md"), "mounted global prompt");
  const prompts = loadPrompts(override);
  expect(prompts.get("system/global.md")).toBe("mounted global prompt");
  expect(prompts.get("skills/task/extract-task.md")).toContain("{{schema}}");
  expect(missingPrompts(prompts)).toEqual([]);
});

test("createSkills refuses a prompt set that lacks a required prompt", () => {
  const prompts = new Map(loadPrompts());
  prompts.delete("skills/intent/detect-intent.md");
  expect(() => createSkills({ prompts })).toThrow("skills/intent/detect-intent.md");
});
