// The statement that sends an event: one of the SQL functions of migration 0008, which own the
// payloads (the comment-posting function sends the same ones), so the JSON is built in one place.
import { sql, type SQL } from 'drizzle-orm';
import type { ParleyEvent } from './bus.js';

export function notifyStatement(event: ParleyEvent): SQL {
  switch (event.type) {
    case 'article':
      return sql`select parley_notify_article(${event.siteId}, ${event.articleId}, ${event.version})`;
    case 'comment':
      return sql`select parley_notify_comment(${event.siteId}, ${event.articleId}, ${event.commentId}, ${event.status}, ${event.previous}, ${event.reported === true})`;
    case 'site':
      return sql`select parley_notify_site(${event.siteId}, ${event.slug})`;
    case 'reaction':
      return sql`select parley_notify_reaction(${event.siteId}, ${event.articleId}, ${event.commentId}, ${event.count}, ${event.reactionVersion})`;
  }
}
