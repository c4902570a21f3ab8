// A filled honeypot field means a form-filling bot: spam.
import type { Phase } from '../types.js';

export const honeypotPhase: Phase = {
  name: 'honeypot',
  run({ input }) {
    if (input.kind === 'create' && input.honeypot && input.honeypot.trim() !== '') {
      return { status: 'spam', reasons: [{ code: 'honeypot', message: 'the hidden honeypot field was filled in' }] };
    }
    return undefined;
  },
};
