// A person on the site, the way a browser is: signed up through the site, with its session cookie.
export async function signUpThroughSite(
  siteUrl: string,
  email = `cluster-${crypto.randomUUID().slice(0, 8)}@example.com`,
): Promise<string> {
  const res = await fetch(`${siteUrl}/api/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "a long enough password", timezone: "Europe/Berlin" }),
  });
  if (res.status !== 201) throw new Error(`signup through the site: HTTP ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  if (!cookie) throw new Error("signup through the site: no session cookie");
  return cookie;
}
