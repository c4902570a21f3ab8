// First-start duties: the persisted server secret and the demo site.
import { eq } from 'drizzle-orm';
import type { Db } from './db/client.js';
import { instanceSettings, sites } from './db/schema.js';
import { randomToken } from './lib/crypto.js';
import { insertSite, type Site } from './sites/store.js';

/** Returns the configured secret, or the one persisted in the database (generated on first start). */
export async function ensureSecret(db: Db, configured?: string): Promise<string> {
  if (configured) return configured;
  await db.insert(instanceSettings).values({ key: 'server_secret', value: randomToken(48) }).onConflictDoNothing();
  const [row] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, 'server_secret'));
  return row!.value;
}

export const DEMO_SITE_SLUG = 'demo';

/** Creates the demo site once, allowing Parley's own origins so /demo can post. */
export async function ensureDemoSite(db: Db, origins: string[]): Promise<Site | null> {
  const [existing] = await db.select({ id: sites.id }).from(sites).where(eq(sites.slug, DEMO_SITE_SLUG));
  if (existing) return null;
  return insertSite(db, {
    slug: DEMO_SITE_SLUG,
    name: 'समाचार दर्पण',
    allowedOrigins: [...new Set(origins)],
    locale: 'hi',
  }).catch(() => null);
}

/** The origins Parley itself is reachable at, for the demo site's allowed list. */
export function ownOrigins(publicUrl: string, port: number): string[] {
  return [new URL(publicUrl).origin, `http://localhost:${port}`, `http://127.0.0.1:${port}`];
}
