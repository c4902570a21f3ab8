-- Readers' reactions (issue 15): the event payload lives here with the others of migration 0008
-- (server/events/bus.ts declares its type). A reaction changes no article version: it bumps
-- articles.reaction_version, which only reaction counts and the best order key on.
CREATE OR REPLACE FUNCTION parley_notify_reaction(
  p_site_id bigint, p_article_id bigint, p_comment_id bigint, p_count integer, p_reaction_version integer
) RETURNS void
LANGUAGE sql VOLATILE AS $$
  SELECT pg_notify('parley_events', jsonb_build_object('type', 'reaction', 'siteId', p_site_id, 'articleId', p_article_id,
    'commentId', p_comment_id, 'count', p_count, 'reactionVersion', p_reaction_version)::text);
$$;
