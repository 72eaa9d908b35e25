import { useEffect, useState } from "react";
import { type Api, streamOptions } from "../api/api";
import { type LiveState, runLiveStream } from "../api/live-stream";
import type { TaskEvents } from "./task-events";

/** useLiveTasks keeps WatchTasks open while signed in and feeds its changes (tasks; projects, sections, filters) to `events`. */
export function useLiveTasks(api: Api, events: TaskEvents): LiveState {
  const [state, setState] = useState<LiveState>("connecting");
  useEffect(() => {
    const controller = new AbortController();
    void runLiveStream(
      {
        open: (signal, opened) => api.tasks.watchTasks({}, streamOptions(signal, opened)),
        isHeartbeat: (message) =>
          message.heartbeat ||
          (!message.task && !message.project && !message.section && !message.savedFilter && !message.comment),
        onMessage: (message) => {
          if (message.task) events.emit({ kind: message.kind, task: message.task });
          else if (message.comment) events.commentChanged(message.commentKind, message.comment);
          else events.organiseChanged();
          events.live(message);
        },
        onState: setState,
        onReconnected: () => events.resync(),
        refresh: () => api.refresh(),
      },
      controller.signal,
    );
    return () => controller.abort();
  }, [api, events]);
  return state;
}
