import { expect, test } from "bun:test";
import { InvalidArgumentError } from "../../platform/errors";
import { commentBody, mentionsIn } from "./comment-rules";

const sara = { id: "s", email: "sara@example.com", displayName: "Sara" };
const saraKhan = { id: "k", email: "khan@example.com", displayName: "Sara Khan" };
const ali = { id: "a", email: "ali@example.com", displayName: "Ali" };
const people = [sara, saraKhan, ali];

test("mentions are @email or @display name of the project's people, in order of first mention, each once", () => {
  expect(mentionsIn("@ali please ask @sara@example.com and @ALI again", people)).toEqual(["a", "s"]);
  // The longer name wins where two start alike; a name must end where the mention does.
  expect(mentionsIn("@Sara Khan, and @Sara.", people)).toEqual(["k", "s"]);
  expect(mentionsIn("@Alia and @Alison", people)).toEqual([]);
  // An address inside a word is not a mention, nor is anyone outside the project.
  expect(mentionsIn("write to ali@example.com or @nobody@example.com", people)).toEqual([]);
  // Urdu text around a mention.
  expect(mentionsIn("‏@Ali براہ کرم دیکھ لیں", people)).toEqual(["a"]);
});

test("a body is 1-4,000 characters of plain text, not blank, no control characters but line breaks and tabs", () => {
  expect(commentBody("line one\n\tline two")).toBe("line one\n\tline two");
  expect(commentBody("😀".repeat(4000))).toHaveLength(8000);
  for (const bad of ["", "  \n ", "x".repeat(4001), "bell\u0007", "nul\u0000"]) {
    expect(() => commentBody(bad)).toThrow(InvalidArgumentError);
  }
});
