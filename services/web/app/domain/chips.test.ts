import { describe, expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { durationFromMs, timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  ParseQuickAddResponseSchema,
  type QuickAddSpan,
  QuickAddSpanSchema,
} from "../../../../gen/todo/v1/task_service_pb";
import { chipsOf, draftOf, keptRemovals, removeChip, titleWithout } from "./chips";
import { fromParseResponse } from "./server-quick-add";

/** span locates a piece of the line the way the Task skill reports it. */
const span = (line: string, field: string, text: string): QuickAddSpan => {
  const start = line.indexOf(text);
  return create(QuickAddSpanSchema, { field, start, end: start + text.length, text });
};

// The server's answers (TaskService.ParseQuickAdd) for Tuesday 2026-03-10 10:00 in Karachi (UTC+5).
const tomorrowFive = timestampFromDate(new Date("2026-03-11T12:00:00Z"));
const answers: Record<string, Parameters<typeof create<typeof ParseQuickAddResponseSchema>>[1]> = {
  "buy milk tomorrow at 5pm #home p1": { title: "buy milk", priority: 5, tags: ["home"], dueAt: tomorrowFive },
  "buy milk tomorrow at 5pm #home p1 and eggs": {
    title: "buy milk and eggs",
    priority: 5,
    tags: ["home"],
    dueAt: tomorrowFive,
  },
  "plan trip #travel #family": { title: "plan trip", tags: ["travel", "family"] },
  "submit report friday 9am remind me 30 minutes before": {
    title: "submit report",
    dueAt: timestampFromDate(new Date("2026-03-13T04:00:00Z")),
    reminder: { when: { case: "remindBefore", value: durationFromMs(1_800_000) } },
  },
  "buy milk": { title: "buy milk" },
  // The skill reads the rule and its first date but marks no span "due" (issue 13 item 1).
  "pay rent on the 1st of every month": {
    title: "pay rent",
    dueAt: timestampFromDate(new Date("2026-04-01T00:00:00Z")),
    dueDateOnly: true,
    recurrence: { rrule: "FREQ=MONTHLY;BYMONTHDAY=1" },
  },
  "call bank tomorrow 10am remind me 30 minutes before": {
    title: "call bank",
    dueAt: timestampFromDate(new Date("2026-03-11T05:00:00Z")),
    reminder: { when: { case: "remindBefore", value: durationFromMs(1_800_000) } },
  },
  "book hotel +Trip #travel": {
    title: "book hotel",
    tags: ["travel"],
    project: { id: "", name: "Trip", isNew: true, archived: false },
  },
};
const spansOf: Record<string, [string, string][]> = {
  "buy milk tomorrow at 5pm #home p1": [
    ["due", "tomorrow at 5pm"],
    ["tags", "#home"],
    ["priority", "p1"],
  ],
  "buy milk tomorrow at 5pm #home p1 and eggs": [
    ["due", "tomorrow at 5pm"],
    ["tags", "#home"],
    ["priority", "p1"],
  ],
  "plan trip #travel #family": [
    ["tags", "#travel"],
    ["tags", "#family"],
  ],
  "submit report friday 9am remind me 30 minutes before": [
    ["due", "friday 9am"],
    ["reminder", "remind me 30 minutes before"],
  ],
  "buy milk": [],
  "pay rent on the 1st of every month": [["recurrence", "on the 1st of every month"]],
  "call bank tomorrow 10am remind me 30 minutes before": [
    ["due", "tomorrow 10am"],
    ["reminder", "remind me 30 minutes before"],
  ],
  "book hotel +Trip #travel": [
    ["project", "+Trip"],
    ["tags", "#travel"],
  ],
};
const readQuickAdd = (line: string) =>
  fromParseResponse(
    line,
    create(ParseQuickAddResponseSchema, {
      ...answers[line],
      spans: [
        span(line, "title", answers[line]!.title!),
        ...spansOf[line]!.map(([field, text]) => span(line, field, text)),
      ],
    }),
  );

describe("quick-add chips", () => {
  const parse = readQuickAdd("buy milk tomorrow at 5pm #home p1");

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
    const two = readQuickAdd("plan trip #travel #family");
    const travel = chipsOf(two).find((c) => c.key === "tag:#travel")!;
    expect(draftOf(two, new Set([travel.key])).tags).toEqual(["family"]);
  });

  test("a relative reminder goes when its due date goes", () => {
    const line = readQuickAdd("submit report friday 9am remind me 30 minutes before");
    expect(draftOf(line, new Set()).reminder).toEqual({ beforeSeconds: 1800 });
    const due = chipsOf(line).find((c) => c.field === "due")!;
    expect(draftOf(line, new Set([due.key])).reminder).toBeUndefined();
  });

  test("a rule's first date is kept when the server marks no due span", () => {
    const rent = readQuickAdd("pay rent on the 1st of every month");
    expect(chipsOf(rent).map((c) => c.field)).toEqual(["recurrence"]);
    const draft = draftOf(rent, new Set());
    expect(draft.title).toBe("pay rent");
    expect(draft.rrule).toBe("FREQ=MONTHLY;BYMONTHDAY=1");
    expect(draft.due).toEqual({ at: new Date("2026-04-01T00:00:00Z"), dateOnly: true });
  });

  test("removing the Due chip removes a relative Reminder chip too, and says which", () => {
    const line = readQuickAdd("call bank tomorrow 10am remind me 30 minutes before");
    const [due, reminder] = chipsOf(line);
    const result = removeChip(line, new Set(), due!.key);
    expect([...result.removed]).toEqual([due!.key, reminder!.key]);
    expect(result.also.map((c) => c.field)).toEqual(["reminder"]);
    expect(draftOf(line, result.removed).title).toBe("call bank tomorrow 10am remind me 30 minutes before");
    // Removing only the reminder leaves the due date alone.
    expect(removeChip(line, new Set(), reminder!.key).also).toEqual([]);
  });

  test("a removal survives re-parsing while its chip still exists", () => {
    const tag = chipsOf(parse).find((c) => c.field === "tag")!;
    const longer = readQuickAdd("buy milk tomorrow at 5pm #home p1 and eggs");
    expect([...keptRemovals(new Set([tag.key]), longer)]).toEqual([tag.key]);
    expect([...keptRemovals(new Set([tag.key]), readQuickAdd("buy milk"))]).toEqual([]);
  });

  test("titleWithout drops connectors left hanging", () => {
    const line = "call mom on friday";
    expect(titleWithout(line, [{ start: 12, end: 18, text: "friday", value: { field: "tag", tag: "x" } }])).toBe(
      "call mom",
    );
  });
});

describe("the +Project chip", () => {
  const parse = readQuickAdd("book hotel +Trip #travel");

  test("a project marker is one chip whose project (new here) goes into the draft", () => {
    expect(chipsOf(parse).map((c) => [c.field, c.key])).toEqual([
      ["project", "project:+trip"],
      ["tag", "tag:#travel"],
    ]);
    expect(draftOf(parse, new Set())).toMatchObject({
      title: "book hotel",
      tags: ["travel"],
      project: { id: "", name: "Trip", isNew: true },
    });
  });

  test("removing it keeps the words in the title and puts the task nowhere special", () => {
    const draft = draftOf(parse, new Set(["project:+trip"]));
    expect(draft.title).toBe("book hotel +Trip");
    expect(draft.project).toBeUndefined();
  });
});
