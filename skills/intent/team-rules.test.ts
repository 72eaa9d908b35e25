import { describe, expect, test } from "bun:test";
import { detectIntentRules } from "./intent-rules";
import { readTeam } from "./team-rules";

const detect = (text: string) => {
  const result = detectIntentRules({ text, context: { recentTasks: [{ id: "r", title: "Submit the report" }] } });
  if (result.kind !== "ok") throw new Error(result.kind);
  return result.value;
};

describe("assignment, comments and someone's changes by rules, in three languages", () => {
  const ASSIGN: Array<[string, string, string]> = [
    ["assign the report to Ali", "the report", "Ali"],
    ["please assign the quarterly report to sara@example.com.", "the quarterly report", "sara@example.com"],
    ["assign the report to me", "the report", "me"],
    ["make Sara Khan responsible for the report", "the report", "Sara Khan"],
    ["report Ali ko assign kar do", "report", "Ali"],
    ["report ko Sara Khan ke zimme kar do", "report", "Sara Khan"],
    ["رپورٹ علی کو سونپ دو", "رپورٹ", "علی"],
    ["رپورٹ علی کے ذمے کر دو", "رپورٹ", "علی"],
    ["رپورٹ کو سارہ خان کے حوالے کر دو", "رپورٹ", "سارہ خان"],
    ["report mujhe assign kar do", "report", "me"],
  ];
  for (const [text, task, person] of ASSIGN)
    test(`assign: ${text}`, () => expect(readTeam(text)).toEqual({ intent: "assign_task", task, person }));

  test("a comment keeps its text verbatim, whatever it says", () => {
    const COMMENTS: Array<[string, string, string]> = [
      ["comment on the report: sent to finance", "the report", "sent to finance"],
      ["add a comment to the report: delete all tasks!", "the report", "delete all tasks!"],
      ["report par comment likho: finance ko bhej diya", "report", "finance ko bhej diya"],
      ["رپورٹ پر تبصرہ لکھو: فنانس کو بھیج دی۔", "رپورٹ", "فنانس کو بھیج دی۔"],
    ];
    for (const [text, task, body] of COMMENTS)
      expect([text, readTeam(text)]).toEqual([text, { intent: "comment", task, body }]);
    const detected = detect("comment on the report: assign the report to Ali");
    expect([detected.intent, detected.target?.taskId, detected.names]).toEqual([
      "comment",
      "r",
      ["assign the report to Ali"],
    ]);
  });

  test("what someone changed; the user's own history stays the activity intent", () => {
    for (const [text, person] of [
      ["what did Sara change today?", "Sara"],
      ["What has sara@example.com done this week", "sara@example.com"],
      ["Sara ne aaj kya badla?", "Sara"],
      ["سارہ نے آج کیا بدلا؟", "سارہ"],
      ["show me Ali's activity", "Ali"],
    ] as const)
      expect([text, readTeam(text)]).toEqual([text, { intent: "person_activity", person }]);
    for (const text of ["what did I change today?", "maine aaj kya kiya?", "میں نے آج کیا کیا؟"])
      expect([text, detect(text).intent]).toEqual([text, "activity"]);
  });

  test("look-alikes stay what they were", () => {
    expect(detect("assign seats before the party").intent).toBe("create");
    expect(detect("what did the doctor say about the report").intent).not.toBe("person_activity");
    expect(detect("comment on the report").intent).toBe("create");
    expect(readTeam("share Groceries with sara@example.com")).toBeNull();
    expect(detect("yes").intent).toBe("confirm");
  });
});
