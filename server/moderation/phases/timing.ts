// A form sent sooner than the site's minimum after it was shown (or without a valid signed token): spam.
import { formTokenAge } from '../../comments/form-token.js';
import type { Phase } from '../types.js';

export const timingPhase: Phase = {
  name: 'timing',
  run({ site, settings, input, now, deps }) {
    if (input.kind !== 'create' || input.moderatorId || settings.minSubmitSeconds === 0) return undefined;
    const age = formTokenAge(deps, site, input.formToken, now);
    if (age === null) {
      return { status: 'spam', reasons: [{ code: 'form_token', message: 'sent without a valid form token' }] };
    }
    if (age < settings.minSubmitSeconds * 1000) {
      const seconds = Math.max(0, age / 1000).toFixed(1);
      return {
        status: 'spam',
        reasons: [{ code: 'too_fast', message: `form sent ${seconds} s after it was shown, under ${settings.minSubmitSeconds} s`, seconds: Number(seconds) }],
      };
    }
    return undefined;
  },
};
