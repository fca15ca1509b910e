import { Elysia } from "elysia";
import { RecurrencePreview } from "@todo/schemas/api";
import { PreviewRequest } from "./model.ts";
import { previewRecurrence } from "./preview-recurrence.ts";

export const recurrenceRoutes = () =>
  new Elysia({ name: "recurrence-routes", detail: { tags: ["recurrences"] } }).post(
    "/v1/recurrences/preview",
    ({ body }) => previewRecurrence(body),
    {
      body: PreviewRequest,
      response: { 200: RecurrencePreview },
      detail: { summary: "List the next occurrences of an RRULE in a time zone, as UTC instants" },
    },
  );
