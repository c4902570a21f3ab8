// Moderators' live queue events, fanned out in memory, with every stream's session and site list
// re-checked against the database every second in one batched query (so a logout, a disabled
// account or an unassigned site on any process ends the stream within a few seconds).
import { findSiteIdsByModerator } from '../auth/accounts.js';
import type { AdminAuth } from '../auth/middleware.js';
import { findLiveSessions } from '../auth/sessions.js';
import { canSeeSite, siteSlugs } from '../admin/access.js';
import type { AppDeps } from '../deps.js';
import type { EventBus } from './bus.js';
import { encodeSse, readyEvent, type EventStream } from './stream.js';

/** How often open streams' sessions and assignments are re-checked. */
const RECHECK_MS = 1000;

interface Watcher {
  auth: AdminAuth;
  stream: EventStream;
}

export interface ModeratorFeed {
  /** Streams the queue events of the caller's sites to `stream`, until its session or sites change. */
  watch(auth: AdminAuth, stream: EventStream): void;
  /** Open moderator streams. */
  size(): number;
}

function sameSites(a: readonly number[] | null, b: readonly number[] | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}

export function createModeratorFeed(deps: Pick<AppDeps, 'db' | 'config' | 'now' | 'logger'> & { bus: EventBus }): ModeratorFeed {
  const { db, logger } = deps;
  const watchers = new Set<Watcher>();
  const slugs = new Map<number, string>();
  let delivered: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let checking = false;

  const slugOf = async (siteId: number): Promise<string> => {
    const known = slugs.get(siteId);
    if (known !== undefined) return known;
    const found = (await siteSlugs(db, [siteId])).get(siteId) ?? '';
    if (found) slugs.set(siteId, found);
    return found;
  };

  deps.bus.subscribe((event) => {
    if (event.type === 'site') {
      slugs.set(event.siteId, event.slug);
      return;
    }
    if (event.type !== 'comment') return;
    let audience = false;
    for (const w of watchers) if (canSeeSite(w.auth, event.siteId)) audience = true;
    if (!audience) return;
    const prepared = slugOf(event.siteId).then((site) => {
      const data = { commentId: event.commentId, site, status: event.status, previous: event.previous };
      return encodeSse({ event: 'queue', data: JSON.stringify(data), id: String(event.commentId) });
    });
    delivered = delivered
      .then(() => prepared)
      .then((chunk) => {
        for (const w of watchers) if (canSeeSite(w.auth, event.siteId)) w.stream.send(chunk);
      })
      .catch((err) => logger.warn({ err }, 'a queue event could not be delivered to moderators'));
  });

  // Ends every stream whose session is gone (logout, expiry, disabled account) or whose role or sites changed.
  const recheck = async () => {
    if (checking || watchers.size === 0) return;
    checking = true;
    // Only streams open when the check starts: one opened meanwhile is not in its answer.
    const checked = [...watchers];
    try {
      const live = await findLiveSessions(deps, [...new Set(checked.map((w) => w.auth.tokenHash))]);
      const moderatorIds = [...new Set([...live.values()].filter((s) => s.role !== 'admin').map((s) => s.moderatorId))];
      const sites = await findSiteIdsByModerator(db, moderatorIds);
      for (const w of checked) {
        const session = live.get(w.auth.tokenHash);
        const siteIds = session?.role === 'admin' ? null : (sites.get(session?.moderatorId ?? -1) ?? []);
        if (!session || session.role !== w.auth.moderator.role || !sameSites(siteIds, w.auth.siteIds)) w.stream.end();
      }
    } catch (err) {
      logger.warn({ err }, 're-checking moderators’ event streams failed');
    } finally {
      checking = false;
    }
  };

  return {
    watch(auth, stream) {
      const watcher = { auth, stream };
      watchers.add(watcher);
      if (!timer) {
        timer = setInterval(() => void recheck(), RECHECK_MS);
        timer.unref();
      }
      stream.onEnd(() => {
        watchers.delete(watcher);
        if (watchers.size === 0 && timer) {
          clearInterval(timer);
          timer = undefined;
        }
      });
      stream.send(readyEvent());
    },
    size: () => watchers.size,
  };
}
