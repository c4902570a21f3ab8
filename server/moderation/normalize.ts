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
const SHARP_S = /\u00DF/gu;
const FINAL_SIGMA = /\u03C2/gu;
const ANY_DEVANAGARI = /[\u0900-\u097F]/u;
const WHITESPACE = /\s+/gu;

/**
 * Cyrillic and Greek letters that look like Latin ones (lower case: NFKC and toLowerCase run first).
 * Only words that also hold Latin letters are folded ("іdіot" with Cyrillic і): a word wholly in
 * Cyrillic or Greek is a word of that language and stays as it is.
 */
const CONFUSABLES: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', з: '3', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  ѕ: 's', і: 'i', ї: 'i', ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l', ɡ: 'g', ɑ: 'a', ı: 'i',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', γ: 'y', ω: 'w', μ: 'u',
};
const CONFUSABLE_SET = 'авеёзкмнорстухѕіїјԁԛԝһӏɡɑıαβεηικνορτυχγωμ';
const CONFUSABLE = new RegExp(`[${CONFUSABLE_SET}]`, 'gu');
const HAS_CONFUSABLE = new RegExp(`[${CONFUSABLE_SET}]`, 'u');
const LETTER_RUN = /[\p{L}\p{M}]+/gu;
const LATIN_LOWER = /[a-z]/;
const NOT_LATIN_LETTER = /[^\u0000-\u024f]/u;

/** Folds Cyrillic and Greek look-alikes to Latin inside words that also hold Latin letters. */
export function foldConfusables(text: string): string {
  if (!NOT_LATIN_LETTER.test(text) || !HAS_CONFUSABLE.test(text)) return text;
  // Whole runs of letters and marks, then a test for a Latin letter in each: linear. The pattern this
  // replaces, /[\p{L}\p{M}]*[a-z][\p{L}\p{M}]*/gu, matched the same runs but backtracked through
  // every run without a Latin letter from each of its positions: 50 ms for a 1,000-letter Hindi or
  // Chinese "word" (no spaces), in the scorer and in every site's word list.
  return text.replace(LETTER_RUN, (word) => (LATIN_LOWER.test(word) && HAS_CONFUSABLE.test(word) ? word.replace(CONFUSABLE, foldOne) : word));
}

/**
 * Latin small capitals ("ᴍᴏʀᴏɴ", "ɪᴅɪᴏᴛ"): letters of phonetic notation that no language writes
 * words in, used to dress a word up or to slip it past a filter. NFKC leaves them; they are folded
 * wherever they stand. Each is one UTF-16 unit, as its fold is, so offsets into the text hold.
 */
const SMALL_CAPITALS: Readonly<Record<string, string>> = {
  ᴀ: 'a', ʙ: 'b', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ꜰ: 'f', ɢ: 'g', ʜ: 'h', ɪ: 'i', ᴊ: 'j', ᴋ: 'k', ʟ: 'l', ᴍ: 'm', ɴ: 'n', ᴏ: 'o', ᴘ: 'p', ǫ: 'q', ʀ: 'r', ꜱ: 's',
  ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ʏ: 'y', ᴢ: 'z',
};
const SMALL_CAPITAL = new RegExp(`[${Object.keys(SMALL_CAPITALS).join('')}]`, 'gu');
const HAS_SMALL_CAPITAL = new RegExp(`[${Object.keys(SMALL_CAPITALS).join('')}]`, 'u');

/** Consonants that romanized Hindi follows with an h (bh, ch, dh, gh, kh, ph, sh, th, jh). */
const BEFORE_H = /[bcdgjkpst]/;

/**
 * One look-alike, folded. Greek η stands for an n ("ηot") and, after a consonant that romanized Hindi
 * aspirates, for the h its capital Η looks like ("bηosdike", "cηutiya"): English rarely writes bn, cn,
 * dn or tn, Hinglish writes bh, ch, dh and th all the time.
 */
