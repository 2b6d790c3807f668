CREATE TABLE "data_deletions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"platform" "platform" NOT NULL,
	"left_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone NOT NULL,
	"persons" integer DEFAULT 0 NOT NULL,
	"contacts" integer DEFAULT 0 NOT NULL,
	"organization_deleted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "deactivated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "spaces" ADD COLUMN "sends_held_since" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "data_deletions_deleted_idx" ON "data_deletions" USING btree ("deleted_at");--> statement-breakpoint
CREATE INDEX "persons_deactivated_idx" ON "persons" USING btree ("deactivated_at") WHERE "persons"."deactivated_at" is not null;--> statement-breakpoint
CREATE INDEX "slack_installations_uninstalled_idx" ON "slack_installations" USING btree ("uninstalled_at") WHERE "slack_installations"."uninstalled_at" is not null;--> statement-breakpoint
CREATE INDEX "spaces_held_idx" ON "spaces" USING btree ("sends_held_since") WHERE "spaces"."sends_held_since" is not null;