import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { QuickAddFrame, QuickAddParse } from "../domain/quick-add";
import { fromParseResponse } from "../domain/server-quick-add";
import type { Api } from "./api";

/**
 * parseQuickAdd is the one place quick add gets its spans: the server's Task skill (TaskService.ParseQuickAdd),
 * so the browser shows exactly what the assistant understands. A failed call shows no chips; the line
 * is still saved as typed.
 */
export async function parseQuickAdd(api: Api, text: string, frame: QuickAddFrame): Promise<QuickAddParse> {
  if (!text.trim()) return { text, spans: [] };
  try {
    const res = await api.tasks.parseQuickAdd({
      text,
      referenceTime: timestampFromDate(frame.referenceTime),
      timeZone: frame.timeZone,
    });
    return fromParseResponse(text, res);
  } catch {
    return { text, spans: [] };
  }
}
