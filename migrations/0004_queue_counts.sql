CREATE TABLE "queue_count_deltas" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "queue_count_deltas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"site_id" bigint NOT NULL,
	"queue" text NOT NULL,
	"delta" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "queue_counts" (
	"site_id" bigint NOT NULL,
	"queue" text NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "queue_counts_site_id_queue_pk" PRIMARY KEY("site_id","queue")
);
--> statement-breakpoint
ALTER TABLE "queue_counts" ADD CONSTRAINT "queue_counts_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;