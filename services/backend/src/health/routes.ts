import { Elysia } from "elysia";
import type { Deps } from "../deps.ts";

/** `/healthz`: the process answers. `/readyz`: its database answers too. */
export const healthRoutes = (deps: Deps) =>
  new Elysia({ name: "health", detail: { tags: ["health"] } })
    .get("/healthz", () => ({ status: "ok" }))
    .get("/readyz", async ({ set }) => {
      try {
        await deps.database.ping();
        return { status: "ready", database: deps.database.kind };
      } catch (error) {
        set.status = 503;
        return { status: "unavailable", database: deps.database.kind, error: (error as Error).message };
      }
    });
