import { describe, expect, test } from "bun:test";
import { type KeyPress, shortcutOf } from "./shortcuts";

const press = (key: string, target: Partial<KeyPress["target"]> = {}, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
  target: { tagName: "BODY", onRow: false, ...target },
});

describe("keyboard shortcuts", () => {
  test("q adds, / searches, ? helps, j/k move, e completes anywhere outside a field", () => {
    expect(["q", "/", "?", "j", "k", "e"].map((key) => shortcutOf(press(key)))).toEqual([
      "add",
      "search",
      "help",
      "next",
      "previous",
      "complete",
    ]);
  });

  test("never while typing in a field, or with a modifier held", () => {
    for (const target of [
      { tagName: "INPUT", type: "text" },
      { tagName: "INPUT", type: "search" },
      { tagName: "TEXTAREA" },
      { tagName: "SELECT" },
      { tagName: "DIV", isContentEditable: true },
    ]) {
      expect(shortcutOf(press("q", target))).toBeUndefined();
      expect(shortcutOf(press("j", target))).toBeUndefined();
    }
    expect(shortcutOf(press("q", {}, { ctrlKey: true }))).toBeUndefined();
    expect(shortcutOf(press("/", {}, { metaKey: true }))).toBeUndefined();
  });

  test("a row's checkbox is not a text field: j still moves from it", () => {
    expect(shortcutOf(press("j", { tagName: "INPUT", type: "checkbox", onRow: true }))).toBe("next");
  });

  test("Enter edits and Space completes on a focused row, not on its links and buttons", () => {
    expect(shortcutOf(press("Enter", { tagName: "LI", onRow: true }))).toBe("edit");
    expect(shortcutOf(press(" ", { tagName: "LI", onRow: true }))).toBe("complete");
    expect(shortcutOf(press("Enter", { tagName: "A", onRow: true }))).toBeUndefined();
    expect(shortcutOf(press(" ", { tagName: "BUTTON", onRow: true }))).toBeUndefined();
    expect(shortcutOf(press("ArrowDown", { tagName: "LI", onRow: true }))).toBe("next");
    expect(shortcutOf(press("ArrowDown"))).toBeUndefined();
  });
});
