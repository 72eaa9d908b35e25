import { describe, expect, test } from "bun:test";
import { chipsOf, draftOf, keptRemovals, titleWithout } from "./chips";
import { readQuickAdd } from "./local-quick-add";

// Tuesday 2026-03-10 10:00 in Karachi (UTC+5).
const frame = { referenceTime: new Date("2026-03-10T05:00:00Z"), timeZone: "Asia/Karachi", language: "en" as const };

describe("quick-add chips", () => {
  const parse = readQuickAdd("buy milk tomorrow at 5pm #home p1", frame);

  test("each read field becomes one chip, in line order", () => {
    expect(chipsOf(parse).map((c) => [c.field, c.spans.map((s) => s.text).join(" ")])).toEqual([
      ["due", "tomorrow at 5pm"],
      ["tag", "#home"],
      ["priority", "p1"],
    ]);
  });

  test("with every chip kept, the title is what is left and the fields are set", () => {
    const draft = draftOf(parse, new Set());
    expect(draft.title).toBe("buy milk");
    expect(draft.due).toEqual({ at: new Date("2026-03-11T12:00:00Z"), dateOnly: false });
    expect(draft.tags).toEqual(["home"]);
    expect(draft.priority).toBe("urgent");
  });

  test("removing a chip puts its text back into the title and drops its field", () => {
    const due = chipsOf(parse).find((c) => c.field === "due")!;
    const draft = draftOf(parse, new Set([due.key]));
    expect(draft.title).toBe("buy milk tomorrow at 5pm");
    expect(draft.due).toBeUndefined();
    expect(draft.tags).toEqual(["home"]);

    const tag = chipsOf(parse).find((c) => c.field === "tag")!;
    const withoutTag = draftOf(parse, new Set([tag.key]));
    expect(withoutTag.title).toBe("buy milk #home");
    expect(withoutTag.tags).toEqual([]);
  });

  test("removing one of two tags keeps the other", () => {
    const two = readQuickAdd("plan trip #travel #family", frame);
    const travel = chipsOf(two).find((c) => c.key === "tag:#travel")!;
    expect(draftOf(two, new Set([travel.key])).tags).toEqual(["family"]);
  });

  test("a relative reminder goes when its due date goes", () => {
    const line = readQuickAdd("submit report friday 9am remind me 30 minutes before", frame);
    expect(draftOf(line, new Set()).reminder).toEqual({ beforeSeconds: 1800 });
    const due = chipsOf(line).find((c) => c.field === "due")!;
    expect(draftOf(line, new Set([due.key])).reminder).toBeUndefined();
  });

  test("a removal survives re-parsing while its chip still exists", () => {
    const tag = chipsOf(parse).find((c) => c.field === "tag")!;
    const longer = readQuickAdd("buy milk tomorrow at 5pm #home p1 and eggs", frame);
    expect([...keptRemovals(new Set([tag.key]), longer)]).toEqual([tag.key]);
    expect([...keptRemovals(new Set([tag.key]), readQuickAdd("buy milk", frame))]).toEqual([]);
  });

  test("titleWithout drops connectors left hanging", () => {
    const line = "call mom on friday";
    expect(titleWithout(line, [{ start: 12, end: 18, text: "friday", value: { field: "tag", tag: "x" } }])).toBe("call mom");
  });
});
