// A filled honeypot field means a form-filling bot: spam.
import { makeReason } from '../reasons.js';
import type { Phase } from '../types.js';

export const honeypotPhase: Phase = {
  name: 'honeypot',
  run({ input }) {
    if (input.kind === 'create' && input.honeypot && input.honeypot.trim() !== '') {
      return { status: 'spam', reasons: [makeReason('honeypot', {})] };
    }
    return undefined;
  },
};
