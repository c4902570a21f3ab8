// Per-site authorization for admin calls: a site the caller may not see answers 404, never 403.
import { inArray } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { sites } from '../db/schema.js';
import type { AdminAuth } from '../auth/middleware.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { Site } from '../sites/store.js';

export function canSeeSite(auth: AdminAuth, siteId: number): boolean {
  return auth.siteIds === null || auth.siteIds.includes(siteId);
}

/** Refuses callers who are not admins (403: the endpoint exists for everyone, the right does not). */
export function requireAdmin(auth: AdminAuth): void {
  if (auth.moderator.role !== 'admin') throw new AppError('FORBIDDEN', 'Only admins can do this.');
}

/** The site for a slug if the caller may see it; otherwise the same 404 as for a site that does not exist. */
export async function requireVisibleSite(deps: Pick<AppDeps, 'db' | 'siteCache'>, auth: AdminAuth, slug: string): Promise<Site> {
  const site = await deps.siteCache.get(deps.db, slug);
  if (!site || !canSeeSite(auth, site.id)) throw new AppError('SITE_NOT_FOUND', `No site "${slug.slice(0, 64)}".`);
  return site;
}

/** The site ids a query is limited to: one site, the caller's sites, or null for every site. */
export async function scopeSiteIds(
  deps: Pick<AppDeps, 'db' | 'siteCache'>,
  auth: AdminAuth,
  slug: string | undefined,
): Promise<number[] | null> {
  if (slug !== undefined) return [(await requireVisibleSite(deps, auth, slug)).id];
  return auth.siteIds === null ? null : [...auth.siteIds];
}

/** Slugs by site id, for mapping rows to the `site` field. */
export async function siteSlugs(db: Queryable, ids: Iterable<number>): Promise<Map<number, string>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const rows = await db.select({ id: sites.id, slug: sites.slug }).from(sites).where(inArray(sites.id, list));
  return new Map(rows.map((r) => [r.id, r.slug]));
}
