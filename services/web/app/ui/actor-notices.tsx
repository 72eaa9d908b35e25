import { useEffect, useRef } from "react";
import { type ActorNotice, actorNotice } from "../domain/actor-notice";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";
import { useToasts } from "./toasts";

/** Notices gather this long before they are said, so a burst (a parent completed with its subtasks) is one line per person. */
const gatherMs = 700;

/**
 * ActorNotices says, in a polite toast, who made a change that arrives live from someone else — "Sara completed
 * “report”" — in the user's language; several changes by one person at once are counted ("Sara made 3
 * changes"). The user's own changes, from this client or another of theirs, are not said.
 */
export function ActorNotices() {
  const i18n = useI18n();
  const { taskEvents, user } = useSession();
  const toasts = useToasts();
  const say = useRef({ i18n, toasts });
  say.current = { i18n, toasts };
  useEffect(() => {
    let gathered: ActorNotice[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const { i18n, toasts } = say.current;
      const byActor = new Map<string, ActorNotice[]>();
      for (const notice of gathered) {
        const said = byActor.get(notice.actorId) ?? [];
        // One change can come as more than one message (a task and its assignment): say it once.
        if (!said.some((n) => n.key === notice.key && n.title === notice.title)) said.push(notice);
        byActor.set(notice.actorId, said);
      }
      gathered = [];
      for (const [first, ...more] of byActor.values()) {
        if (!first) continue;
        const message =
          more.length === 0
            ? i18n.t(first.key, { name: first.name, title: first.title })
            : i18n.plural("actor.several", more.length + 1, { name: first.name });
        toasts.show({ tone: "info", message });
      }
    };
    const off = taskEvents.onLive((message) => {
      const notice = actorNotice(message, user.id);
      if (!notice) return;
      gathered.push(notice);
      timer ??= setTimeout(flush, gatherMs);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [taskEvents, user.id]);
  return null;
}
