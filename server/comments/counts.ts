// Approved-comment counts for a site's index pages (the "12 comments" next to each headline).
import { and, eq, inArray } from 'drizzle-orm';
import { articles } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { requireSite } from '../sites/store.js';
import { normalizeArticleKey } from './article-key.js';

type Deps = Pick<AppDeps, 'db' | 'siteCache'>;

/** Approved-comment counts for several articles of a site (unknown articles count 0). */
export async function getCounts(deps: Deps, siteSlug: string, rawKeys: string[]): Promise<Record<string, number>> {
  const site = await requireSite(deps, siteSlug);
  const keys = new Map<string, string>();
  for (const raw of rawKeys) {
    const key = normalizeArticleKey(raw);
    if (key) keys.set(raw, key);
  }
  const out: Record<string, number> = {};
  for (const raw of rawKeys) out[raw] = 0;
  if (keys.size === 0) return out;
  const rows = await deps.db
    .select({ key: articles.key, n: articles.commentCount })
    .from(articles)
    .where(and(eq(articles.siteId, site.id), inArray(articles.key, [...new Set(keys.values())])));
  const byKey = new Map(rows.map((r) => [r.key, r.n]));
  for (const [raw, key] of keys) out[raw] = byKey.get(key) ?? 0;
  return out;
}
