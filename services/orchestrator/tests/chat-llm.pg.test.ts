import { afterAll, beforeAll, expect, test } from "bun:test";
import { PendingKind } from "../../../gen/todo/v1/chat_service_pb";
import { ProjectService } from "../../../gen/todo/v1/project_service_pb";
import { type FakeOllama, startFakeOllama, taskAnswerJson } from "../../../skills/testing/fake-ollama";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { connectClient } from "../../platform/testing/tokens";
import { createSkills } from "../../skills/skills";
import { createOrchestrator } from "../orchestrator";
import { chatSession } from "../testing/chat-session";

// Chat with the skills service on its LLM path (the fake Ollama server): the model's answers are data
// too — a model that says "delete" still cannot delete without the user's yes, and a model that is
// late or talks nonsense leaves the rules to answer.
const text = (value: string): string => `text: ${JSON.stringify(value)}`;
const intent = (name: string, reference: string | null) =>
  JSON.stringify({ intent: name, reference, confidence: 0.99, evidence: [] });
const taskAnswer = (title: string) => taskAnswerJson({ title, confidence: 0.9 });

let fake: FakeOllama;
let stack: TestStack;
beforeAll(async () => {
  fake = startFakeOllama([
    // Intent prompts show the user's text; task prompts too, so intents are told apart by the schema's words.
    { match: `${text("water the plants")}\n- recent tasks`, content: intent("delete", "plants") },
    { match: `${text("pay the gas bill")}\n- recent tasks`, content: intent("create", null), delayMs: 2000 },
    { match: `${text("pay the gas bill")}\n- reference time`, content: taskAnswer("pay the gas bill"), delayMs: 2000 },
    { match: `${text("book a table")}\n- recent tasks`, content: "I think the user wants to book a table!" },
    { match: `${text("book a table")}\n- reference time`, content: taskAnswer("book a table") },
    { match: `${text("move the report to Work")}\n- recent tasks`, content: intent("move_task", "report") },
    { match: `${text("delete all my tasks")}\n- recent tasks`, content: intent("create_project", "tasks") },
  ]);
  stack = await startTestStack([createSkills, createOrchestrator], {
    kafka: false,
    env: { OLLAMA_HOST: fake.host, OLLAMA_MODEL: "fake-model", SKILL_TIMEOUT_MS: "300" },
  });
}, 60_000);
afterAll(async () => {
  await stack?.stop();
  await fake?.stop();
}, 60_000);

test("the prompts reach the model as expected (guards the matching below)", async () => {
  const user = await chatSession(stack.baseUrl);
  await user.say("book a table");
  const prompts = fake.received.map((chat) => chat.prompt);
  expect(prompts.some((p) => p.includes(`${text("book a table")}\n- recent tasks`))).toBe(true);
  expect(prompts.some((p) => p.includes(`${text("book a table")}\n- reference time`))).toBe(true);
});

test("a model that misreads a message as “delete” gets the user a question, not a deletion", async () => {
  const user = await chatSession(stack.baseUrl);
  const { task } = await user.tasks.createTask({ title: "water the plants" });
  const response = await user.say("water the plants");
  expect(response.actions).toEqual([]);
  expect(response.pending?.kind).toBe(PendingKind.CONFIRMATION);
  expect(response.reply?.text).toBe("Delete “water the plants”? (yes/no)");
  expect((await user.say("no")).actions).toEqual([]);
  expect((await user.tasks.getTask({ id: task!.id })).task?.deleted).toBe(false);
});

test("a late model: the rules answer within the skill timeout and the task is created", async () => {
  const user = await chatSession(stack.baseUrl);
  const started = performance.now();
  const response = await user.say("pay the gas bill");
  expect(performance.now() - started).toBeLessThan(1500);
  expect(response.actions.map((a) => a.tool)).toEqual(["add_task"]);
  expect((await user.tasks.getTask({ id: response.actions[0]!.taskId })).task?.title).toBe("pay the gas bill");
});

test("prose instead of JSON: the rules answer", async () => {
  const user = await chatSession(stack.baseUrl);
  const response = await user.say("book a table");
  expect(response.reply?.text).toBe("Added “book a table”.");
});

test("a model's organise intent acts on the words the rules read from the text (issue 14)", async () => {
  const user = await chatSession(stack.baseUrl);
  const projects = connectClient(ProjectService, stack.baseUrl, user.accessToken);
  const work = (await projects.createProject({ name: "Work" })).project!.id;
  await user.tasks.createTask({ title: "Submit report" });
  const response = await user.say("move the report to Work");
  expect(response.reply?.text).toBe("Moved “Submit report” to “Work”.");
  const { tasks } = await user.tasks.listTasks({ projectId: work, pageSize: 10 });
  expect(tasks.map((t) => t.title)).toEqual(["Submit report"]);
});

test("a model that calls “delete all my tasks” an organise intent is refused: the rules ask before deleting", async () => {
  const user = await chatSession(stack.baseUrl);
  const projects = connectClient(ProjectService, stack.baseUrl, user.accessToken);
  await user.tasks.createTask({ title: "keep me" });
  const response = await user.say("delete all my tasks");
  expect(response.pending?.kind).toBe(PendingKind.CONFIRMATION);
  expect(response.actions).toEqual([]);
  expect((await projects.listProjects({})).projects.map((p) => p.name)).toEqual(["Inbox"]);
  await user.say("no");
  expect((await user.tasks.listTasks({ pageSize: 10 })).tasks.map((t) => t.title)).toEqual(["keep me"]);
});
