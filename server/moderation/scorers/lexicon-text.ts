// Turns a comment into the token streams the lexicon scorer matches its lists against, undoing
// the usual disguises on the way: Unicode tricks, leetspeak (1d10t), stretched letters (pagalllll),
// spelled-out words (i d i o t, c.h.u.t) and romanized spelling variants (bewakoof / bevkuf).
import { normalizeForMatch } from '../normalize.js';

const CONTRACTION = /\b(won|can)['’]t\b|n['’]t\b|['’](ll|re|m|ve|d)\b/g;
const CONTRACTION_WORDS: Readonly<Record<string, string>> = { ll: ' will', re: ' are', m: ' am', ve: ' have', d: ' would' };

/** "you're" → "you are", "won't" → "will not": so list phrases are written once. */
export function expandContractions(text: string): string {
  if (!text.includes("'") && !text.includes('’')) return text;
  return text.replace(CONTRACTION, (match: string, negated: string | undefined, suffix: string | undefined) => {
    if (negated !== undefined) return negated === 'won' ? 'will not' : 'can not';
    if (suffix !== undefined) return CONTRACTION_WORDS[suffix] ?? match;
    return ' not';
  });
}

const LATIN = /[a-z]/;
const LEET = /[013457@$]|!(?=[a-z])/g;
const LEET_MAP: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };
const WORD_RUN = /[\p{L}\p{M}\p{N}]+/gu;
const SINGLE_LETTER = /^\p{L}$/u;
const NOT_GLUED = /[/@:=\\_()[\]{}<>]|www\./;
const PLAIN_WORD = /^(?:[a-z]+|[\u0900-\u0963\u0971-\u097f]+)$/;

const NON_ASCII = /[^\u0000-\u007f]/;
const COMBINING = /\p{M}/gu;
const DEVANAGARI = /[\u0900-\u097f]/;
const LONG_RUN = /(.)\1\1+/g;
const DOUBLE = /(.)\1+/g;
const HAS_DOUBLE = /(.)\1/;
const ROMAN_VARIANT = /oo|ee|ph|bh|dh|gh|jh|kh|th|ck|q|v|z/g;
const ROMAN_FOLD: Readonly<Record<string, string>> = {
  oo: 'u', ee: 'i', ph: 'f', bh: 'b', dh: 'd', gh: 'g', jh: 'j', kh: 'k', th: 't', ck: 'k', q: 'k', v: 'w', z: 'j',
};
const IYA = /iya/g;
const FINAL_EY = /ey$/;
const LONG_VOWEL_SIGN = /[\u0940\u0942\u0908\u090a]/g;
const SHORT_VOWEL: Readonly<Record<string, string>> = { '\u0940': '\u093f', '\u0942': '\u0941', '\u0908': '\u0907', '\u090a': '\u0909' };

function foldDevanagari(token: string): string {
  return token.replace(LONG_VOWEL_SIGN, (c) => SHORT_VOWEL[c] ?? c);
}

function stripLatinMarks(token: string): string {
  return NON_ASCII.test(token) ? token.normalize('NFD').replace(COMBINING, '') : token;
}

function collapseDoubles(token: string): string {
  return HAS_DOUBLE.test(token) ? token.replace(DOUBLE, '$1') : token;
}

/** The forms one token is compared in. */
export interface TokenForms {
  /**
   * For English and Hindi lists: doubled letters collapsed on both sides (idiooot, stupiddd), Latin
   * accents dropped, Devanagari long ī/ū folded into short (दूंगा / दुंगा), the commonest misspelling.
   */
  plain: string;
  /**
   * For Hinglish lists: as plain, and oo/u, ee/i, aspirates (bh/b) and consonant swaps (v/w, z/j,
   * q/k, ph/f) folded too, since romanized Hindi has no standard spelling. English words must not
   * be compared in this form: "full" and "fool" would meet.
   */
  roman: string;
  /** Only letter runs collapsed, for the second-person check ("youuu" is "you", "too" is not "tu"). */
  collapsed: string;
}

/** Computes a token's forms; the scorer memoizes it, since most words recur across comments. */
export function formsOf(token: string): TokenForms {
  if (DEVANAGARI.test(token)) {
    const folded = foldDevanagari(token);
    return { plain: folded, roman: folded, collapsed: collapseDoubles(token) };
  }
  const bare = stripLatinMarks(token);
  let roman = bare.replace(LONG_RUN, '$1$1').replace(ROMAN_VARIANT, (m) => ROMAN_FOLD[m] ?? m);
  if (roman.includes('iya')) roman = roman.replace(IYA, 'ia');
  roman = collapseDoubles(roman.replace(FINAL_EY, 'e'));
  return { plain: collapseDoubles(bare), roman, collapsed: collapseDoubles(token) };
}

