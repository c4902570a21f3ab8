// Text folding and word-list matching shared by the per-site hold/block lists and the lexicon scorer.
// Both sides of every comparison go through normalizeForMatch, so a list entry and the text it
// should catch meet in the same form whatever Unicode tricks the writer used.

/**
 * Characters that render as nothing (or only steer layout) and are a cheap way to split a word so a
 * filter misses it: zero-width space/joiners, word joiner and invisible operators, BOM, soft hyphen,
 * bidi embeddings/isolates/marks, combining grapheme joiner, Hangul fillers, variation selectors.
 */
const INVISIBLE =
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/gu;

// NFKC already splits the precomposed nukta letters (U+0958..U+095F are composition exclusions) into
// base + U+093C; these three compose under NFKC, so they are folded by hand.
const DEVANAGARI_NUKTA_PRECOMPOSED: Readonly<Record<string, string>> = { '\u0929': '\u0928', '\u0931': '\u0930', '\u0934': '\u0933' };
const NUKTA_PRECOMPOSED = /[\u0929\u0931\u0934]/gu;
const NUKTA = /\u093C/gu;
// Chandrabindu and anusvara are used interchangeably in everyday typing (माँ / मां, हँसी / हंसी);
// folding the first into the second merges spellings, never words people would list apart.
const CHANDRABINDU = /\u0901/gu;
// A nasal consonant + virama before another consonant is the same sound as an anusvara (हिन्दी /
// हिंदी, गान्ड / गांड); both spellings are standard, so they are folded to the anusvara form.
const NASAL_CLUSTER = /[\u0919\u091E\u0923\u0928\u092E]\u094D(?=[\u0915-\u0939])/gu;
const DEVANAGARI_DIGIT = /[\u0966-\u096F]/gu;
const DOTTED_I = /i\u0307/gu;
const WHITESPACE = /\s+/gu;

/**
 * Folds text to the form word lists are matched in: invisible characters removed, NFKC, lower case
 * (ß → ss, final sigma → sigma, İ → i), Devanagari nukta dropped (क़ → क), chandrabindu → anusvara,
 * nasal clusters → anusvara, Devanagari digits → ASCII, whitespace collapsed to single spaces.
 */
export function normalizeForMatch(text: string): string {
  let out = text.replace(INVISIBLE, '').normalize('NFKC').toLowerCase();
  // Cheap checks first: most comments contain none of these, and replace() with no hit still scans.
  if (out.includes('ß')) out = out.replace(/ß/gu, 'ss');
  if (out.includes('ς')) out = out.replace(/ς/gu, 'σ');
  if (out.includes('\u0307')) out = out.replace(DOTTED_I, 'i');
  if (/[\u0900-\u097F]/u.test(out)) {
    out = out
      .replace(NUKTA_PRECOMPOSED, (c) => DEVANAGARI_NUKTA_PRECOMPOSED[c] ?? c)
      .replace(NUKTA, '')
      .replace(CHANDRABINDU, '\u0902')
      .replace(NASAL_CLUSTER, '\u0902')
      .replace(DEVANAGARI_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0x0966 + 0x30));
  }
  return out.replace(WHITESPACE, ' ').trim();
}

/** Letters, marks and digits: what a "word" is made of in every script we care about. */
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const NOT_AFTER_WORD = '(?<![\\p{L}\\p{M}\\p{N}])';
const NOT_BEFORE_WORD = '(?![\\p{L}\\p{M}\\p{N}])';

/** True when the code point starting at `index` of `text` is a word character. */
function isWordCharAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const cp = text.codePointAt(index);
  return cp !== undefined && WORD_CHAR.test(String.fromCodePoint(cp));
}

function endsWithWordChar(key: string): boolean {
  const last = key.codePointAt(key.length - 1) ?? 0;
  // A trailing low surrogate belongs to the code point that starts one unit earlier.
  const cp = last >= 0xdc00 && last <= 0xdfff ? (key.codePointAt(key.length - 2) ?? 0) : last;
  return WORD_CHAR.test(String.fromCodePoint(cp));
}

function escapeRegExp(char: string): string {
  // Only syntax characters may be escaped under the `u` flag (`\-` is a SyntaxError there).
  return /[\\^$.*+?()[\]{}|/]/u.test(char) ? `\\${char}` : char;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  /** An exact term ends here; it needs a word boundary after it when its last character is a word character. */
  exact: boolean;
  /** A prefix term ends here; anything may follow. */
  prefix: boolean;
}

function newNode(): TrieNode {
  return { children: new Map(), exact: false, prefix: false };
}

// A trie turned into nested alternations lets the regex engine branch on one character at a time
// instead of trying hundreds of alternatives at every position of the text.
function emitNode(node: TrieNode, lastChar: string): string {
  const alternatives: string[] = [];
  for (const [char, child] of node.children) alternatives.push(escapeRegExp(char) + emitNode(child, char));
  // Children come first so the longest term wins; the ending is the fallback alternative.
  if (node.prefix) alternatives.push('');
  else if (node.exact) alternatives.push(WORD_CHAR.test(lastChar) ? NOT_BEFORE_WORD : '');
  if (alternatives.length === 1) return alternatives[0] ?? '';
  return `(?:${alternatives.join('|')})`;
}

