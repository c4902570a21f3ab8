// The dependencies the composition root (main.ts) builds and hands to createApp and the services.
import type { Config } from './config.js';
import type { Database, Db } from './db/client.js';
import type { EventBus } from './events/bus.js';
import type { StreamHub } from './events/hub.js';
import type { PostingStore } from './comments/store.js';
import type { ThreadCache } from './threads/index.js';
import type { Hasher } from './lib/crypto.js';
import type { Logger } from './lib/log.js';
import type { Scorer } from './moderation/scorers/scorer.js';
import type { SiteCache } from './sites/store.js';
import type { Mailer } from './notifications/mailer.js';
import type { Metrics } from './metrics.js';
import type { InstanceWarnings } from './lib/warnings.js';

export interface AppDeps {
  config: Config;
  database: Database;
  db: Db;
  /** Posting's statements, batched across concurrent posts. */
  posting: PostingStore;
  logger: Logger;
  hasher: Hasher;
  bus: EventBus;
  /** Open live event streams (readers' and moderators'): caps, lifetime, fan-out; stats() counts them. */
  streams: StreamHub;
  scorer: Scorer;
  siteCache: SiteCache;
  threadCache: ThreadCache;
  /** Notification emails (SMTP_URL); disabled when unset. */
  mailer: Mailer;
  /** Asks this process's notifications worker to run soon (a no-op where none runs, as in most tests). */
  wakeOutbox: () => void;
  /** Prometheus metrics of this process (a no-op unless PARLEY_METRICS_TOKEN is set). */
  metrics: Metrics;
  /** Misconfigurations found at start or while running, for the log and the admin view. */
  warnings: InstanceWarnings;
  /** The clock; tests inject a fixed one. */
  now: () => Date;
  /** Aborted when the process starts shutting down: long-lived streams end so the drain can finish. */
  shutdown: AbortSignal;
}
