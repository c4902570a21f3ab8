// A moderator pre-moderates this story: every comment on it waits for review, trusted authors' too (not staff's).
import { makeReason } from '../reasons.js';
import type { Phase } from '../types.js';

export const storyPhase: Phase = {
  name: 'story',
  run({ input, article }) {
    if (input.moderatorId || !article.premod) return undefined;
    return { status: 'pending', reasons: [makeReason('story_premoderation', {})] };
  },
};
