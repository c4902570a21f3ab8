// Refuses authors banned on this site by email, email domain or IP hash (expired bans no longer count).
import { and, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import { bans } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { Phase } from '../types.js';

export const bannedPhase: Phase = {
  name: 'banned',
  async run({ site, input, now, deps }) {
    if (input.moderatorId) return undefined;
    const checks = [and(eq(bans.kind, 'ip'), eq(bans.value, input.ipHash))];
    if (input.email) {
      const domain = input.email.slice(input.email.lastIndexOf('@') + 1);
      checks.push(and(eq(bans.kind, 'email'), eq(bans.value, input.email)));
      checks.push(and(eq(bans.kind, 'domain'), inArray(bans.value, [domain, `@${domain}`])));
    }
    const [hit] = await deps.db
      .select({ id: bans.id })
      .from(bans)
      .where(and(eq(bans.siteId, site.id), or(...checks), or(isNull(bans.expiresAt), gt(bans.expiresAt, now))))
      .limit(1);
    if (hit) throw new AppError('AUTHOR_BANNED', 'You cannot comment on this site.');
    return undefined;
  },
};
