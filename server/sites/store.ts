// Site queries, plus a per-process cache of sites invalidated through NOTIFY.
import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { sites } from '../db/schema.js';
import { AppError } from '../errors.js';
import { readSiteSettings, type SiteSettings } from './settings.js';

export interface Site {
  id: number;
  slug: string;
  name: string;
  allowedOrigins: string[];
  locale: string;
  settings: SiteSettings;
  createdAt: Date;
  updatedAt: Date;
}

type SiteRow = typeof sites.$inferSelect;

export function toSite(row: SiteRow): Site {
  return { ...row, settings: readSiteSettings(row.settings) };
}

export async function findSiteBySlug(db: Queryable, slug: string): Promise<Site | null> {
  const [row] = await db.select().from(sites).where(eq(sites.slug, slug)).limit(1);
  return row ? toSite(row) : null;
}

export async function findSiteById(db: Queryable, id: number): Promise<Site | null> {
  const [row] = await db.select().from(sites).where(eq(sites.id, id)).limit(1);
  return row ? toSite(row) : null;
}

export interface NewSite {
  slug: string;
  name: string;
  allowedOrigins?: string[];
  locale?: string;
  settings?: Partial<SiteSettings>;
}

export async function insertSite(db: Queryable, site: NewSite): Promise<Site> {
  const [row] = await db
    .insert(sites)
    .values({
      slug: site.slug,
      name: site.name,
      allowedOrigins: site.allowedOrigins ?? [],
      locale: site.locale ?? 'en',
      settings: site.settings ?? {},
    })
    .returning();
  return toSite(row!);
}

/** The site a public request names, through the cache, or 404 SITE_NOT_FOUND. */
export async function requireSite(deps: { db: Queryable; siteCache: SiteCache }, slug: string): Promise<Site> {
  const site = await deps.siteCache.get(deps.db, slug);
  if (!site) throw new AppError('SITE_NOT_FOUND', `No site "${slug.slice(0, 64)}".`);
  return site;
}

/** Caches sites by slug for a short time; `invalidate` is called on NOTIFY from any process. */
export interface SiteCache {
  get(db: Queryable, slug: string): Promise<Site | null>;
  /** The cached site if it is still fresh, without touching the database (undefined: not known). */
  peek(slug: string): Site | null | undefined;
  invalidate(slug?: string): void;
}

export function createSiteCache(ttlMs = 30_000, now: () => number = Date.now): SiteCache {
  const entries = new Map<string, { site: Site | null; at: number }>();
  const peek = (slug: string) => {
    const hit = entries.get(slug);
    return hit && now() - hit.at < ttlMs ? hit.site : undefined;
  };
  return {
    async get(db, slug) {
      const hit = peek(slug);
      if (hit !== undefined) return hit;
      const site = await findSiteBySlug(db, slug);
      if (entries.size > 10_000) entries.clear();
      entries.set(slug, { site, at: now() });
      return site;
    },
    peek,
    invalidate(slug) {
      if (slug === undefined) entries.clear();
      else entries.delete(slug);
    },
  };
}
