// This process's live event streams: readers' (per article) and moderators' (their queue), admitted
// and kept by one registry (stream.ts) and fed from the bus in memory (article-feed.ts, moderator-feed.ts).
import type { AdminAuth } from '../auth/middleware.js';
import type { AppDeps } from '../deps.js';
import { createArticleFeed } from './article-feed.js';
import type { EventBus } from './bus.js';
import { createModeratorFeed } from './moderator-feed.js';
import { createStreamRegistry, type EventStream } from './stream.js';

export interface StreamStats {
  /** Open streams, readers' and moderators'. */
  streams: number;
  moderators: number;
  /** Articles with at least one reader's stream open. */
  articles: number;
  /** Client addresses holding at least one reader's stream. */
  addresses: number;
}

export interface StreamHub {
  /** A reader's stream on one article of a site; 429/503 past the caps (checked before any query). */
  openArticle(siteId: number, key: string, address: string): Promise<EventStream>;
  /** A moderator's queue stream; it ends within seconds of a logout, a disabled account or a site change. */
  openQueue(auth: AdminAuth): EventStream;
  stats(): StreamStats;
}

export function createStreamHub(
  deps: Pick<AppDeps, 'config' | 'db' | 'logger' | 'now' | 'shutdown'> & { bus: EventBus },
): StreamHub {
  const registry = createStreamRegistry(
    {
      perAddress: deps.config.PARLEY_STREAMS_PER_ADDRESS,
      total: deps.config.PARLEY_STREAMS_MAX,
      lifetimeMs: deps.config.PARLEY_STREAM_LIFETIME_MS,
    },
    deps.shutdown,
  );
  const articles = createArticleFeed(deps);
  const moderators = createModeratorFeed(deps);
  return {
    async openArticle(siteId, key, address) {
      const stream = registry.open(address);
      await articles.watch(siteId, key, stream);
      return stream;
    },
    openQueue(auth) {
      // Moderators are counted in the total only: a newsroom behind one address has many of them.
      const stream = registry.open(null);
      moderators.watch(auth, stream);
      return stream;
    },
    stats() {
      const { streams, addresses } = registry.stats();
      return { streams, moderators: moderators.size(), articles: articles.topics(), addresses };
    },
  };
}
