import { readQuickAdd } from "../domain/local-quick-add";
import type { QuickAddParser } from "../domain/quick-add";

/**
 * quickAddParser is the one place quick add gets its spans. The server does not yet expose the Task
 * skill to browsers (a `TaskService.ParseQuickAdd` RPC is proposed), so the local reader answers; when
 * that RPC exists this becomes a call to it mapped onto the same QuickAddParse.
 */
export const quickAddParser: QuickAddParser = async (text, frame) => readQuickAdd(text, frame);
