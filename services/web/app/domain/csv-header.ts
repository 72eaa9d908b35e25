/**
 * csvHeader reads the column names of a CSV file's first record (RFC 4180 quoting: a quoted name may hold commas,
 * doubled quotes and line breaks), so the import form can offer them for the column mapping before any upload.
 */
export function csvHeader(text: string): string[] {
  const names: string[] = [];
  let name = "";
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        name += '"';
        i++;
      } else if (c === '"') quoted = false;
      else name += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      names.push(name.trim());
      name = "";
    } else if (c === "\n" || c === "\r") break;
    else name += c;
  }
  names.push(name.trim());
  return names.filter((n) => n !== "");
}

/** The fields a generic CSV's columns can hold, in the order the form shows them (the contract's CsvColumnMapping). */
export const mappedFields = [
  "title",
  "description",
  "due",
  "priority",
  "tags",
  "project",
  "section",
  "parent",
  "status",
] as const;
export type MappedField = (typeof mappedFields)[number];

/** guessMapping picks, for each field, a column named like it (any case), as the tasks CSV export names them. */
export function guessMapping(headers: readonly string[]): Record<MappedField, string> {
  const pick = (field: string) => headers.find((h) => h.toLowerCase() === field) ?? "";
  return Object.fromEntries(mappedFields.map((f) => [f, pick(f)])) as Record<MappedField, string>;
}