/** Tokens joined by single spaces, with the offset each token starts at. */
export interface JoinedTokens {
  text: string;
  starts: number[];
}

export function joinTokens(tokens: readonly string[], separator = ' '): JoinedTokens {
  const starts: number[] = [];
  let offset = 0;
  for (const token of tokens) {
    starts.push(offset);
    offset += token.length + separator.length;
  }
  return { text: tokens.join(separator), starts };
}

/** Index of the token containing character `offset` of a joined text. */
export function tokenAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface TokenStream<F extends TokenForms = TokenForms> {
  /** Tokens after case, Unicode and leetspeak folding, before spelling folds. */
  surfaces: string[];
  forms: F[];
  /** Index of the whitespace-separated chunk each token came from, to merge hits across streams. */
  chunks: number[];
  plain: JoinedTokens;
  roman: JoinedTokens;
}

// Helpers on the per-comment path are module-level functions rather than closures: tsx (our
// runtime) wraps every named closure in a name-keeping call, which costs on each creation.
function isSingle(token: string | undefined): boolean {
  return token !== undefined && token.length <= 2 && SINGLE_LETTER.test(token);
}

/** Runs of three or more one-letter tokens are a spelled-out word: "i d i o t", "c.h.u.t". */
function mergeSpelledOut(surfaces: readonly string[], chunks: readonly number[]): { surfaces: string[]; chunks: number[] } {
  if (!surfaces.some(isSingle)) return { surfaces: [...surfaces], chunks: [...chunks] };
  const out = { surfaces: [] as string[], chunks: [] as number[] };
  for (let i = 0; i < surfaces.length; ) {
    let j = i;
    while (isSingle(surfaces[j])) j++;
    const end = j - i >= 3 ? j : i + 1;
    out.surfaces.push(end === i + 1 ? (surfaces[i] ?? '') : surfaces.slice(i, end).join(''));
    out.chunks.push(chunks[i] ?? 0);
    i = end;
  }
  return out;
}

function buildStream<F extends TokenForms>(surfaces: readonly string[], chunks: readonly number[], describe: (token: string) => F): TokenStream<F> {
  const merged = mergeSpelledOut(surfaces, chunks);
  const forms = merged.surfaces.map(describe);
  return {
    surfaces: merged.surfaces,
    forms,
    chunks: merged.chunks,
    plain: joinTokens(forms.map((f) => f.plain)),
    roman: joinTokens(forms.map((f) => f.roman)),
  };
}

export interface PreparedText<F extends TokenForms = TokenForms> {
  /** Words split at every character that is not a letter, mark or digit. */
  split: TokenStream<F>;
  /** Words glued back together within each whitespace chunk ("id.iot" → "idiot"), when that differs. */
  glued: TokenStream<F> | null;
}

/** Normalizes and tokenizes a text (or a list entry, so both meet in the same form). */
export function prepareText<F extends TokenForms>(text: string, describe: (token: string) => F): PreparedText<F> {
  const normalized = expandContractions(normalizeForMatch(text));
  const split = { surfaces: [] as string[], chunks: [] as number[] };
  const glued = { surfaces: [] as string[], chunks: [] as number[] };
  let anyGlued = false;
  const chunks = normalized.length === 0 ? [] : normalized.split(' ');
  chunks.forEach((chunk, index) => {
    // Most chunks are one plain word: no leetspeak, no punctuation, nothing to split or glue.
    if (PLAIN_WORD.test(chunk)) {
      split.surfaces.push(chunk);
      split.chunks.push(index);
      glued.surfaces.push(chunk);
      glued.chunks.push(index);
      return;
    }
    // Digits and symbols stand for letters only inside a word that has Latin letters: "1d10t", not "2024".
    const mapped = LATIN.test(chunk) ? chunk.replace(LEET, (c) => LEET_MAP[c] ?? c) : chunk;
    const runs = mapped.match(WORD_RUN) ?? [];
    for (const run of runs) {
      split.surfaces.push(run);
      split.chunks.push(index);
    }
    if (runs.length === 0) return;
    // Links, addresses and code are not disguised words, and glued they make new ones
    // ("eemeli.org/yaml" → "…orgy…"): their pieces stay apart.
    const glue = runs.length > 1 && !NOT_GLUED.test(chunk);
    if (glue) anyGlued = true;
    for (const run of glue ? [runs.join('')] : runs) {
      glued.surfaces.push(run);
      glued.chunks.push(index);
    }
  });
  return {
    split: buildStream(split.surfaces, split.chunks, describe),
    glued: anyGlued ? buildStream(glued.surfaces, glued.chunks, describe) : null,
  };
}
