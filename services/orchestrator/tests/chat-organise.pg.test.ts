import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Client } from "@connectrpc/connect";
import { PendingKind } from "../../../gen/todo/v1/chat_service_pb";
import { FilterService } from "../../../gen/todo/v1/filter_service_pb";
import { ProjectService } from "../../../gen/todo/v1/project_service_pb";
import { TaskStatus } from "../../../gen/todo/v1/task_pb";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { connectClient } from "../../platform/testing/tokens";
import { createSkills } from "../../skills/skills";
import { createOrchestrator } from "../orchestrator";
import { type ChatSession, chatSession } from "../testing/chat-session";

// Issue 14 in chat: projects, sections and subtasks in English, Urdu script and Roman Urdu, through the
// tool layer, on the deterministic path (no model): add to a project (asking before creating one),
// move, list a project, create a project with sections, add subtasks; ambiguity asked, never guessed;
// only the caller's own projects are ever matched; names are data.
let stack: TestStack;
setDefaultTimeout(30_000);
beforeAll(async () => {
  // Every test signs up its own people (about 35 in all): more than the default 30 sign-ups a minute per address.
  stack = await startTestStack([createSkills, createOrchestrator], {
    kafka: false,
    env: { AUTH_LIMIT_PER_ADDRESS: "1000" },
  });
}, 60_000);
afterAll(() => stack.stop(), 60_000);

const FSI = "\u2068";
const PDI = "\u2069";
const RLM = "\u200F";

interface Person extends ChatSession {
  projects: Client<typeof ProjectService>;
}

async function person(): Promise<Person> {
  const session = await chatSession(stack.baseUrl);
  return { ...session, projects: connectClient(ProjectService, stack.baseUrl, session.accessToken) };
}

async function project(user: Person, name: string, parentId = ""): Promise<string> {
  return (await user.projects.createProject({ name, parentId })).project!.id;
}

async function titlesIn(user: Person, projectId: string): Promise<string[]> {
  const { tasks } = await user.tasks.listTasks({ projectId, status: TaskStatus.OPEN, pageSize: 100 });
  return tasks.map((task) => task.title).sort();
}

async function projectNames(user: Person): Promise<string[]> {
  const { projects } = await user.projects.listProjects({});
  return projects.map((p) => p.name).sort();
}

describe("add a task to a project", () => {
  const CASES = [
    { language: "en", groceries: "Groceries", say: "add milk to Groceries", title: "milk" },
    { language: "ur", groceries: "گروسری", say: "گروسری میں دودھ شامل کرو", title: "دودھ" },
    { language: "ur", groceries: "گروسری", say: "دودھ کو گروسری میں ڈال دو", title: "دودھ" },
    { language: "roman-ur", groceries: "Groceries", say: "milk ko Groceries mein daal do", title: "milk" },
    { language: "roman-ur", groceries: "Groceries", say: "Groceries mein milk add karo", title: "milk" },
  ];
  for (const c of CASES)
    test(`${c.say} (${c.language}): the task goes into the existing project`, async () => {
      const user = await person();
      const groceries = await project(user, c.groceries);
      const reply = await user.say(c.say);
      expect(reply.language).toBe(c.language);
      expect(reply.actions.map((a) => a.tool)).toEqual(["add_task"]);
      expect(await titlesIn(user, groceries)).toEqual([c.title]);
      const expected = {
        en: `Added “${c.title}” — in “${c.groceries}”.`,
        ur: `${FSI}“${c.title}”${PDI} شامل کر دیا — ${FSI}“${c.groceries}”${PDI} میں۔`,
        "roman-ur": `“${c.title}” add kar diya — “${c.groceries}” mein.`,
      }[c.language];
      expect(reply.reply?.text).toBe(expected);
    });

  test("the task words keep their date: “add milk tomorrow to Groceries”", async () => {
    const user = await person();
    const groceries = await project(user, "Groceries");
    const reply = await user.say("add milk tomorrow to Groceries");
    expect(reply.reply?.text).toBe("Added “milk” — in “Groceries”; due tomorrow.");
    const { tasks } = await user.tasks.listTasks({ projectId: groceries, pageSize: 10 });
    expect(tasks.map((t) => [t.title, t.dueDateOnly])).toEqual([["milk", true]]);
  });

  test("a project that does not exist is asked about first; yes creates it with the task, no changes nothing", async () => {
    const user = await person();
    const asked = await user.say("add milk to Groceries");
    expect(asked.reply?.text).toBe("You have no project “Groceries”. Create it and add “milk” there? (yes/no)");
    expect(asked.pending).toMatchObject({ kind: PendingKind.CONFIRMATION, options: ["yes", "no"] });
    expect(await projectNames(user)).toEqual(["Inbox"]);
    const yes = await user.say("yes");
    expect(yes.actions.map((a) => a.tool)).toEqual(["add_project", "add_task"]);
    const { projects } = await user.projects.listProjects({});
    const groceries = projects.find((p) => p.name === "Groceries")!;
    expect(await titlesIn(user, groceries.id)).toEqual(["milk"]);

    const other = await person();
    await other.say("milk ko Sabzi mein daal do");
    const no = await other.say("nahi");
    expect(no.reply?.text).toBe("Theek hai, main ne kuch tabdeel nahi kiya.");
    expect(await projectNames(other)).toEqual(["Inbox"]);
    expect((await other.tasks.listTasks({ pageSize: 10 })).tasks).toHaveLength(0);
  });

  test("the question is asked in Urdu script for an Urdu sentence", async () => {
    const user = await person();
    const asked = await user.say("گروسری میں دودھ شامل کرو");
    expect(asked.reply?.text.replace(RLM, "")).toBe(
      `${FSI}“گروسری”${PDI} نام کا کوئی پروجیکٹ نہیں ہے۔ کیا اسے بنا کر ${FSI}“دودھ”${PDI} اس میں شامل کر دوں؟ (ہاں/نہیں)`,
    );
    const yes = await user.say("جی ہاں");
    expect(yes.actions.map((a) => a.tool)).toEqual(["add_project", "add_task"]);
    expect(await projectNames(user)).toEqual(["Inbox", "گروسری"]);
  });
});

