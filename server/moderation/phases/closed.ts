// Refuses comments on closed articles: the flag, or older than the site's close-after-days.
import { AppError } from '../../errors.js';
import type { Phase } from '../types.js';

const DAY_MS = 86_400_000;

export const closedPhase: Phase = {
  name: 'closed',
  run({ article, settings, now }) {
    const expired =
      settings.closeAfterDays > 0 &&
      article.createdAt !== null &&
      now.getTime() - article.createdAt.getTime() > settings.closeAfterDays * DAY_MS;
    if (article.closed || expired) {
      throw new AppError('COMMENTS_CLOSED', 'Comments are closed on this article.');
    }
    return undefined;
  },
};
