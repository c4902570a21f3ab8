// Keeps this process's thread and site caches in step with the database: events from any process
// (NOTIFY) and from this one (as soon as it publishes) drop what they change; a reconnect of the
// listening session, after which events may have been missed, drops everything. This process's own
// writes announce their version before they commit; the NOTIFY that follows the commit tells builds
// waiting for that version (read.ts) that the database now shows it.
import type { EventBus, ParleyEvent } from '../events/bus.js';
import type { SiteCache } from '../sites/store.js';
import type { ThreadCache } from './cache.js';

export function subscribeThreadCaches(bus: EventBus, caches: { threadCache: ThreadCache; siteCache: SiteCache }): void {
  const { threadCache, siteCache } = caches;
  const invalidate = (event: ParleyEvent) => {
    if (event.type === 'article') threadCache.invalidateArticle(event.articleId, event.version, event.siteId);
    if (event.type === 'site') siteCache.invalidate(event.slug);
  };
  bus.subscribe((event) => {
    invalidate(event);
    // A NOTIFY arrives only after its transaction committed: builds waiting for that version go on.
    if (event.type === 'article') threadCache.markCommitted(event.articleId, event.version);
  });
  bus.onPublish(invalidate);
  bus.onReconnect(() => {
    threadCache.clear();
    siteCache.invalidate();
  });
}
