import { expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * vocabulary/ is imported by the browser bundle, the skills and every service, so it stays pure: no
 * node:/bun: built-ins, no service or skills file, only the generated contracts and browser-safe npm
 * packages. And the browser app does not pull in the expansion engine (rrule): it reads rules, the
 * servers expand them.
 */
const root = join(import.meta.dir, "..");
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
const importsOf = (file: string) =>
  [...readFileSync(file, "utf8").matchAll(/^import\s[^;]*?from\s+"([^"]+)"/gms)].map((match) => match[1]!);

test("vocabulary imports only itself, the generated contracts and browser-safe packages", () => {
  const allowedPackages = new Set(["@bufbuild/protobuf", "rrule"]);
  const problems: string[] = [];
  for (const file of sources(import.meta.dir).filter((path) => !path.endsWith(".test.ts"))) {
    for (const spec of importsOf(file)) {
      if (spec.startsWith(".")) {
        const target = relative(root, join(file, "..", spec));
        if (!target.startsWith("vocabulary/") && !target.startsWith("gen/"))
          problems.push(`${relative(root, file)} → ${spec}`);
      } else if (
        !allowedPackages.has(
          spec
            .split("/")
            .slice(0, spec.startsWith("@") ? 2 : 1)
            .join("/"),
        )
      ) {
        problems.push(`${relative(root, file)} → ${spec}`);
      }
    }
  }
  expect(problems).toEqual([]);
});

test("the browser app reads rules but never imports the expansion engine", () => {
  const app = join(root, "services/web/app");
  const offenders = sources(app)
    .filter((path) => !path.endsWith(".test.ts"))
    .filter((file) =>
      importsOf(file).some(
        (spec) => spec === "rrule" || spec.endsWith("recurrence/expand") || spec.endsWith("recurrence/expand.ts"),
      ),
    );
  expect(offenders.map((file) => relative(root, file))).toEqual([]);
});
