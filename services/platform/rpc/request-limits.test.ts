import { expect, test } from "bun:test";
import { join } from "node:path";
import { type DescField, type DescMessage, type DescService, getOption, ScalarType } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import { type FieldRules, field as validateRules } from "../../../gen/buf/validate/validate_pb";
import { SkillService } from "../../../gen/todo/skills/v1/skill_service_pb";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { ChatService } from "../../../gen/todo/v1/chat_service_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { requestLimitOf, withRequestLimits } from "./request-limits";

const MiB = 1024 * 1024;
/** The longest JSON spelling of one code point: an escaped surrogate pair, `\uD83D\uDE00`. */
const bytesPerCodePoint = 12;
/** A pretty-printing client's newline and indent before each field. */
const layoutPerField = 16;

/**
 * The most characters a string matching `pattern` may have, when the pattern bounds it: anchored at both
 * ends with no unbounded repetition (`*`, `+`, `{n,}`). A generous figure: the pattern's own length times
 * one plus every repetition count in it (`^(#[0-9a-fA-F]{6})?$` → 20 × 7).
 */
function patternMaxLength(pattern: string): number {
  if (!pattern.startsWith("^") || !pattern.endsWith("$") || /(?<!\\)[*+]|\{\d*,\}/.test(pattern))
    return Number.POSITIVE_INFINITY;
  const counts = [...pattern.matchAll(/\{(?:\d+,)?(\d+)\}/g)].map((m) => Number(m[1]));
  return pattern.length * (1 + counts.reduce((a, b) => a + b, 0));
}

/** Longest JSON text of one value of a scalar or well-known type, by its rules; Infinity when nothing bounds it. */
function scalarBytes(field: DescField, rules: FieldRules | undefined): number {
  const type = rules?.type;
  if (field.enum) return Math.max(...field.enum.values.map((v) => v.name.length), 11) + 2;
  switch (field.scalar) {
    case ScalarType.STRING: {
      if (type?.case !== "string") return Number.POSITIVE_INFINITY;
      const r = type.value;
      if (r.wellKnown.case === "uuid") return 38;
      if (r.in.length > 0) return Math.max(...r.in.map((s) => s.length * bytesPerCodePoint)) + 2;
      const byPattern = patternMaxLength(r.pattern) * bytesPerCodePoint;
      const byCodePoints = r.maxLen > 0n ? Number(r.maxLen) * bytesPerCodePoint : byPattern;
      // Escaped, a UTF-8 byte is at most 3 JSON bytes (a 4-byte character is 12); 6 covers a 2-byte one escaped.
      const byBytes = r.maxBytes > 0n ? Number(r.maxBytes) * 6 : Number.POSITIVE_INFINITY;
      return Math.min(byCodePoints, byBytes) + 2;
    }
    case ScalarType.BYTES: {
      if (type?.case !== "bytes" || type.value.maxLen === 0n) return Number.POSITIVE_INFINITY;
      return Math.ceil(Number(type.value.maxLen) / 3) * 4 + 2;
    }
    case ScalarType.BOOL:
      return 5;
    case ScalarType.INT64:
    case ScalarType.UINT64:
    case ScalarType.SINT64:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return 22;
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT:
      return 26;
    default:
      return 11;
  }
}

/**
 * Longest JSON text of a message type valid under its protovalidate rules: Infinity when a field is
 * unbounded, whose path is then added to `unbounded`.
 */
function messageBytes(message: DescMessage, unbounded: string[] = [], seen: string[] = []): number {
  switch (message.typeName) {
    case "google.protobuf.Timestamp":
      return 32; // "9999-12-31T23:59:59.999999999Z"
    case "google.protobuf.Duration":
      return 24;
    case "google.protobuf.FieldMask":
      // A valid mask names fields of the request: the sum of every field name of the largest request, with commas.
      return 1024;
  }
  if (seen.includes(message.typeName)) return Number.POSITIVE_INFINITY; // recursive: only a depth bound would do
  let total = 2;
  for (const field of message.fields) {
    const rules = getOption(field, validateRules) as FieldRules | undefined;
    const key = field.jsonName.length + 3 + layoutPerField;
    const one = (): number => {
      if (field.message) return messageBytes(field.message, unbounded, [...seen, message.typeName]);
      return scalarBytes(field, field.fieldKind === "list" ? listItemRules(rules) : rules);
    };
    let bytes: number;
    if (field.fieldKind === "list") {
      const max = rules?.type.case === "repeated" ? Number(rules.type.value.maxItems) : 0;
      bytes = key + 2 + (max > 0 ? max * (one() + 1 + layoutPerField) : Number.POSITIVE_INFINITY);
    } else if (field.fieldKind === "map") {
      const max = rules?.type.case === "map" ? Number(rules.type.value.maxPairs) : 0;
      bytes = key + 2 + (max > 0 ? max * 1024 : Number.POSITIVE_INFINITY);
    } else bytes = key + one();
    if (!Number.isFinite(bytes)) unbounded.push(`${message.name}.${field.name}`);
    total += bytes;
  }
  return total;
}

