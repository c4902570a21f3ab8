// Moderators' alert settings: per site, immediately, an hourly or daily summary, or never.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { moderatorAlerts, sites } from '../db/schema.js';
import type { AdminAuth } from '../auth/middleware.js';
import { canSeeSite } from '../admin/access.js';
import { AppError } from '../errors.js';

export const CADENCES = ['immediate', 'hourly', 'daily', 'never'] as const;
export type Cadence = (typeof CADENCES)[number];
/** Until a moderator chooses, they get no alert emails. */
export const DEFAULT_CADENCE: Cadence = 'never';

export interface AlertSetting {
  site: string;
  name: string;
  cadence: Cadence;
}

/** The caller's setting for every site they can see. */
export async function listAlertSettings(db: Queryable, auth: AdminAuth): Promise<AlertSetting[]> {
  const visible = await db
    .select({ id: sites.id, slug: sites.slug, name: sites.name })
    .from(sites)
    .where(auth.siteIds === null ? undefined : inArray(sites.id, auth.siteIds.length ? [...auth.siteIds] : [-1]))
    .orderBy(asc(sites.slug));
  const rows = await db.select().from(moderatorAlerts).where(eq(moderatorAlerts.moderatorId, auth.moderator.id));
  const chosen = new Map(rows.map((r) => [r.siteId, r.cadence as Cadence]));
  return visible.map((s) => ({ site: s.slug, name: s.name, cadence: chosen.get(s.id) ?? DEFAULT_CADENCE }));
}

/** Sets the caller's cadence for sites they can see (by slug); others answer 404 like a missing site. */
export async function setAlertSettings(db: Queryable, auth: AdminAuth, changes: Array<{ site: string; cadence: Cadence }>): Promise<void> {
  if (changes.length === 0) return;
  const found = await db
    .select({ id: sites.id, slug: sites.slug })
    .from(sites)
    .where(inArray(sites.slug, changes.map((c) => c.site)));
  const bySlug = new Map(found.map((s) => [s.slug, s.id]));
  for (const change of changes) {
    const siteId = bySlug.get(change.site);
    if (siteId === undefined || !canSeeSite(auth, siteId)) throw new AppError('SITE_NOT_FOUND', `No site "${change.site.slice(0, 64)}".`);
    await setCadence(db, auth.moderator.id, siteId, change.cadence);
  }
}

export async function setCadence(db: Queryable, moderatorId: number, siteId: number, cadence: Cadence): Promise<void> {
  await db
    .insert(moderatorAlerts)
    .values({ moderatorId, siteId, cadence })
    .onConflictDoUpdate({ target: [moderatorAlerts.moderatorId, moderatorAlerts.siteId], set: { cadence } });
}

export async function findCadence(db: Queryable, moderatorId: number, siteId: number): Promise<Cadence> {
  const [row] = await db
    .select({ cadence: moderatorAlerts.cadence })
    .from(moderatorAlerts)
    .where(and(eq(moderatorAlerts.moderatorId, moderatorId), eq(moderatorAlerts.siteId, siteId)));
  return (row?.cadence as Cadence | undefined) ?? DEFAULT_CADENCE;
}
