-- A reader's "Notify me of replies by email", in one statement (it runs on the posting path):
-- remember the address for the site (an address that had left the whole site must confirm again),
-- follow the thread (a thread it left stays left; at most p_max_threads followed), and, the first
-- time, queue one confirmation email, within the caps per address and per client address.
-- Returns 'active' (confirmed: replies will be emailed), 'confirm' (not confirmed yet) or 'limited'.
-- The rule lives here; server/notifications/subscriptions.ts calls it with the limits.
CREATE OR REPLACE FUNCTION parley_subscribe(
  p_site_id bigint,
  p_email text,
  p_article_id bigint,
  p_ip_hash text,
  p_now timestamptz,
  p_max_threads integer,
  p_resend_after interval,
  p_max_per_address_day integer,
  p_max_per_client_hour integer
) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_sub subscribers%ROWTYPE;
  v_threads integer;
  v_address integer;
  v_client integer;
BEGIN
  INSERT INTO subscribers AS s (site_id, email, created_at) VALUES (p_site_id, p_email, p_now)
  ON CONFLICT (site_id, email) DO UPDATE SET email = excluded.email
  RETURNING * INTO v_sub;
  IF v_sub.unsubscribed_at IS NOT NULL THEN
    UPDATE subscribers SET unsubscribed_at = NULL, confirmed_at = NULL WHERE id = v_sub.id RETURNING * INTO v_sub;
  END IF;

  IF NOT EXISTS (SELECT 1 FROM thread_subscriptions WHERE subscriber_id = v_sub.id AND article_id = p_article_id) THEN
    SELECT count(*) INTO v_threads FROM thread_subscriptions WHERE subscriber_id = v_sub.id AND unsubscribed_at IS NULL;
    IF v_threads >= p_max_threads THEN
      RETURN 'limited';
    END IF;
    INSERT INTO thread_subscriptions (subscriber_id, article_id, created_at) VALUES (v_sub.id, p_article_id, p_now)
    ON CONFLICT DO NOTHING;
  END IF;

  IF v_sub.confirmed_at IS NOT NULL THEN
    RETURN 'active';
  END IF;
  IF v_sub.confirm_sent_at IS NOT NULL AND p_now - v_sub.confirm_sent_at < p_resend_after THEN
    RETURN 'confirm';
  END IF;
  SELECT
    count(*) FILTER (WHERE m.to_email = p_email),
    count(*) FILTER (WHERE m.ip_hash = p_ip_hash AND m.created_at > p_now - interval '1 hour')
  INTO v_address, v_client
  FROM mails m
  WHERE m.kind = 'confirm' AND m.created_at > p_now - interval '1 day' AND (m.to_email = p_email OR m.ip_hash = p_ip_hash);
  IF v_address >= p_max_per_address_day OR v_client >= p_max_per_client_hour THEN
    RETURN 'confirm';
  END IF;
  INSERT INTO mails (kind, site_id, to_email, subscriber_id, article_id, ip_hash, send_after, created_at)
  VALUES ('confirm', p_site_id, p_email, v_sub.id, p_article_id, p_ip_hash, p_now, p_now);
  UPDATE subscribers SET confirm_sent_at = p_now WHERE id = v_sub.id;
  RETURN 'confirm';
END;
$$;
