// Refuses comments on closed articles: the flag, or older than the site's close-after-days.
import { isClosed } from '../../comments/closing.js';
import { AppError } from '../../errors.js';
import type { Phase } from '../types.js';

export const closedPhase: Phase = {
  name: 'closed',
  run({ article, settings, now, input }) {
    // Closing a story closes it to readers; the newsroom may still answer under it (a correction, a notice).
    if (input.moderatorId) return undefined;
    if (isClosed(article, settings, now)) throw new AppError('COMMENTS_CLOSED', 'Comments are closed on this article.');
    return undefined;
  },
};
