/**
 * How the chat panel shows what the server said: the direction of a reply, what to offer for an
 * action's task, when a list of actions is folded away, and which tasks are worth fetching afresh.
 * Pure functions over the ChatService shapes, so they are tested without a browser.
 */
import { ChatTaskOffer } from "../../../../gen/todo/v1/chat_service_pb";

/** Direction is the paragraph direction a message is laid out in. */
type Direction = "rtl" | "ltr";

const FIRST_ISOLATE = /[\u2066\u2067\u2068]/u; // LRI, RLI, FSI
const PDI = "\u2069";
const RLM = "\u200F";
const LRM = "\u200E";
const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const LETTER = /\p{L}/u;

/**
 * replyDirection is how a message is laid out: Urdu script ("ur") right to left; English and Roman
 * Urdu ("roman-ur", answered in Latin script) left to right. A message whose language is not known
 * (history from GetConversation) takes the direction of its first strong letter, skipping isolated
 * runs (FSI…PDI: a quoted title) and honouring a leading right-to-left or left-to-right mark, which
 * is what the server writes for that purpose; undefined when the text has no letter at all.
 */
export function replyDirection(text: string, language?: string): Direction | undefined {
  if (language === "ur") return "rtl";
  if (language === "en" || language === "roman-ur") return "ltr";
  let depth = 0;
  for (const char of text) {
    if (FIRST_ISOLATE.test(char)) depth += 1;
    else if (char === PDI) depth = Math.max(0, depth - 1);
    else if (depth > 0) continue;
    else if (char === RLM) return "rtl";
    else if (char === LRM) return "ltr";
    else if (RTL_LETTER.test(char) && LETTER.test(char)) return "rtl";
    else if (LETTER.test(char)) return "ltr";
  }
  return undefined;
}

const BIDI_CONTROLS = /[\u200E\u200F\u2066-\u2069]/gu;

/**
 * sameText says whether an action's summary says what the reply says already (then only its offer is
 * shown), ignoring the bidi controls the server adds to a reply (the leading mark, the isolates).
 */
export const sameText = (a: string, b: string): boolean =>
  a.replace(BIDI_CONTROLS, "").trim() === b.replace(BIDI_CONTROLS, "").trim();

/** TaskOffer is what the panel offers beside an action: a link to the task, a Restore button, or nothing. */
type TaskOffer = "open" | "restore" | "none";

/**
 * offerFor reads ChatAction.offer. A server from before the field existed sends UNSPECIFIED: its
 * task is offered to open, as it always was.
 */
export function offerFor(action: { taskId: string; offer: ChatTaskOffer }): TaskOffer {
  if (!action.taskId) return "none";
  switch (action.offer) {
    case ChatTaskOffer.RESTORE:
      return "restore";
    case ChatTaskOffer.NONE:
      return "none";
    default:
      return "open";
  }
}

/** More actions than this in one reply (a bulk delete: up to 500) are folded behind a disclosure. */
const OPEN_ACTIONS_LIMIT = 5;

/** collapsesActions says whether a reply's actions are folded away (the reply text already gives the count). */
export const collapsesActions = (actions: readonly unknown[]): boolean => actions.length > OPEN_ACTIONS_LIMIT;

/**
 * tasksToFetch lists the distinct tasks of a reply worth a GetTask each so this tab is right before
 * the live stream says so; for a bulk reply (more than OPEN_ACTIONS_LIMIT tasks) it is empty, and the
 * caller resyncs the lists once instead of calling GetTask hundreds of times.
 */
export function tasksToFetch(actions: readonly { taskId: string }[]): { ids: string[]; resync: boolean } {
  const ids = [...new Set(actions.map((a) => a.taskId).filter(Boolean))];
  return ids.length > OPEN_ACTIONS_LIMIT ? { ids: [], resync: true } : { ids, resync: false };
}

interface WithActions<A extends { taskId: string; offer: ChatTaskOffer }> {
  actions: A[];
}

/**
 * withOffers brings the earlier messages' offers up to date with what just happened: each task named
 * in `latest` (id → offer now) gets that offer everywhere in `messages`. A task deleted by a later
 * message is then offered for restore in the message that created it, and one brought back (undo,
 * the Restore button) is offered to open again — as GetConversation would say after a reload.
 * Messages and actions that do not change are returned as they were (same objects).
 */
export function withOffers<A extends { taskId: string; offer: ChatTaskOffer }, M extends WithActions<A>>(
  messages: readonly M[],
  latest: ReadonlyMap<string, ChatTaskOffer>,
): M[] {
  if (latest.size === 0) return [...messages];
  return messages.map((message) => {
    let changed = false;
    const actions = message.actions.map((action) => {
      const now = action.taskId ? latest.get(action.taskId) : undefined;
      if (now === undefined || now === action.offer) return action;
      changed = true;
      return { ...action, offer: now };
    });
    return changed ? { ...message, actions } : message;
  });
}

/** offersOf maps each task of a reply's actions to its offer (the last action on a task wins). */
export function offersOf(actions: readonly { taskId: string; offer: ChatTaskOffer }[]): Map<string, ChatTaskOffer> {
  const offers = new Map<string, ChatTaskOffer>();
  for (const action of actions) {
    if (action.taskId && action.offer !== ChatTaskOffer.UNSPECIFIED) offers.set(action.taskId, action.offer);
  }
  return offers;
}
