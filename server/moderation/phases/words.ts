// Site word lists: block words mark spam, hold words hold; matched on name, email, website and body.
import { createWordMatcher } from '../normalize.js';
import { makeReason } from '../reasons.js';
import type { Phase } from '../types.js';

const matchers = new Map<string, (text: string) => string[]>();

/** Compiles a word list once per distinct list (sites share the cache; lists change rarely). */
function matcherFor(words: string[]): (text: string) => string[] {
  const key = words.join('\u0000');
  let m = matchers.get(key);
  if (!m) {
    if (matchers.size > 500) matchers.clear();
    m = createWordMatcher(words);
    matchers.set(key, m);
  }
  return m;
}

export const wordsPhase: Phase = {
  name: 'words',
  run({ settings, input }) {
    if (settings.blockWords.length === 0 && settings.holdWords.length === 0) return undefined;
    const text = [input.name, input.email ?? '', input.website ?? '', input.body].join('\n');
    const blocked = settings.blockWords.length ? matcherFor(settings.blockWords)(text) : [];
    if (blocked.length) {
      return { status: 'spam', reasons: [makeReason('block_words', { words: blocked })] };
    }
    const held = settings.holdWords.length ? matcherFor(settings.holdWords)(text) : [];
    if (held.length) {
      return { status: 'pending', reasons: [makeReason('hold_words', { words: held })] };
    }
    return undefined;
  },
};
