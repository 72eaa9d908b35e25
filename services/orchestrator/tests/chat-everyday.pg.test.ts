import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { ChatTaskOffer, PendingKind, type SendMessageResponse } from "../../../gen/todo/v1/chat_service_pb";
import { Priority, TaskStatus } from "../../../gen/todo/v1/task_pb";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { createSkills } from "../../skills/skills";
import { BULK_PER_TURN } from "../chat/pending";
import { createOrchestrator } from "../orchestrator";
import { type ChatSession, chatSession } from "../testing/chat-session";

// Issue 13 ("Everyday use"): bulk delete with the true count, batches and undo; what a client may
// offer for a deleted task; Roman Urdu answered in Roman Urdu; Urdu titles isolated; priority markers
// in chat; cut lists that "show more" continues.
let stack: TestStack;
// Each test makes tens to hundreds of tasks and chat turns; on the shared 2-core machine that can take seconds.
setDefaultTimeout(30_000);
beforeAll(async () => {
  stack = await startTestStack([createSkills, createOrchestrator], { kafka: false });
}, 60_000);
afterAll(() => stack.stop(), 60_000);

const FSI = "\u2068";
const PDI = "\u2069";

async function withTasks(user: ChatSession, n: number, prefix = "task"): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= n; i += 1) ids.push((await user.tasks.createTask({ title: `${prefix} ${i}` })).task!.id);
  return ids;
}

async function countOpen(user: ChatSession): Promise<number> {
  let count = 0;
  let pageToken = "";
  do {
    const page = await user.tasks.listTasks({ status: TaskStatus.OPEN, pageSize: 200, pageToken });
    count += page.tasks.length;
    pageToken = page.nextPageToken;
  } while (pageToken);
  return count;
}

describe("bulk delete (item 2)", () => {
  /**
   * deleteAll answers yes until nothing remains: a message deletes at most BULK_PER_TURN tasks and
   * stops early when its time budget runs out (a busy machine), always saying how many remain.
   */
  async function deleteAll(user: ChatSession, total: number): Promise<SendMessageResponse> {
    const seen = new Set<string>();
    let reply = await user.say("yes");
    for (;;) {
      expect(reply.actions.length).toBeGreaterThan(0);
      expect(reply.actions.length).toBeLessThanOrEqual(BULK_PER_TURN);
      expect(new Set(reply.actions.map((a) => a.offer))).toEqual(new Set([ChatTaskOffer.RESTORE]));
      for (const action of reply.actions) seen.add(action.taskId);
      const left = total - seen.size;
      if (left === 0) break;
      expect(reply.reply?.text).toBe(
        `Deleted ${reply.actions.length} tasks. ${left} more ${left === 1 ? "task" : "tasks"} still match — say “yes” to go on. Say “undo” to bring them back.`,
      );
      expect(reply.pending).toMatchObject({ kind: PendingKind.OFFER, options: ["yes", "undo"] });
      reply = await user.say("yes");
    }
    expect(seen.size).toBe(total);
    expect(reply.reply?.text).toBe(`Deleted ${reply.actions.length} tasks. Say “undo” to bring them back.`);
    expect(reply.pending).toMatchObject({ kind: PendingKind.OFFER, options: ["undo"] });
    expect(await countOpen(user)).toBe(0);
    return reply;
  }

  test("“delete all my tasks” with 228 tasks: the true count, all 228 deleted, and undo brings them back", async () => {
    const user = await chatSession(stack.baseUrl);
    await withTasks(user, 228);
    const ask = await user.say("delete all my tasks");
    expect(ask.reply?.text).toBe("Delete all 228 open tasks (“task 1”, “task 2”, “task 3”, …)? (yes/no)");
    expect(ask.pending).toMatchObject({ kind: PendingKind.CONFIRMATION, options: ["yes", "no"] });
    expect(await countOpen(user)).toBe(228);

    // On a quiet machine one message deletes all 228; a busy one may take two, and says so.
    const last = await deleteAll(user, 228);
    const undone = last.actions.length;
    let undo = await user.say("undo");
    while (undo.pending?.options.includes("undo")) undo = await user.say("undo");
    expect(undo.actions.length).toBeGreaterThan(0);
    expect(new Set(undo.actions.map((a) => a.offer))).toEqual(new Set([ChatTaskOffer.OPEN]));
    expect(await countOpen(user)).toBe(undone);
    if (undone === 228) expect(undo.reply?.text).toBe("Restored 228 tasks.");
    // The offer is spent: a second "undo" has nothing to take back.
    expect((await user.say("undo")).reply?.text).toBe("There's nothing to undo.");
  }, 120_000);

  test(`a message deletes at most ${BULK_PER_TURN} tasks, says how many remain, and “yes” goes on`, async () => {
    const user = await chatSession(stack.baseUrl);
    await withTasks(user, BULK_PER_TURN + 7);
    expect((await user.say("delete all my tasks")).reply?.text).toStartWith(
      `Delete all ${BULK_PER_TURN + 7} open tasks`,
    );
    await deleteAll(user, BULK_PER_TURN + 7);
  }, 240_000);

  test("a task created after the question is not deleted by its yes", async () => {
    const user = await chatSession(stack.baseUrl);
    await withTasks(user, 3);
    expect((await user.say("delete all tasks")).reply?.text).toStartWith("Delete all 3 open tasks");
    const { task: late } = await user.tasks.createTask({ title: "added meanwhile" });
    expect((await user.say("yes")).actions).toHaveLength(3);
    expect((await user.tasks.getTask({ id: late!.id })).task?.deleted).toBe(false);
  });

  test("Urdu and Roman Urdu: the count in the question, undo in the same language", async () => {
    const urdu = await chatSession(stack.baseUrl, { locale: "ur" });
    await withTasks(urdu, 3, "کام");
    const ask = await urdu.say("میرے سارے کام حذف کر دو");
    expect(ask.reply?.text).toStartWith("کیا تمام 3 کام حذف کر دوں");
    expect(ask.reply?.text).toContain(`${FSI}“کام 1”${PDI}`);
    const yes = await urdu.say("جی ہاں");
    expect(yes.reply?.text).toBe("3 کام حذف کر دیے۔ واپس لانے کے لیے “واپس لائیں” لکھیں۔");
    expect(yes.pending?.options).toEqual(["واپس لائیں"]);
    expect((await urdu.say("واپس لائیں")).reply?.text).toBe("3 کام واپس آ گئے۔");
    expect(await countOpen(urdu)).toBe(3);

    const roman = await chatSession(stack.baseUrl);
    await withTasks(roman, 2, "kaam");
    expect((await roman.say("saare kaam delete kar do")).reply?.text).toBe(
      "Kya tamam 2 kaam delete kar doon (“kaam 1”, “kaam 2”)? (haan/nahi)",
    );
    expect((await roman.say("haan")).reply?.text).toBe(
      "2 kaam delete kar diye. Wapas lane ke liye “wapas lao” likhein.",
    );
    expect((await roman.say("wapas lao")).reply?.text).toBe("2 kaam wapas aa gaye.");
  });
});