function foldOne(c: string, offset: number, word: string): string {
  if (c === 'η' && offset > 0) {
    const before = word[offset - 1]!;
    if (BEFORE_H.test(CONFUSABLES[before] ?? before)) return 'h';
  }
  return CONFUSABLES[c] ?? c;
}

/**
 * Folds text to the form word lists are matched in: invisible characters removed, NFKC, lower case
 * (ß → ss, final sigma → sigma, İ → i), Devanagari nukta dropped (क़ → क), chandrabindu → anusvara,
 * nasal clusters → anusvara, Devanagari digits → ASCII, Cyrillic and Greek look-alikes inside
 * Latin words → Latin ("іdіot"), Latin small capitals → letters ("ᴍᴏʀᴏɴ"), whitespace collapsed to single spaces.
 */
export function normalizeForMatch(text: string): string {
  let out = text.replace(INVISIBLE, '').normalize('NFKC').toLowerCase();
  // Cheap checks first: most comments contain none of these, and replace() with no hit still scans.
  if (out.includes('ß')) out = out.replace(SHARP_S, 'ss');
  if (out.includes('ς')) out = out.replace(FINAL_SIGMA, 'σ');
  if (out.includes('\u0307')) out = out.replace(DOTTED_I, 'i');
  if (HAS_SMALL_CAPITAL.test(out)) out = out.replace(SMALL_CAPITAL, (c) => SMALL_CAPITALS[c] ?? c);
  if (ANY_DEVANAGARI.test(out)) {
    out = out
      .replace(NUKTA_PRECOMPOSED, (c) => DEVANAGARI_NUKTA_PRECOMPOSED[c] ?? c)
      .replace(NUKTA, '')
      .replace(CHANDRABINDU, '\u0902')
      .replace(NASAL_CLUSTER, '\u0902')
      .replace(DEVANAGARI_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0x0966 + 0x30));
  }
  return foldConfusables(out).replace(WHITESPACE, ' ').trim();
}

/** Letters, marks and digits: what a "word" is made of in every script we care about. */
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const NOT_AFTER_WORD = '(?<![\\p{L}\\p{M}\\p{N}])';

/**
 * WORD_CHAR's answers for the Basic Multilingual Plane, filled in as code points are first seen:
 * 0 not yet asked, 1 a word character, 2 not. A cache of a fixed Unicode property, so shared by
 * every scanner; it spares a regex call and a one-character string per Devanagari letter walked.
 */
const BMP_WORD_CHAR = new Uint8Array(0x10000);

function isWordCodePoint(cp: number): boolean {
  // ASCII answers without a regex: most text is ASCII.
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
  if (cp >= 0x10000) return WORD_CHAR.test(String.fromCodePoint(cp));
  let known = BMP_WORD_CHAR[cp]!;
  if (known === 0) {
    known = WORD_CHAR.test(String.fromCharCode(cp)) ? 1 : 2;
    BMP_WORD_CHAR[cp] = known;
  }
  return known === 1;
}

/** True when the code point starting at `index` of `text` is a word character. */
function isWordCharAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  return isWordCodePoint(text.codePointAt(index) ?? 0);
}

/** True when the code point ending just before `index` is a word character. */
function isWordCharBefore(text: string, index: number): boolean {
  if (index <= 0) return false;
  const unit = text.charCodeAt(index - 1);
  // A low surrogate belongs to the code point that starts one unit earlier.
  const isLow = unit >= 0xdc00 && unit <= 0xdfff && index >= 2;
  return isWordCodePoint(isLow ? (text.codePointAt(index - 2) ?? 0) : unit);
}

function escapeRegExp(char: string): string {
  // Only syntax characters may be escaped under the `u` flag (`\-` is a SyntaxError there).
  return /[\\^$.*+?()[\]{}|/]/u.test(char) ? `\\${char}` : char;
}

