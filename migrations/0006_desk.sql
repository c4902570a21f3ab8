CREATE TABLE "author_states" (
	"site_id" bigint NOT NULL,
	"author_key" text NOT NULL,
	"mode" text,
	"suspended_until" timestamp with time zone,
	"suspension_message" text,
	"warning" text,
	"warned_at" timestamp with time zone,
	"warning_seen_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" bigint,
	CONSTRAINT "author_states_site_id_author_key_pk" PRIMARY KEY("site_id","author_key")
);
--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "premod" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "article_id" bigint;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "author_key" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "batch" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "details" jsonb;--> statement-breakpoint
ALTER TABLE "bans" ADD COLUMN "message" text;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "featured_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "featured_by" bigint;--> statement-breakpoint
ALTER TABLE "author_states" ADD CONSTRAINT "author_states_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_article_idx" ON "audit_log" USING btree ("article_id","created_at") WHERE article_id is not null;--> statement-breakpoint
CREATE INDEX "audit_author_idx" ON "audit_log" USING btree ("site_id","author_key","created_at") WHERE author_key is not null;--> statement-breakpoint
CREATE INDEX "audit_batch_idx" ON "audit_log" USING btree ("batch") WHERE batch is not null;