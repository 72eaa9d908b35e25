import { describe, expect, test } from "bun:test";
import { ChatTaskOffer } from "../../../../gen/todo/v1/chat_service_pb";
import { collapsesActions, offerFor, offersOf, replyDirection, sameText, tasksToFetch, withOffers } from "./chat-view";

const FSI = "\u2068";
const PDI = "\u2069";
const RLM = "\u200F";

describe("replyDirection", () => {
  test("the reply's language decides when it is known: Urdu right to left, Roman Urdu and English left to right", () => {
    // Issue 13 item 7: an Urdu reply starting with an English title (no mark: an older server) is still RTL.
    expect(replyDirection(`${FSI}“Quarterly report 2.0”${PDI} مکمل کر دیا۔`, "ur")).toBe("rtl");
    expect(replyDirection("Aap ke 1 kaam hain:\n1. report bhejna", "roman-ur")).toBe("ltr");
    // Roman Urdu quoting an Urdu title is still a Latin-script paragraph.
    expect(replyDirection(`${FSI}“رپورٹ”${PDI} add kar diya`, "roman-ur")).toBe("ltr");
    expect(replyDirection("Deleted 3 tasks.", "en")).toBe("ltr");
  });

  test("history without a language: the first strong letter outside isolates, or the leading mark", () => {
    expect(replyDirection(`${RLM}${FSI}“Quarterly report 2.0”${PDI} مکمل کر دیا۔`)).toBe("rtl");
    // No mark, but the title is isolated: the first letter outside it is Urdu.
    expect(replyDirection(`${FSI}“Quarterly report”${PDI} مکمل کر دیا۔`)).toBe("rtl");
    expect(replyDirection(`آپ کے 1 کام ہیں:\n1. ${FSI}Quarterly report 2.0${PDI}`)).toBe("rtl");
    // Numbers and punctuation are not strong; the first Latin letter decides.
    expect(replyDirection("1. “Quarterly report” is due")).toBe("ltr");
    expect(replyDirection(`2 kaam delete kar diye. ${FSI}“کام”${PDI}`)).toBe("ltr");
    expect(replyDirection("\u200E۱۲۳")).toBe("ltr");
    expect(replyDirection("123 …")).toBeUndefined();
    // An unclosed isolate hides the rest, as the Unicode bidi algorithm does.
    expect(replyDirection(`${FSI}Quarterly`)).toBeUndefined();
  });
});

test("sameText ignores the marks and isolates the server adds to an Urdu reply", () => {
  expect(sameText(`${RLM}${FSI}“Quarterly report 2.0”${PDI} مکمل کر دیا۔`, "“Quarterly report 2.0” مکمل کر دیا۔")).toBe(
    true,
  );
  expect(sameText("Deleted “milk”.", "Deleted “milk”. Say “undo” to bring it back.")).toBe(false);
});

describe("offers", () => {
  test("open, restore and none; a task-less action offers nothing; an older server's UNSPECIFIED opens", () => {
    expect(offerFor({ taskId: "t1", offer: ChatTaskOffer.OPEN })).toBe("open");
    expect(offerFor({ taskId: "t1", offer: ChatTaskOffer.RESTORE })).toBe("restore");
    expect(offerFor({ taskId: "t1", offer: ChatTaskOffer.NONE })).toBe("none");
    expect(offerFor({ taskId: "", offer: ChatTaskOffer.OPEN })).toBe("none");
    expect(offerFor({ taskId: "t1", offer: ChatTaskOffer.UNSPECIFIED })).toBe("open");
  });

  test("withOffers updates earlier messages to what the latest reply says; untouched messages keep their identity", () => {
    const created = { actions: [{ taskId: "milk", offer: ChatTaskOffer.OPEN, tool: "add_task" }] };
    const other = { actions: [{ taskId: "mom", offer: ChatTaskOffer.OPEN, tool: "add_task" }] };
    const deleted = { actions: [{ taskId: "milk", offer: ChatTaskOffer.RESTORE, tool: "delete_task" }] };
    const after = withOffers([created, other, deleted], offersOf(deleted.actions));
    expect(after[0]!.actions[0]).toEqual({ taskId: "milk", offer: ChatTaskOffer.RESTORE, tool: "add_task" });
    expect(after[1]).toBe(other);
    expect(after[2]).toBe(deleted);
    expect(created.actions[0]!.offer).toBe(ChatTaskOffer.OPEN); // not mutated

    // Undo (restore_task) makes both offer to open again.
    const undone = withOffers(after, new Map([["milk", ChatTaskOffer.OPEN]]));
    expect(undone.flatMap((m) => m.actions.map((a) => a.offer))).toEqual([
      ChatTaskOffer.OPEN,
      ChatTaskOffer.OPEN,
      ChatTaskOffer.OPEN,
    ]);
  });

  test("offersOf: the last action on a task wins; UNSPECIFIED and task-less actions say nothing", () => {
    const offers = offersOf([
      { taskId: "a", offer: ChatTaskOffer.OPEN },
      { taskId: "a", offer: ChatTaskOffer.RESTORE },
      { taskId: "b", offer: ChatTaskOffer.UNSPECIFIED },
      { taskId: "", offer: ChatTaskOffer.NONE },
    ]);
    expect([...offers]).toEqual([["a", ChatTaskOffer.RESTORE]]);
  });
});

describe("bulk replies", () => {
  const actions = (n: number) => Array.from({ length: n }, (_, i) => ({ taskId: `t${i}` }));

  test("up to 5 actions are listed; more are folded", () => {
    expect(collapsesActions(actions(5))).toBe(false);
    expect(collapsesActions(actions(6))).toBe(true);
    expect(collapsesActions(actions(500))).toBe(true);
  });

  test("a few tasks are fetched (distinct); a bulk reply fetches none and resyncs once", () => {
    expect(tasksToFetch([{ taskId: "a" }, { taskId: "a" }, { taskId: "" }, { taskId: "b" }])).toEqual({
      ids: ["a", "b"],
      resync: false,
    });
    expect(tasksToFetch(actions(228))).toEqual({ ids: [], resync: true });
    expect(tasksToFetch([])).toEqual({ ids: [], resync: false });
  });
});
