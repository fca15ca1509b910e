import { useEffect, useState } from "react";
import { parseTags, type Filters } from "./filters-url.ts";

const PRIORITIES = { high: "High", medium: "Medium", low: "Low" };
const STATUSES = { pending: "Pending", completed: "Completed" };

/** Priority, tags, status, due range and keyword; every change goes to the URL and the list. */
export function TaskFilters(props: { filters: Filters; onChange: (filters: Filters) => void }) {
  const { filters, onChange } = props;
  // Free-text fields apply on Enter or when leaving the field, not on every keystroke.
  const [tagText, setTagText] = useDraft(filters.tags.join(", "));
  const [q, setQ] = useDraft(filters.q);
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
      <DateFilter
        id="filter-from"
        label="Due from"
        value={filters.due_from}
        onChange={(due_from) => set({ due_from })}
      />
      <DateFilter
        id="filter-to"
        label="Due to"
        value={filters.due_to}
        onChange={(due_to) => set({ due_to })}
      />
      <button type="submit">Apply</button>
    </form>
  );
}

// A free-text field's draft, until applied; it follows the filters when they change elsewhere (Back,
// Clear filters).
function useDraft(applied: string): [string, (text: string) => void] {
  const [draft, setDraft] = useState(applied);
  useEffect(() => {
    setDraft(applied);
  }, [applied]);
  return [draft, setDraft];
}

function DateFilter(props: { id: string; label: string; value: string; onChange: (value: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input id={props.id} type="date" value={props.value} onChange={(e) => props.onChange(e.target.value)} />
    </div>
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
