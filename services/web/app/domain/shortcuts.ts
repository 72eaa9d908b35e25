/** Shortcut is what a key does on the task list. */
export type Shortcut = "add" | "search" | "next" | "previous" | "complete" | "edit" | "help";

/** The keys the help dialog lists, in its order; each key names its action. */
export const shortcutKeys: { keys: string[]; action: Shortcut }[] = [
  { keys: ["q"], action: "add" },
  { keys: ["/"], action: "search" },
  { keys: ["j", "↓"], action: "next" },
  { keys: ["k", "↑"], action: "previous" },
  { keys: ["e", "Space"], action: "complete" },
  { keys: ["Enter"], action: "edit" },
  { keys: ["?"], action: "help" },
];

/** KeyPress is the part of a keydown event shortcuts look at. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** target describes the focused element. */
  target: { tagName: string; type?: string; isContentEditable?: boolean; onRow: boolean };
}

const typingTypes = new Set([
  "text",
  "search",
  "email",
  "password",
  "url",
  "tel",
  "number",
  "date",
  "time",
  "datetime-local",
  "month",
  "week",
]);

/** typingIn is true where keys are text (or a control's own keys), never shortcuts. */
function typingIn(target: KeyPress["target"]): boolean {
  const tag = target.tagName.toUpperCase();
  if (target.isContentEditable || tag === "TEXTAREA" || tag === "SELECT") return true;
  return tag === "INPUT" && typingTypes.has((target.type ?? "text").toLowerCase());
}

/**
 * shortcutOf decides what a key press does: nothing while typing in a field or with a modifier held;
 * j/k and the arrows move between rows; e or Space complete and Enter edits only on a focused row (where
 * they would otherwise press the row's own link or button).
 */
export function shortcutOf(press: KeyPress): Shortcut | undefined {
  if (press.ctrlKey || press.metaKey || press.altKey || typingIn(press.target)) return undefined;
  switch (press.key) {
    case "q":
    case "Q":
      return "add";
    case "/":
      return "search";
    case "?":
      return "help";
    case "j":
    case "J":
      return "next";
    case "k":
    case "K":
      return "previous";
    case "ArrowDown":
      return press.target.onRow ? "next" : undefined;
    case "ArrowUp":
      return press.target.onRow ? "previous" : undefined;
    case "e":
    case "E":
      return "complete";
    case " ":
      return press.target.onRow && press.target.tagName.toUpperCase() === "LI" ? "complete" : undefined;
    case "Enter":
      return press.target.onRow && press.target.tagName.toUpperCase() === "LI" ? "edit" : undefined;
    default:
      return undefined;
  }
}
