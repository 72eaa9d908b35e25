import { create, type MessageInitShape, toJson } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { Client, HandlerContext, ServiceImpl } from "@connectrpc/connect";
import type { AuditService } from "../../../gen/todo/v1/audit_service_pb";
import { AuditEventSchema } from "../../../gen/todo/v1/audit_service_pb";
import { CommentSchema } from "../../../gen/todo/v1/comment_pb";
import { ProjectSchema, SectionSchema } from "../../../gen/todo/v1/project_pb";
import { TaskSchema } from "../../../gen/todo/v1/task_pb";
import {
  ExportFormat,
  ImportDataResponseSchema,
  ImportFormat,
  type ImportRow,
  ImportRowSchema,
  type TransferService,
} from "../../../gen/todo/v1/transfer_service_pb";
import { priorityName } from "../../../vocabulary/priority";
import { formatLocalDate, isValidTimeZone, toLocal } from "../../../vocabulary/time-zone";
import { EXPORT_FORMAT_VERSION, IMPORT_PREVIEW_ROWS } from "../../../vocabulary/transfer";
import { callerId } from "../../platform/auth/caller";
import { InvalidArgumentError } from "../../platform/errors";
import type { Quota } from "../../platform/quota";
import { toCommentMessage } from "../db/comment-store";
import type { ExportStore } from "../db/export-store";
import type { createImportStore } from "../db/import-store";
import { toProjectMessage, toSectionMessage } from "../db/project-row";
import { toTaskMessage } from "../db/task-row";
import type { UserStore } from "../db/user-store";
import { writeCsv } from "../domain/import/csv";
import { readGenericCsv } from "../domain/import/generic-csv";
import { checkRecurrences, type ImportPlan, refusal } from "../domain/import/plan";
import { EXPORT_FORMAT_NAME, readTaskmeshJson } from "../domain/import/taskmesh-json";
import { readTodoistCsv } from "../domain/import/todoist-csv";

/** The project a Todoist CSV goes into when the caller names none. */
const todoistDefaultProject = "Todoist import";

/** The columns of the task CSV export; the generic import reads it back with the same names as its mapping. */
const csvColumns = ["title", "description", "due", "priority", "tags", "project", "section", "parent", "status"];

/** Audit records per page read from the audit service (its page size limit). */
const auditPage = 200;

/**
 * transferService implements todo.v1.TransferService: ImportData reads a file into a plan (domain/import), and the
 * import store writes it in one transaction (or, dry, only looks); ExportData streams the caller's data page by page.
 */
