import { describe, expect, test } from "bun:test";
import { detectIntentRules } from "./intent-rules";
import { readShare } from "./share-rules";

const detect = (text: string) => {
  const result = detectIntentRules({ text, context: { recentTasks: [] } });
  if (result.kind !== "ok") throw new Error(result.kind);
  return result.value;
};

describe("share sentences by rules, in three languages", () => {
  const CASES: Array<[string, Record<string, unknown>]> = [
    ["share Groceries with sara@example.com", { project: "Groceries", person: "sara@example.com" }],
    ["please share my Groceries project with sara@example.com as a viewer", { project: "Groceries", role: "viewer" }],
    ["invite sara@example.com to Groceries as an editor", { person: "sara@example.com", role: "editor" }],
    ["Groceries sara@example.com ke sath viewer ke taur par share kar do", { project: "Groceries", role: "viewer" }],
    ["گروسری sara@example.com کے ساتھ ناظر کے طور پر شیئر کرو", { project: "گروسری", role: "viewer" }],
  ];
  for (const [text, expected] of CASES)
    test(`share: ${text}`, () => expect(readShare(text)).toMatchObject({ intent: "share_project", ...expected }));

  test("members, removal and leaving", () => {
    expect(readShare("who is in Groceries?")).toEqual({ intent: "list_members", project: "Groceries" });
    expect(readShare("who has access to the Trip project")).toEqual({ intent: "list_members", project: "Trip" });
    expect(readShare("Groceries mein kaun kaun hai")).toEqual({ intent: "list_members", project: "Groceries" });
    expect(readShare("گروسری میں کون کون ہے؟")).toEqual({ intent: "list_members", project: "گروسری" });
    expect(readShare("remove sara from Groceries")).toEqual({
      intent: "remove_member",
      project: "Groceries",
      person: "sara",
    });
    expect(readShare("Sara ko Groceries project se nikal do")).toMatchObject({
      intent: "remove_member",
      person: "Sara",
    });
    expect(readShare("سارہ کو گروسری پروجیکٹ سے نکال دو")).toMatchObject({ intent: "remove_member", person: "سارہ" });
    for (const text of ["leave Groceries", "leave the Groceries project", "Groceries project chhor do"])
      expect([text, readShare(text)]).toEqual([text, { intent: "leave_project", project: "Groceries" }]);
    expect(readShare("گروسری پروجیکٹ چھوڑ دو")).toEqual({ intent: "leave_project", project: "گروسری" });
  });

  test("look-alikes stay what they were: tasks, updates, organise sentences", () => {
    for (const text of [
      "leave home at 8",
      "leave the keys with the neighbour",
      "remove the tag urgent from the report",
      "remove milk from my list",
      "smoking chhor do",
      "kapre ko machine se nikal do",
      "share photos with mom",
      "who is coming to the party",
      "add milk to Groceries",
    ]) {
      const read = readShare(text);
      if (text === "share photos with mom") {
        // A share sentence by shape: the chat looks "photos" up among the user's projects and says there is none.
        expect(read?.intent).toBe("share_project");
        continue;
      }
      expect([text, read]).toEqual([text, null]);
    }
    expect(detect("leave home at 8").intent).toBe("create");
    expect(detect("add milk to Groceries").intent).toBe("add_to_project");
  });

  test("the detected intent carries the person as the reference and a said role as the one name", () => {
    expect(detect("share Groceries with sara@example.com as viewer")).toMatchObject({
      intent: "share_project",
      project: "Groceries",
      target: { reference: "sara@example.com" },
      names: ["viewer"],
    });
    expect(detect("share Groceries with sara@example.com").names).toBeUndefined();
    expect(detect("yes").intent).toBe("confirm");
  });
});
