DROP INDEX "nudges_sending_lease_idx";--> statement-breakpoint
ALTER TABLE "nudges" ADD COLUMN "in_doubt_since" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "nudges_sending_lease_idx" ON "nudges" USING btree (coalesce("lease_until", '-infinity'::timestamptz)) WHERE "nudges"."status" = 'sending';