-- Keeps queue_counts (migration 0004) in step with comments. The queues are the statuses pending,
-- spam, rejected and approved, and "reported": reported_at set on an approved or pending comment.
-- Every insert, delete or change of status or reported_at appends +1 / -1 rows to
-- queue_count_deltas: appending locks no counter row, so concurrent posts and moderator actions never
-- wait on (or deadlock over) a count. parley_fold_queue_counts() moves the deltas into the totals.

CREATE OR REPLACE FUNCTION parley_comment_queues(p_status text, p_reported_at timestamptz) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_status IN ('pending', 'spam', 'rejected', 'approved') THEN ARRAY[p_status] ELSE '{}'::text[] END
    || CASE WHEN p_reported_at IS NOT NULL AND p_status IN ('approved', 'pending') THEN ARRAY['reported'] ELSE '{}'::text[] END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION parley_count_queue_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_old text[] := '{}';
  v_new text[] := '{}';
  v_queue text;
BEGIN
  IF TG_OP <> 'INSERT' THEN v_old := parley_comment_queues(OLD.status, OLD.reported_at); END IF;
  IF TG_OP <> 'DELETE' THEN v_new := parley_comment_queues(NEW.status, NEW.reported_at); END IF;
  FOREACH v_queue IN ARRAY v_new LOOP
    IF NOT v_queue = ANY (v_old) THEN
      INSERT INTO queue_count_deltas (site_id, queue, delta) VALUES (NEW.site_id, v_queue, 1);
    END IF;
  END LOOP;
  FOREACH v_queue IN ARRAY v_old LOOP
    IF NOT v_queue = ANY (v_new) THEN
      INSERT INTO queue_count_deltas (site_id, queue, delta) VALUES (OLD.site_id, v_queue, -1);
    END IF;
  END LOOP;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER comments_queue_counts AFTER INSERT OR DELETE OR UPDATE OF status, reported_at ON comments
  FOR EACH ROW EXECUTE FUNCTION parley_count_queue_changes();
--> statement-breakpoint
-- Moves every committed delta into queue_counts; one fold at a time (another caller returns 0 at
-- once). Returns how many deltas it folded.
CREATE OR REPLACE FUNCTION parley_fold_queue_counts() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_folded integer;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtextextended('parley:fold_queue_counts', 0)) THEN
    RETURN 0;
  END IF;
  WITH moved AS (
    DELETE FROM queue_count_deltas RETURNING site_id, queue, delta
  ), summed AS (
    SELECT site_id, queue, sum(delta) AS delta, count(*) AS folded FROM moved GROUP BY site_id, queue
  ), applied AS (
    INSERT INTO queue_counts AS c (site_id, queue, n)
    SELECT s.site_id, s.queue, s.delta FROM summed s WHERE EXISTS (SELECT 1 FROM sites WHERE sites.id = s.site_id)
    ORDER BY s.site_id, s.queue
    ON CONFLICT (site_id, queue) DO UPDATE SET n = c.n + excluded.n
  )
  SELECT coalesce(sum(folded), 0) INTO v_folded FROM summed;
  RETURN v_folded;
END;
$$;
--> statement-breakpoint
-- Counts every queue again from the comments themselves: for this migration, and for bulk loads that
-- bypass triggers (session_replication_role = replica, as the benchmark's seeding does).
CREATE OR REPLACE FUNCTION parley_recount_queue_counts() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  -- Writers wait while it counts, so every statement below sees the same comments.
  LOCK TABLE comments IN SHARE MODE;
  PERFORM pg_advisory_xact_lock(hashtextextended('parley:fold_queue_counts', 0));
  DELETE FROM queue_count_deltas;
  DELETE FROM queue_counts;
  INSERT INTO queue_counts (site_id, queue, n)
  SELECT c.site_id, q.queue, count(*)
  FROM comments c, unnest(parley_comment_queues(c.status, c.reported_at)) AS q(queue)
  GROUP BY c.site_id, q.queue;
END;
$$;
--> statement-breakpoint
SELECT parley_recount_queue_counts();
