import { expect, test } from "bun:test";
import { routeOf } from "./router";

test("app paths map to screens; anything unknown shows the task list", () => {
  expect(routeOf("/")).toEqual({ screen: "tasks" });
  expect(routeOf("/activity")).toEqual({ screen: "activity" });
  expect(routeOf("/profile")).toEqual({ screen: "profile" });
  expect(routeOf("/tasks/new")).toEqual({ screen: "tasks", creating: true });
  expect(routeOf("/tasks/0190f7a4-0000-7000-8000-000000000001")).toEqual({
    screen: "tasks",
    taskId: "0190f7a4-0000-7000-8000-000000000001",
  });
  expect(routeOf("/tasks/not-an-id")).toEqual({ screen: "tasks" });
  expect(routeOf("/nowhere")).toEqual({ screen: "tasks" });
});

test("organise paths: Today, Upcoming, a project, a saved filter; a malformed id shows the task list", () => {
  const id = "0190f7a4-0000-7000-8000-000000000002";
  expect(routeOf("/today")).toEqual({ screen: "today" });
  expect(routeOf("/upcoming")).toEqual({ screen: "upcoming" });
  expect(routeOf("/assigned")).toEqual({ screen: "assigned" });
  expect(routeOf(`/projects/${id}`)).toEqual({ screen: "project", projectId: id });
  expect(routeOf(`/filters/${id}`)).toEqual({ screen: "filter", filterId: id });
  expect(routeOf("/projects/x")).toEqual({ screen: "tasks" });
  expect(routeOf("/projects/archived")).toEqual({ screen: "archived" });
  expect(routeOf("/filters/new")).toEqual({ screen: "new-filter" });
});
