-- Stores a batch of new comments in one statement: one round trip, one transaction, one commit for
-- all of them. Each item is a JSON object holding parley_insert_comment's parameters (named without
-- the p_ prefix) and its index `i`; each is stored by that function, so the rules live in one place.
-- Every flood-control lock of the batch is taken first, in one sorted order, and the items are then
-- stored in (site, article key) order: two concurrent batches take their advisory locks and their
-- article row locks in the same order and cannot deadlock. Returns one row per item, with its index.
CREATE OR REPLACE FUNCTION parley_insert_comments(p_items jsonb)
RETURNS TABLE (i integer, new_comment_id bigint, new_article_id bigint, new_article_version integer, article_created boolean, flooded_at timestamptz)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_lock_key text;
  v_item record;
BEGIN
  FOR v_lock_key IN
    SELECT DISTINCT k.value FROM jsonb_array_elements(p_items) AS e, jsonb_array_elements_text(e.value -> 'flood_locks') AS k ORDER BY k.value
  LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended(v_lock_key, 0));
  END LOOP;

  FOR v_item IN
    SELECT * FROM jsonb_to_recordset(p_items) AS x(
      i integer, site_id bigint, article_id bigint, article_key text, article_url text, article_title text,
      parent_id bigint, root_id bigint, depth integer, author_name text, author_email text, author_website text,
      moderator_id bigint, body text, status text, reasons jsonb, scores jsonb, score_state text, ip_hash text,
      user_agent text, author_token_hash text, now timestamptz, flood_since timestamptz, rescore_at timestamptz,
      rescore_error text)
    ORDER BY x.site_id, x.article_key, x.i
  LOOP
    -- Its locks are held already (taken above), so the item passes none of its own.
    RETURN QUERY SELECT v_item.i, r.new_comment_id, r.new_article_id, r.new_article_version, r.article_created, r.flooded_at
    FROM parley_insert_comment(
      v_item.site_id, v_item.article_id, v_item.article_key, v_item.article_url, v_item.article_title,
      v_item.parent_id, v_item.root_id, v_item.depth, v_item.author_name, v_item.author_email, v_item.author_website,
      v_item.moderator_id, v_item.body, v_item.status, v_item.reasons, v_item.scores, v_item.score_state,
      v_item.ip_hash, v_item.user_agent, v_item.author_token_hash, v_item.now, '{}'::text[], v_item.flood_since,
      v_item.rescore_at, v_item.rescore_error
    ) AS r;
  END LOOP;
END;
$$;
