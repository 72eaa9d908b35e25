import type { Scanner } from "../scanner";
import type { Language } from "../types";
import type { DateFrame, DateScan } from "./date-finding";
import { scanEnglishDates } from "./english-dates";
import { scanUrduDates } from "./urdu-dates";

/**
 * Reads every date and time expression left in the scanner: Urdu-script rules always, Roman Urdu
 * rules in Roman Urdu text, then English (chrono-node). Findings come back in text order.
 */
export function scanDates(scanner: Scanner, frame: DateFrame, field: string, language: Language): DateScan {
  const urdu = scanUrduDates(scanner, frame, field, language === "roman-ur");
  const english = scanEnglishDates(scanner, frame, field);
  const findings = [...urdu.findings, ...english].sort((a, b) => a.span.start - b.span.start);
  return { findings, ambiguities: urdu.ambiguities };
}
