import { useState, type FormEvent } from "react";
import { api } from "../lib/api.ts";
import { plainMessage } from "../lib/plain-errors.ts";
import type { User } from "../lib/types.ts";
import { ZoneField } from "./zone-field.tsx";

/** The signed-in user's zone, shown in the header and editable in place (`PATCH /api/me`). */
export function ZoneEditor(props: { user: User; onSaved: (user: User) => void }) {
  const [editing, setEditing] = useState(false);
  const [zone, setZone] = useState(props.user.timezone);
  const [error, setError] = useState<string>();

  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      props.onSaved(await api<User>("PATCH", "/api/me", { timezone: zone }));
      setEditing(false);
      setError(undefined);
    } catch (failure) {
      setError(plainMessage(failure));
    }
  }

  if (!editing)
    return (
      <span className="who">
        <span className="who-name">{props.user.name || props.user.email} · </span>
        <button
          type="button"
          className="link"
          onClick={() => setEditing(true)}
          aria-label={`Time zone ${props.user.timezone}, change`}
        >
          {props.user.timezone}
        </button>
      </span>
    );
  return (
    <form className="zone-editor" onSubmit={save}>
      <ZoneField id="profile-zone" value={zone} onChange={setZone} />
      <button type="submit" className="primary">
        Save
      </button>
      <button type="button" onClick={() => setEditing(false)}>
        Cancel
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
