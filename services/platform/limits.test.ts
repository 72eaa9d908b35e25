import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { limitsConfigShape } from "./limits";
import { quotaDefinitions } from "./quota";
import { routeRequestLimits } from "./rpc/request-limits";

const readme = readFileSync(join(import.meta.dir, "..", "..", "README.md"), "utf8");

/** The configuration table row naming `variable`, split into its cells. */
const rowOf = (variable: string) =>
  readme
    .split("\n")
    .find((line) => line.startsWith("|") && line.split("|")[1]?.includes(`\`${variable}\``))
    ?.split("|")
    .map((cell) => cell.trim());

test("README's configuration table lists every transport limit with its default", () => {
  const defaults = z.object(limitsConfigShape).parse({});
  for (const [variable, value] of Object.entries(defaults)) {
    const row = rowOf(variable);
    expect(row, variable).toBeDefined();
    expect(row![2], variable).toStartWith(String(value));
  }
});

test("README's configuration table lists every per-user quota with its default", () => {
  for (const { env, count } of Object.values(quotaDefinitions)) {
    const row = rowOf(env);
    expect(row, env).toBeDefined();
    expect(row![2], env).toBe(String(count));
  }
});

test("README's route table gives every route limit", () => {
  const rows = readme.split("\n").filter((line) => line.startsWith("|"));
  for (const { services, methods, bytes } of routeRequestLimits) {
    for (const service of services) {
      const named = (row: string) =>
        row.includes(service.name) && (methods ?? []).every((method) => row.includes(method));
      const row = rows.find((r) => named(r) && r.split("|")[2]?.trim() === `${bytes / 1024} KiB`);
      expect(row, `${service.name} ${methods?.join(", ") ?? ""}: ${bytes / 1024} KiB`).toBeDefined();
    }
  }
});
