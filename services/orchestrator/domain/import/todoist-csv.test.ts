import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { Priority } from "../../../../gen/todo/v1/task_pb";
import { InvalidArgumentError } from "../../../platform/errors";
import { genericPriority, readGenericCsv } from "./generic-csv";
import { checkRecurrences } from "./plan";
import { readTaskmeshJson } from "./taskmesh-json";
import { readTodoistCsv, todoistPriority } from "./todoist-csv";

const sample = readFileSync(new URL("../../testing/import-samples/todoist-template.csv", import.meta.url), "utf8");
const now = new Date("2026-12-01T10:00:00Z");
const read = (text: string) => readTodoistCsv(text, { projectName: "Trip", timeZone: "Asia/Karachi", now });

test("Todoist's PRIORITY: 1 is p1 (urgent) … 3 is medium; 4, Todoist's default, and empty are none", () => {
  expect(["1", "2", "3", "4", ""].map(todoistPriority)).toEqual(["urgent", "high", "medium", "none", "none"]);
  expect(todoistPriority("5")).toBeNull();
  expect(todoistPriority("p1")).toBeNull();
});

test("the Todoist template sample: tasks, labels, indents as subtasks, a section, dates in the row's zone", () => {
  const plan = read(sample);
  expect(plan.problems).toEqual([]);
  expect(plan.projects.map((p) => p.name)).toEqual(["Trip"]);
  expect(plan.sections.map((s) => [s.row, s.name])).toEqual([[8, "Packing"]]);
  const byTitle = (title: string) => plan.tasks.find((t) => t.title === title)!;
  const trip = byTitle("Plan the trip");
  expect(trip).toMatchObject({
    row: 2,
    priority: Priority.URGENT,
    tags: ["travel"],
    dueDateOnly: true,
    parentKey: null,
  });
  expect(trip.description).toBe('Flights, hotel and a "cheap" car');
  // 2026-12-20 in Karachi (UTC+5) starts at 19:00 UTC the day before.
  expect(trip.dueAt?.toISOString()).toBe("2026-12-19T19:00:00.000Z");
  const flights = byTitle("Book flights");
  expect(flights).toMatchObject({ priority: Priority.HIGH, parentKey: trip.key, dueDateOnly: false });
  expect(flights.dueAt?.toISOString()).toBe("2026-12-10T12:00:00.000Z");
  expect(byTitle("Compare airlines")).toMatchObject({ priority: Priority.NONE, parentKey: flights.key });
  const passport = byTitle("Renew passport");
  // Indent 2 after a task of indent 3: back to a child of the top-level task.
  expect(passport).toMatchObject({
    priority: Priority.MEDIUM,
    parentKey: trip.key,
    tags: ["admin", "urgent"],
    // "every other monday": Todoist's recurrence read as an RRULE, first due on the next Monday in Karachi.
    rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
    repeatFrom: 1,
    description: "",
  });
  expect(passport.dueAt?.toISOString()).toBe("2026-12-06T19:00:00.000Z");
  const packing = plan.sections[0]!.key;
  expect(byTitle("پاسپورٹ اور ٹکٹ رکھنا")).toMatchObject({
    sectionKey: packing,
    parentKey: null,
    priority: Priority.NONE,
  });
  const chargers = plan.tasks.filter((t) => t.title === "Chargers");
  expect(chargers.map((t) => t.sectionKey)).toEqual([packing, packing]);
  expect(new Set(chargers.map((t) => t.key)).size).toBe(2);
  expect(plan.warnings.map((w) => [w.row, w.field])).toEqual([
    [5, "TYPE"],
    [6, "RESPONSIBLE"],
  ]);
  // A date we cannot read is kept at the end of the description, with a warning.
  const odd = read("TYPE,CONTENT,DESCRIPTION,DATE\ntask,Pay rent,monthly bill,every 3rd friday\n");
  expect(odd.tasks[0]).toMatchObject({ description: "monthly bill\n\nTodoist date: every 3rd friday", rrule: null });
  expect(odd.warnings.map((w) => [w.row, w.field])).toEqual([[2, "DATE"]]);
  // The same file read twice gives the same keys: what makes a re-import find what the first made.
  expect(read(sample).tasks.map((t) => t.key)).toEqual(plan.tasks.map((t) => t.key));
});

