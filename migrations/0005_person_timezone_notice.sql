ALTER TABLE "persons" ADD COLUMN "rejected_timezone" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "timezone_notice_at" timestamp with time zone;