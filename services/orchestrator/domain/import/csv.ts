import Papa from "papaparse";
import { InvalidArgumentError } from "../../../platform/errors";
import { checkRowCount } from "./plan";

/** CsvTable is a CSV file read with its header: each record maps a header to its cell, with its line number. */
export interface CsvTable {
  headers: string[];
  records: { line: number; cells: Record<string, string> }[];
}

/**
 * readCsv parses a CSV file (RFC 4180 quoting, any line ends, a byte-order mark ignored) with papaparse. Headers
 * are compared case-insensitively and without surrounding spaces, so they are kept upper-cased and trimmed.
 * Blank lines (Todoist puts one between items) are skipped but counted, so line numbers match the file.
 */
export function readCsv(text: string): CsvTable {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: false });
  const fatal = parsed.errors.find((e) => e.type === "Quotes");
  if (fatal) {
    throw new InvalidArgumentError([
      { field: "content", description: `not a readable CSV file: ${fatal.message} (line ${(fatal.row ?? 0) + 1})` },
    ]);
  }
  const [header, ...lines] = parsed.data;
  // A file's last line end is not a row.
  while (lines.length > 0 && lines[lines.length - 1]!.every((cell) => !cell.trim())) lines.pop();
  if (!header || header.every((cell) => !cell.trim())) {
    throw new InvalidArgumentError([{ field: "content", description: "the file has no header row" }]);
  }
  checkRowCount(lines.length);
  const headers = header.map((h) => h.trim().toUpperCase());
  const records: CsvTable["records"] = [];
  lines.forEach((cells, i) => {
    if (cells.every((cell) => !cell.trim())) return;
    const record: Record<string, string> = {};
    headers.forEach((name, column) => {
      if (name && !(name in record)) record[name] = (cells[column] ?? "").trim();
    });
    records.push({ line: i + 2, cells: record });
  });
  return { headers, records };
}

/** writeCsv writes rows under a header as RFC 4180 CSV (CRLF line ends, fields quoted where needed). */
export function writeCsv(header: readonly string[], rows: readonly (readonly string[])[], withHeader: boolean): string {
  const text = Papa.unparse(
    { fields: [...header], data: rows.map((r) => [...r]) },
    { header: withHeader, newline: "\r\n" },
  );
  return text.length > 0 ? `${text}\r\n` : "";
}
