import { afterAll, beforeAll, expect, test } from "bun:test";
import { SavedFilterChangeKind } from "../../../gen/todo/v1/filter_pb";
import { FilterService } from "../../../gen/todo/v1/filter_service_pb";
import { ProjectChangeKind, SectionChangeKind } from "../../../gen/todo/v1/project_pb";
import { ProjectService, SectionTasks } from "../../../gen/todo/v1/project_service_pb";
import { TaskChangeKind } from "../../../gen/todo/v1/task_pb";
import { TaskService, type WatchTasksResponse } from "../../../gen/todo/v1/task_service_pb";
import { connectClient } from "../../platform/testing/tokens";
import { waitFor } from "../../platform/testing/wait";
import { type ReplicaPair, startReplicaPair, watchTasks } from "../testing/replicas";

// Two replicas on one database and real Kafka: a project change made through one reaches streams on both.
let pair: ReplicaPair;

beforeAll(async () => {
  pair = await startReplicaPair();
}, 60_000);
afterAll(() => pair.stop(), 60_000);

test("project, section and move changes reach the owner's streams on every replica, and no one else's", async () => {
  const onA = watchTasks(pair.replicaA.baseUrl, pair.owner.accessToken);
  const onB = watchTasks(pair.replicaB.baseUrl, pair.owner.accessToken);
  const strangers = watchTasks(pair.replicaB.baseUrl, pair.stranger.accessToken);
  await Bun.sleep(1500); // let the replicas' live-view consumers join their groups

  const projects = connectClient(ProjectService, pair.replicaA.baseUrl, pair.owner.accessToken);
  const tasks = connectClient(TaskService, pair.replicaA.baseUrl, pair.owner.accessToken);
  const { project } = await projects.createProject({ name: "Live" });
  const { section } = await projects.createSection({ projectId: project!.id, name: "Doing" });
  const { task } = await tasks.createTask({ title: "card", projectId: project!.id });
  await tasks.moveTask({ id: task!.id, sectionId: section!.id });
  await projects.deleteSection({ id: section!.id, tasks: SectionTasks.MOVE_TO_PROJECT });
  await projects.updateProject({ id: project!.id, updateMask: { paths: ["archived"] }, archived: true });

  const describe = (c: WatchTasksResponse) =>
    c.project
      ? ["project", c.projectKind, c.project.name]
      : c.section
        ? ["section", c.sectionKind, c.section.name]
        : ["task", c.kind, c.task?.title];
  const expected = [
    ["project", ProjectChangeKind.CREATED, "Live"],
    ["section", SectionChangeKind.CREATED, "Doing"],
    ["task", TaskChangeKind.CREATED, "card"],
    ["task", TaskChangeKind.MOVED, "card"],
    ["task", TaskChangeKind.MOVED, "card"],
    ["section", SectionChangeKind.DELETED, "Doing"],
    ["project", ProjectChangeKind.ARCHIVED, "Live"],
  ];
  await waitFor(
    "both replicas' streams",
    () => onA.changes.length >= expected.length && onB.changes.length >= expected.length,
  );
  await Bun.sleep(300);
  for (const stream of [onA, onB]) {
    // Per key (project id, task id) Kafka keeps order; across keys the streams may interleave.
    const seen = stream.changes.map(describe);
    expect([...seen].sort()).toEqual([...expected].sort());
    const projectEvents = seen.filter((s) => s[0] !== "task");
    expect(projectEvents).toEqual(expected.filter((s) => s[0] !== "task"));
  }
  expect(strangers.changes).toEqual([]);
  await Promise.all([onA.close(), onB.close(), strangers.close()]);
}, 60_000);

test("saved-filter changes reach the owner's other clients on every replica, and no one else's", async () => {
  const onA = watchTasks(pair.replicaA.baseUrl, pair.owner.accessToken);
  const onB = watchTasks(pair.replicaB.baseUrl, pair.owner.accessToken);
  const strangers = watchTasks(pair.replicaA.baseUrl, pair.stranger.accessToken);
  await Bun.sleep(1500); // let the streams subscribe

  const filters = connectClient(FilterService, pair.replicaB.baseUrl, pair.owner.accessToken);
  const { savedFilter } = await filters.createSavedFilter({ name: "Live filter", query: "today" });
  await filters.updateSavedFilter({ id: savedFilter!.id, name: "Live filter 2" });
  await filters.deleteSavedFilter({ id: savedFilter!.id });

  const expected = [
    [SavedFilterChangeKind.CREATED, "Live filter"],
    [SavedFilterChangeKind.UPDATED, "Live filter 2"],
    [SavedFilterChangeKind.DELETED, "Live filter 2"],
  ];
  const filterChanges = (changes: WatchTasksResponse[]) =>
    changes.filter((c) => c.savedFilter).map((c) => [c.savedFilterKind, c.savedFilter!.name]);
  await waitFor(
    "both replicas' streams",
    () => filterChanges(onA.changes).length >= 3 && filterChanges(onB.changes).length >= 3,
  );
  await Bun.sleep(300);
  // One key (the filter id): Kafka keeps the order.
  expect(filterChanges(onA.changes)).toEqual(expected);
  expect(filterChanges(onB.changes)).toEqual(expected);
  expect(strangers.changes).toEqual([]);
  await Promise.all([onA.close(), onB.close(), strangers.close()]);
}, 60_000);
