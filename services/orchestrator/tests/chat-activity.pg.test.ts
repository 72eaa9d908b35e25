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
});