export function transferService(deps: {
  imports: ReturnType<typeof createImportStore>;
  exports: ExportStore;
  users: Pick<UserStore, "byId">;
  audit: () => Client<typeof AuditService>;
  /** quotas bound imports and exports per user (QUOTA_IMPORTS_PER_HOUR, QUOTA_EXPORTS_PER_HOUR). */
  quotas: { imports: Quota; exports: Quota };
  now?: () => Date;
}): ServiceImpl<typeof TransferService> {
  const now = deps.now ?? (() => new Date());
  return {
    async importData(req, context) {
      const userId = callerId(context);
      deps.quotas.imports.enforce(userId);
      const profile = await deps.users.byId(userId);
      const timeZone = req.timeZone || profile.timeZone;
      if (!isValidTimeZone(timeZone)) {
        throw new InvalidArgumentError([{ field: "time_zone", description: `unknown time zone "${timeZone}"` }]);
      }
      const projectName = req.projectName.trim();
      // The contract's rule for a project name: one line, no control characters.
      if (/\p{Cc}/u.test(projectName)) {
        throw new InvalidArgumentError([
          { field: "project_name", description: "must be one line without control characters" },
        ]);
      }
      let text: string;
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(req.content);
      } catch {
        throw new InvalidArgumentError([{ field: "content", description: "the file is not UTF-8 text" }]);
      }
      const at = now();
      const plan: ImportPlan = (() => {
        switch (req.format) {
          case ImportFormat.TODOIST_CSV:
            return readTodoistCsv(text, {
              projectName: projectName || todoistDefaultProject,
              timeZone,
              now: at,
            });
          case ImportFormat.GENERIC_CSV:
            return readGenericCsv(
              text,
              {
                title: req.mapping?.title ?? "",
                description: req.mapping?.description ?? "",
                due: req.mapping?.due ?? "",
                priority: req.mapping?.priority ?? "",
                tags: req.mapping?.tags ?? "",
                project: req.mapping?.project ?? "",
                section: req.mapping?.section ?? "",
                parent: req.mapping?.parent ?? "",
                status: req.mapping?.status ?? "",
              },
              { defaultProject: projectName, timeZone, now: at },
            );
          default:
            return readTaskmeshJson(text, { now: at });
        }
      })();
      await checkRecurrences(plan, timeZone, at);
      if (!req.dryRun && plan.problems.length > 0) throw refusal(plan.problems);
      const outcome = await deps.imports.apply(userId, plan, { timeZone, dryRun: req.dryRun });
      return create(ImportDataResponseSchema, {
        dryRun: req.dryRun,
        projectsCreated: outcome.projectsCreated,
        sectionsCreated: outcome.sectionsCreated,
        tasksCreated: outcome.tasksCreated,
        projectsExisting: outcome.projectsExisting,
        sectionsExisting: outcome.sectionsExisting,
        tasksExisting: outcome.tasksExisting,
        commentsCreated: outcome.commentsCreated,
        commentsExisting: outcome.commentsExisting,
        rows: previewRows(plan, outcome.existing),
        problems: [...plan.problems, ...outcome.problems],
        warnings: plan.warnings,
        rowsTotal: plan.rows,
      });
    },

    async *exportData(req, context) {
      const userId = callerId(context);
      deps.quotas.exports.enforce(userId);
      const stamp = now().toISOString().slice(0, 10);
      if (req.format === ExportFormat.TASKS_CSV) {
        yield { chunk: "", fileName: `taskmesh-tasks-${stamp}.csv`, contentType: "text/csv; charset=utf-8" };
        yield* exportCsv(deps.exports, userId);
        return;
      }
      yield { chunk: "", fileName: `taskmesh-export-${stamp}.json`, contentType: "application/json" };
      yield* exportJson(deps, userId, now(), context);
    },
  };
}

/** previewRows are the first rows of the file as read: projects, sections and tasks in file order. */
function previewRows(plan: ImportPlan, existing: Set<string>): ImportRow[] {
  const projectNames = new Map(plan.projects.map((p) => [p.key, p.name]));
  const sectionNames = new Map(plan.sections.map((s) => [s.key, s.name]));
  const taskTitles = new Map(plan.tasks.map((t) => [t.key, t.title]));
  const rows: MessageInitShape<typeof ImportRowSchema>[] = [
    ...plan.projects.map((p) => ({ row: p.row, kind: "project", title: p.name, existing: existing.has(p.key) })),
    ...plan.sections.map((s) => ({
      row: s.row,
      kind: "section",
      title: s.name,
      project: projectNames.get(s.projectKey) ?? "",
      existing: existing.has(s.key),
    })),
    ...plan.tasks.map((t) => ({
      row: t.row,
      kind: "task",
      title: t.title,
      project: t.projectKey ? (projectNames.get(t.projectKey) ?? "") : "",
      section: t.sectionKey ? (sectionNames.get(t.sectionKey) ?? "") : "",
      parent: t.parentKey ? (taskTitles.get(t.parentKey) ?? "") : "",
      priority: t.priority,
      dueAt: t.dueAt ? timestampFromDate(t.dueAt) : undefined,
      dueDateOnly: t.dueDateOnly,
      tags: t.tags,
      existing: existing.has(t.key),
      completed: t.completedAt !== null,
    })),
  ];
  return rows
    .sort((a, b) => (a.row ?? 0) - (b.row ?? 0))
    .slice(0, IMPORT_PREVIEW_ROWS)
    .map((row) => create(ImportRowSchema, row));
}

