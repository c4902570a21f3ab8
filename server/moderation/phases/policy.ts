// The site's moderation mode: hold everything (pre), hold first-timers (first-time), or publish (post).
import { makeReason } from '../reasons.js';
import type { Phase } from '../types.js';

export const policyPhase: Phase = {
  name: 'policy',
  async run({ settings, facts }) {
    if (settings.mode === 'pre') {
      return { status: 'pending', reasons: [makeReason('premoderation', {})] };
    }
    if (settings.mode === 'first-time' && (await facts.approvedCount()) === 0) {
      return { status: 'pending', reasons: [makeReason('first_comment', {})] };
    }
    return undefined;
  },
};
