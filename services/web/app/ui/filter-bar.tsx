import { useEffect, useId, useState } from "react";
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

const statuses: StatusFilter[] = ["all", "open", "completed"];
const sorts: SortKey[] = ["created", "due", "priority", "title"];

/** FilterBar edits the list's filters: search and status always in view, the rest behind "Filters". */
export function FilterBar({ filters, onChange }: { filters: TaskFilters; onChange: (filters: TaskFilters) => void }) {
  const i18n = useI18n();
  const id = useId();
  const [query, setQuery] = useState(filters.query);
  const [tags, setTags] = useState(filters.tags.join(", "));
  const active = activeFilterCount(filters) - (filters.status !== "all" ? 1 : 0);
  const [open, setOpen] = useState(active > 0);

  useEffect(() => setQuery(filters.query), [filters.query]);
  useEffect(() => setTags(filters.tags.join(", ")), [filters.tags]);
  useEffect(() => {
    if (query === filters.query) return;
    const timer = setTimeout(() => onChange({ ...filters, query }), 250);
    return () => clearTimeout(timer);
  }, [query]);

  const commitTags = () => {
    const next = parseTags(tags);
    if (next.join() !== filters.tags.join()) onChange({ ...filters, tags: next });
  };

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
        <div className="sort">
          <label htmlFor={`${id}-sort`} className="visually-hidden">
            {i18n.t("filters.sort")}
          </label>
          <Icon name="sort" size={18} />
          <select
            id={`${id}-sort`}
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
          <div className="field">
            <label htmlFor={`${id}-tags`}>{i18n.t("filters.tags")}</label>
            <input
              id={`${id}-tags`}
              value={tags}
              onChange={(e) => setTags(e.target.value)}
              onBlur={commitTags}
              onKeyDown={(e) => e.key === "Enter" && commitTags()}
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