describe("move a task to a project", () => {
  const CASES = [
    {
      say: "move the report to Work",
      report: "Submit report",
      work: "Work",
      reply: "Moved “Submit report” to “Work”.",
    },
    {
      say: "رپورٹ کو ورک میں منتقل کر دو",
      report: "رپورٹ جمع کروانا",
      work: "ورک",
      reply: `${FSI}“رپورٹ جمع کروانا”${PDI} کو ${FSI}“ورک”${PDI} میں منتقل کر دیا۔`,
    },
    {
      say: "report ko Work mein move kar do",
      report: "Submit report",
      work: "Work",
      reply: "“Submit report” ko “Work” mein move kar diya.",
    },
  ];
  for (const c of CASES)
    test(c.say, async () => {
      const user = await person();
      const work = await project(user, c.work);
      await user.tasks.createTask({ title: c.report });
      await user.tasks.createTask({ title: "Buy milk" });
      const reply = await user.say(c.say);
      expect(reply.reply?.text).toBe(c.reply);
      expect(reply.actions.map((a) => a.tool)).toEqual(["move_task"]);
      expect(await titlesIn(user, work)).toEqual([c.report]);
    });

  test("two tasks fit: asks which, moves the one chosen", async () => {
    const user = await person();
    const work = await project(user, "Work");
    await user.tasks.createTask({ title: "Weekly report" });
    await user.tasks.createTask({ title: "Monthly report" });
    const asked = await user.say("move the report to Work");
    expect(asked.pending?.kind).toBe(PendingKind.CLARIFICATION);
    expect(asked.reply?.text).toStartWith("Which “report” do you mean?\n1. ");
    const second = asked.pending!.options[1]!;
    expect(await titlesIn(user, work)).toEqual([]);
    const moved = await user.say("2");
    expect(moved.reply?.text).toBe(`Moved “${second}” to “Work”.`);
    expect(await titlesIn(user, work)).toEqual([second]);
  });

  test("two projects share the name: asks which (by parent), moves to the one chosen", async () => {
    const user = await person();
    const clients = await project(user, "Clients");
    const top = await project(user, "Work");
    const nested = await project(user, "Work", clients);
    await user.tasks.createTask({ title: "Submit report" });
    const asked = await user.say("move the report to Work");
    // Projects come in the sidebar's order: each project followed by its sub-projects.
    expect(asked.reply?.text).toBe("You have several projects called “Work”. Which one?\n1. Work (Clients)\n2. Work");
    expect(asked.pending?.options).toEqual(["Work (Clients)", "Work"]);
    await user.say("the first one");
    expect(await titlesIn(user, nested)).toEqual(["Submit report"]);
    expect(await titlesIn(user, top)).toEqual([]);
  });

  test("a project that does not exist is named, with the user's projects; nothing moves or is created", async () => {
    const user = await person();
    await project(user, "Home");
    await user.tasks.createTask({ title: "Submit report" });
    const reply = await user.say("move the report to Work");
    expect(reply.reply?.text).toBe("You have no project “Work”. Your projects: “Home”.");
    expect(await projectNames(user)).toEqual(["Home", "Inbox"]);
  });

  test("an archived project is named as archived, not created again", async () => {
    const user = await person();
    const old = await project(user, "Old");
    await user.projects.updateProject({ id: old, archived: true, updateMask: { paths: ["archived"] } });
    await user.tasks.createTask({ title: "Submit report" });
    expect((await user.say("add milk to Old")).reply?.text).toBe("The project “Old” is archived; unarchive it first.");
    expect((await user.say("move the report to Old")).reply?.text).toBe(
      "The project “Old” is archived; unarchive it first.",
    );
    expect((await user.projects.listProjects({ includeArchived: true })).projects.map((p) => p.name).sort()).toEqual([
      "Inbox",
      "Old",
    ]);
  });

  test("“move the report to friday” still reschedules", async () => {
    const user = await person();
    await project(user, "friday");
    const { task } = await user.tasks.createTask({ title: "Submit report" });
    const reply = await user.say("move the report to friday");
    expect(reply.actions.map((a) => a.tool)).toEqual(["update_task"]);
    const after = await user.tasks.getTask({ id: task!.id });
    expect(after.task?.dueAt).toBeDefined();
  });
});

