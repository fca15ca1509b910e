import { Elysia } from "elysia";

/**
 * `/healthz`: the process answers. `/readyz`: it can serve; the service has no database or
 * transport yet, so being up is being ready. They join the check when they arrive.
 */
export const healthRoutes = () =>
  new Elysia({ name: "health", detail: { tags: ["health"] } })
    .get("/healthz", () => ({ status: "ok" }))
    .get("/readyz", () => ({ status: "ready" }));
