// How every bench gets a user: one signup through the backend's public API (API.md).

export interface BenchUser {
  token: string;
  userId: string;
  /** JSON requests as this user: content type and bearer token. */
  headers: Record<string, string>;
}

/**
 * Signs a new user up at the backend and throws with the answer unless it is a 201.
 * @example
 * const { headers } = await signUp(started.urls.backend, `burst-${Date.now()}@example.com`);
 * await fetch(`${started.urls.backend}/api/tasks`, { method: "POST", headers, body: JSON.stringify({ title: "x" }) });
 */
export async function signUp(backendUrl: string, email: string, timezone = "UTC"): Promise<BenchUser> {
  const res = await fetch(`${backendUrl}/api/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "correct horse battery staple", timezone }),
  });
  const body = (await res.json().catch(() => ({}))) as { token?: string; user?: { id: string } };
  if (res.status !== 201 || !body.token || !body.user)
    throw new Error(`signup ${email}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return {
    token: body.token,
    userId: body.user.id,
    headers: { "content-type": "application/json", authorization: `Bearer ${body.token}` },
  };
}

/** Logs a user `signUp` made in again (a new start without AUTH_SECRET signs with a new secret). */
export async function logIn(backendUrl: string, email: string): Promise<BenchUser> {
  const res = await fetch(`${backendUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "correct horse battery staple" }),
  });
  const body = (await res.json().catch(() => ({}))) as { token?: string; user?: { id: string } };
  if (res.status !== 200 || !body.token || !body.user)
    throw new Error(`login ${email}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return {
    token: body.token,
    userId: body.user.id,
    headers: { "content-type": "application/json", authorization: `Bearer ${body.token}` },
  };
}
