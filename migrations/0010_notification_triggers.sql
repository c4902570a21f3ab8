-- Writes notification_events (migration *_notifications) in the same transaction as the change that causes
-- them, whichever code path makes it: a new comment (the posting functions, an admin reply), a
-- status change (moderators, re-scoring, authors, privacy erase), a comment reaching the reported
-- queue, an article being closed. The notifications worker turns events into emails and webhook
-- deliveries. A transaction that runs SET LOCAL parley.notify = 'off' (imports) writes none.

CREATE OR REPLACE FUNCTION parley_comment_events() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('parley.notify', true) = 'off' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO notification_events (type, site_id, article_id, comment_id, status, actor_id)
    VALUES ('comment.created', NEW.site_id, NEW.article_id, NEW.id, NEW.status, NEW.moderator_id);
    RETURN NULL;
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status THEN
    INSERT INTO notification_events (type, site_id, article_id, comment_id, status, previous, actor_id)
    VALUES (
      CASE NEW.status
        WHEN 'approved' THEN 'comment.approved'
        WHEN 'rejected' THEN 'comment.rejected'
        WHEN 'spam' THEN 'comment.spam'
        WHEN 'deleted' THEN 'comment.deleted'
        ELSE 'comment.held'
      END,
      NEW.site_id, NEW.article_id, NEW.id, NEW.status, OLD.status,
      CASE WHEN NEW.moderated_at IS DISTINCT FROM OLD.moderated_at THEN NEW.moderated_by END
    );
  END IF;
  IF NEW.reported_at IS NOT NULL AND OLD.reported_at IS NULL THEN
    INSERT INTO notification_events (type, site_id, article_id, comment_id, status, previous)
    VALUES ('comment.reported', NEW.site_id, NEW.article_id, NEW.id, NEW.status, OLD.status);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER comments_events_insert AFTER INSERT ON comments
  FOR EACH ROW EXECUTE FUNCTION parley_comment_events();
--> statement-breakpoint
CREATE TRIGGER comments_events_update AFTER UPDATE OF status, reported_at ON comments
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR (OLD.reported_at IS NULL AND NEW.reported_at IS NOT NULL))
  EXECUTE FUNCTION parley_comment_events();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION parley_article_events() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('parley.notify', true) = 'off' THEN
    RETURN NULL;
  END IF;
  INSERT INTO notification_events (type, site_id, article_id) VALUES ('article.closed', NEW.site_id, NEW.id);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER articles_events_closed AFTER UPDATE OF closed ON articles
  FOR EACH ROW WHEN (NEW.closed AND NOT OLD.closed)
  EXECUTE FUNCTION parley_article_events();