describe("what is in a project", () => {
  const CASES = [
    { say: "what's in my Work project?", work: "Work", header: "“Work” has 12 open tasks:" },
    { say: "ورک پروجیکٹ میں کیا ہے؟", work: "ورک", header: `${FSI}“ورک”${PDI} میں 12 کام باقی ہیں:` },
    { say: "mere Work project mein kya hai?", work: "Work", header: "“Work” mein 12 kaam baqi hain:" },
  ];
  for (const c of CASES)
    test(`${c.say}: one per line, and “show more” goes on`, async () => {
      const user = await person();
      const work = await project(user, c.work);
      for (let i = 1; i <= 12; i += 1) await user.tasks.createTask({ title: `work ${i}`, projectId: work });
      await user.tasks.createTask({ title: "not in work" });
      const first = await user.say(c.say);
      const lines = first.reply!.text.replace(RLM, "").split("\n");
      expect(lines[0]).toBe(c.header);
      expect(lines.slice(1, 11)).toEqual(
        Array.from({ length: 10 }, (_, i) =>
          c.work === "ورک" ? `${i + 1}. ${FSI}work ${i + 1}${PDI}` : `${i + 1}. work ${i + 1}`,
        ),
      );
      expect(first.pending?.kind).toBe(PendingKind.OFFER);
      expect(first.reply?.text).not.toContain("not in work");
      const more = await user.say(first.pending!.options[0]!);
      expect(more.reply!.text.replace(RLM, "").split("\n")).toEqual(
        c.work === "ورک" ? [`11. ${FSI}work 11${PDI}`, `12. ${FSI}work 12${PDI}`] : ["11. work 11", "12. work 12"],
      );
    });

  test("an empty project says so; a missing one is named", async () => {
    const user = await person();
    await project(user, "Garden");
    expect((await user.say("what's in my Garden project?")).reply?.text).toBe("“Garden” has no open tasks.");
    expect((await user.say("what's in my Work project?")).reply?.text).toBe(
      "You have no project “Work”. Your projects: “Garden”.",
    );
  });
});

/** The project the section cases speak of, with its sections, as English and Roman Urdu (en) or Urdu (ur) name it. */
const TRIPS = {
  en: { name: "Trip", sections: ["Before", "During"] },
  ur: { name: "ٹرپ", sections: ["پہلے", "دوران"] },
};

describe("create a project with sections", () => {
  const CASES = [
    {
      say: "create a project Trip with sections Before and During",
      ...TRIPS.en,
      reply: "Created the project “Trip” with sections “Before”, “During”.",
    },
    {
      say: "ٹرپ نام کا پروجیکٹ بناؤ جس میں سیکشن پہلے اور دوران ہوں",
      ...TRIPS.ur,
      reply: `پروجیکٹ ${FSI}“ٹرپ”${PDI} بنا دیا، سیکشن: ${FSI}“پہلے”${PDI}، ${FSI}“دوران”${PDI}۔`,
    },
    {
      say: "Trip naam ka project banao jis mein sections Before aur During hon",
      ...TRIPS.en,
      reply: "Project “Trip” bana diya, sections: “Before”, “During”.",
    },
  ];
  for (const c of CASES)
    test(c.say, async () => {
      const user = await person();
      const reply = await user.say(c.say);
      expect(reply.reply?.text.replace(RLM, "")).toBe(c.reply);
      const { projects } = await user.projects.listProjects({});
      const made = projects.find((p) => p.name === c.name)!;
      const { sections } = await user.projects.listSections({ projectId: made.id });
      expect(sections.map((s) => s.name)).toEqual(c.sections);
    });

  test("a project that already exists is not made twice", async () => {
    const user = await person();
    await project(user, "Trip");
    expect((await user.say("create a project Trip")).reply?.text).toBe("You already have a project “Trip”.");
    expect(await projectNames(user)).toEqual(["Inbox", "Trip"]);
  });
});

