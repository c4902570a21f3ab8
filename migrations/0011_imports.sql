CREATE TABLE "import_items" (
	"run_id" bigint NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"ref" text NOT NULL,
	"import_ref" text NOT NULL,
	"thread_ref" text,
	"parent_ref" text,
	"created_at" timestamp with time zone,
	"data" jsonb NOT NULL,
	"key" text,
	"skip" text,
	"orphan" boolean DEFAULT false NOT NULL,
	"level" integer,
	"ord" integer,
	CONSTRAINT "import_items_run_id_seq_pk" PRIMARY KEY("run_id","seq")
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "import_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"site_id" bigint,
	"format" text NOT NULL,
	"dry_run" boolean DEFAULT false NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"progress" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"summary" jsonb,
	"error" jsonb,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "import_ref" text;--> statement-breakpoint
ALTER TABLE "bans" ADD COLUMN "import_ref" text;--> statement-breakpoint
ALTER TABLE "comment_reports" ADD COLUMN "import_ref" text;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "import_ref" text;--> statement-breakpoint
ALTER TABLE "import_items" ADD CONSTRAINT "import_items_run_id_import_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."import_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_items_ref_idx" ON "import_items" USING btree ("run_id","kind","ref");--> statement-breakpoint
CREATE INDEX "import_items_ord_idx" ON "import_items" USING btree ("run_id","ord");--> statement-breakpoint
CREATE INDEX "import_runs_site_idx" ON "import_runs" USING btree ("site_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "bans_import_ref_uq" ON "bans" USING btree ("site_id","import_ref") WHERE import_ref is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "comments_import_ref_uq" ON "comments" USING btree ("site_id","import_ref") WHERE import_ref is not null;--> statement-breakpoint
-- Staging only: rows live while one import works, so they need no write-ahead log (a crash fails the run anyway).
ALTER TABLE "import_items" SET UNLOGGED;