/** jsonList writes `"name":[…]` from pages of items, one chunk per page. */
async function* jsonList<T>(name: string, pages: AsyncIterable<T[]>, toJsonValue: (item: T) => unknown, first = false) {
  yield { chunk: `${first ? "" : ","}\n"${name}":[` };
  let written = 0;
  for await (const page of pages) {
    yield { chunk: page.map((item) => `${written++ === 0 ? "" : ","}\n${JSON.stringify(toJsonValue(item))}`).join("") };
  }
  yield { chunk: "\n]" };
}

/**
 * exportJson writes the taskmesh export: a format name and version, the profile, then each list in pages. Audit
 * records come first, read from the audit service with the caller's own credentials (its bearer token, or the
 * service credential acting for them), so a missing audit service fails the export before anything large is sent.
 */
async function* exportJson(
  deps: { exports: ExportStore; users: Pick<UserStore, "byId">; audit: () => Client<typeof AuditService> },
  userId: string,
  at: Date,
  context: HandlerContext,
) {
  const profile = await deps.users.byId(userId);
  const header = {
    format: EXPORT_FORMAT_NAME,
    version: EXPORT_FORMAT_VERSION,
    exportedAt: at.toISOString(),
    // user.id (version 2) tells an import which comments the file's owner wrote.
    user: { id: userId, displayName: profile.displayName, timeZone: profile.timeZone, locale: profile.locale },
  };
  yield { chunk: JSON.stringify(header).slice(0, -1) };
  const authorization = context.requestHeader.get("authorization");
  const audit = deps.audit();
  async function* auditPages() {
    let pageToken = "";
    do {
      const page = await audit.listAuditEvents(
        { pageSize: auditPage, pageToken },
        { headers: authorization ? { authorization } : {}, signal: context.signal },
      );
      yield page.events;
      pageToken = page.nextPageToken;
    } while (pageToken);
  }
  yield* jsonList("auditRecords", auditPages(), (e) => toJson(AuditEventSchema, e));
  yield* jsonList("projects", deps.exports.projects(userId), (row) => toJson(ProjectSchema, toProjectMessage(row)));
  yield* jsonList("sections", deps.exports.sections(userId), (row) => toJson(SectionSchema, toSectionMessage(row)));
  yield* jsonList("savedFilters", deps.exports.savedFilters(userId), (row) => ({ name: row.name, query: row.query }));
  yield* jsonList("tasks", deps.exports.tasks(userId), (row) => toJson(TaskSchema, toTaskMessage(row)));
  yield* jsonList("comments", deps.exports.comments(userId), (r) =>
    toJson(CommentSchema, toCommentMessage(r.comment, r.projectId, r.authorName ?? "")),
  );
  yield { chunk: "\n}\n" };
}

/** exportCsv writes the caller's tasks as CSV under csvColumns, a page per chunk, with project, section and parent by name. */
async function* exportCsv(exports: ExportStore, userId: string) {
  const projectNames = new Map<string, string>();
  for await (const page of exports.projects(userId))
    for (const p of page) projectNames.set(p.id, p.isInbox ? "" : p.name);
  const sectionNames = new Map<string, string>();
  for await (const page of exports.sections(userId)) for (const s of page) sectionNames.set(s.id, s.name);
  yield { chunk: writeCsv(csvColumns, [], true) };
  for await (const page of exports.tasks(userId)) {
    const titles = await exports.titlesOf(userId, [...new Set(page.flatMap((t) => (t.parentId ? [t.parentId] : [])))]);
    const rows = page.map((t) => [
      t.title,
      t.description,
      !t.dueAt ? "" : t.dueDateOnly ? formatLocalDate(toLocal(t.dueAt, t.timeZone)) : t.dueAt.toISOString(),
      priorityName(t.priority),
      t.tags.join(", "),
      projectNames.get(t.projectId) ?? "",
      t.sectionId ? (sectionNames.get(t.sectionId) ?? "") : "",
      t.parentId ? (titles.get(t.parentId) ?? "") : "",
      t.status === 2 ? "completed" : "open",
    ]);
    yield { chunk: writeCsv(csvColumns, rows, false) };
  }
}
