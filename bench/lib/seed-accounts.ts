// Accounts for a benchmark with thousands of people, made in seconds instead of minutes: signing
// up through the API costs one argon2id hash each (~6 accounts/s here, 22 minutes for 8,000). The
// rows go straight into the backend's `users` table with one precomputed hash of the benchmark's
// password (so logging in works too), and each session token is minted as the backend mints it
// (service-kit's token service, the cluster's AUTH_SECRET, the backend's default lifetime). What
// is measured afterwards still goes through the API.
import postgres from "postgres";
import { createTokenService } from "@todo/service-kit";

export const BENCH_PASSWORD = "correct horse battery staple";
/** The backend's TOKEN_TTL_SECONDS default. */
const TOKEN_TTL_SECONDS = 7 * 24 * 3600;
const BATCH = 1000;

export interface SeededAccount {
  userId: string;
  email: string;
  token: string;
}

/**
 * Inserts one user per email into the backend's database and signs a session token for each.
 * @example
 * const [alice] = await seedAccounts(cluster.databases.backend, cluster.authSecret, ["a@example.com"]);
 * await fetch(`${site}/api/tasks`, { headers: { cookie: `session=${encodeURIComponent(alice.token)}` } });
 */
export async function seedAccounts(
  backendDatabaseUrl: string,
  authSecret: string,
  emails: string[],
): Promise<SeededAccount[]> {
  const passwordHash = await Bun.password.hash(BENCH_PASSWORD, { algorithm: "argon2id" });
  const tokens = createTokenService(authSecret, TOKEN_TTL_SECONDS, { now: () => new Date() });
  const sql = postgres(backendDatabaseUrl, { max: 1, onnotice: () => {} });
  const accounts: SeededAccount[] = [];
  try {
    for (let i = 0; i < emails.length; i += BATCH) {
      const now = new Date();
      const rows = emails.slice(i, i + BATCH).map((email) => ({
        id: Bun.randomUUIDv7(),
        email,
        name: "",
        timezone: "UTC",
        password_hash: passwordHash,
        created_at: now,
        updated_at: now,
      }));
      await sql`insert into users ${sql(rows)}`;
      for (const row of rows)
        accounts.push({ userId: row.id, email: row.email, token: await tokens.issue(row.id) });
    }
  } finally {
    await sql.end({ timeout: 1 });
  }
  return accounts;
}