describe("sections: a task into a section", () => {
  async function trip(user: Person, name: string, sections: string[]): Promise<Record<string, string>> {
    const { project } = await user.projects.createProject({ name });
    const ids: Record<string, string> = { project: project!.id };
    for (const section of sections)
      ids[section] = (await user.projects.createSection({ projectId: project!.id, name: section })).section!.id;
    return ids;
  }
  const inSection = async (user: Person, sectionId: string) =>
    (await user.tasks.listTasks({ sectionId, pageSize: 10 })).tasks.map((t) => t.title);

  const CASES = [
    {
      say: "add passport to the Before section of Trip",
      trip: TRIPS.en,
      section: "Before",
      title: "passport",
      reply: "Added “passport” — in “Trip / Before”.",
    },
    {
      say: "پاسپورٹ کو ٹرپ کے پہلے سیکشن میں ڈال دو",
      trip: TRIPS.ur,
      section: "پہلے",
      title: "پاسپورٹ",
      reply: `${FSI}“پاسپورٹ”${PDI} شامل کر دیا — ${FSI}“ٹرپ / پہلے”${PDI} میں۔`,
    },
    {
      say: "passport ko Trip ke Before section mein daal do",
      trip: TRIPS.en,
      section: "Before",
      title: "passport",
      reply: "“passport” add kar diya — “Trip / Before” mein.",
    },
  ];
  for (const c of CASES)
    test(c.say, async () => {
      const user = await person();
      const ids = await trip(user, c.trip.name, c.trip.sections);
      const reply = await user.say(c.say);
      expect(reply.reply?.text.replace(RLM, "")).toBe(c.reply);
      expect(await inSection(user, ids[c.section]!)).toEqual([c.title]);
    });

  test("a task moves into a section; a section the project lacks is named, with its sections", async () => {
    const user = await person();
    const ids = await trip(user, "Trip", ["Before", "During"]);
    await user.tasks.createTask({ title: "Packing" });
    expect((await user.say("move packing to Trip's During section")).reply?.text).toBe(
      "Moved “Packing” to “Trip / During”.",
    );
    expect(await inSection(user, ids.During!)).toEqual(["Packing"]);
    expect((await user.say("move packing to Trip / After")).reply?.text).toBe(
      "“Trip” has no section “After”. Its sections: “Before”, “During”.",
    );
    expect(await inSection(user, ids.During!)).toEqual(["Packing"]);
  });

  test("a project that does not exist yet is made with the section, after a yes", async () => {
    const user = await person();
    expect((await user.say("add passport to Holiday / Before")).pending?.kind).toBe(PendingKind.CONFIRMATION);
    await user.say("yes");
    const { projects } = await user.projects.listProjects({});
    const holiday = projects.find((p) => p.name === "Holiday")!;
    const { sections } = await user.projects.listSections({ projectId: holiday.id });
    expect(sections.map((x) => x.name)).toEqual(["Before"]);
    expect(await inSection(user, sections[0]!.id)).toEqual(["passport"]);
  });
});

describe("add subtasks", () => {
  const CASES = [
    { say: "add subtasks to packing: passport, charger", parent: "Packing", names: ["charger", "passport"] },
    { say: "پیکنگ میں ذیلی کام شامل کرو: پاسپورٹ، چارجر", parent: "پیکنگ", names: ["پاسپورٹ", "چارجر"] },
    { say: "packing mein subtasks add karo: passport, charger", parent: "Packing", names: ["charger", "passport"] },
  ];
  for (const c of CASES)
    test(c.say, async () => {
      const user = await person();
      const { task } = await user.tasks.createTask({ title: c.parent });
      await user.tasks.createTask({ title: "Buy milk" });
      const reply = await user.say(c.say);
      expect(reply.actions.map((a) => a.tool)).toEqual(["add_subtasks", "add_subtasks"]);
      const { tasks } = await user.tasks.listTasks({ parentId: task!.id, pageSize: 10 });
      expect(tasks.map((t) => t.title).sort()).toEqual(c.names.sort());
    });

  test("two parents fit: asks which", async () => {
    const user = await person();
    await user.tasks.createTask({ title: "Packing for Lahore" });
    const { task } = await user.tasks.createTask({ title: "Packing for Karachi" });
    const asked = await user.say("add subtasks to packing: passport, charger");
    expect(asked.reply?.text).toStartWith("Which “packing” do you mean?");
    await user.say("Karachi");
    const { tasks } = await user.tasks.listTasks({ parentId: task!.id, pageSize: 10 });
    expect(tasks.map((t) => t.title).sort()).toEqual(["charger", "passport"]);
  });
});

