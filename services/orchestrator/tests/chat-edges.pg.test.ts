import { afterAll, beforeAll, expect, test } from "bun:test";
import { PendingKind } from "../../../gen/todo/v1/chat_service_pb";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { createSkills } from "../../skills/skills";
import { createOrchestrator } from "../orchestrator";
import { chatSession } from "../testing/chat-session";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([createSkills, createOrchestrator], { kafka: false });
}, 60_000);
afterAll(() => stack.stop(), 60_000);

test("Urdu clarification: یاد دلانا without a time asks in Urdu, the answer finishes it", async () => {
  const user = await chatSession(stack.baseUrl);
  const question = await user.say("یاد دلانا کہ امی کو فون کرنا ہے");
  expect(question.pending?.kind).toBe(PendingKind.CLARIFICATION);
  expect(question.reply?.text).toMatch(/کب کروں؟$/);
  const answer = await user.say("کل صبح 10 بجے");
  expect(answer.actions.map((a) => a.tool)).toEqual(["add_task"]);
  expect(answer.reply?.text).toContain("کل صبح 10 بجے");
});

test("a short unusable answer gets the question again; a new request drops it", async () => {
  const user = await chatSession(stack.baseUrl);
  await user.say("remind me to call mom");
  const again = await user.say("hmm not sure");
  expect(again.pending?.kind).toBe(PendingKind.CLARIFICATION);
  expect(again.reply?.text).toBe("Sorry, I didn't catch that. When should I remind you to “call mom”?");
  const list = await user.say("show my tasks");
  expect(list.pending).toBeUndefined();
  expect(list.reply?.text).toBe("You have no open tasks.");
  // The reminder question is gone: a bare time is now a new task without a name.
  const late = await user.say("tomorrow 5pm");
  expect(late.actions).toEqual([]);
  expect(late.reply?.text).toBe("What's the task?");
});

test("update, reminder and recurrence on a named task; “it” is the task just acted on", async () => {
  const user = await chatSession(stack.baseUrl);
  const { task } = await user.tasks.createTask({ title: "pay rent" });
  expect((await user.say("move the rent one to friday")).reply?.text).toBe("Updated “pay rent”: due Fri, Mar 6.");
  expect((await user.say("make it urgent")).reply?.text).toBe("Updated “pay rent”: priority urgent.");
  expect((await user.say("remind me about the rent 30 minutes before")).reply?.text).toBe(
    "I'll remind you about “pay rent” 30 minutes before it is due.",
  );
  expect((await user.say("make the rent one repeat every month")).reply?.text).toBe(
    "“pay rent” now repeats every month.",
  );
  const { task: after } = await user.tasks.getTask({ id: task!.id });
  expect(after).toMatchObject({ priority: 5, dueDateOnly: true, recurrence: { rrule: "FREQ=MONTHLY" } });
  expect(after!.reminder?.when.case).toBe("remindBefore");
});

test("a very long message becomes a task with a shortened title and the full text kept", async () => {
  const user = await chatSession(stack.baseUrl);
  const words = Array.from({ length: 120 }, (_, i) => `word${i}`).join(" ");
  const response = await user.say(`add ${words}`);
  const { task } = await user.tasks.getTask({ id: response.actions[0]!.taskId });
  expect(task!.title.length).toBeLessThanOrEqual(500);
  expect(task!.description).toContain("word119");
});

test("a reference that matches nothing says so; a bare “done” asks which task", async () => {
  const user = await chatSession(stack.baseUrl);
  expect((await user.say("mark the dentist one done")).reply?.text).toBe(
    "I couldn't find a task matching “dentist”. Say “show my tasks” to see them.",
  );
  await user.tasks.createTask({ title: "buy milk" });
  await user.tasks.createTask({ title: "call mom" });
  const which = await user.say("done");
  expect(which.pending?.kind).toBe(PendingKind.CLARIFICATION);
  expect([...which.pending!.options].sort()).toEqual(["buy milk", "call mom"]);
  const answer = await user.say("call mom");
  expect(answer.reply?.text).toBe("Marked “call mom” done.");
});
