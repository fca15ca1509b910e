import { useState, type FormEvent } from "react";
import { api } from "../lib/api.ts";
import { plainMessage } from "../lib/plain-errors.ts";
import { browserZone } from "../lib/format.ts";
import type { Session, User } from "../lib/types.ts";
import { ZoneField } from "./zone-field.tsx";

type Mode = "login" | "signup";

/** Sign in or create an account. The site keeps the session in an httpOnly cookie. */
export function AuthScreen(props: { onSignedIn: (user: User) => void; mode?: Mode }) {
  // Someone who just signed out has an account: they come back to "Sign in".
  const [mode, setMode] = useState<Mode>(props.mode ?? "signup");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [name, setName] = useState("");
  const [zone, setZone] = useState(browserZone);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body =
        mode === "signup"
          ? { email, password, timezone: zone, ...(name ? { name } : {}) }
          : { email, password };
      const { user } = await api<Session>("POST", `/api/auth/${mode}`, body);
      props.onSignedIn(user);
    } catch (failure) {
      setError(plainMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  const title = mode === "signup" ? "Create your account" : "Sign in";
  return (
    <main className="auth">
      <h1>Chat todo</h1>
      <p className="lede">
        Tell it what to do, in plain words. It keeps your list, your schedules and your reminders.
      </p>
      <form onSubmit={submit} aria-labelledby="auth-title" className="card">
        <h2 id="auth-title">{title}</h2>
        <div className="field">
          <label htmlFor="email">Email</label>
          <input
            id="email"
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input
            id="password"
            type="password"
            autoComplete={mode === "signup" ? "new-password" : "current-password"}
            minLength={mode === "signup" ? 8 : undefined}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </div>
        {mode === "signup" && (
          <>
            <div className="field">
              <label htmlFor="name">Name (optional)</label>
              <input id="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
            </div>
            <ZoneField id="signup-zone" value={zone} onChange={setZone} />
          </>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Please wait…" : title}
        </button>
        <p>
          {mode === "signup" ? "Already have an account? " : "New here? "}
          <button
            type="button"
            className="link"
            onClick={() => setMode(mode === "signup" ? "login" : "signup")}
          >
            {mode === "signup" ? "Sign in" : "Create an account"}
          </button>
        </p>
      </form>
    </main>
  );
}
