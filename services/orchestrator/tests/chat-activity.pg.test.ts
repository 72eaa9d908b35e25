import { afterAll, beforeAll, expect, test } from "bun:test";
import { createAudit } from "../../audit/audit";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { createSkills } from "../../skills/skills";
import { createOrchestrator } from "../orchestrator";
import { chatSession } from "../testing/chat-session";

// The whole path behind "what did I finish today?": task events → outbox → bus → audit log →
// AuditService (through the client factory) → the Audit agent (SkillService) → the reply.
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([createSkills, createOrchestrator, createAudit], { kafka: false });
}, 60_000);
afterAll(() => stack.stop(), 60_000);

test("“what did I finish today?” is answered from the caller's own audit log, in the caller's language", async () => {
  const user = await chatSession(stack.baseUrl);
  const stranger = await chatSession(stack.baseUrl);
  const { task } = await user.tasks.createTask({ title: "file the tax return" });
  await user.tasks.completeTask({ id: task!.id });
  const { task: other } = await stranger.tasks.createTask({ title: "stranger's secret errand" });
  await stranger.tasks.completeTask({ id: other!.id });

  // Live clock here: the audit records carry real times.
  const ask = (text: string) => user.chat.sendMessage({ text });
  let answer = "";
  const deadline = Date.now() + 10_000;
  while (!answer.includes("file the tax return") && Date.now() < deadline) {
    answer = (await ask("what did I finish today?")).reply?.text ?? "";
    if (!answer.includes("file the tax return")) await Bun.sleep(200);
  }
  expect(answer).toContain("file the tax return");
  expect(answer).not.toContain("stranger");

  const urdu = await ask("آج کیا مکمل کیا؟");
  expect(urdu.language).toBe("ur");
  expect(urdu.reply?.text).toMatch(/[\u0600-\u06FF]/);
  expect(urdu.reply?.text).toContain("file the tax return");
}, 20_000);

test("“what did I finish today?” lists one title per line; “…and N more” is followed by “show more” (issue 13)", async () => {
  const user = await chatSession(stack.baseUrl);
  for (let i = 1; i <= 12; i += 1) {
    const { task } = await user.tasks.createTask({ title: `errand ${i}` });
    await user.tasks.completeTask({ id: task!.id });
  }
  // Live clock here too; the records reach the audit log through the bus.
  const ask = (text: string, conversationId = "") => user.chat.sendMessage({ text, conversationId });
  let first = await ask("what did I finish today?");
  const deadline = Date.now() + 10_000;
  while (!first.reply?.text.includes("12 tasks") && Date.now() < deadline) {
    await Bun.sleep(200);
    first = await ask("what did I finish today?");
  }
  const lines = first.reply!.text.split("\n");
  expect(lines[0]).toBe("Today you completed 12 tasks:");
  expect(lines.slice(1, 11)).toEqual(lines.slice(1, 11).filter((line) => /^• errand \d+$/.test(line)));
  expect(lines[11]).toBe("…and 2 more — say “show more” to see them.");
  expect(first.pending?.options).toEqual(["show more"]);
  const more = await ask("show more", first.conversationId);
  const all = more.reply!.text.split("\n");
  expect(all).toHaveLength(13);
  expect(new Set(all.slice(1))).toEqual(new Set(Array.from({ length: 12 }, (_, i) => `• errand ${i + 1}`)));

  const roman = await ask("aaj kya mukammal kiya?");
  expect(roman.language).toBe("roman-ur");
  expect(roman.reply?.text.split("\n")[0]).toBe("Aaj aap ne 12 kaam mukammal kiye:");
}, 30_000);
