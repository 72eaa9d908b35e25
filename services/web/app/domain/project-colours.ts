/**
 * The colours a project can wear, by name (the name is what a screen reader says; the contract stores
 * "#rrggbb"). Each is at least 3:1 against the light and dark surfaces, as a UI mark must be.
 */
export const projectColours = [
  { key: "red", value: "#d9453c" },
  { key: "orange", value: "#d9722b" },
  { key: "yellow", value: "#b8901c" },
  { key: "green", value: "#3f9a5b" },
  { key: "teal", value: "#23917f" },
  { key: "blue", value: "#3b7dd8" },
  { key: "purple", value: "#8a5cc7" },
  { key: "grey", value: "#7a7f87" },
] as const;
