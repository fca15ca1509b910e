import { useEffect, useState } from "react";
import { parseTags, type Filters } from "./filters-url.ts";

const PRIORITIES = { high: "High", medium: "Medium", low: "Low" };
const STATUSES = { pending: "Pending", completed: "Completed" };

/** Priority, tags, status, due range and keyword; every change goes to the URL and the list. */
export function TaskFilters(props: { filters: Filters; onChange: (filters: Filters) => void }) {
  const { filters, onChange } = props;
  // Free-text fields apply on Enter or when leaving the field, not on every keystroke.
  const [tagText, setTagText] = useState(filters.tags.join(", "));
  const [q, setQ] = useState(filters.q);
  useEffect(() => {
    setTagText(filters.tags.join(", "));
  }, [filters.tags.join(",")]);
  useEffect(() => {
    setQ(filters.q);
  }, [filters.q]);
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  const applyText = () => set({ tags: parseTags(tagText), q: q.trim() });

  return (
    <form
      id="task-filters"
      className="filters"
      aria-label="Filter tasks"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        applyText();
      }}
    >
      <div className="field">
        <label htmlFor="filter-q">Search</label>
        <input
          id="filter-q"
          type="search"
          value={q}
          placeholder="keyword"
          onChange={(e) => setQ(e.target.value)}
          onBlur={applyText}
        />
      </div>
      <Choice
        id="filter-priority"
        label="Priority"
        options={PRIORITIES}
        value={filters.priority}
        onChange={(priority) => set({ priority })}
      />
      <Choice
        id="filter-status"
        label="Status"
        options={STATUSES}
        value={filters.status}
        onChange={(status) => set({ status })}
      />
      <div className="field">
        <label htmlFor="filter-tags">Tags</label>
        <input
          id="filter-tags"
          value={tagText}
          placeholder="work, home"
          onChange={(e) => setTagText(e.target.value)}
          onBlur={applyText}
        />
      </div>
      <div className="field">
        <label htmlFor="filter-from">Due from</label>
        <input
          id="filter-from"
          type="date"
          value={filters.due_from}
          onChange={(e) => set({ due_from: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="filter-to">Due to</label>
        <input
          id="filter-to"
          type="date"
          value={filters.due_to}
          onChange={(e) => set({ due_to: e.target.value })}
        />
      </div>
      <button type="submit">Apply</button>
    </form>
  );
}

// A filter picked from a few values, "Any" (empty) first.
function Choice(props: {
  id: string;
  label: string;
  options: Record<string, string>;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">Any</option>
        {Object.entries(props.options).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
