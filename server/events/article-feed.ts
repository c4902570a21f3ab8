// Readers' live events, fanned out in memory: one topic per (site, article key) holds that article's
// open streams, so an event costs the same however many streams are open.
//
// Per event, at most: one lookup of an article id this process has not seen before (only when the
// site has open streams), and one load of a newly approved comment (only when its article has open
// streams); the encoded event is then written to every stream of the topic. A topic is looked up
// once when its first stream opens; streams on an article that does not exist cost no query after
// that, and no timer (keepalives and lifetimes are the registry's, stream.ts).
import { eq } from 'drizzle-orm';
import { toPublicComment } from '../comments/dto.js';
import { findArticle, findComment } from '../comments/store.js';
import type { Db } from '../db/client.js';
import { articles } from '../db/schema.js';
import type { Logger } from '../lib/log.js';
import type { EventBus, ParleyEvent } from './bus.js';
import { encodeSse, readyEvent, type EventStream } from './stream.js';

/** Article ids whose key this process remembers (an article's key never changes). */
const KNOWN_KEYS = 5000;

interface Topic {
  siteId: number;
  key: string;
  /** null while no article has this key (a stream may open before the first comment creates it). */
  articleId: number | null;
  /** The article's version as last heard (0: no article yet). */
  version: number;
  streams: Set<EventStream>;
  /** Settles once the article has been looked up. */
  loaded: Promise<void>;
}

interface SiteTopics {
  byKey: Map<string, Topic>;
  byArticle: Map<number, Topic>;
}

interface Delivery {
  topic: Topic;
  chunk: Uint8Array;
  version?: number;
}

export interface ArticleFeed {
  /**
   * Adds a stream to an article's topic and sends it `ready` with the article's current version
   * (0 when no article has the key yet), so a reconnecting client can tell whether it missed anything.
   */
  watch(siteId: number, key: string, stream: EventStream): Promise<void>;
  /** Articles with at least one open stream. */
  topics(): number;
}