interface TrieNode {
  /** Keyed by code point. */
  children: Map<number, TrieNode>;
  /** Terms that end here and need a word boundary after them when they end in a word character. */
  exact: number[];
  /** Terms that end here as prefixes: anything may follow. */
  prefix: number[];
  /** Whether the character leading to this node is a word character. */
  wordChar: boolean;
}

function newNode(wordChar: boolean): TrieNode {
  return { children: new Map(), exact: [], prefix: [], wordChar };
}

// The regex only finds where some term could start (a trie turned into nested alternations, so
// the engine branches on one character at a time); walking the trie in JS then finds every term
// at that start. Keeping boundary checks out of the regex matters: each `\p{...}` class in a
// pattern is compiled on its own, and one per term made a 600-word list take a second to compile.
function emitCandidates(node: TrieNode): string {
  if (node.exact.length > 0 || node.prefix.length > 0) return '';
  const alternatives: string[] = [];
  for (const [cp, child] of node.children) alternatives.push(escapeRegExp(String.fromCodePoint(cp)) + emitCandidates(child));
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
  // The trie is stored flat, for memory and speed: a node is a number, and each node's outgoing
  // edges are one run of two parallel typed arrays (letter index, target node), sorted by letter,
  // found through `firstEdge` (node n's edges are [firstEdge[n], firstEdge[n + 1])). Letters are
  // small integers (their index in this list's alphabet). A list of several thousand terms costs a
  // few hundred kilobytes this way, against tens of megabytes as one Map per node, and a step of the
  // walk is a few typed-array reads rather than a Map lookup (the walk is the scorer's hottest loop).
  const keys: Array<{ key: string; isPrefix: boolean; index: number }> = [];
  const alphabet = new Map<number, number>();
  terms.forEach((raw, index) => {
    const isPrefix = raw.endsWith('*');
    const key = isPrefix ? raw.slice(0, -1) : raw;
    if (key.length === 0) return;
    keys.push({ key, isPrefix, index });
    for (const ch of key) {
      const cp = ch.codePointAt(0) ?? 0;
      if (!alphabet.has(cp)) alphabet.set(cp, alphabet.size);
    }
  });
  if (keys.length === 0) return () => [];
  // Letter indices for the Basic Multilingual Plane in a flat table (the hot path), others in the Map.
  const bmp = new Int16Array(0x10000).fill(-1);
  for (const [cp, index] of alphabet) if (cp < 0x10000) bmp[cp] = index;
  const WORD_ROOT = 0;
  const OTHER_ROOT = 1;
  // Built with one Map of children per node, then packed into the typed arrays below.
  const children: Array<Map<number, number>> = [new Map(), new Map()];
  const exact = new Map<number, number[]>();
  const prefix = new Map<number, number[]>();
  for (const { key, isPrefix, index } of keys) {
    let node = isWordCharAt(key, 0) ? WORD_ROOT : OTHER_ROOT;
    for (const ch of key) {
      const letter = alphabet.get(ch.codePointAt(0) ?? 0) ?? 0;
      let next = children[node]!.get(letter);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        children[node]!.set(letter, next);
      }
      node = next;
    }
    const ends = isPrefix ? prefix : exact;
    const list = ends.get(node);
    if (list) list.push(index);
    else ends.set(node, [index]);
  }
  const nodeCount = children.length;
  const firstEdge = new Int32Array(nodeCount + 1);
  const edgeLetter = new Int32Array(nodeCount - 2);
  const edgeTarget = new Int32Array(nodeCount - 2);
  let edgeCount = 0;
  for (let node = 0; node < nodeCount; node++) {
    firstEdge[node] = edgeCount;
    for (const [letter, target] of [...children[node]!].sort((a, b) => a[0] - b[0])) {
      edgeLetter[edgeCount] = letter;
      edgeTarget[edgeCount] = target;
      edgeCount++;
    }
  }
  firstEdge[nodeCount] = edgeCount;
  /** Bit 1: some term ends at the node; bit 2: some prefix term does. Spares a Map lookup per step. */
  const ENDS_EXACT = 1;
  const ENDS_PREFIX = 2;
  const endsAt = new Uint8Array(nodeCount);
  for (const node of exact.keys()) endsAt[node] = ENDS_EXACT;
  for (const node of prefix.keys()) endsAt[node] = (endsAt[node] ?? 0) | ENDS_PREFIX;

  // The two roots have an edge for most letters and are where every walk starts (most end a step or
  // two later): their edges are also kept as one dense row each, indexed by letter.
  const width = alphabet.size;
  const rootNext = new Int32Array(2 * width).fill(-1);
  for (const root of [WORD_ROOT, OTHER_ROOT]) for (const [letter, target] of children[root]!) rootNext[root * width + letter] = target;

  /** The node reached from `node` by `letter`, or -1. Binary search over the node's sorted edges. */
  function step(node: number, letter: number): number {
    if (node <= OTHER_ROOT) return rootNext[node * width + letter]!;
    let lo = firstEdge[node]!;
    let hi = firstEdge[node + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = edgeLetter[mid]!;
      if (at === letter) return edgeTarget[mid]!;
      if (at < letter) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  // Compiled on first use, from a throwaway nested trie: a scanner always given word starts never
  // needs it, and a compiled alternation of a long list is large.
  let candidates: RegExp | null = null;
  function candidatesOf(): RegExp {
    if (candidates) return candidates;
    const wordRoot = newNode(false);
    const otherRoot = newNode(false);
    for (const { key, isPrefix, index } of keys) {
      let node = isWordCharAt(key, 0) ? wordRoot : otherRoot;
      for (const ch of key) {
        const cp = ch.codePointAt(0) ?? 0;
        let next = node.children.get(cp);
        if (!next) {
          next = newNode(isWordCodePoint(cp));
          node.children.set(cp, next);
        }
        node = next;
      }
      (isPrefix ? node.prefix : node.exact).push(index);
    }
    const branches: string[] = [];
    if (wordRoot.children.size > 0) branches.push(`${NOT_AFTER_WORD}${emitCandidates(wordRoot)}`);
    if (otherRoot.children.size > 0) branches.push(emitCandidates(otherRoot));
    candidates = new RegExp(branches.join('|'), 'gu');
    return candidates;
  }

  /** Reports every term starting at `start`. */
  function walk(text: string, start: number, found: TermMatch[]): void {
    const first = text.codePointAt(start) ?? 0;
    const fromWord = isWordCodePoint(first);
    if (fromWord && isWordCharBefore(text, start)) return;
    let node = fromWord ? WORD_ROOT : OTHER_ROOT;
    for (let i = start; i < text.length; ) {
      const cp = text.codePointAt(i) ?? 0;
      const letter = cp < 0x10000 ? bmp[cp]! : (alphabet.get(cp) ?? -1);
      if (letter < 0) return;
      node = step(node, letter);
      if (node < 0) return;
      i += cp > 0xffff ? 2 : 1;
      const ends = endsAt[node]!;
      if (ends === 0) continue;
      if (ends & ENDS_PREFIX) for (const term of prefix.get(node) ?? []) found.push({ term, start, end: i });
      if (ends & ENDS_EXACT && !(isWordCodePoint(cp) && isWordCharAt(text, i))) {
        for (const term of exact.get(node) ?? []) found.push({ term, start, end: i });
      }
    }
  }

  return function scan(text: string, starts?: readonly number[]): TermMatch[] {
    const found: TermMatch[] = [];
    if (starts) {
      for (const start of starts) walk(text, start, found);
      return found;
    }
    const pattern = candidatesOf();
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      walk(text, m.index, found);
      // Step one code point, not past the match, so a term starting inside this one is still seen.
      const cp = text.codePointAt(m.index) ?? 0;
      pattern.lastIndex = m.index + (cp > 0xffff ? 2 : 1);
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
