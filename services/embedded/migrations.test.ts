import { expect, test } from "bun:test";
import { servicesWithTables } from "./migrations";

test("the services with tables are found from the tree (each has db/migrations), not from a hand-kept list", () => {
  expect(servicesWithTables()).toEqual(["audit", "notification", "orchestrator", "recurring", "webhooks"]);
});
