export type AuthMode = "login" | "signup";

export interface AuthFields {
  email: string;
  password: string;
  /** Optional: left out of the request when empty. */
  name: string;
  timezone: string;
}

/**
 * The request the form sends: signing up carries the zone (and the name, when given); signing in
 * only the credentials.
 * @example authRequest("login", fields) // { path: "/api/auth/login", body: { email, password } }
 */
export function authRequest(
  mode: AuthMode,
  fields: AuthFields,
): { path: string; body: Record<string, string> } {
  const { email, password, name, timezone } = fields;
  const body =
    mode === "signup" ? { email, password, timezone, ...(name ? { name } : {}) } : { email, password };
  return { path: `/api/auth/${mode}`, body };
}