test("bad rows are problems naming the row and column; a file without TYPE/CONTENT is refused", () => {
  const header = "TYPE,CONTENT,PRIORITY,INDENT,TIMEZONE\n";
  const plan = read(
    `${header}task,ok,1,1,\nchore,what,1,1,\ntask,,1,1,\ntask,x,7,1,\ntask,deep,1,3,\ntask,zone,1,1,Mars/Base\ntask,${"t".repeat(501)},1,1,\ntask,bell\u0007,1,1,\n`,
  );
  expect(plan.problems.map((p) => [p.row, p.field])).toEqual([
    [3, "TYPE"],
    [4, "CONTENT"],
    [5, "PRIORITY"],
    [6, "INDENT"],
    [7, "TIMEZONE"],
    [8, "CONTENT"],
    [9, "CONTENT"],
  ]);
  expect(plan.tasks.map((t) => t.title)).toEqual(["ok"]);
  expect(() => read("NAME,WHEN\nx,y\n")).toThrow(InvalidArgumentError);
  expect(() => read('TYPE,CONTENT\ntask,"unterminated\n')).toThrow(InvalidArgumentError);
});

test("generic CSV priorities: our names, the markers people type, the Urdu and Roman Urdu labels; empty is none", () => {
  expect(["urgent", "High", "p3", "!4", "", "فوری", "zyada", "koi nahi"].map(genericPriority)).toEqual([
    "urgent",
    "high",
    "medium",
    "low",
    "none",
    "urgent",
    "high",
    "none",
  ]);
  expect(genericPriority("5")).toBeNull();
});

test("generic CSV: mapped columns, priorities in any of our words, parents by title, projects and sections by name", () => {
  const text = [
    "Name,Notes,When,Importance,Labels,List,Group,Under,Done",
    "Write report,draft first,2026-12-03 09:30,high,work; q4,Work,Doing,,",
    "Outline,,2026-12-02,p1,,Work,Doing,Write report,yes",
    "Buy milk,,,کم,home,,,,",
    "Broken,,someday soon,urgentish,,,,Nobody,maybe",
  ].join("\n");
  const plan = readGenericCsv(
    text,
    {
      title: "name",
      description: "Notes",
      due: "When",
      priority: "Importance",
      tags: "Labels",
      project: "List",
      section: "Group",
      parent: "Under",
      status: "Done",
    },
    { defaultProject: "", timeZone: "Asia/Karachi", now },
  );
  expect(plan.problems.map((p) => [p.row, p.field])).toEqual([
    [5, "Importance"],
    [5, "When"],
    [5, "Done"],
    [5, "Under"],
  ]);
  const [report, outline, milk] = plan.tasks;
  expect(report).toMatchObject({
    priority: Priority.HIGH,
    tags: ["work", "q4"],
    dueDateOnly: false,
    completedAt: null,
  });
  expect(report!.dueAt?.toISOString()).toBe("2026-12-03T04:30:00.000Z");
  expect(outline).toMatchObject({ priority: Priority.URGENT, parentKey: report!.key, completedAt: now });
  expect(milk).toMatchObject({ priority: Priority.LOW, projectKey: null, tags: ["home"] });
  expect(plan.projects.map((p) => p.name)).toEqual(["Work"]);
  expect(plan.sections.map((s) => s.name)).toEqual(["Doing"]);
  expect(() =>
    readGenericCsv(text, { ...emptyMapping, title: "Missing" }, { defaultProject: "", timeZone: "UTC", now }),
  ).toThrow(InvalidArgumentError);
});

const emptyMapping = {
  title: "",
  description: "",
  due: "",
  priority: "",
  tags: "",
  project: "",
  section: "",
  parent: "",
  status: "",
};

test("checkRecurrences refuses a rule the acceptance rule refuses and keeps the rest", async () => {
  const plan = readTaskmeshJson(
    JSON.stringify({
      format: "taskmesh-export",
      version: 1,
      tasks: [
        { id: "a", title: "weekly", dueAt: "2026-12-01T05:00:00Z", recurrence: { rrule: "FREQ=WEEKLY" } },
        {
          id: "b",
          title: "never",
          dueAt: "2026-12-01T05:00:00Z",
          recurrence: { rrule: "FREQ=DAILY;UNTIL=20200101T000000Z" },
        },
      ],
    }),
    { now },
  );
  expect(plan.tasks.map((t) => t.title)).toEqual(["weekly", "never"]);
  await checkRecurrences(plan, "Asia/Karachi", now);
  expect(plan.tasks.map((t) => t.title)).toEqual(["weekly"]);
  expect(plan.problems.map((p) => [p.row, p.field])).toEqual([[2, "recurrence.rrule"]]);
});
