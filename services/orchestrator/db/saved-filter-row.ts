import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { type SavedFilter, SavedFilterSchema } from "../../../gen/todo/v1/filter_pb";
import type { savedFilters } from "./schema";

/** SavedFilterRow is one row of saved_filters. */
export type SavedFilterRow = typeof savedFilters.$inferSelect;

/** toSavedFilterMessage maps a row to the contract's SavedFilter (the owner stays out). */
export const toSavedFilterMessage = (row: SavedFilterRow): SavedFilter =>
  create(SavedFilterSchema, {
    id: row.id,
    name: row.name,
    query: row.query,
    createdAt: timestampFromDate(row.createdAt),
    updatedAt: timestampFromDate(row.updatedAt),
  });
