import { Code, ConnectError } from "@connectrpc/connect";
import { useId, useState } from "react";
import {
  ExportFormat,
  type ImportDataResponse,
  ImportFormat,
  type ImportProblem,
} from "../../../../../gen/todo/v1/transfer_service_pb";
import { IMPORT_FILE_BYTES_MAX } from "../../../../../vocabulary/transfer";
import { csvHeader, guessMapping, type MappedField, mappedFields } from "../../domain/csv-header";
import { errorMessage } from "../../domain/error-message";
import { useI18n } from "../../state/i18n-context";
import { useSession } from "../../state/session";
import { FormError, TextField } from "../../ui/form-fields";
import { useToasts } from "../../ui/toasts";

const sources = [
  { format: ImportFormat.TODOIST_CSV, key: "connections.importTodoist" },
  { format: ImportFormat.GENERIC_CSV, key: "connections.importGeneric" },
  { format: ImportFormat.TASKMESH_JSON, key: "connections.importTaskmesh" },
] as const;

/** The export buttons: everything as JSON (it says so while an export runs), or the tasks as CSV. */
const exportChoices = [
  { format: ExportFormat.TASKMESH_JSON, key: "connections.exportJson", testId: "export-json" },
  { format: ExportFormat.TASKS_CSV, key: "connections.exportCsv", testId: "export-csv" },
] as const;

/**
 * TransferSection imports a file (Todoist CSV, a spreadsheet CSV with its columns named here, or a taskmesh export):
 * Preview asks the server for a dry run — counts, the first lines as read and every problem by line — and Import,
 * offered once a preview has no problems, creates it all at once. Export downloads everything as JSON, or the tasks
 * as CSV, streamed from the server and saved as one file.
 */
