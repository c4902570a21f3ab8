// When an article stops taking comments: its own flag, or the site's close-after-days counted from
// its first comment. The closed phase refuses posts by it and the thread page shows it.
import type { SiteSettings } from '../sites/settings.js';

const DAY_MS = 86_400_000;

/** An article not created yet (createdAt null) is open unless flagged. */
export function isClosed(article: { closed: boolean; createdAt: Date | null }, settings: Pick<SiteSettings, 'closeAfterDays'>, now: Date): boolean {
  if (article.closed) return true;
  const days = settings.closeAfterDays;
  return days > 0 && article.createdAt !== null && now.getTime() - article.createdAt.getTime() > days * DAY_MS;
}
