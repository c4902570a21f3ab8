-- Posting checks whose cost does not grow with history (issue 13): posting from one address with
-- 100,000 earlier comments scanned every one of them for the duplicate check.
CREATE INDEX "comments_duplicate_idx" ON "comments" USING btree ("article_id",md5("body"),"created_at");--> statement-breakpoint
-- Duplicates: the author (email or IP hash) posted this exact text in this article after p_since. Same
-- rule as in 0008; it now reads only this article's comments with the same text (comments_duplicate_idx).
CREATE OR REPLACE FUNCTION parley_is_duplicate(
  p_site_id bigint, p_article_id bigint, p_ip_hash text, p_email text, p_body text, p_since timestamptz
) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF p_since IS NULL OR p_article_id IS NULL THEN
    RETURN false;
  END IF;
  RETURN EXISTS (
    SELECT 1 FROM comments c
    WHERE c.article_id = p_article_id AND md5(c.body) = md5(p_body) AND c.created_at > p_since AND c.body = p_body
      AND ((c.site_id = p_site_id AND c.author_email = p_email) OR c.ip_hash = p_ip_hash)
  );
END;
$$;
--> statement-breakpoint
-- Flood control: the author's (IP hash or email) latest comment on the site after p_since, or null.
-- Same rule as in 0008, written as the newest row of each index range (comments_ip_idx,
-- comments_email_idx) so it reads one row, not the address's day of comments.
CREATE OR REPLACE FUNCTION parley_last_post_at(p_site_id bigint, p_ip_hash text, p_email text, p_since timestamptz) RETURNS timestamptz
LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF p_since IS NULL THEN
    RETURN NULL;
  END IF;
  RETURN greatest(
    (SELECT c.created_at FROM comments c WHERE c.ip_hash = p_ip_hash AND c.created_at > p_since AND c.site_id = p_site_id
     ORDER BY c.created_at DESC LIMIT 1),
    (SELECT c.created_at FROM comments c WHERE c.site_id = p_site_id AND c.author_email = p_email AND c.created_at > p_since
     ORDER BY c.created_at DESC LIMIT 1)
  );
END;
$$;
