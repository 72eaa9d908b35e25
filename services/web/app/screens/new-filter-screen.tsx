import { type FormEvent, useId, useState } from "react";
import type { Task } from "../../../../gen/todo/v1/task_pb";
import { errorMessage } from "../domain/error-message";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";
import { useOrganise } from "../state/use-projects";
import { ActionButton, FormError, NameField, SubmitButton, TextField } from "../ui/form-fields";
import { navigate } from "../ui/router";
import { TaskGroups } from "../ui/task-groups";
import { useToasts } from "../ui/toasts";
import "../ui/organise-tools.css";

/** How many matching tasks the preview shows before the filter is saved. */
const previewSize = 20;
/** A saved filter's name is at most this long (the contract's limit); the sentence is cut to it. */
const nameMax = 100;

interface Suggestion {
  query: string;
  explanation: string;
  tasks: Task[];
  more: boolean;
}

/**
 * NewFilterScreen saves a filter from a sentence: the user says what they want to see ("my urgent work
 * stuff this week", in English, Urdu or Roman Urdu), the Filter skill writes the query (SuggestFilter),
 * the screen shows the query, what it keeps in the user's language and the tasks it matches now, and only
 * the user's "Save" stores it (CreateSavedFilter). The query can be corrected by hand before saving.
 */
export function NewFilterScreen() {
  const i18n = useI18n();
  const { api, timeZone } = useSession();
  const organise = useOrganise();
  const toasts = useToasts();
  const [sentence, setSentence] = useState("");
  const [suggestion, setSuggestion] = useState<Suggestion | undefined>(undefined);
  const [query, setQuery] = useState("");
  const [name, setName] = useState("");
  const [notUnderstood, setNotUnderstood] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const queryField = useId();

  const preview = async (text: string, explanation: string) => {
    const found = await api.filters.listFilteredTasks({
      source: { case: "filter", value: text },
      timeZone,
      pageSize: previewSize,
    });
    setQuery(found.canonical);
    setSuggestion({ query: found.canonical, explanation, tasks: found.tasks, more: !!found.nextPageToken });
  };

  const suggest = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !sentence.trim()) return;
    setBusy(true);
    setProblem(undefined);
    setNotUnderstood(undefined);
    try {
      const answer = await api.filters.suggestFilter({ text: sentence.trim() });
      if (!answer.filter) {
        setSuggestion(undefined);
        setNotUnderstood(answer.explanation);
        return;
      }
      await preview(answer.filter, answer.explanation);
      setName(sentence.trim().slice(0, nameMax));
    } catch (e) {
      setProblem(errorMessage(e, i18n));
    } finally {
      setBusy(false);
    }
  };

  // A query changed by hand is checked and previewed by the server before it can be saved.
  const recheck = async () => {
    if (busy || !suggestion || query === suggestion.query) return;
    setBusy(true);
    setProblem(undefined);
    try {
      await preview(query, i18n.t("newFilter.editedByHand"));
    } catch (e) {
      setProblem(errorMessage(e, i18n));
    } finally {
      setBusy(false);
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !suggestion) return;
    if (query !== suggestion.query) return void recheck();
    setBusy(true);
    setProblem(undefined);
    try {
      const { savedFilter } = await api.filters.createSavedFilter({ name: name.trim(), query: suggestion.query });
      organise.reload();
      toasts.show({ tone: "success", message: i18n.t("newFilter.saved", { name: name.trim() }) });
      if (savedFilter) navigate(`/filters/${savedFilter.id}`);
    } catch (e) {
      setProblem(errorMessage(e, i18n));
      setBusy(false);
    }
  };

  return (
    <>
      <div className="page-header">
        <div>
          <h1 tabIndex={-1}>{i18n.t("newFilter.newTitle")}</h1>
          <p className="page-subtitle">{i18n.t("newFilter.newIntro")}</p>
        </div>
      </div>
      <form className="arrange-form filter-sentence" onSubmit={(event) => void suggest(event)}>
        <TextField
          label={i18n.t("newFilter.sentence")}
          hint={i18n.t("newFilter.sentenceHint")}
          value={sentence}
          onChange={setSentence}
          dir="auto"
          required
          maxLength={500}
          data-testid="filter-sentence"
        />
        <SubmitButton busy={busy && !suggestion} label={i18n.t("newFilter.write")} />
      </form>
      <FormError message={problem} />
      {notUnderstood && (
        <p className="hint warn" role="status" dir="auto" data-testid="filter-not-understood">
          {notUnderstood}
        </p>
      )}
      {suggestion && (
        <section
          className="filter-suggestion"
          aria-labelledby="filter-suggestion-title"
          data-testid="filter-suggestion"
        >
          <h2 id="filter-suggestion-title" className="task-group-title">
            {i18n.t("newFilter.check")}
          </h2>
          <p dir="auto" data-testid="filter-explanation">
            {suggestion.explanation}
          </p>
          <div className="field">
            <label htmlFor={queryField}>{i18n.t("newFilter.query")}</label>
            <div className="arrange-row">
              <input
                id={queryField}
                className="filter-query-input"
                dir="ltr"
                value={query}
                maxLength={1024}
                onChange={(event) => setQuery(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === "Enter") {
                    event.preventDefault();
                    void recheck();
                  }
                }}
                data-testid="suggested-query"
              />
              <ActionButton
                className="button small"
                disabled={busy || query === suggestion.query}
                onClick={() => void recheck()}
                label={i18n.t("newFilter.preview")}
              />
            </div>
          </div>
          <TaskGroups
            groups={[
              {
                key: "preview",
                title: i18n.t("newFilter.matches"),
                tasks: suggestion.tasks,
                empty: i18n.t("organise.filterEmpty"),
              },
            ]}
          />
          {suggestion.more && <p className="hint">{i18n.t("newFilter.moreMatches", { count: previewSize })}</p>}
          <form className="arrange-form" onSubmit={(event) => void save(event)}>
            <NameField
              label={i18n.t("newFilter.name")}
              value={name}
              onChange={setName}
              maxLength={nameMax}
              data-testid="filter-name"
            />
            <div className="arrange-row">
              <SubmitButton busy={busy} label={i18n.t("newFilter.save")} />
              <ActionButton
                className="button ghost"
                onClick={() => {
                  setSuggestion(undefined);
                  document.querySelector<HTMLInputElement>('[data-testid="filter-sentence"]')?.focus();
                }}
                label={i18n.t("newFilter.otherWords")}
              />
            </div>
          </form>
        </section>
      )}
    </>
  );
}
