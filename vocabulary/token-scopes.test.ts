import { expect, test } from "bun:test";
import { readdirSync } from "node:fs";
import type { DescService } from "@bufbuild/protobuf";
import { publicProcedures } from "./public-procedures";
import { procedureScopes, requirementOf, tokenMayCall } from "./token-scopes";

/** Every service of the public contract (gen/todo/v1/*_service_pb.ts), found on disk so a new file counts too. */
async function contractServices(): Promise<DescService[]> {
  const folder = new URL("../gen/todo/v1/", import.meta.url);
  const files = readdirSync(folder).filter((name) => name.endsWith("_service_pb.ts"));
  const modules = await Promise.all(files.map((name) => import(new URL(name, folder).href)));
  return modules.flatMap((module) =>
    Object.values(module as Record<string, unknown>).filter(
      (value): value is DescService => (value as { kind?: string } | null)?.kind === "service",
    ),
  );
}

test("every method of every todo.v1 service has a scope entry (a new RPC must decide what a token needs)", async () => {
  const services = await contractServices();
  expect(services.length).toBeGreaterThanOrEqual(10);
  const missing = services.flatMap((service) =>
    service.methods
      .filter((method) => !procedureScopes[service.typeName]?.[method.name])
      .map((m) => `${service.typeName}/${m.name}`),
  );
  expect(missing).toEqual([]);
});

test("the table names no method that does not exist", async () => {
  const services = new Map((await contractServices()).map((s) => [s.typeName, new Set(s.methods.map((m) => m.name))]));
  const stale = Object.entries(procedureScopes).flatMap(([service, methods]) =>
    Object.keys(methods)
      .filter((method) => !services.get(service)?.has(method))
      .map((m) => `${service}/${m}`),
  );
  expect(stale).toEqual([]);
});

test("public in the table is exactly the procedures the auth interceptor lets through without a token", () => {
  const publicInTable = Object.entries(procedureScopes).flatMap(([service, methods]) =>
    Object.entries(methods)
      .filter(([, requirement]) => requirement === "public")
      .map(([method]) => `/${service}/${method}`),
  );
  expect(publicInTable.sort()).toEqual([...publicProcedures].sort());
});

test("a token needs the named scope; session-only and unknown procedures are refused whatever its scopes", () => {
  const all = new Set(["read", "write", "delete"] as const);
  expect(tokenMayCall("/todo.v1.TaskService/ListTasks", new Set(["read"]))).toBe(true);
  expect(tokenMayCall("/todo.v1.TaskService/ListTasks", new Set(["write", "delete"]))).toBe(false);
  expect(tokenMayCall("/todo.v1.TaskService/DeleteTask", new Set(["read", "write"]))).toBe(false);
  expect(tokenMayCall("/todo.v1.TaskService/DeleteTask", new Set(["delete"]))).toBe(true);
  expect(tokenMayCall("/todo.v1.TokenService/CreatePersonalAccessToken", all)).toBe(false);
  expect(tokenMayCall("/todo.v1.AuthService/DeleteAccount", all)).toBe(false);
  expect(tokenMayCall("/todo.v1.TaskService/NoSuchMethod", all)).toBe(false);
  expect(tokenMayCall("/todo.skills.v1.SkillService/Classify", all)).toBe(false);
  expect(requirementOf("garbage")).toBeUndefined();
});
