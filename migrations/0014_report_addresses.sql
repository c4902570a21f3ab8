ALTER TABLE "comment_reports" ADD COLUMN "ip_hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "comment_reports_address_uq" ON "comment_reports" USING btree ("comment_id","ip_hash") WHERE ip_hash is not null;--> statement-breakpoint
CREATE INDEX "comment_reports_address_idx" ON "comment_reports" USING btree ("ip_hash","created_at") WHERE ip_hash is not null;