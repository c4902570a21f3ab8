// A moderator asked to hold every comment by this author ("always hold"): after the content rules, before any trust.
import { makeReason } from '../reasons.js';
import type { Phase } from '../types.js';

export const authorHoldPhase: Phase = {
  name: 'author-hold',
  async run({ input, facts }) {
    if (input.moderatorId) return undefined;
    if ((await facts.desk()).hold) return { status: 'pending', reasons: [makeReason('author_held', {})] };
    return undefined;
  },
};
