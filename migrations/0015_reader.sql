CREATE TABLE "comment_reactions" (
	"comment_id" bigint NOT NULL,
	"reader_hash" text NOT NULL,
	"ip_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "comment_reactions_comment_id_reader_hash_pk" PRIMARY KEY("comment_id","reader_hash")
);
--> statement-breakpoint
CREATE TABLE "refused_origins" (
	"site_id" bigint NOT NULL,
	"origin" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"first_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refused_origins_site_id_origin_pk" PRIMARY KEY("site_id","origin")
);
--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "reaction_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "reaction_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "comment_reactions" ADD CONSTRAINT "comment_reactions_comment_id_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refused_origins" ADD CONSTRAINT "refused_origins_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "comment_reactions_address_uq" ON "comment_reactions" USING btree ("comment_id","ip_hash");--> statement-breakpoint
CREATE INDEX "comment_reactions_ip_idx" ON "comment_reactions" USING btree ("ip_hash","created_at");