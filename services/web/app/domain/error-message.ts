import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";
import { Code, ConnectError } from "@connectrpc/connect";
import type { MessageKey } from "../i18n/en";
import type { Translator } from "../i18n/translate";

/** ErrorDescription is an error as the UI tells it: a message key and, for bad input, the fields at fault. */
export interface ErrorDescription {
  key: MessageKey;
  code: Code;
  fields: string[];
}

const byCode: Partial<Record<Code, MessageKey>> = {
  [Code.Unauthenticated]: "errors.unauthenticated",
  [Code.InvalidArgument]: "errors.invalidGeneric",
  [Code.OutOfRange]: "errors.invalidGeneric",
  [Code.NotFound]: "errors.notFound",
  [Code.AlreadyExists]: "errors.alreadyExists",
  [Code.Aborted]: "errors.conflict",
  [Code.FailedPrecondition]: "errors.precondition",
  [Code.ResourceExhausted]: "errors.rateLimited",
  [Code.PermissionDenied]: "errors.permission",
  [Code.Unavailable]: "errors.offline",
  [Code.Unimplemented]: "errors.unimplemented",
  [Code.DeadlineExceeded]: "errors.timeout",
  [Code.Canceled]: "errors.canceled",
};

/** Top-level field names the UI has labels for; nested paths (reminder.remind_before) collapse to these. */
const knownFields = new Set([
  "reminders",
  "title",
  "description",
  "priority",
  "tags",
  "due_at",
  "time_zone",
  "reminder",
  "recurrence",
  "email",
  "password",
  "display_name",
  "text",
]);

function readFieldPath(bytes: Uint8Array): string[] {
  const names: string[] = [];
  const reader = new BinaryReader(bytes);
  while (reader.pos < reader.len) {
    const [no, type] = reader.tag();
    if (no === 1 && type === WireType.LengthDelimited) {
      const element = new BinaryReader(reader.bytes());
      while (element.pos < element.len) {
        const [fieldNo, fieldType] = element.tag();
        if (fieldNo === 2 && fieldType === WireType.LengthDelimited) names.push(element.string());
        else element.skip(fieldType);
      }
    } else reader.skip(type);
  }
  return names;
}

/** violatedFields reads field names from buf.validate.Violations details (protovalidate and domain errors use it). */
function violatedFields(error: ConnectError): string[] {
  const fields: string[] = [];
  for (const detail of error.details) {
    if (!("type" in detail) || detail.type !== "buf.validate.Violations") continue;
    try {
      const violations = new BinaryReader(detail.value);
      while (violations.pos < violations.len) {
        const [no, type] = violations.tag();
        if (no !== 1 || type !== WireType.LengthDelimited) {
          violations.skip(type);
          continue;
        }
        const violation = new BinaryReader(violations.bytes());
        while (violation.pos < violation.len) {
          const [fieldNo, fieldType] = violation.tag();
          if (fieldNo === 5 && fieldType === WireType.LengthDelimited)
            fields.push(readFieldPath(violation.bytes()).join("."));
          else violation.skip(fieldType);
        }
      }
    } catch {
      // A detail we cannot read only costs the field names, never the message.
    }
  }
  // "reminders[2].remind_before" (a domain error's path) is the field "reminders", like protovalidate's subscript.
  return [...new Set(fields.map((f) => f.split(".")[0]!.replace(/\[\d+\]$/, "")).filter(Boolean))];
}

/** fetch's own words when a request cannot be sent (Chromium, Firefox, Safari). */
const fetchFailed = /^(Failed to fetch|NetworkError when attempting to fetch resource\.?|Load failed)$/;
const unreachableCause = (cause: unknown) =>
  (cause instanceof TypeError && fetchFailed.test(cause.message)) ||
  (typeof navigator !== "undefined" && navigator.onLine === false);

/**
 * describeError turns anything a call threw into what the UI says: never the server's text or a stack
 * trace. `overrides` lets a screen say something more specific (a failed sign-in is "wrong password").
 */
export function describeError(error: unknown, overrides: Partial<Record<Code, MessageKey>> = {}): ErrorDescription {
  const connectError = ConnectError.from(error);
  // A request that never reached the server (fetch's TypeError: offline, DNS, connection refused) is
  // "we can't reach taskmesh", not a fault on the server's side.
  const unreachable = connectError.code === Code.Unknown && unreachableCause(connectError.cause ?? error);
  const code = unreachable ? Code.Unavailable : connectError.code;
  const fields = code === Code.InvalidArgument ? violatedFields(connectError) : [];
  const key =
    overrides[code] ??
    (code === Code.InvalidArgument && fields.length > 0 ? "errors.invalid" : (byCode[code] ?? "errors.internal"));
  return { key, code, fields };
}

/** fieldLabel names a request field in the translator's language. */
export const fieldLabel = (field: string, i18n: Translator): string =>
  i18n.t(knownFields.has(field) ? (`field.${field}` as MessageKey) : "field.other");

/**
 * fieldProblems splits a refused request into one message per field at fault, so a form can put each
 * next to its input; empty when the error names no field.
 */
export function fieldProblems(error: unknown, i18n: Translator): { field: string; message: string }[] {
  return describeError(error).fields.map((field) => ({
    field,
    message: i18n.t("errors.invalid", { fields: fieldLabel(field, i18n) }),
  }));
}

/** errorMessage renders a described error in the translator's language. */
export function errorMessage(error: unknown, i18n: Translator, overrides?: Partial<Record<Code, MessageKey>>): string {
  const described = describeError(error, overrides);
  const fields = described.fields.map((f) => fieldLabel(f, i18n));
  const unique = [...new Set(fields)].join(i18n.language === "ur" ? "، " : ", ");
  return i18n.t(described.key, { fields: unique });
}
