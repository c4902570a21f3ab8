// Live events across processes: PostgreSQL NOTIFY in the writing transaction, LISTEN in every process.
import type { Database, Queryable } from '../db/client.js';
import type { Logger } from '../lib/log.js';
import { notifyStatement } from './notify.js';

export const CHANNEL = 'parley_events';

export type ParleyEvent =
  /** A change visible in an article's public thread (new approved comment, removal, edit). */
  | { type: 'article'; siteId: number; articleId: number; version: number }
  /** A comment was created or changed status; moderators' queues and readers' threads listen. */
  | { type: 'comment'; siteId: number; articleId: number; commentId: number; status: string; previous: string | null; reported?: boolean }
  /** A site's settings changed. */
  | { type: 'site'; siteId: number; slug: string }
  /** A reader reacted to a comment: its new count, and the article's reaction version (no thread version change). */
  | { type: 'reaction'; siteId: number; articleId: number; commentId: number; count: number; reactionVersion: number };

export type Listener = (event: ParleyEvent) => void;

export interface EventBus {
  /** Queues an event inside the caller's transaction; delivered to every process on commit. */
  publish(tx: Queryable, event: ParleyEvent): Promise<void>;
  /** Runs this process's publish listeners for an event a SQL function already NOTIFYed (parley_insert_comment, parley_bump_article). */
  announce(event: ParleyEvent): void;
  subscribe(listener: Listener): () => void;
  /**
   * Runs in this process as soon as an event is published, before its transaction commits. Caches use
   * it so this process's next read cannot be served from before its own write; other processes learn
   * through NOTIFY after the commit.
   */
  onPublish(listener: Listener): () => void;
  /** Called when the LISTEN connection (re)connects: caches must assume they missed events. */
  onReconnect(listener: () => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createEventBus(database: Pick<Database, 'listen'>, logger: Logger): EventBus {
  const listeners = new Set<Listener>();
  const publishListeners = new Set<Listener>();
  const reconnectListeners = new Set<() => void>();
  let unlisten: (() => Promise<void>) | undefined;

  const deliver = (payload: string) => {
    let event: ParleyEvent;
    try {
      event = JSON.parse(payload) as ParleyEvent;
    } catch {
      logger.warn({ payloadLength: payload.length }, 'ignored malformed event payload');
      return;
    }
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (err) {
        logger.error({ err }, 'event listener failed');
      }
    }
  };

  const announce = (event: ParleyEvent) => {
    for (const listener of publishListeners) listener(event);
  };

  return {
    async publish(tx, event) {
      announce(event);
      await tx.execute(notifyStatement(event));
    },
    announce,
    onPublish(listener) {
      publishListeners.add(listener);
      return () => publishListeners.delete(listener);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    async start() {
      unlisten = await database.listen(CHANNEL, deliver, () => {
        for (const l of reconnectListeners) l();
      });
    },
    async stop() {
      await unlisten?.().catch(() => {});
      unlisten = undefined;
      listeners.clear();
    },
  };
}
