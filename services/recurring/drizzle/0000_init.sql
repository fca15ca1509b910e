CREATE TABLE "inbox" (
	"consumer" text NOT NULL,
	"event_id" text NOT NULL,
	"topic" text NOT NULL,
	"handled_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"task_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"series_id" uuid,
	"reminder_id" uuid NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"fired_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	"synced" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	CONSTRAINT "outbox_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE TABLE "recurrences" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"rrule" text NOT NULL,
	"dtstart" text NOT NULL,
	"timezone" text NOT NULL,
	"count" integer,
	"until" timestamp with time zone,
	"active" boolean NOT NULL,
	"title" text NOT NULL,
	"event_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "jobs_series_idx" ON "jobs" USING btree ("series_id","status");--> statement-breakpoint
CREATE INDEX "jobs_unsynced_idx" ON "jobs" USING btree ("synced");--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "outbox" USING btree ("id") WHERE "outbox"."published_at" is null;