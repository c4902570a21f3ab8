// Refuses a second comment from the same IP hash or email within the site's flood interval.
// Decided from the database so it holds across server processes; the insert re-checks under a lock.
import { and, desc, eq, gt, or } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { comments } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { Phase } from '../types.js';

/** Throws RATE_LIMITED when this author posted on the site less than `seconds` before `now`. */
export async function assertNotFlooding(
  db: Queryable,
  q: { siteId: number; ipHash: string; email: string | null; seconds: number; now: Date },
): Promise<void> {
  if (q.seconds <= 0) return;
  const since = new Date(q.now.getTime() - q.seconds * 1000);
  const who = q.email ? or(eq(comments.ipHash, q.ipHash), eq(comments.authorEmail, q.email)) : eq(comments.ipHash, q.ipHash);
  const [last] = await db
    .select({ createdAt: comments.createdAt })
    .from(comments)
    .where(and(eq(comments.siteId, q.siteId), who, gt(comments.createdAt, since)))
    .orderBy(desc(comments.createdAt))
    .limit(1);
  if (last) {
    const wait = Math.max(1, Math.ceil((last.createdAt.getTime() + q.seconds * 1000 - q.now.getTime()) / 1000));
    throw new AppError('RATE_LIMITED', `You are posting too fast. Wait ${wait} seconds and try again.`, { retryAfter: wait });
  }
}

export const floodPhase: Phase = {
  name: 'flood',
  async run({ site, settings, input, now, deps }) {
    if (input.kind !== 'create' || input.moderatorId) return undefined;
    await assertNotFlooding(deps.db, { siteId: site.id, ipHash: input.ipHash, email: input.email, seconds: settings.floodSeconds, now });
    return undefined;
  },
};