describe("bulk complete", () => {
  test("“mark everything done” says the count and scope, then completes them all", async () => {
    const user = await chatSession(stack.baseUrl);
    await withTasks(user, 3, "chore");
    const ask = await user.say("mark everything done");
    expect(ask.reply?.text).toBe("Mark all 3 open tasks done (“chore 1”, “chore 2”, “chore 3”)? (yes/no)");
    const yes = await user.say("yes");
    expect(yes.reply?.text).toBe("Marked 3 tasks done.");
    expect(yes.pending).toBeUndefined();
    expect(await countOpen(user)).toBe(0);
  });
});

describe("what a client may offer for an action's task", () => {
  test("a deleted task is offered for restore, never to open; history says what each task is now", async () => {
    const user = await chatSession(stack.baseUrl);
    const added = await user.say("buy milk tomorrow");
    expect(added.actions).toMatchObject([{ tool: "add_task", offer: ChatTaskOffer.OPEN }]);
    const milk = added.actions[0]!.taskId;
    const kept = (await user.say("call mom on friday")).actions[0]!.taskId;
    await user.say("delete the milk task");
    const deleted = await user.say("yes");
    expect(deleted.actions).toMatchObject([{ tool: "delete_task", taskId: milk, offer: ChatTaskOffer.RESTORE }]);

    const { messages } = await user.chat.getConversation({ id: user.conversationId() });
    const offers = messages.flatMap((m) => m.actions.map((a) => [a.tool, a.taskId, a.offer]));
    expect(offers).toEqual([
      ["add_task", milk, ChatTaskOffer.RESTORE],
      ["add_task", kept, ChatTaskOffer.OPEN],
      ["delete_task", milk, ChatTaskOffer.RESTORE],
    ]);
    expect(messages.at(-1)?.pending).toMatchObject({ kind: PendingKind.OFFER, options: ["undo"] });
  });
});