export function createArticleFeed(deps: { db: Db; bus: EventBus; logger: Logger }): ArticleFeed {
  const { db, logger } = deps;
  const sites = new Map<number, SiteTopics>();
  const keys = new Map<number, string>();
  const keyLookups = new Map<number, Promise<string | null>>();
  let topicCount = 0;
  // Events are prepared concurrently and delivered in the order they arrived.
  let delivered: Promise<void> = Promise.resolve();

  const remember = (articleId: number, key: string) => {
    if (keys.size >= KNOWN_KEYS) keys.delete(keys.keys().next().value!);
    keys.set(articleId, key);
  };

  /** Points a topic at an article id (first creation, or a key whose article was recreated). */
  const bind = (topic: Topic, articleId: number) => {
    const site = sites.get(topic.siteId);
    if (!site || site.byKey.get(topic.key) !== topic) return;
    if (topic.articleId !== null && site.byArticle.get(topic.articleId) === topic) site.byArticle.delete(topic.articleId);
    topic.articleId = articleId;
    site.byArticle.set(articleId, topic);
    remember(articleId, topic.key);
  };

  const keyOf = (articleId: number): Promise<string | null> => {
    const known = keys.get(articleId);
    if (known !== undefined) return Promise.resolve(known);
    let lookup = keyLookups.get(articleId);
    if (!lookup) {
      lookup = db
        .select({ key: articles.key })
        .from(articles)
        .where(eq(articles.id, articleId))
        .limit(1)
        .then(([row]) => {
          if (row) remember(articleId, row.key);
          return row?.key ?? null;
        })
        .finally(() => keyLookups.delete(articleId));
      keyLookups.set(articleId, lookup);
    }
    return lookup;
  };

  /** The topic an event's article belongs to, if anyone watches it. */
  const topicFor = async (siteId: number, articleId: number): Promise<Topic | null> => {
    const known = sites.get(siteId)?.byArticle.get(articleId);
    if (known) return known;
    // An article this process has not tied to a topic: maybe just created under a watched key.
    const key = await keyOf(articleId);
    const topic = key === null ? undefined : sites.get(siteId)?.byKey.get(key);
    if (!topic) return null;
    if (topic.articleId !== articleId) bind(topic, articleId);
    return topic;
  };

  const prepare = async (event: Exclude<ParleyEvent, { type: 'site' }>): Promise<Delivery | null> => {
    if (event.type === 'article') {
      const topic = await topicFor(event.siteId, event.articleId);
      if (!topic) return null;
      const chunk = encodeSse({ event: 'version', data: JSON.stringify({ version: event.version }) });
      return { topic, chunk, version: event.version };
    }
    if (event.type === 'reaction') {
      const topic = await topicFor(event.siteId, event.articleId);
      return topic && { topic, chunk: encodeSse({ event: 'reaction', data: JSON.stringify({ id: event.commentId, n: event.count }) }) };
    }
    if (event.status === 'approved') {
      const topic = await topicFor(event.siteId, event.articleId);
      if (!topic) return null;
      const row = await findComment(db, event.commentId);
      if (!row || row.status !== 'approved') return null;
      return { topic, chunk: encodeSse({ event: 'comment', data: JSON.stringify(toPublicComment(row)), id: String(row.id) }) };
    }
    if (event.previous === 'approved') {
      const topic = await topicFor(event.siteId, event.articleId);
      if (!topic) return null;
      return { topic, chunk: encodeSse({ event: 'removed', data: JSON.stringify({ id: event.commentId }) }) };
    }
    return null;
  };

  const deliver = (delivery: Delivery | null) => {
    if (!delivery) return;
    const { topic, chunk, version } = delivery;
    if (version !== undefined && version > topic.version) topic.version = version;
    for (const stream of topic.streams) stream.send(chunk);
  };

  deps.bus.subscribe((event) => {
    // Nobody reading this site in this process: the event costs nothing here.
    if (event.type === 'site' || !sites.has(event.siteId)) return;
    const prepared = prepare(event);
    delivered = delivered
      .then(() => prepared)
      .then(deliver)
      .catch((err) => logger.warn({ err, event: event.type }, 'a live event could not be delivered to readers'));
  });

  const leave = (topic: Topic, stream: EventStream) => {
    topic.streams.delete(stream);
    if (topic.streams.size > 0) return;
    const site = sites.get(topic.siteId);
    if (!site || site.byKey.get(topic.key) !== topic) return;
    site.byKey.delete(topic.key);
    if (topic.articleId !== null && site.byArticle.get(topic.articleId) === topic) site.byArticle.delete(topic.articleId);
    if (site.byKey.size === 0) sites.delete(topic.siteId);
    topicCount -= 1;
  };

  const open = (siteId: number, key: string): Topic => {
    let site = sites.get(siteId);
    if (!site) sites.set(siteId, (site = { byKey: new Map(), byArticle: new Map() }));
    const existing = site.byKey.get(key);
    if (existing) return existing;
    const topic: Topic = { siteId, key, articleId: null, version: 0, streams: new Set(), loaded: Promise.resolve() };
    site.byKey.set(key, topic);
    topicCount += 1;
    topic.loaded = findArticle(db, siteId, key).then((row) => {
      if (!row) return;
      if (topic.articleId === null) bind(topic, row.id);
      if (row.version > topic.version) topic.version = row.version;
    });
    return topic;
  };

  return {
    async watch(siteId, key, stream) {
      const topic = open(siteId, key);
      topic.streams.add(stream);
      stream.onEnd(() => leave(topic, stream));
      try {
        await topic.loaded;
      } catch (err) {
        // The lookup failed (database unreachable): this stream ends before it starts (leaving the topic,
        // which goes with its last stream, so the next one looks again) and the caller answers the error.
        stream.end();
        throw err;
      }
      stream.send(readyEvent({ version: topic.version }));
    },
    topics: () => topicCount,
  };
}
