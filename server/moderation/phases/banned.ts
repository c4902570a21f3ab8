// Refuses authors banned on this site by email, email domain or IP hash (expired bans no longer count);
// the ban's message to the author and its end travel with the refusal, for the widget to show.
import { AppError } from '../../errors.js';
import type { Phase } from '../types.js';

export const bannedPhase: Phase = {
  name: 'banned',
  async run({ input, facts }) {
    if (input.moderatorId) return undefined;
    const ban = await facts.ban();
    if (ban) {
      throw new AppError('AUTHOR_BANNED', 'You cannot comment on this site.', {
        details: { ...(ban.message ? { note: ban.message } : {}), ...(ban.until ? { until: ban.until.toISOString() } : {}) },
      });
    }
    return undefined;
  },
};