export interface TermMatch {
  /** Index of the term in the list the scanner was built from. */
  term: number;
  /** UTF-16 offsets of the match in the scanned text, end exclusive. */
  start: number;
  end: number;
}

interface KeyTerms {
  exact: number[];
  prefix: number[];
}

/**
 * Scans a normalized text for terms. With `starts` (offsets where words begin, ascending), only
 * matches beginning there are looked for: much cheaper for text already split into words.
 */
export type TermScanner = (normalizedText: string, starts?: readonly number[]) => TermMatch[];

/**
 * Compiles terms that are already in normalized form (a trailing `*` marks a prefix term) into one
 * scanner. It reports every term found in a normalized text, including terms that overlap or share
 * a start, with word-boundary semantics that hold for Devanagari as well as Latin: a term edge that
 * is a letter, mark or digit must not touch another letter, mark or digit.
 */
export function createTermScanner(terms: readonly string[]): TermScanner {
  const byKey = new Map<string, KeyTerms>();
  const wordRoot = newNode();
  const otherRoot = newNode();
  terms.forEach((raw, index) => {
    const isPrefix = raw.endsWith('*');
    const key = isPrefix ? raw.slice(0, -1) : raw;
    if (key.length === 0) return;
    const chars = Array.from(key);
    let node = WORD_CHAR.test(chars[0] ?? '') ? wordRoot : otherRoot;
    for (const char of chars) {
      let next = node.children.get(char);
      if (!next) {
        next = newNode();
        node.children.set(char, next);
      }
      node = next;
    }
    if (isPrefix) node.prefix = true;
    else node.exact = true;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { exact: [], prefix: [] };
      byKey.set(key, entry);
    }
    (isPrefix ? entry.prefix : entry.exact).push(index);
  });

  const branches: string[] = [];
  if (wordRoot.children.size > 0) branches.push(`${NOT_AFTER_WORD}${emitNode(wordRoot, '')}`);
  if (otherRoot.children.size > 0) branches.push(emitNode(otherRoot, ''));
  if (branches.length === 0) return () => [];
  const source = branches.join('|');
  const anywhere = new RegExp(source, 'gu');
  const sticky = new RegExp(source, 'uy');

  // The regex reports the longest term at `start`; shorter terms at the same start are its
  // prefixes, so each prefix of the match is looked up (matches are short, this is cheap).
  function collect(text: string, start: number, matched: string, found: TermMatch[]): void {
    for (let length = 1; length <= matched.length; length++) {
      const key = matched.slice(0, length);
      const entry = byKey.get(key);
      if (!entry) continue;
      const end = start + length;
      for (const term of entry.prefix) found.push({ term, start, end });
      if (entry.exact.length > 0 && (!endsWithWordChar(key) || !isWordCharAt(text, end))) {
        for (const term of entry.exact) found.push({ term, start, end });
      }
    }
  }

  return function scan(text: string, starts?: readonly number[]): TermMatch[] {
    const found: TermMatch[] = [];
    if (starts) {
      for (const start of starts) {
        sticky.lastIndex = start;
        const m = sticky.exec(text);
        if (m) collect(text, start, m[0], found);
      }
      return found;
    }
    anywhere.lastIndex = 0;
    for (let m = anywhere.exec(text); m !== null; m = anywhere.exec(text)) {
      collect(text, m.index, m[0], found);
      // Step one code point, not past the match, so a term starting inside this one is still seen.
      const cp = text.codePointAt(m.index) ?? 0;
      anywhere.lastIndex = m.index + (cp > 0xffff ? 2 : 1);
    }
    return found;
  };
}

/** Turns one list entry into its normalized scanner key, or null for an entry that is empty. */
function toKey(entry: string): string | null {
  const trimmed = entry.trim();
  // Only one trailing star is the prefix marker, so "f**" stays a literal entry ending in '*'.
  const isPrefix = trimmed.endsWith('*');
  const body = normalizeForMatch(isPrefix ? trimmed.slice(0, -1) : trimmed);
  if (body.length === 0) return null;
  return isPrefix ? `${body}*` : body;
}

/**
 * Compiles a word list once into a matcher that returns the entries (as written, trimmed) occurring
 * in a text, in order of first occurrence. Entries and text are normalized alike; a trailing `*`
 * makes an entry a prefix (`spam*` matches "spammer"); phrases match across any whitespace; words
 * must stand alone (`पागल` does not match "पागलपन", `पागल*` does).
 */
export function createWordMatcher(words: string[]): (text: string) => string[] {
  const originals: string[] = [];
  const keys: string[] = [];
  for (const word of words) {
    const key = toKey(word);
    if (key === null) continue;
    originals.push(word.trim());
    keys.push(key);
  }
  const scan = createTermScanner(keys);
  return function matchWords(text: string): string[] {
    if (keys.length === 0) return [];
    const matches = scan(normalizeForMatch(text));
    matches.sort((a, b) => a.start - b.start || a.term - b.term);
    const seen = new Set<string>();
    const out: string[] = [];
    for (const { term } of matches) {
      const original = originals[term];
      if (original === undefined || seen.has(original)) continue;
      seen.add(original);
      out.push(original);
    }
    return out;
  };
}
