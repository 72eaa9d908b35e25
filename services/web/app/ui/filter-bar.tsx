import { useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import { prioritiesByImportance } from "../../../../vocabulary/priority";
import {
  activeFilterCount,
  defaultFilters,
  type SortKey,
  type StatusFilter,
  type TaskFilters,
} from "../domain/task-filters";
import { parseTags } from "../domain/task-form";
import { useI18n } from "../state/i18n-context";
import { Icon } from "./icons";

const statuses: StatusFilter[] = ["open", "completed", "all"];
const sorts: SortKey[] = ["created", "due", "priority", "title"];

const phone = "(max-width: 720px)";
const subscribePhone = (listener: () => void) => {
  const query = window.matchMedia(phone);
  query.addEventListener("change", listener);
  return () => query.removeEventListener("change", listener);
};

/** useCompactLayout is true on a phone-sized screen, where sorting moves into the Filters panel to keep the list near the top. */
const useCompactLayout = () => useSyncExternalStore(subscribePhone, () => window.matchMedia(phone).matches);

/** FilterBar edits the list's filters: search and status always in view, the rest behind "Filters". */
export function FilterBar({ filters, onChange }: { filters: TaskFilters; onChange: (filters: TaskFilters) => void }) {
  const i18n = useI18n();
  const id = useId();
  const [query, setQuery] = useState(filters.query);
  const [tags, setTags] = useState(filters.tags.join(", "));
  const active = activeFilterCount(filters) - (filters.status !== defaultFilters.status ? 1 : 0);
  const compact = useCompactLayout();
  const [open, setOpen] = useState(active > 0);
  // The debounced commits below read the filters as they are when the timer fires, not as they were
  // when typing started: a sort chosen meanwhile must survive the search being applied.
  const latest = useRef({ filters, onChange });
  latest.current = { filters, onChange };

  // Outside changes (a tag clicked on a row, "Clear filters", back/forward) refill the inputs; the
  // user's own text is left alone while it means the same filter (a trailing comma or space).
  useEffect(() => {
    setQuery((typed) => (typed.trim() === filters.query.trim() ? typed : filters.query));
  }, [filters.query]);
  const filterTags = filters.tags.join();
  useEffect(() => {
    setTags((typed) => (parseTags(typed).join() === filterTags ? typed : filterTags.split(",").join(", ")));
  }, [filterTags]);

  useEffect(() => {
    if (query.trim() === filters.query.trim()) return;
    const timer = setTimeout(() => latest.current.onChange({ ...latest.current.filters, query }), 250);
    return () => clearTimeout(timer);
  }, [query, filters.query]);

  // Tags apply as you type, like search.
  useEffect(() => {
    const next = parseTags(tags);
    if (next.join() === filterTags) return;
    const timer = setTimeout(() => latest.current.onChange({ ...latest.current.filters, tags: next }), 250);
    return () => clearTimeout(timer);
  }, [tags, filterTags]);

  const sortControls = (
    <div className="sort">
      <label htmlFor={`${id}-sort`} className="visually-hidden">
        {i18n.t("filters.sort")}
      </label>
      <Icon name="sort" size={18} />
      <select
        id={`${id}-sort`}
        data-testid="sort-select"
        value={filters.sort}
        onChange={(e) => onChange({ ...filters, sort: e.target.value as SortKey })}
      >
        {sorts.map((sort) => (
          <option key={sort} value={sort}>
            {i18n.t(`sort.${sort}`)}
          </option>
        ))}
      </select>
      <button
        type="button"
        className={`toggle${filters.reversed ? " is-on" : ""}`}
        aria-pressed={filters.reversed}
        onClick={() => onChange({ ...filters, reversed: !filters.reversed })}
      >
        {i18n.t("filters.reversed")}
      </button>
    </div>
  );

  return (
    <section className="filters" aria-label={i18n.t("filters.label")}>
      <div className="filters-main">
        <div className="search">
          <label htmlFor={`${id}-q`} className="visually-hidden">
            {i18n.t("filters.search")}
          </label>
          <Icon name="search" size={18} />
          <input
            id={`${id}-q`}
            type="search"
            data-testid="search-input"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={i18n.t("filters.searchPlaceholder")}
            dir="auto"
            maxLength={200}
          />
        </div>
        <div className="segmented" role="radiogroup" aria-label={i18n.t("filters.status")}>
          {statuses.map((status) => (
            <label key={status} className="segment">
              <input
                type="radio"
                name={`${id}-status`}
                checked={filters.status === status}
                onChange={() => onChange({ ...filters, status })}
              />
              <span>{i18n.t(`status.${status}`)}</span>
            </label>
          ))}
        </div>
        {!compact && sortControls}
        <button
          type="button"
          className={`button ghost${active > 0 ? " has-badge" : ""}`}
          aria-expanded={open}
          aria-controls={`${id}-panel`}
          onClick={() => setOpen(!open)}
        >
          <Icon name="filter" size={18} />
          {active > 0 ? i18n.t("filters.moreActive", { count: active }) : i18n.t("filters.more")}
        </button>
      </div>
      {open && (
        <div id={`${id}-panel`} className="filters-panel">
          {compact && sortControls}
          <div className="field">
            <label htmlFor={`${id}-tags`}>{i18n.t("filters.tags")}</label>
            <input
              id={`${id}-tags`}
              data-testid="tag-filter"
              value={tags}
              onChange={(e) => setTags(e.target.value)}
              placeholder={i18n.t("filters.tagsHint")}
              dir="auto"
            />
          </div>
          <fieldset className="field priority-filter">
            <legend>{i18n.t("filters.priority")}</legend>
            <div className="pill-group">
              {prioritiesByImportance.map((priority) => {
                const on = filters.priorities.includes(priority);
                return (
                  <label key={priority} className={`pill priority-${priority}${on ? " is-on" : ""}`}>
                    <input
                      type="checkbox"
                      checked={on}
                      onChange={() =>
                        onChange({
                          ...filters,
                          priorities: on
                            ? filters.priorities.filter((p) => p !== priority)
                            : [...filters.priorities, priority],
                        })
                      }
                    />
                    {i18n.t(`priority.${priority}`)}
                  </label>
                );
              })}
            </div>
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-from`}>{i18n.t("filters.dueFrom")}</label>
            <input
              id={`${id}-from`}
              type="date"
              value={filters.dueFrom}
              max={filters.dueTo || undefined}
              onChange={(e) => onChange({ ...filters, dueFrom: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>{i18n.t("filters.dueTo")}</label>
            <input
              id={`${id}-to`}
              type="date"
              value={filters.dueTo}
              min={filters.dueFrom || undefined}
              onChange={(e) => onChange({ ...filters, dueTo: e.target.value })}
            />
          </div>
          <label className="check-field">
            <input
              type="checkbox"
              checked={filters.overdue}
              onChange={(e) => onChange({ ...filters, overdue: e.target.checked })}
            />
            {i18n.t("filters.overdue")}
          </label>
          <button
            type="button"
            className="button ghost small"
            onClick={() => onChange({ ...defaultFilters, sort: filters.sort, reversed: filters.reversed })}
          >
            {i18n.t("filters.clear")}
          </button>
        </div>
      )}
    </section>
  );
}
