// Moderators, authors a moderator trusts (when the post proves it is them), and authors with enough
// approved comments (when the post proves the email is theirs: a bare email is not enough) skip the
// policy hold (never the earlier rules).
import { makeReason } from '../reasons.js';
import type { Phase } from '../types.js';

export const trustPhase: Phase = {
  name: 'trust',
  async run({ input, settings, facts }) {
    if (input.moderatorId) return { status: 'approved', reasons: [makeReason('moderator', {})] };
    if ((await facts.desk()).trust) return { status: 'approved', reasons: [makeReason('author_trusted', {})] };
    if (settings.trustAfterApproved > 0 && input.email) {
      const approved = await facts.approvedCount();
      if (approved >= settings.trustAfterApproved && (await facts.emailProven())) {
        return { status: 'approved', reasons: [makeReason('trusted', { approved })] };
      }
    }
    return undefined;
  },
};
