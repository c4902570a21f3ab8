// Refuses authors banned on this site by email, email domain or IP hash (expired bans no longer count).
import { AppError } from '../../errors.js';
import type { Phase } from '../types.js';

export const bannedPhase: Phase = {
  name: 'banned',
  async run({ input, facts }) {
    if (input.moderatorId) return undefined;
    if (await facts.banned()) throw new AppError('AUTHOR_BANNED', 'You cannot comment on this site.');
    return undefined;
  },
};
