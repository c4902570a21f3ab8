// Holds comments with more links than the site allows.
import { makeReason } from '../reasons.js';
import type { Phase } from '../types.js';

const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"']+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|info|biz|ru|cn|io|xyz|top|in|co|me|ly|site|online|shop)\b(?:\/[^\s]*)?/gi;

/** Counts links in text, including bare domains that readers' software would linkify. */
export function countLinks(text: string): number {
  return text.match(LINK)?.length ?? 0;
}

export const linksPhase: Phase = {
  name: 'links',
  run({ settings, input }) {
    const n = countLinks(input.body);
    if (n > settings.linkLimit) {
      return { status: 'pending', reasons: [makeReason('links', { count: n, limit: settings.linkLimit })] };
    }
    return undefined;
  },
};
