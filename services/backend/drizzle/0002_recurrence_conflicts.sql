CREATE TABLE "recurrence_conflicts" (
	"series_id" uuid NOT NULL,
	"occurrence_at" timestamp with time zone NOT NULL,
	"pending_task_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "recurrence_conflicts" ADD CONSTRAINT "recurrence_conflicts_series_id_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."series"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "recurrence_conflicts_idx" ON "recurrence_conflicts" USING btree ("series_id","occurrence_at");