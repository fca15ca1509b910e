DROP INDEX "tasks_user_priority_idx";--> statement-breakpoint
CREATE INDEX "tasks_user_due_sort_idx" ON "tasks" USING btree ("user_id",coalesce("due_date", '9999-12-31'::date),coalesce("due_at", 'infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "tasks_user_priority_idx" ON "tasks" USING btree ("user_id","priority","created_at","id");