describe("languages (item 7) and priority markers in chat (item 3)", () => {
  test("an Urdu reply that starts with an English title isolates it; Roman Urdu gets Roman Urdu", async () => {
    const urdu = await chatSession(stack.baseUrl, { locale: "ur" });
    await urdu.tasks.createTask({ title: "Quarterly report 2.0" });
    const listed = await urdu.say("میرے کام دکھاؤ");
    expect(listed.language).toBe("ur");
    expect(listed.reply?.text).toBe(`آپ کے 1 کام ہیں:\n1. ${FSI}Quarterly report 2.0${PDI}`);
    // A reply that opens with the English title starts with a right-to-left mark, then the isolated title.
    const done = await urdu.say("Quarterly report والا کام مکمل کر دو");
    expect(done.actions.map((a) => a.tool)).toEqual(["complete_task"]);
    expect(done.reply?.text).toBe(`\u200F${FSI}“Quarterly report 2.0”${PDI} مکمل کر دیا۔`);

    const roman = await chatSession(stack.baseUrl);
    const created = await roman.say("har peer ko subah 9 baje report bhejna");
    expect(created.language).toBe("roman-ur");
    expect(created.reply?.text).toBe("“report bhejna” add kar diya — Peer 9 March subah 9 baje; har Peer.");
    expect(created.reply?.text).not.toMatch(/[\u0600-\u06FF]/u);
    expect((await roman.say("mere kaam dikhao")).reply?.text).toBe(
      "Aap ke 1 kaam hain:\n1. report bhejna — Peer 9 March subah 9 baje",
    );
  });

  test("an ambiguous kal with a past verb is asked about in Roman Urdu", async () => {
    const roman = await chatSession(stack.baseUrl);
    const ask = await roman.say("kal bank gaya tha, receipt file karni hai");
    expect(ask.language).toBe("roman-ur");
    expect(ask.pending?.kind).toBe(PendingKind.CLARIFICATION);
    expect(ask.reply?.text).toBe("“kal” se aap ki murad kya hai: tomorrow ya yesterday?");
  });

  test("“submit report by friday !high” in chat: title, Friday, high; p1 and Urdu/Roman priority words too", async () => {
    const user = await chatSession(stack.baseUrl);
    const response = await user.say("submit report by friday !high");
    const { task } = await user.tasks.getTask({ id: response.actions[0]!.taskId });
    expect(task).toMatchObject({ title: "submit report", priority: Priority.HIGH, dueDateOnly: true });
    expect(response.reply?.text).toBe("Added “submit report” — due Fri, Mar 6; priority high.");
    const urgent = await user.say("renew passport !1");
    expect((await user.tasks.getTask({ id: urgent.actions[0]!.taskId })).task?.priority).toBe(Priority.URGENT);

    const urdu = await chatSession(stack.baseUrl, { locale: "ur" });
    const ur = await urdu.say("کل بل جمع کروانا فوری");
    expect((await urdu.tasks.getTask({ id: ur.actions[0]!.taskId })).task).toMatchObject({
      title: "بل جمع کروانا",
      priority: Priority.URGENT,
    });
    expect(ur.reply?.text).toContain("ترجیح: فوری");
    const roman = await chatSession(stack.baseUrl);
    const ro = await roman.say("kal kiraya dena zaroori");
    expect((await roman.tasks.getTask({ id: ro.actions[0]!.taskId })).task).toMatchObject({
      title: "kiraya dena",
      priority: Priority.HIGH,
    });
    expect(ro.reply?.text).toBe("“kiraya dena” add kar diya — kal; tarjeeh: zyada.");
  });
});

describe("cut lists", () => {
  test("a list of 14 shows 10, says 4 more and how to see them; “show more” shows the rest", async () => {
    const user = await chatSession(stack.baseUrl);
    await withTasks(user, 14);
    const first = await user.say("show my tasks");
    const lines = first.reply!.text.split("\n");
    expect(lines[0]).toBe("You have 14 open tasks:");
    expect(lines).toHaveLength(12);
    expect(lines.at(-1)).toBe("…and 4 more — say “show more” to see them.");
    expect(first.pending).toMatchObject({ kind: PendingKind.OFFER, options: ["show more"] });
    const more = await user.say("show more");
    expect(more.reply?.text.split("\n")).toEqual(["11. task 11", "12. task 12", "13. task 13", "14. task 14"]);
    expect(more.pending).toBeUndefined();
    expect((await user.say("show more")).reply?.text).toBe("That was the whole list.");

    const roman = await chatSession(stack.baseUrl);
    await withTasks(roman, 12, "kaam");
    expect((await roman.say("mere kaam dikhao")).reply?.text.split("\n").at(-1)).toBe(
      "…aur 2 mazeed — dekhne ke liye “aur dikhao” likhein.",
    );
    expect((await roman.say("aur dikhao")).reply?.text.split("\n")).toHaveLength(2);
  });
});
