// Site administration: create and edit sites (origins, locale, moderation settings), with cache invalidation everywhere.
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { sites } from '../db/schema.js';
import type { AdminAuth } from '../auth/middleware.js';
import { insertAudit } from '../comments/store.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { z } from 'zod';
import { readSiteSettings, siteSettingsSchema, type SiteSettings } from '../sites/settings.js';
import { listRefusedOrigins } from '../sites/refused-origins.js';
import { toSite } from '../sites/store.js';
import { requireAdmin } from './access.js';
import { toAdminSite, type AdminSite } from './dto.js';

type Deps = Pick<AppDeps, 'db' | 'bus' | 'siteCache' | 'config' | 'now'>;

/**
 * The settings a client may send, every key optional and none defaulted. siteSettingsPatchSchema
 * (`.partial()`) cannot serve here: zod 4 still applies each field's default inside a partial
 * object, so a patch of one key would come back with every default and overwrite the site.
 */
export const settingsPatchInput = z
  .object(
    Object.fromEntries(Object.entries(siteSettingsSchema.shape).map(([key, field]) => [key, field.unwrap().optional()])) as {
      [K in keyof typeof siteSettingsSchema.shape]: z.ZodOptional<ReturnType<(typeof siteSettingsSchema.shape)[K]['unwrap']>>;
    },
  )
  .strict();

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/**
 * Normalizes an allowed origin (`https://news.example`, `http://localhost:8080`, or a wildcard
 * `https://*.example.com`), or returns null when it is not a bare http(s) origin.
 */
export function normalizeOrigin(raw: string): string | null {
  const text = raw.trim().toLowerCase().replace(/\/+$/, '');
  const wild = /^(https?):\/\/\*\.(.+)$/.exec(text);
  const probe = wild ? `${wild[1]}://${wild[2]}` : text;
  let url: URL;
  try {
    url = new URL(probe);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash || probe.includes('*')) return null;
  if (!/^[a-z][a-z+.-]*:\/\/[^/?#]+$/.test(probe)) return null;
  return wild ? `${url.protocol}//*.${url.host}` : url.origin;
}

/** Normalizes a list of origins; throws VALIDATION_FAILED naming each bad one. */
export function normalizeOrigins(list: readonly string[]): string[] {
  const out: string[] = [];
  const fields = [];
  for (const [i, raw] of list.entries()) {
    const origin = normalizeOrigin(raw);
    if (origin) out.push(origin);
    else fields.push({ field: `allowedOrigins.${i}`, code: 'invalid', message: `"${raw.slice(0, 100)}" is not an http(s) origin such as https://news.example or https://*.example.com` });
  }
  if (fields.length > 0) throw new AppError('VALIDATION_FAILED', 'Some fields need attention.', { fields });
  return [...new Set(out)];
}

function checkThresholds(settings: SiteSettings): void {
  if (settings.toxicityReject < settings.toxicityHold) {
    throw new AppError('VALIDATION_FAILED', 'Some fields need attention.', {
      fields: [{ field: 'settings.toxicityReject', code: 'invalid', message: 'The reject threshold cannot be below the hold threshold.' }],
    });
  }
}

/** Every site for admins; a moderator's own sites (read-only) otherwise. */
export async function listSites(deps: Deps, auth: AdminAuth): Promise<AdminSite[]> {
  if (auth.siteIds !== null && auth.siteIds.length === 0) return [];
  const rows = await deps.db
    .select()
    .from(sites)
    .where(auth.siteIds === null ? undefined : inArray(sites.id, [...auth.siteIds]))
    .orderBy(asc(sites.slug));
  const list = rows.map(toSite);
  const refused = await listRefusedOrigins(deps.db, list, deps.now());
  return list.map((site) => ({ ...toAdminSite(site, deps.config.publicUrl), refusedOrigins: refused.get(site.id) ?? [] }));
}

export interface SiteCreate {
  slug: string;
  name: string;
  allowedOrigins: string[];
  locale: string;
  settings?: Partial<SiteSettings>;
}

export async function createSite(deps: Deps, auth: AdminAuth, input: SiteCreate): Promise<AdminSite> {
  requireAdmin(auth);
  const allowedOrigins = normalizeOrigins(input.allowedOrigins);
  const settings = input.settings ?? {};
  checkThresholds(readSiteSettings(settings));
  const row = await deps.db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(sites)
      .values({ slug: input.slug, name: input.name.trim(), allowedOrigins, locale: input.locale, settings })
      .onConflictDoNothing({ target: sites.slug })
      .returning();
    if (!inserted) throw new AppError('CONFLICT', `A site "${input.slug}" already exists.`);
    await insertAudit(tx, { siteId: inserted.id, actorType: 'moderator', actorId: auth.moderator.id, action: 'site.create', note: `created ${inserted.slug}` });
    // Processes may have cached "no such site" for this slug.
    await deps.bus.publish(tx, { type: 'site', siteId: inserted.id, slug: inserted.slug });
    return inserted;
  });
  deps.siteCache.invalidate(row.slug);
  return toAdminSite(toSite(row), deps.config.publicUrl);
}

export interface SitePatch {
  name?: string;
  allowedOrigins?: string[];
  locale?: string;
  settings?: Partial<SiteSettings>;
}

type SiteRow = typeof sites.$inferSelect;

/**
 * What an edit changed, as { field: [old, new] } with settings as `settings.<key>`: only the fields
 * whose value differs (defaults filled in on both sides), so the audit log shows what really moved.
 */
export function diffSite(before: SiteRow, after: SiteRow): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const key of ['name', 'allowedOrigins', 'locale'] as const) {
    if (!same(before[key], after[key])) changes[key] = [before[key], after[key]];
  }
  const old = readSiteSettings(before.settings) as Record<string, unknown>;
  const next = readSiteSettings(after.settings) as Record<string, unknown>;
  for (const key of Object.keys(next)) {
    if (!same(old[key], next[key])) changes[`settings.${key}`] = [old[key], next[key]];
  }
  return changes;
}

/** Applies a partial edit; settings are merged into the stored ones. */
export async function updateSite(deps: Deps, auth: AdminAuth, slug: string, patch: SitePatch): Promise<AdminSite> {
  requireAdmin(auth);
  const allowedOrigins = patch.allowedOrigins === undefined ? undefined : normalizeOrigins(patch.allowedOrigins);
  const row = await deps.db.transaction(async (tx) => {
    const [current] = await tx.select().from(sites).where(eq(sites.slug, slug)).limit(1).for('update');
    if (!current) throw new AppError('SITE_NOT_FOUND', `No site "${slug.slice(0, 64)}".`);
    const settings = patch.settings === undefined ? current.settings : { ...current.settings, ...patch.settings };
    checkThresholds(readSiteSettings(settings));
    const [updated] = await tx
      .update(sites)
      .set({
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(allowedOrigins !== undefined ? { allowedOrigins } : {}),
        ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
        settings,
        updatedAt: sql`now()`,
      })
      .where(eq(sites.id, current.id))
      .returning();
    const changes = diffSite(current, updated!);
    const fields = Object.keys(changes);
    await insertAudit(tx, {
      siteId: current.id,
      actorType: 'moderator',
      actorId: auth.moderator.id,
      action: 'site.update',
      note: fields.length > 0 ? `changed ${fields.join(', ')}` : 'no changes',
      details: { changes },
    });
    // Every process drops its cached copy on commit.
    await deps.bus.publish(tx, { type: 'site', siteId: current.id, slug: current.slug });
    return updated!;
  });
  deps.siteCache.invalidate(row.slug);
  return toAdminSite(toSite(row), deps.config.publicUrl);
}
