import { create } from "@bufbuild/protobuf";
import {
  SavedFilterChangedSchema,
  SavedFilterCreatedSchema,
  SavedFilterDeletedSchema,
  SavedFilterUpdatedSchema,
} from "../../../gen/todo/events/v1/filter_events_pb";
import { SavedFilterChangeKind } from "../../../gen/todo/v1/filter_pb";
import { newEventMeta, topics } from "../../platform/bus/event-codec";
import type { OutgoingEvent } from "../../platform/bus/outbox";
import { type SavedFilterRow, toSavedFilterMessage } from "../db/saved-filter-row";

/** The kinds of change a saved filter goes through. */
export type SavedFilterChange = "created" | "updated" | "deleted";

const kinds: Record<SavedFilterChange, SavedFilterChangeKind> = {
  created: SavedFilterChangeKind.CREATED,
  updated: SavedFilterChangeKind.UPDATED,
  deleted: SavedFilterChangeKind.DELETED,
};

/**
 * savedFilterChangeEvents lists what one saved-filter change publishes: the lifecycle event on task-events (audit
 * records it) and a snapshot on task-updates (WatchTasks, so the user's other clients see it), both keyed by the
 * filter id. A deleted filter is described as it was.
 */
export function savedFilterChangeEvents(
  change: SavedFilterChange,
  row: SavedFilterRow,
  context: { correlationId: string; changedFields?: string[] },
): OutgoingEvent[] {
  const savedFilter = toSavedFilterMessage(row);
  const meta = () => newEventMeta({ userId: row.userId, correlationId: context.correlationId });
  const lifecycle =
    change === "created"
      ? create(SavedFilterCreatedSchema, { meta: meta(), savedFilter })
      : change === "updated"
        ? create(SavedFilterUpdatedSchema, { meta: meta(), savedFilter, changedFields: context.changedFields ?? [] })
        : create(SavedFilterDeletedSchema, { meta: meta(), savedFilter });
  return [
    { topic: topics.taskEvents, key: row.id, event: lifecycle },
    {
      topic: topics.taskUpdates,
      key: row.id,
      event: create(SavedFilterChangedSchema, { meta: meta(), kind: kinds[change], savedFilter }),
    },
  ];
}
