import { useMemo } from "react";
import { knownZones } from "../lib/format.ts";

/** The time-zone input: prefilled from the browser, editable, suggesting every IANA zone. */
export function ZoneField(props: { id: string; value: string; onChange: (zone: string) => void }) {
  const zones = useMemo(knownZones, []);
  return (
    <div className="field">
      <label htmlFor={props.id}>Time zone</label>
      <input
        id={props.id}
        name="timezone"
        list={`${props.id}-list`}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete="off"
        required
        aria-describedby={`${props.id}-hint`}
      />
      <datalist id={`${props.id}-list`}>
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <small id={`${props.id}-hint`}>
        Detected from your browser. Reminders and "tomorrow at 9" use this zone.
      </small>
    </div>
  );
}
