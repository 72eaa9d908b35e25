import { type DescField, type DescMessage, ScalarType } from "@bufbuild/protobuf";
import { type ConnectRouter, createContextKey, createContextValues } from "@connectrpc/connect";
import type { UniversalHandler, UniversalServerRequest } from "@connectrpc/connect/protocol";
import { inCalendar } from "../calendar-fields";
import type { FieldViolation } from "../errors";
import { requestLimitOf } from "./request-limits";

/**
 * The JSON decoder (@bufbuild/protobuf on Bun) is lenient where a client's mistake should be refused:
 * `Number("0x10")` reads an integer, and JSC's `Date.parse` normalises 2026-02-30 into March. This file
 * checks a unary Connect JSON body against the method's descriptor before it is decoded and leaves the
 * violations in the context, where the validation interceptor refuses the call with InvalidArgument.
 */
export const jsonViolationsKey = createContextKey<FieldViolation[]>([], { description: "non-canonical JSON fields" });

/**
 * Bodies past this, or past the route's own request limit, are passed on with what was read put back;
 * the protocol's size limit (readMaxBytes, the route's limit) then refuses them.
 */
const inspectLimitBytes = 256 * 1024;

const canonicalInteger = /^-?(0|[1-9][0-9]*)$/;
const canonicalFloat = /^(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?|NaN|-?Infinity)$/;
const rfc3339 =
  /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,9})?(Z|[+-]([0-9]{2}):([0-9]{2}))$/;

/** isCalendarTimestamp: an RFC 3339 time whose every field is in range (no Feb 30, no hour 24, no second 60). */
export function isCalendarTimestamp(text: string): boolean {
  const m = rfc3339.exec(text);
  if (!m) return false;
  if (!inCalendar(m.slice(1, 7))) return false;
  return m[9] === undefined || (Number(m[9]) <= 23 && Number(m[10]) <= 59);
}

const integerTypes = new Set([
  ScalarType.INT32,
  ScalarType.INT64,
  ScalarType.UINT32,
  ScalarType.UINT64,
  ScalarType.SINT32,
  ScalarType.SINT64,
  ScalarType.FIXED32,
  ScalarType.FIXED64,
  ScalarType.SFIXED32,
  ScalarType.SFIXED64,
]);

function scalarProblem(type: ScalarType, value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  if (integerTypes.has(type) && !canonicalInteger.test(value))
    return `"${value.slice(0, 40)}" is not a decimal integer`;
  if ((type === ScalarType.DOUBLE || type === ScalarType.FLOAT) && !canonicalFloat.test(value))
    return `"${value.slice(0, 40)}" is not a decimal number`;
  return undefined;
}

function messageViolations(desc: DescMessage, json: unknown, path: string, out: FieldViolation[], depth: number): void {
  if (depth > 32 || json === null || typeof json !== "object" || Array.isArray(json)) return;
  if (desc.typeName === "google.protobuf.Timestamp") return;
  const object = json as Record<string, unknown>;
  for (const field of desc.fields) {
    const value = object[field.jsonName] ?? object[field.name];
    if (value === undefined || value === null) continue;
    const name = path ? `${path}.${field.name}` : field.name;
    const items =
      field.fieldKind === "list" && Array.isArray(value)
        ? value
        : field.fieldKind === "map" && typeof value === "object"
          ? Object.values(value)
          : [value];
    for (const item of items) valueViolations(field, item, name, out, depth);
  }
}

function valueViolations(field: DescField, value: unknown, name: string, out: FieldViolation[], depth: number): void {
  const scalar =
    field.fieldKind === "scalar"
      ? field.scalar
      : field.fieldKind === "list" && field.listKind === "scalar"
        ? field.scalar
        : field.fieldKind === "map" && field.mapKind === "scalar"
          ? field.scalar
          : undefined;
  if (scalar !== undefined) {
    const problem = scalarProblem(scalar, value);
    if (problem) out.push({ field: name, description: problem });
    return;
  }
  const message =
    field.fieldKind === "message" ||
    (field.fieldKind === "list" && field.listKind === "message") ||
    (field.fieldKind === "map" && field.mapKind === "message")
      ? field.message
      : undefined;
  if (!message) return;
  if (message.typeName === "google.protobuf.Timestamp") {
    if (typeof value === "string" && rfc3339.test(value) && !isCalendarTimestamp(value)) {
      out.push({ field: name, description: `"${value}" is not a calendar date and time` });
    }
    return;
  }
  messageViolations(message, value, name, out, depth + 1);
}

/** canonicalJsonViolations lists the fields of a request body the lenient decoder would misread. */
export function canonicalJsonViolations(desc: DescMessage, json: unknown): FieldViolation[] {
  const out: FieldViolation[] = [];
  messageViolations(desc, json, "", out, 0);
  return out;
}

async function* replay(head: Uint8Array[], rest: AsyncIterator<Uint8Array>): AsyncIterable<Uint8Array> {
  yield* head;
  for (let step = await rest.next(); !step.done; step = await rest.next()) yield step.value;
}

function checking(handler: UniversalHandler, ceiling: number): UniversalHandler {
  const readLimit = Math.min(inspectLimitBytes, requestLimitOf(handler.method, ceiling));
  const check = async (req: UniversalServerRequest) => {
    const unaryJson =
      handler.method.methodKind === "unary" &&
      req.method === "POST" &&
      /^application\/json\b/i.test(req.header.get("content-type") ?? "");
    if (!unaryJson) return handler(req);
    // A declared length past the limit is the protocol's to refuse, before a byte is read.
    if (Number(req.header.get("content-length") ?? 0) > readLimit) return handler(req);
    let json: unknown;
    if (Symbol.asyncIterator in Object(req.body)) {
      const iterator = (req.body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
      const chunks: Uint8Array[] = [];
      let size = 0;
      for (let step = await iterator.next(); !step.done; step = await iterator.next()) {
        chunks.push(step.value);
        size += step.value.byteLength;
        if (size > readLimit) return handler({ ...req, body: replay(chunks, iterator) });
      }
      try {
        json = JSON.parse(new TextDecoder().decode(Buffer.concat(chunks)));
      } catch {
        return handler({ ...req, body: replay(chunks, iterator) });
      }
    } else json = req.body;
    const violations = canonicalJsonViolations(handler.method.input, json);
    const contextValues = req.contextValues ?? createContextValues();
    if (violations.length) contextValues.set(jsonViolationsKey, violations);
    return handler({ ...req, body: json as UniversalServerRequest["body"], contextValues });
  };
  return Object.assign(check, {
    protocolNames: handler.protocolNames,
    service: handler.service,
    method: handler.method,
    requestPath: handler.requestPath,
    allowedMethods: handler.allowedMethods,
    supportedContentType: handler.supportedContentType,
  });
}

/**
 * requireCanonicalJson makes every handler on the router check unary JSON bodies before decoding them;
 * it reads no more of a body than the route's request limit (`ceiling` for routes without one).
 */
export function requireCanonicalJson(router: ConnectRouter, ceiling: number): void {
  router.handlers.splice(0, router.handlers.length, ...router.handlers.map((h) => checking(h, ceiling)));
}
