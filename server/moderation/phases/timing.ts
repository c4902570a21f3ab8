// A form sent sooner than the site's minimum after it was shown (or without a valid signed token): spam.
import { formTokenAge } from '../../comments/form-token.js';
import { makeReason } from '../reasons.js';
import type { Phase } from '../types.js';

export const timingPhase: Phase = {
  name: 'timing',
  run({ site, settings, input, now, deps }) {
    if (input.kind !== 'create' || input.moderatorId || settings.minSubmitSeconds === 0) return undefined;
    const age = formTokenAge(deps, site, input.formToken, now);
    if (age === null) {
      return { status: 'spam', reasons: [makeReason('form_token', {})] };
    }
    if (age < settings.minSubmitSeconds * 1000) {
      const seconds = Math.round(Math.max(0, age / 100)) / 10;
      return { status: 'spam', reasons: [makeReason('too_fast', { seconds, min: settings.minSubmitSeconds })] };
    }
    return undefined;
  },
};
