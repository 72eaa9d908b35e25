/**
 * Module boundaries, checked on every import of every committed TypeScript file:
 * - the platform (services/platform) depends on no service, no skill and nothing but gen/ and vocabulary/;
 * - a service's production code imports no other service's files (the platform and gen/ are shared;
 *   services/embedded wires every service, and tests may start other services);
 * - the browser bundle (services/web/app) imports no server code: only itself, gen/ and vocabulary/;
 * - vocabulary/ is a leaf: it imports only gen/ and libraries;
 * - inside a service, db/, events/ and domain/ import no handler layer;
 * - relative imports name the module, not its file (no `.ts`/`.tsx` ending): one import style.
 */
import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

const root = join(import.meta.dir, "..");

const sources = (): string[] => {
  const listed = Bun.spawnSync(["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.ts", "*.tsx"], {
    cwd: root,
  });
  return listed.stdout
    .toString()
    .split("\n")
    .filter((path) => path && !path.startsWith("gen/") && !path.startsWith("node_modules/"));
};

interface Import {
  from: string;
  specifier: string;
  /** target is the repository-relative path of a relative import, undefined for a package. */
  target?: string;
}

const importPattern = /(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)/g;

const importsOf = (file: string): Import[] => {
  const text = readFileSync(join(root, file), "utf8");
  const found: Import[] = [];
  for (const match of text.matchAll(importPattern)) {
    const specifier = match[1] ?? match[2]!;
    const target = specifier.startsWith(".") ? normalize(join(dirname(file), specifier)) : undefined;
    found.push({ from: file, specifier, target });
  }
  return found;
};

const isTest = (file: string) =>
  /\.test\.tsx?$/.test(file) || /(^|\/)(testing|tests|e2e|bench)\//.test(file) || file.startsWith("bench/");
const serviceOf = (path: string) => /^services\/([^/]+)\//.exec(path)?.[1];

const allImports = sources().flatMap(importsOf);
const show = (list: Import[]) => list.map((i) => `${i.from} → ${i.specifier}`);

test("the platform imports no service, skill or browser code", () => {
  const bad = allImports.filter(
    (i) =>
      i.from.startsWith("services/platform/") &&
      i.target !== undefined &&
      !i.target.startsWith("services/platform/") &&
      !i.target.startsWith("gen/") &&
      !i.target.startsWith("vocabulary/"),
  );
  expect(show(bad)).toEqual([]);
});

test("a service's production code imports no other service's files", () => {
  const bad = allImports.filter((i) => {
    if (i.target === undefined || isTest(i.from)) return false;
    const own = serviceOf(i.from);
    const theirs = serviceOf(i.target);
    if (!own || !theirs || own === theirs) return false;
    return theirs !== "platform" && own !== "embedded";
  });
  expect(show(bad)).toEqual([]);
});

test("inside a service, db/, events/ and domain/ import no handler layer (rpc/, chat/, mcp/, tools/)", () => {
  const lower = /^services\/[^/]+\/(db|events|domain)\//;
  const upper = /^services\/[^/]+\/(rpc|chat|mcp|tools)\//;
  const bad = allImports.filter(
    (i) => lower.test(i.from) && !isTest(i.from) && i.target !== undefined && upper.test(i.target),
  );
  expect(show(bad)).toEqual([]);
});

test("the browser bundle imports no server code", () => {
  const bad = allImports.filter(
    (i) =>
      i.from.startsWith("services/web/app/") &&
      !isTest(i.from) &&
      ((i.target !== undefined &&
        !i.target.startsWith("services/web/app/") &&
        !i.target.startsWith("gen/") &&
        !i.target.startsWith("vocabulary/")) ||
        /^(node:|bun)/.test(i.specifier)),
  );
  expect(show(bad)).toEqual([]);
});

test("vocabulary/ is a leaf that runs anywhere", () => {
  const bad = allImports.filter(
    (i) =>
      i.from.startsWith("vocabulary/") &&
      !isTest(i.from) &&
      ((i.target !== undefined && !i.target.startsWith("vocabulary/") && !i.target.startsWith("gen/")) ||
        /^(node:|bun)/.test(i.specifier)),
  );
  expect(show(bad)).toEqual([]);
});

test("relative imports name the module without a .ts/.tsx ending", () => {
  const bad = allImports.filter((i) => i.target !== undefined && /\.tsx?$/.test(i.specifier));
  expect(show(bad)).toEqual([]);
});

test("the checks see the tree (a broken pattern would pass vacuously)", () => {
  expect(allImports.length).toBeGreaterThan(1000);
  expect(allImports.some((i) => i.from.startsWith("services/web/app/") && i.target?.startsWith("gen/"))).toBe(true);
  expect(relative(root, join(root, "services"))).toBe("services");
});
