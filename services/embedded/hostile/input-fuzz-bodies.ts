import { type DescField, type DescMessage, ScalarType } from "@bufbuild/protobuf";
import fc from "fast-check";

/**
 * Hostile values a client can put in any JSON field: the rows of issue 10 (NUL and control
 * characters, nulls, 2^32−1 and past it, Timestamp seconds 2^62, 9999-12-31, 02-30, unknown zones,
 * non-canonical numbers) plus wrong JSON types.
 */
const hostileString = fc.constantFrom(
  "a\u0000b",
  "\u0000",
  "line\u0007bell",
  "\u001b[31mred",
  "Mars/Olympus",
  "not-a-uuid",
  "0x10",
  "2026-02-30T10:00:00Z",
  "9999-12-31T23:59:59Z",
  "FREQ=DAILY;COUNT=3",
  "'; drop table tasks; --",
  "\ud800",
  "x".repeat(600),
);
const hostileNumber = fc.constantFrom<unknown>(
  4294967295,
  4294967296,
  -1,
  2 ** 62,
  -(2 ** 62),
  1e300,
  0.5,
  "0x10",
  "1e3",
  " 7",
  "-0",
  "NaN",
);
const hostileTimestamp = fc.constantFrom<unknown>(
  "2026-02-30T10:00:00Z",
  "9999-12-31T23:59:59Z",
  "10000-01-01T00:00:00Z",
  "0000-01-01T00:00:00Z",
  "2026-13-01T00:00:00Z",
  "not a date",
  { seconds: String(2n ** 62n) },
  // biome-ignore lint/correctness/noPrecisionLoss: a client may send 2^62 as a JSON number; the server must refuse it.
  4611686018427387904,
);
const anyJson = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.string({ maxLength: 20 }),
  fc.constant([]),
  fc.constant({}),
);

function scalarValue(type: ScalarType): fc.Arbitrary<unknown> {
  switch (type) {
    case ScalarType.STRING:
      return fc.oneof(fc.string({ maxLength: 40 }), fc.uuid(), hostileString);
    case ScalarType.BOOL:
      return fc.oneof(fc.boolean(), fc.constantFrom<unknown>("true", 1));
    case ScalarType.BYTES:
      return fc.oneof(fc.base64String({ maxLength: 40 }), fc.constant("!!not base64"));
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT:
      return fc.oneof(fc.double(), hostileNumber, fc.constantFrom<unknown>("Infinity", "NaN"));
    default:
      return fc.oneof(fc.integer({ min: -5, max: 500 }), hostileNumber);
  }
}

function messageValue(message: DescMessage, depth: number): fc.Arbitrary<unknown> {
  switch (message.typeName) {
    case "google.protobuf.Timestamp":
      return fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        hostileTimestamp,
      );
    case "google.protobuf.Duration":
      return fc.constantFrom<unknown>("60s", "-5s", "315576000001s", "1.5s", "abc", "0x10s");
    case "google.protobuf.FieldMask":
      return fc.oneof(
        fc.constantFrom<unknown>("title", "dueAt,timeZone", "displayName", "timeZone", "recurrence", "bogus", ""),
        fc
          .subarray(message.fields.length ? ["title", "description", "priority", "tags", "reminder", "recurrence"] : [])
          .map((p) => p.join(",")),
      );
    default:
      return depth > 3 ? fc.constant({}) : bodyOf(message, depth + 1);
  }
}

function fieldValue(field: DescField, depth: number): fc.Arbitrary<unknown> {
  let valid: fc.Arbitrary<unknown>;
  switch (field.fieldKind) {
    case "scalar":
      valid = scalarValue(field.scalar);
      break;
    case "enum":
      valid = fc.oneof(
        fc.constantFrom(...field.enum.values.map((v) => v.name)),
        fc.integer({ min: -2, max: 9 }),
        fc.constant("0x1"),
      );
      break;
    case "message":
      valid = messageValue(field.message, depth);
      break;
    case "list": {
      const item =
        field.listKind === "scalar"
          ? scalarValue(field.scalar)
          : field.listKind === "enum"
            ? fc.constantFrom(...field.enum.values.map((v) => v.name))
            : messageValue(field.message, depth);
      valid = fc.array(fc.oneof(item, fc.constant(null)), { maxLength: 4 });
      break;
    }
    case "map":
      valid = fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 });
      break;
  }
  // Mostly well-typed values, sometimes a null or a value of the wrong JSON type.
  return fc.oneof(
    { weight: 40, arbitrary: valid },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: anyJson },
  );
}

/** bodyOf generates JSON request bodies for a message: any subset of its fields, each possibly hostile. */
export function bodyOf(message: DescMessage, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const field of message.fields) fields[field.jsonName] = fieldValue(field, depth);
  return fc.record(fields, { requiredKeys: [] });
}
