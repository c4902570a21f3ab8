// Origins a site refused: a publisher embedding Parley on a page the site does not allow learns of it
// from the widget, the server log (once per origin per hour per process) and the admin view's list
// (one upsert per origin per minute per process, counting the refusals in between).
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { refusedOrigins } from '../db/schema.js';
import type { Logger } from '../lib/log.js';
import { originAllowed } from '../lib/middleware.js';
import type { Site } from './store.js';

const LOG_EVERY_MS = 3_600_000;
const WRITE_EVERY_MS = 60_000;
/** Keys remembered per process; the map is emptied when full (a key then logs and writes once more). */
const MAX_KEYS = 1000;
/** Only a plain origin is worth showing or allowing; anything else (or longer) is not recorded. */
const ORIGIN = /^https?:\/\/[a-z0-9.-]{1,200}(?::\d{1,5})?$/i;

export type RecordRefusal = (site: Site, origin: string) => void;

/** The refusal recorder the CORS middleware calls; writes happen in the background and never fail a request. */
export function createRefusedOriginLog(deps: { db: Queryable; logger: Logger; now: () => Date }): RecordRefusal {
  const seen = new Map<string, { loggedAt: number; writtenAt: number; pending: number }>();
  return function recordRefusal(site, origin) {
    if (!ORIGIN.test(origin)) return;
    const key = `${site.id}|${origin.toLowerCase()}`;
    const now = deps.now().getTime();
    if (seen.size >= MAX_KEYS && !seen.has(key)) seen.clear();
    let entry = seen.get(key);
    if (!entry) seen.set(key, (entry = { loggedAt: -Infinity, writtenAt: -Infinity, pending: 0 }));
    entry.pending++;
    if (now - entry.loggedAt >= LOG_EVERY_MS) {
      entry.loggedAt = now;
      deps.logger.warn(
        { site: site.slug, origin },
        `refused origin ${origin} for site ${site.slug}: add it to the site's allowed origins (admin view, Sites) if the embed belongs there`,
      );
    }
    if (now - entry.writtenAt < WRITE_EVERY_MS) return;
    entry.writtenAt = now;
    const n = entry.pending;
    entry.pending = 0;
    const at = deps.now();
    deps.db
      .insert(refusedOrigins)
      .values({ siteId: site.id, origin: origin.toLowerCase(), count: n, firstAt: at, lastAt: at })
      .onConflictDoUpdate({
        target: [refusedOrigins.siteId, refusedOrigins.origin],
        set: { count: sql`${refusedOrigins.count} + ${n}`, lastAt: at },
      })
      .catch((err: unknown) => deps.logger.warn({ err }, 'could not record a refused origin'));
  };
}

export interface RefusedOrigin {
  origin: string;
  count: number;
  lastAt: string;
}

/**
 * Recently refused origins (last 30 days, at most 20 per site) per site id, leaving out any the site
 * allows by now. Most refusals first: anyone can send a request naming any origin, and a page that
 * really embeds the site is refused once per reader, so a stranger's handful of made-up origins
 * cannot push it off the list.
 */
export async function listRefusedOrigins(db: Queryable, list: readonly Site[], now: Date): Promise<Map<number, RefusedOrigin[]>> {
  const out = new Map<number, RefusedOrigin[]>();
  if (list.length === 0) return out;
  const rows = await db
    .select()
    .from(refusedOrigins)
    .where(and(inArray(refusedOrigins.siteId, list.map((s) => s.id)), gt(refusedOrigins.lastAt, new Date(now.getTime() - 30 * 86_400_000))))
    .orderBy(desc(refusedOrigins.count), desc(refusedOrigins.lastAt))
    .limit(20 * list.length);
  const byId = new Map(list.map((s) => [s.id, s]));
  for (const r of rows) {
    const site = byId.get(r.siteId)!;
    if (originAllowed(r.origin, site.allowedOrigins)) continue;
    const mine = out.get(r.siteId) ?? [];
    if (mine.length < 20) mine.push({ origin: r.origin, count: r.count, lastAt: r.lastAt.toISOString() });
    out.set(r.siteId, mine);
  }
  return out;
}

/** Forgets a site's refused origins (tests, and a site deleted goes by cascade). */
export async function clearRefusedOrigins(db: Queryable, siteId: number): Promise<void> {
  await db.delete(refusedOrigins).where(eq(refusedOrigins.siteId, siteId));
}
