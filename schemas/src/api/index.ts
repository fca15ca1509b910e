// The HTTP answers the browser and scripts read (API.md), declared once: the services answer with
// them (Elysia response schemas) and the site imports their types only, so none of this reaches
// the browser bundle.
export * from "./chat.ts";
export * from "./notifications.ts";
export * from "./recurrences.ts";
export * from "./tasks.ts";
export * from "./users.ts";
