-- Stores a new comment in one statement (one round trip, one transaction): re-checks flood control
-- under the author's advisory locks, creates the article on its first comment, inserts the comment,
-- its audit record and (when the scorer failed) its re-scoring job, bumps the article only when the
-- public thread changes, and NOTIFYs listeners. The moderation decision is made before, in
-- server/moderation; this only makes it durable. Returns the new ids, or flooded_at when the author
-- posted within the flood interval meanwhile (nothing is written then).
CREATE OR REPLACE FUNCTION parley_insert_comment(
  p_site_id bigint,
  p_article_id bigint,
  p_article_key text,
  p_article_url text,
  p_article_title text,
  p_parent_id bigint,
  p_root_id bigint,
  p_depth integer,
  p_author_name text,
  p_author_email text,
  p_author_website text,
  p_moderator_id bigint,
  p_body text,
  p_status text,
  p_reasons jsonb,
  p_scores jsonb,
  p_score_state text,
  p_ip_hash text,
  p_user_agent text,
  p_author_token_hash text,
  p_now timestamptz,
  p_flood_locks text[],
  p_flood_since timestamptz,
  p_rescore_at timestamptz,
  p_rescore_error text
) RETURNS TABLE (new_comment_id bigint, new_article_id bigint, new_article_version integer, article_created boolean, flooded_at timestamptz)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_lock_key text;
  v_last_post timestamptz;
  v_approved boolean := p_status = 'approved';
  v_article_id bigint := p_article_id;
  v_article_version integer;
  v_created boolean := false;
  v_comment_id bigint;
BEGIN
  IF p_flood_since IS NOT NULL THEN
    -- Two posts of one author racing past the earlier check queue here; each statement below takes a
    -- fresh snapshot, so the second one sees the first once it has committed.
    FOREACH v_lock_key IN ARRAY p_flood_locks LOOP
      PERFORM pg_advisory_xact_lock(hashtextextended(v_lock_key, 0));
    END LOOP;
    SELECT greatest(
      (SELECT max(c.created_at) FROM comments c WHERE c.ip_hash = p_ip_hash AND c.created_at > p_flood_since AND c.site_id = p_site_id),
      (SELECT max(c.created_at) FROM comments c WHERE c.site_id = p_site_id AND c.author_email = p_author_email AND c.created_at > p_flood_since)
    ) INTO v_last_post;
    IF v_last_post IS NOT NULL THEN
      RETURN QUERY SELECT NULL::bigint, NULL::bigint, NULL::integer, false, v_last_post;
      RETURN;
    END IF;
  END IF;

  IF v_article_id IS NULL THEN
    -- Created at the application's clock, like the comment, so close-after-days counts from it.
    INSERT INTO articles AS a (site_id, key, url, title, comment_count, created_at, updated_at)
    VALUES (p_site_id, p_article_key, p_article_url, p_article_title, CASE WHEN v_approved THEN 1 ELSE 0 END, p_now, p_now)
    ON CONFLICT (site_id, key) DO UPDATE SET
      url = coalesce(a.url, excluded.url),
      title = coalesce(a.title, excluded.title)
    RETURNING a.id, a.version, (a.xmax = 0) INTO v_article_id, v_article_version, v_created;
    -- Created concurrently by another first comment: count this one like any later comment.
    IF NOT v_created AND v_approved THEN
      UPDATE articles SET version = version + 1, comment_count = comment_count + 1, updated_at = now()
      WHERE id = v_article_id RETURNING version INTO v_article_version;
    END IF;
  END IF;

  INSERT INTO comments (
    site_id, article_id, parent_id, root_id, depth, author_name, author_email, author_website, moderator_id,
    body, status, reasons, scores, score_state, ip_hash, user_agent, author_token_hash, created_at, updated_at
  ) VALUES (
    p_site_id, v_article_id, p_parent_id, coalesce(p_root_id, 0), p_depth, p_author_name, p_author_email, p_author_website, p_moderator_id,
    p_body, p_status, p_reasons, p_scores, p_score_state, p_ip_hash, p_user_agent, p_author_token_hash, p_now, p_now
  ) RETURNING id INTO v_comment_id;

  INSERT INTO audit_log (site_id, comment_id, actor_type, actor_id, action, to_status, reasons)
  VALUES (p_site_id, v_comment_id, CASE WHEN p_moderator_id IS NULL THEN 'author' ELSE 'moderator' END, p_moderator_id, 'create', p_status, p_reasons);

  IF p_rescore_at IS NOT NULL THEN
    INSERT INTO jobs (kind, comment_id, run_at, last_error) VALUES ('rescore', v_comment_id, p_rescore_at, p_rescore_error)
    ON CONFLICT DO NOTHING;
  END IF;

  -- Last, so concurrent posts to one article hold its row lock only from here to the commit. A held
  -- comment changes nothing the public sees, so it leaves the article (and every cached page) alone.
  IF v_approved AND p_article_id IS NOT NULL THEN
    UPDATE articles SET version = version + 1, comment_count = comment_count + 1, updated_at = now()
    WHERE id = v_article_id RETURNING version INTO v_article_version;
  END IF;

  IF v_approved OR v_created THEN
    PERFORM pg_notify('parley_events', json_build_object('type', 'article', 'siteId', p_site_id, 'articleId', v_article_id, 'version', v_article_version)::text);
  END IF;
  PERFORM pg_notify('parley_events', json_build_object(
    'type', 'comment', 'siteId', p_site_id, 'articleId', v_article_id, 'commentId', v_comment_id, 'status', p_status, 'previous', NULL
  )::text);

  RETURN QUERY SELECT v_comment_id, v_article_id, v_article_version, v_created, NULL::timestamptz;
END;
$$;
