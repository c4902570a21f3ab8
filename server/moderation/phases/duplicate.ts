// Refuses the same text from the same author in the same article within the duplicate window.
import { AppError } from '../../errors.js';
import type { Phase } from '../types.js';

export const duplicatePhase: Phase = {
  name: 'duplicate',
  async run({ article, settings, input, facts }) {
    // A moderator posts the same notice under many comments ("Please keep the discussion civil.").
    if (input.kind !== 'create' || input.moderatorId || article.id === null || settings.duplicateWindowHours === 0) return undefined;
    if (await facts.duplicate()) throw new AppError('DUPLICATE_COMMENT', 'You already posted this comment here.');
    return undefined;
  },
};
