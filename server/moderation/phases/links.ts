// Holds comments with more links than the site allows.
import { makeReason } from '../reasons.js';
import type { Phase } from '../types.js';

// What counts as a link, as the regular expression it once was (kept as the specification; a test
// compares the scanner with it on random text):
//   /\b(?:https?:\/\/|www\.)[^\s<>"']+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:TLDS)\b(?:\/[^\s]*)?/gi
// Run by the regex engine, a long run of labels without a known ending ("a-b.c-d." repeated) is
// rescanned from every word start: quadratic (3.5 s for 60,000 characters). The scanner below finds
// the same matches in one pass plus a precomputed table, so its cost is linear in the text.
const TLDS = ['com', 'net', 'org', 'info', 'biz', 'ru', 'cn', 'io', 'xyz', 'top', 'in', 'co', 'me', 'ly', 'site', 'online', 'shop'];
const TLD_CODES = TLDS.map((t) => [...t].map((ch) => ch.charCodeAt(0)));

const isWord = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
/** [a-z0-9-] under the /i flag. */
const isLabel = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45;
const DOT = 46;
const SPACE = /\s/;
const isSpace = (text: string, i: number) => SPACE.test(text[i]!);
const isUrlStop = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return c === 60 || c === 62 || c === 34 || c === 39 || isSpace(text, i);
};
/** `\b` at i: a word character on exactly one side. */
const boundary = (text: string, i: number) => (i > 0 && isWord(text.charCodeAt(i - 1))) !== (i < text.length && isWord(text.charCodeAt(i)));

/** The length of the first TLD (in the specification's order) at i that ends on a word boundary, or 0. */
function tldAt(text: string, i: number): number {
  next: for (const tld of TLD_CODES) {
    for (let k = 0; k < tld.length; k++) {
      const c = text.charCodeAt(i + k);
      // ASCII letters only: `| 32` lowercases A-Z and leaves a-z alone.
      if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) || (c | 32) !== tld[k]) continue next;
    }
    if (boundary(text, i + tld.length)) return tld.length;
  }
  return 0;
}

/** Whether `word` (lower-case ASCII) starts at i, case-insensitively: no slice of the text per word start. */
function startsWithAt(text: string, i: number, word: string): boolean {
  if (i + word.length > text.length) return false;
  for (let k = 0; k < word.length; k++) {
    const c = text.charCodeAt(i + k);
    const lower = c >= 65 && c <= 90 ? c | 32 : c;
    if (lower !== word.charCodeAt(k)) return false;
  }
  return true;
}

/** The length of "https://", "http://" or "www." at i, or 0. */
function schemeAt(text: string, i: number): number {
  if (startsWithAt(text, i, 'https://')) return 8;
  if (startsWithAt(text, i, 'http://')) return 7;
  return startsWithAt(text, i, 'www.') ? 4 : 0;
}

/** The end of `[^\s<>"']+` or `[^\s]*` from i. */
function runEnd(text: string, i: number, stop: (text: string, i: number) => boolean): number {
  while (i < text.length && !stop(text, i)) i++;
  return i;
}

/** Counts links in text, including bare domains that readers' software would linkify. Linear time. */
export function countLinks(text: string): number {
  const n = text.length;
  // barrier[i]: the first j >= i where a domain's labels cannot continue through j (a character
  // that is neither a label character nor a dot, or the first dot of "..").
  const barrier = new Int32Array(n + 1);
  barrier[n] = n;
  for (let i = n - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    const stops = c === DOT ? text.charCodeAt(i + 1) === DOT : !isLabel(c);
    barrier[i] = stops ? i : barrier[i + 1]!;
  }
  // lastDot[j]: the greatest dot position p < j followed by a TLD (and a boundary), or -1; tldLen[p] its length.
  const lastDot = new Int32Array(n + 1);
  const tldLen = new Uint8Array(n);
  lastDot[0] = -1;
  for (let p = 0; p < n; p++) {
    const len = text.charCodeAt(p) === DOT ? tldAt(text, p + 1) : 0;
    tldLen[p] = len;
    lastDot[p + 1] = len > 0 ? p : lastDot[p]!;
  }

  let count = 0;
  let i = 0;
  while (i < n) {
    if (boundary(text, i)) {
      // https?:// or www. then at least one character
      const prefix = schemeAt(text, i);
      if (prefix > 0 && i + prefix < n && !isUrlStop(text, i + prefix)) {
        count++;
        i = runEnd(text, i + prefix, isUrlStop);
        continue;
      }
      // labels joined by single dots, the rightmost ".tld" they reach (greedy), then an optional path
      if (isLabel(text.charCodeAt(i))) {
        const p = lastDot[barrier[i]!]!;
        if (p > i) {
          count++;
          const end = p + 1 + tldLen[p]!;
          i = text.charCodeAt(end) === 47 ? runEnd(text, end, isSpace) : end;
          continue;
        }
      }
    }
    i++;
  }
  return count;
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
