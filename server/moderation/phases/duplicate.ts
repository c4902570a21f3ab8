// Refuses the same text from the same author in the same article within the duplicate window.
import { and, eq, gt, or } from 'drizzle-orm';
import { comments } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { Phase } from '../types.js';

export const duplicatePhase: Phase = {
  name: 'duplicate',
  async run({ article, settings, input, now, deps }) {
    if (input.kind !== 'create' || article.id === null || settings.duplicateWindowHours === 0) return undefined;
    const since = new Date(now.getTime() - settings.duplicateWindowHours * 3_600_000);
    const who = input.email ? or(eq(comments.authorEmail, input.email), eq(comments.ipHash, input.ipHash)) : eq(comments.ipHash, input.ipHash);
    const [dup] = await deps.db
      .select({ id: comments.id })
      .from(comments)
      .where(and(eq(comments.articleId, article.id), eq(comments.body, input.body), who, gt(comments.createdAt, since)))
      .limit(1);
    if (dup) throw new AppError('DUPLICATE_COMMENT', 'You already posted this comment here.');
    return undefined;
  },
};
