import { useState, type FormEvent } from "react";
import { api } from "../lib/api.ts";
import { plainMessage } from "../lib/plain-errors.ts";
import { browserZone } from "../lib/format.ts";
import type { Session, User } from "../lib/types.ts";
import { type AuthMode, authRequest } from "./auth-request.ts";
import { ZoneField } from "./zone-field.tsx";

/** Sign in or create an account. The site keeps the session in an httpOnly cookie. */
export function AuthScreen(props: { onSignedIn: (user: User) => void; mode?: AuthMode }) {
  // Someone who just signed out has an account: they come back to "Sign in".
  const [mode, setMode] = useState<AuthMode>(props.mode ?? "signup");
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
      const { path, body } = authRequest(mode, { email, password, name, timezone: zone });
      const { user } = await api<Session>("POST", path, body);
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
        <Credentials
          mode={mode}
          email={email}
          password={password}
          onEmail={setEmail}
          onPassword={setPassword}
        />
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

// Email and password; a new password must be long enough, and the browser fills the right one in.
function Credentials(props: {
  mode: AuthMode;
  email: string;
  password: string;
  onEmail: (email: string) => void;
  onPassword: (password: string) => void;
}) {
  const signup = props.mode === "signup";
  return (
    <>
      <div className="field">
        <label htmlFor="email">Email</label>
        <input
          id="email"
          type="email"
          autoComplete="email"
          value={props.email}
          onChange={(e) => props.onEmail(e.target.value)}
          required
        />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          id="password"
          type="password"
          autoComplete={signup ? "new-password" : "current-password"}
          minLength={signup ? 8 : undefined}
          value={props.password}
          onChange={(e) => props.onPassword(e.target.value)}
          required
        />
      </div>
    </>
  );
}