const listItemRules = (rules: FieldRules | undefined): FieldRules | undefined =>
  rules?.type.case === "repeated" ? rules.type.value.items : undefined;

/** Every service of the public package todo.v1, found in gen/ so that a new one cannot be left out. */
async function publicServices(): Promise<DescService[]> {
  const dir = join(import.meta.dir, "..", "..", "..", "gen", "todo", "v1");
  const found: DescService[] = [];
  for await (const file of new Bun.Glob("*_service_pb.ts").scan(dir)) {
    const module = (await import(join(dir, file))) as Record<string, unknown>;
    for (const value of Object.values(module)) {
      if (typeof value === "object" && value !== null && (value as { kind?: string }).kind === "service")
        found.push(value as DescService);
    }
  }
  return found;
}

test("every public RPC's limit holds its largest valid request, figured from the contract's rules", async () => {
  const rows: string[] = [];
  const services = await publicServices();
  expect(services.map((s) => s.name)).toContain("TaskService");
  for (const service of services) {
    for (const method of service.methods) {
      const unbounded: string[] = [];
      const largest = messageBytes(method.input, unbounded);
      const limit = requestLimitOf(method, MiB);
      rows.push(`${service.name}/${method.name}: largest ${largest} B, limit ${limit / 1024} KiB`);
      if (Number.isFinite(largest)) {
        expect(largest, `${service.name}/${method.name}`).toBeLessThanOrEqual(limit);
        // A public route with a bounded request has a limit of its own (routeRequestLimits), not the ceiling.
        expect(limit, `${service.name}/${method.name} has no route limit`).toBeLessThan(MiB);
      } else expect(limit, `${service.name}/${method.name}: unbounded ${unbounded.join(", ")}`).toBe(MiB);
    }
  }
  console.log(rows.join("\n"));
});

test("the named limits: sign-in 8 KiB, chat 32 KiB, task writes 256 KiB, other public RPCs 64 KiB, the rest the ceiling", () => {
  const limit = (service: DescService, name: string, ceiling = MiB) =>
    requestLimitOf(service.methods.find((m) => m.name === name)!, ceiling);
  expect(limit(AuthService, "Login")).toBe(8 * 1024);
  expect(limit(AuthService, "Register")).toBe(8 * 1024);
  expect(limit(ChatService, "SendMessage")).toBe(32 * 1024);
  expect(limit(TaskService, "CreateTask")).toBe(256 * 1024);
  expect(limit(TaskService, "UpdateTask")).toBe(256 * 1024);
  expect(limit(TaskService, "ListTasks")).toBe(64 * 1024);
  expect(limit(SkillService, "NextOccurrence")).toBe(MiB);
  // REQUEST_MAX_BYTES caps every route.
  expect(limit(TaskService, "CreateTask", 100_000)).toBe(100_000);
});

test("a router given withRequestLimits refuses a message past its route's limit with ResourceExhausted, and serves one within it", async () => {
  const transport = createRouterTransport((router) => {
    withRequestLimits(router, MiB).service(AuthService, {
      login: (req) => ({ user: { email: req.email } }),
    });
  });
  const auth = createClient(AuthService, transport);
  expect((await auth.login({ email: "a@example.com", password: "p" })).user?.email).toBe("a@example.com");
  // The in-memory transport sends binary: 9 KiB of password is past Login's 8 KiB.
  const refused = await auth.login({ email: "a@example.com", password: "x".repeat(9 * 1024) }).then(
    () => undefined,
    (error: unknown) => ConnectError.from(error).code,
  );
  expect(refused).toBe(Code.ResourceExhausted);
  // A method the implementation leaves out is still registered, as Unimplemented.
  const missing = await auth.getMe({}).then(
    () => undefined,
    (error: unknown) => ConnectError.from(error).code,
  );
  expect(missing).toBe(Code.Unimplemented);
});

test("without withRequestLimits the same message is read (the limit is the wrapper's doing)", async () => {
  const transport = createRouterTransport((r) => r.service(AuthService, { login: () => ({}) }), {
    router: { readMaxBytes: MiB },
  });
  await createClient(AuthService, transport).login({ email: "a@example.com", password: "x".repeat(9 * 1024) });
});
