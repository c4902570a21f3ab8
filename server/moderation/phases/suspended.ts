// Refuses an author a moderator suspended, until the suspension ends; its message travels with the refusal.
import { AppError } from '../../errors.js';
import type { Phase } from '../types.js';

export const suspendedPhase: Phase = {
  name: 'suspended',
  async run({ input, facts, now }) {
    if (input.moderatorId) return undefined;
    const desk = await facts.desk();
    if (desk.suspendedUntil && desk.suspendedUntil > now) {
      throw new AppError('AUTHOR_SUSPENDED', `You cannot comment until ${desk.suspendedUntil.toISOString()}.`, {
        details: { until: desk.suspendedUntil.toISOString(), ...(desk.suspensionMessage ? { note: desk.suspensionMessage } : {}) },
      });
    }
    return undefined;
  },
};
