// The site's moderation mode: hold everything (pre), hold first-timers (first-time), or publish (post).
import type { Phase } from '../types.js';

export const policyPhase: Phase = {
  name: 'policy',
  async run({ settings, facts }) {
    if (settings.mode === 'pre') {
      return { status: 'pending', reasons: [{ code: 'premoderation', message: 'the site holds every comment for review' }] };
    }
    if (settings.mode === 'first-time' && (await facts.approvedCount()) === 0) {
      return { status: 'pending', reasons: [{ code: 'first_comment', message: 'first comment from this email' }] };
    }
    return undefined;
  },
};