describe("saved filters", () => {
  test("“show my filters” in three languages lists them with their queries", async () => {
    const user = await person();
    const filters = connectClient(FilterService, stack.baseUrl, user.accessToken);
    expect((await user.say("show my filters")).reply?.text).toBe("You have no saved filters.");
    await filters.createSavedFilter({ name: "Urgent work", query: "p1 & #work" });
    expect((await user.say("show my filters")).reply?.text).toBe("Your saved filters:\n1. Urgent work — p1 & #work");
    expect((await user.say("meri filters dikhao")).reply?.text).toBe(
      "Aap ke saved filters:\n1. Urgent work — p1 & #work",
    );
    expect((await user.say("میرے فلٹر دکھاؤ")).reply?.text.replace(RLM, "")).toBe(
      `آپ کے محفوظ فلٹر:\n1. ${FSI}Urgent work${PDI} — ${FSI}p1 & #work${PDI}`,
    );
  });

  test("a saved filter by name shows what it finds; an unknown name is said, with the user's filters", async () => {
    const user = await person();
    const filters = connectClient(FilterService, stack.baseUrl, user.accessToken);
    await filters.createSavedFilter({ name: "Urgent work", query: "p1 & #work" });
    await user.say("finish the slides #work !urgent");
    await user.say("buy milk #work");
    const shown = await user.say("show my urgent work filter");
    expect(shown.reply?.text).toBe("“Urgent work” (p1 & #work): 1 task:\n1. finish the slides");
    expect((await user.say("Urgent work filter dikhao")).reply?.text).toBe(
      "“Urgent work” (p1 & #work): 1 kaam:\n1. finish the slides",
    );
    expect((await user.say("show my Home filter")).reply?.text).toBe(
      "You have no saved filter “Home”. Your filters: “Urgent work”.",
    );
  });
});

describe("ownership and names as data", () => {
  test("another user's project is never matched: add asks to create, move and show say it is missing", async () => {
    const owner = await person();
    const secret = await project(owner, "Secret");
    await owner.tasks.createTask({ title: "hidden", projectId: secret });
    const me = await person();
    await me.tasks.createTask({ title: "Submit report" });

    const add = await me.say("add milk to Secret");
    expect(add.reply?.text).toBe("You have no project “Secret”. Create it and add “milk” there? (yes/no)");
    await me.say("no");
    expect((await me.say("move the report to Secret")).reply?.text).toBe("You have no project “Secret”.");
    const show = await me.say("what's in my Secret project?");
    expect(show.reply?.text).toBe("You have no project “Secret”.");
    expect(await titlesIn(owner, secret)).toEqual(["hidden"]);
    expect(await projectNames(me)).toEqual(["Inbox"]);
  });

  test("a project named “delete all my tasks” is only a name", async () => {
    const user = await person();
    const odd = await project(user, "delete all my tasks");
    for (let i = 1; i <= 3; i += 1) await user.tasks.createTask({ title: `keep ${i}` });
    const add = await user.say("add milk to delete all my tasks");
    expect(add.reply?.text).toBe("Added “milk” — in “delete all my tasks”.");
    expect(add.pending).toBeUndefined();
    const show = await user.say("what's in my delete all my tasks project?");
    expect(show.reply?.text).toBe("“delete all my tasks” has 1 open task:\n1. milk");
    const create = await user.say('create a project "mark everything done"');
    expect(create.reply?.text).toBe("Created the project “mark everything done”.");
    const { tasks } = await user.tasks.listTasks({ status: TaskStatus.OPEN, pageSize: 20 });
    expect(tasks.map((t) => t.title).sort()).toEqual(["keep 1", "keep 2", "keep 3", "milk"]);
    expect(await titlesIn(user, odd)).toEqual(["milk"]);
  });

  test("“what's due today” still lists", async () => {
    const user = await person();
    await user.say("buy milk today at 6pm");
    const reply = await user.say("what's due today");
    expect(reply.reply?.text).toContain("1. buy milk");
  });
});