export function TransferSection() {
  const i18n = useI18n();
  const { api } = useSession();
  const toasts = useToasts();
  const id = useId();
  const [format, setFormat] = useState<ImportFormat>(ImportFormat.TODOIST_CSV);
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | undefined>(undefined);
  const [headers, setHeaders] = useState<string[]>([]);
  const [mapping, setMapping] = useState<Record<MappedField, string>>(guessMapping([]));
  const [projectName, setProjectName] = useState("");
  const [preview, setPreview] = useState<ImportDataResponse | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const choose = async (chosen: File | undefined) => {
    setPreview(undefined);
    setProblem(undefined);
    setFile(undefined);
    if (!chosen) return;
    if (chosen.size > IMPORT_FILE_BYTES_MAX) {
      setProblem(i18n.t("connections.importTooBig", { size: Math.floor(IMPORT_FILE_BYTES_MAX / 1024) }));
      return;
    }
    const bytes = new Uint8Array(await chosen.arrayBuffer());
    setFile({ name: chosen.name, bytes });
    setProjectName((typed) => typed || chosen.name.replace(/\.[^.]*$/, ""));
    if (chosen.name.toLowerCase().endsWith(".json")) setFormat(ImportFormat.TASKMESH_JSON);
    const names = csvHeader(new TextDecoder().decode(bytes.subarray(0, 64 * 1024)));
    setHeaders(names);
    setMapping(guessMapping(names));
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const answer = await api.transfer.importData({
        format,
        content: file.bytes,
        projectName,
        mapping: format === ImportFormat.GENERIC_CSV ? mapping : undefined,
        dryRun,
      });
      if (dryRun) setPreview(answer);
      else {
        setPreview(undefined);
        toasts.show({
          tone: "success",
          message: i18n.t("connections.importDone", counts(answer)),
        });
      }
    } catch (e) {
      setProblem(
        ConnectError.from(e).code === Code.InvalidArgument && ConnectError.from(e).rawMessage
          ? ConnectError.from(e).rawMessage
          : errorMessage(e, i18n),
      );
    } finally {
      setBusy(false);
    }
  };

  const download = async (exportFormat: ExportFormat) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const parts: string[] = [];
      let name = "taskmesh-export";
      let type = "application/octet-stream";
      for await (const part of api.transfer.exportData({ format: exportFormat })) {
        if (part.fileName) name = part.fileName;
        if (part.contentType) type = part.contentType;
        parts.push(part.chunk);
      }
      const url = URL.createObjectURL(new Blob(parts, { type }));
      const link = document.createElement("a");
      link.href = url;
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      setProblem(errorMessage(e, i18n));
    } finally {
      setBusy(false);
    }
  };

  /** counts names what an import made (or would make), each count in its plural form. */
  const counts = (answer: ImportDataResponse) => ({
    tasks: i18n.plural("connections.countTasks", answer.tasksCreated),
    projects: i18n.plural("connections.countProjects", answer.projectsCreated),
    sections: i18n.plural("connections.countSections", answer.sectionsCreated),
  });
  const existing = preview
    ? preview.projectsExisting + preview.sectionsExisting + preview.tasksExisting + preview.commentsExisting
    : 0;
  return (
    <section className="card form-card" aria-labelledby={`${id}-title`} data-testid="transfer-section">
      <h2 id={`${id}-title`}>{i18n.t("connections.transferTitle")}</h2>
      <p className="hint">{i18n.t("connections.transferIntro")}</p>
      <FormError message={problem} />
      <div className="field">
        <label htmlFor={`${id}-file`}>{i18n.t("connections.importFile")}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,.json,text/csv,application/json"
          onChange={(e) => void choose(e.target.files?.[0])}
          data-testid="import-file"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-source`}>{i18n.t("connections.importSource")}</label>
        <select
          id={`${id}-source`}
          value={format}
          onChange={(e) => {
            setFormat(Number(e.target.value) as ImportFormat);
            setPreview(undefined);
          }}
          data-testid="import-source"
        >
          {sources.map((s) => (
            <option key={s.format} value={s.format}>
              {i18n.t(s.key)}
            </option>
          ))}
        </select>
      </div>
      {format !== ImportFormat.TASKMESH_JSON && (
        <TextField
          label={i18n.t("connections.importProject")}
          hint={i18n.t("connections.importProjectHint")}
          value={projectName}
          onChange={(value) => {
            setProjectName(value);
            setPreview(undefined);
          }}
          maxLength={120}
          data-testid="import-project"
        />
      )}
      {format === ImportFormat.GENERIC_CSV && (
        <fieldset className="field" data-testid="import-mapping">
          <legend>{i18n.t("connections.importColumns")}</legend>
          {mappedFields.map((field) => (
            <div className="field" key={field}>
              <label htmlFor={`${id}-map-${field}`}>{i18n.t(`connections.field.${field}`)}</label>
              <select
                id={`${id}-map-${field}`}
                value={mapping[field]}
                onChange={(e) => {
                  setMapping({ ...mapping, [field]: e.target.value });
                  setPreview(undefined);
                }}
              >
                <option value="">{i18n.t("connections.importNone")}</option>
                {headers.map((h) => (
                  <option key={h} value={h} dir="auto">
                    {h}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
      )}
      <div className="form-actions">
        <button type="button" className="button" disabled={!file || busy} onClick={() => void run(true)}>
          {i18n.t("connections.importPreview")}
        </button>
        <button
          type="button"
          className="button primary"
          disabled={!preview || preview.problems.length > 0 || busy}
          onClick={() => void run(false)}
          data-testid="import-run"
        >
          {i18n.t("connections.importRun")}
        </button>
      </div>
      {preview && (
        <div data-testid="import-preview" aria-live="polite">
          <p>{i18n.t("connections.importSummary", { ...counts(preview), existing })}</p>
          {preview.commentsCreated > 0 && (
            <p data-testid="import-comments">{i18n.plural("connections.importComments", preview.commentsCreated)}</p>
          )}
          <ProblemList title={i18n.t("connections.importProblems")} list={preview.problems} testId="import-problems" />
          <ProblemList title={i18n.t("connections.importWarnings")} list={preview.warnings} testId="import-warnings" />
          <h3>{i18n.t("connections.importRows")}</h3>
          <ul className="import-rows" data-testid="import-rows">
            {preview.rows.map((row) => (
              <li key={`${row.kind}-${row.row}-${row.title}`} data-kind={row.kind} data-depth={row.parent ? 2 : 1}>
                <span className="hint">{i18n.t("connections.importLine", { row: row.row })} · </span>
                <bdi>{row.title}</bdi>
                {row.existing && <span className="hint"> · {i18n.t("connections.importExisting")}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="form-actions">
        {exportChoices.map(({ format, key, testId }) => (
          <button
            key={testId}
            type="button"
            className="button ghost"
            disabled={busy}
            onClick={() => void download(format)}
            data-testid={testId}
          >
            {busy && format === ExportFormat.TASKMESH_JSON ? i18n.t("connections.exporting") : i18n.t(key)}
          </button>
        ))}
      </div>
    </section>
  );
}

function ProblemList({ title, list, testId }: { title: string; list: ImportProblem[]; testId: string }) {
  const i18n = useI18n();
  if (list.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul data-testid={testId}>
        {list.map((p) => (
          <li key={`${p.row}-${p.field}-${p.description}`}>
            {i18n.t("connections.importLine", { row: p.row })} · <bdi>{p.field}</bdi>: <bdi>{p.description}</bdi>
          </li>
        ))}
      </ul>
    </>
  );
}
