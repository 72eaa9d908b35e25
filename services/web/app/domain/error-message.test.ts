import { describe, expect, test } from "bun:test";
import { create, toBinary } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { ViolationsSchema } from "../../../../gen/buf/validate/validate_pb";
import { loadLanguage, translator } from "../i18n/translate";
import { describeError, errorMessage, fieldProblems } from "./error-message";

const en = translator("en");
// Urdu is a chunk of its own in the browser: it is loaded before its translator is built.
const ur = await loadLanguage("ur");

/** An InvalidArgument as it arrives in the browser: details are raw `buf.validate.Violations` bytes. */
function invalid(...fields: string[]): ConnectError {
  const error = new ConnectError("title: value length must be at least 1 characters", Code.InvalidArgument);
  const value = create(ViolationsSchema, {
    violations: fields.map((field) => ({
      field: { elements: field.split(".").map((fieldName) => ({ fieldName })) },
      message: "bad",
    })),
  });
  error.details.push({ type: "buf.validate.Violations", value: toBinary(ViolationsSchema, value) });
  return error;
}

describe("error → message", () => {
  test("each code has a human message in both languages, never the server's text", () => {
    const server = new ConnectError(
      "pq: duplicate key value violates unique constraint users_email_key",
      Code.AlreadyExists,
    );
    expect(errorMessage(server, en)).toBe("That already exists.");
    expect(errorMessage(server, en)).not.toContain("pq:");
    expect(errorMessage(new ConnectError("x", Code.Unimplemented), ur)).toBe("یہ سہولت ابھی اس سرور پر دستیاب نہیں۔");
    expect(errorMessage(new ConnectError("x", Code.ResourceExhausted), en)).toContain("wait a minute");
  });

  test("a request that never reached the server reads as offline, not as our fault", () => {
    const failed = ConnectError.from(new TypeError("Failed to fetch"));
    expect(failed.code).toBe(Code.Unknown);
    expect(describeError(failed).key).toBe("errors.offline");
    expect(errorMessage(failed, en)).toBe("We can't reach taskmesh. Check your connection and try again.");
  });

  test("fieldProblems gives one message per field at fault, for the form to place beside it", () => {
    expect(fieldProblems(invalid("recurrence.rrule", "due_at"), en)).toEqual([
      { field: "recurrence", message: "Please check: repeat rule." },
      { field: "due_at", message: "Please check: due date." },
    ]);
    expect(fieldProblems(new ConnectError("x", Code.Internal), en)).toEqual([]);
  });

  test("anything that is not a ConnectError reads as an internal error", () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'x')\n    at foo (app.js:1:2)");
    expect(describeError(error).key).toBe("errors.internal");
    expect(errorMessage(error, en)).toBe("Something went wrong on our side. Please try again.");
  });

  test("a failed fetch reads as offline", () => {
    expect(errorMessage(new ConnectError("Failed to fetch", Code.Unavailable), en)).toBe(
      "We can't reach taskmesh. Check your connection and try again.",
    );
  });

  test("invalid input names the fields at fault, translated", () => {
    const error = invalid("title", "reminder.remind_before", "mystery_field");
    expect(describeError(error).fields).toEqual(["title", "reminder", "mystery_field"]);
    expect(errorMessage(error, en)).toBe("Please check: title, reminder, other details.");
    expect(errorMessage(error, ur)).toBe("براہ کرم جانچیں: عنوان، یاد دہانی، دیگر تفصیلات۔");
    expect(errorMessage(new ConnectError("bad", Code.InvalidArgument), en)).toBe(
      "Some details aren't valid. Please check them and try again.",
    );
  });

  test("a screen can say something more specific", () => {
    const error = new ConnectError("invalid email or password", Code.Unauthenticated);
    expect(errorMessage(error, en, { [Code.Unauthenticated]: "auth.badCredentials" })).toBe(
      "That email and password don't match. Please try again.",
    );
  });
});
