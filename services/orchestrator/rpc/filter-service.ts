import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { Client, HandlerContext, ServiceImpl } from "@connectrpc/connect";
import type { SkillService } from "../../../gen/todo/skills/v1/skill_service_pb";
import type { FilterService } from "../../../gen/todo/v1/filter_service_pb";
import { formatLocalDate, isValidTimeZone } from "../../../vocabulary/time-zone";
import { callerId } from "../../platform/auth/caller";
import type { Db } from "../../platform/db/database";
import { InvalidArgumentError } from "../../platform/errors";
import { type FilterFrame, listFilteredTasks, namesOf } from "../db/filter-query";
import { toSavedFilterMessage } from "../db/saved-filter-row";
import type { SavedFilterStore } from "../db/saved-filter-store";
import { toTaskMessage } from "../db/task-row";
import { taskView } from "../db/task-views";
import type { UserStore } from "../db/user-store";
import { mentions } from "../domain/filter/ast";
import { type ExplainLanguage, explainFilter } from "../domain/filter/describe";
import { parseFilter } from "../domain/filter/parse";
import { printFilter } from "../domain/filter/print";

/** UPCOMING_DAYS is how far the Upcoming view looks ahead, today included. */
const UPCOMING_DAYS = 14;

export interface FilterServiceDeps {
  db: Db;
  users: UserStore;
  savedFilters: SavedFilterStore;
  /** skills writes filters from sentences; resolved per call, so the skills service may start after us. */
  skills: () => Client<typeof SkillService>;
}

const explainLanguage = (language: string, locale: string): ExplainLanguage =>
  language === "ur" || language === "roman-ur" || language === "en" ? language : locale === "ur" ? "ur" : "en";

/** filterService implements todo.v1.FilterService: parse, run, view and keep the caller's filters. */
export function filterService({
  db,
  users,
  savedFilters,
  skills,
}: FilterServiceDeps): ServiceImpl<typeof FilterService> {
  /** frameOf reads "now" and the zone of a request; every query it scopes is the caller's. */
  const frameOf = async (
    req: { timeZone: string; referenceTime?: Parameters<typeof timestampDate>[0] },
    context: HandlerContext,
  ): Promise<FilterFrame> => {
    const userId = callerId(context);
    const timeZone = req.timeZone || (await users.timeZoneOf(userId));
    if (!isValidTimeZone(timeZone)) {
      throw new InvalidArgumentError([{ field: "time_zone", description: `unknown time zone "${timeZone}"` }]);
    }
    return { userId, timeZone, now: req.referenceTime ? timestampDate(req.referenceTime) : new Date() };
  };

  return {
    async parseFilter(req) {
      return { canonical: printFilter(parseFilter(req.filter, "filter")) };
    },

    async listFilteredTasks(req, context) {
      const frame = await frameOf(req, context);
      const node =
        req.source.case === "savedFilterId"
          ? parseFilter((await savedFilters.get(frame.userId, req.source.value)).query, "saved_filter_id")
          : parseFilter(req.source.value ?? "", "filter");
      const canonical = printFilter(node);
      const { rows, nextPageToken } = await listFilteredTasks(db, node, frame, {
        size: req.pageSize || 50,
        token: req.pageToken,
        // A page token is bound to the query and zone: another filter starts over.
        listing: { canonical, timeZone: frame.timeZone },
      });
      return { tasks: rows.map(toTaskMessage), nextPageToken, canonical };
    },

    async listToday(req, context) {
      const frame = await frameOf(req, context);
      const view = await taskView(db, frame, 1);
      const today = view.days[0]!;
      return {
        date: formatLocalDate(today.date),
        overdue: view.overdue.map(toTaskMessage),
        today: today.tasks.map(toTaskMessage),
        truncated: view.truncated,
      };
    },

    async listUpcoming(req, context) {
      const frame = await frameOf(req, context);
      const view = await taskView(db, frame, UPCOMING_DAYS);
      return {
        overdue: view.overdue.map(toTaskMessage),
        days: view.days.map((day) => ({ date: formatLocalDate(day.date), tasks: day.tasks.map(toTaskMessage) })),
        truncated: view.truncated,
      };
    },

    async suggestFilter(req, context) {
      const userId = callerId(context);
      const [names, user] = await Promise.all([namesOf(db, userId), users.byId(userId)]);
      const answer = await skills().writeFilter({ text: req.text, ...names });
      const language = explainLanguage(answer.language, user.locale);
      let node: ReturnType<typeof parseFilter> | undefined;
      try {
        node = answer.query ? parseFilter(answer.query, "text") : undefined;
      } catch {
        // The skill's query is data: one the grammar refuses is "not understood", never shown or run.
        node = undefined;
      }
      if (!node) {
        return { filter: "", confidence: 0, explanation: notUnderstood[language], language };
      }
      const completed = mentions(node, (term) => term.kind === "completed");
      return {
        filter: printFilter(node),
        confidence: answer.meta?.confidence ?? 0,
        explanation: explainFilter(node, language, completed),
        language,
      };
    },

    async createSavedFilter(req, context) {
      const query = checkedQuery(req.query);
      const saved = await savedFilters.create(callerId(context), checkedName(req.name), query);
      return { savedFilter: toSavedFilterMessage(saved) };
    },

    async getSavedFilter(req, context) {
      return { savedFilter: toSavedFilterMessage(await savedFilters.get(callerId(context), req.id)) };
    },

    async listSavedFilters(_req, context) {
      return { savedFilters: (await savedFilters.list(callerId(context))).map(toSavedFilterMessage) };
    },

    async updateSavedFilter(req, context) {
      const change: { name?: string; query?: string } = {};
      if (req.name !== undefined) change.name = checkedName(req.name);
      if (req.query !== undefined) change.query = checkedQuery(req.query);
      return { savedFilter: toSavedFilterMessage(await savedFilters.update(callerId(context), req.id, change)) };
    },

    async deleteSavedFilter(req, context) {
      await savedFilters.delete(callerId(context), req.id);
      return {};
    },
  };
}

/** A saved query is kept as the caller wrote it (trimmed), once it parses. */
function checkedQuery(query: string): string {
  parseFilter(query, "query");
  return query.trim();
}

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new InvalidArgumentError([{ field: "name", description: "must not be blank" }]);
  return trimmed;
}

const notUnderstood: Record<ExplainLanguage, string> = {
  en: "I could not tell which tasks you want to see. Try naming a day, a priority, a tag or a project.",
  ur: "سمجھ نہیں آیا کہ آپ کون سے کام دیکھنا چاہتے ہیں۔ کوئی دن، ترجیح، ٹیگ یا پروجیکٹ بتائیں۔",
  "roman-ur": "Samajh nahi aaya aap kaun se kaam dekhna chahte hain. Koi din, priority, tag ya project batayein.",
};
