// Refuses a second comment from the same IP hash or email within the site's flood interval.
// Decided from the database so it holds across server processes; the insert re-checks under a lock.
import { AppError } from '../../errors.js';
import type { Phase } from '../types.js';

/** The refusal for an author whose last comment was at `lastPostAt`, waiting out `seconds` from it. */
export function floodError(lastPostAt: Date, seconds: number, now: Date): AppError {
  const wait = Math.max(1, Math.ceil((lastPostAt.getTime() + seconds * 1000 - now.getTime()) / 1000));
  return new AppError('RATE_LIMITED', `You are posting too fast. Wait ${wait} seconds and try again.`, { retryAfter: wait });
}

export const floodPhase: Phase = {
  name: 'flood',
  async run({ settings, input, now, facts }) {
    if (input.kind !== 'create' || input.moderatorId || settings.floodSeconds <= 0) return undefined;
    const last = await facts.lastPostAt();
    if (last) throw floodError(last, settings.floodSeconds, now);
    return undefined;
  },
};
