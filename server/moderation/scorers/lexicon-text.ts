// Turns a comment into the token streams the lexicon scorer matches its lists against, undoing
// the usual disguises on the way: Unicode tricks and look-alike letters (іdіot), leetspeak (1d10t),
// stretched letters (pagalllll), spelled-out words (i d i o t, c.h.u.t), words typed half in
// Devanagari (चूtiya) and romanized spelling variants (bewakoof / bevkuf). Every token remembers
// the whitespace-separated chunk of the original text it came from, so a hit can be quoted as written.
import { normalizeForMatch } from '../normalize.js';
import { romanize } from './lexicon-translit.js';

const CONTRACTION = /\b(won|can)['\u2019]t\b|n['\u2019]t\b|['\u2019](ll|re|m|ve|d)\b|\b(let)['\u2019]s\b/g;
const CONTRACTION_WORDS: Readonly<Record<string, string>> = { ll: ' will', re: ' are', m: ' am', ve: ' have', d: ' would' };

/** "you're" → "you are", "won't" → "will not", "let's" → "let us": so list phrases are written once. */
export function expandContractions(text: string): string {
  if (!text.includes("'") && !text.includes('’')) return text;
  return text.replace(CONTRACTION, (match: string, negated: string | undefined, suffix: string | undefined, lets: string | undefined) => {
    if (negated !== undefined) return negated === 'won' ? 'will not' : 'can not';
    if (suffix !== undefined) return CONTRACTION_WORDS[suffix] ?? match;
    if (lets !== undefined) return 'let us';
    return ' not';
  });
}

const LATIN = /[a-z]/;
const LEET = /[013457@$]|!(?=[a-z0-9])/g;
const LEET_MAP: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };
const WORD_RUN = /[\p{L}\p{M}\p{N}]+/gu;
// A letter, or a Devanagari vowel sign, virama or nasal mark standing alone: "ह र ा म ख ो र" spells a word
// with its signs set apart, and no sign is a word by itself.
const SINGLE_LETTER = /^(?:\p{L}|[\u0900-\u0903\u093a-\u094f\u0955-\u0957\u0962\u0963])$/u;
const NOT_GLUED = /[/@:=\\_()[\]{}<>]|www\./;
const PLAIN_WORD = /^(?:[a-z]+|[\u0900-\u0963\u0971-\u097f]+)$/;
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;
/** A handle at the start of a chunk: "@USER", "@rahul_k:". */
const MENTION = /^[@\uFF20][\p{L}\p{N}_.]+/u;
/**
 * Emoji that say a word when aimed at someone ("you 🤡", "piece of 💩", "🖕 to this reporter"), read as
 * that word so the lists and rules judge them as they judge the word (🤡 only when aimed: alone it is a laugh).
 */
const EMOJI_WORDS: Readonly<Record<string, string>> = { '🖕': 'middlefinger', '🤡': 'clownface', '💩': 'turd' };
const EMOJI_WORD = new RegExp(Object.keys(EMOJI_WORDS).join('|'), 'gu');
/** The token every mention becomes, whoever it names: lists can speak of "@user". */
export const MENTION_TOKEN = '@user';
const HASHTAG_CAMEL = /^#\p{L}/u;
const CAMEL_BREAK = /(\p{Ll})(\p{Lu})|(\p{Lu})(\p{Lu}\p{Ll})/gu;
/**
 * The chunk ends a sentence: final punctuation, possibly closed by a quote or bracket. One final mark
 * is enough to look for: with `[…]+` the engine backtracked through a long run of dots from each of
 * its positions (quadratic: 1.3 ms for a 1,000-dot chunk).
 */
const SENTENCE_END = /[.!?\u0964\u0965|;]["'\u201D\u2019)\]]*$/u;
/** A word with letters hidden behind asterisks: "f**k", "b*tch", "ch***ya". */
const MASKED = /^\p{L}[\p{L}\p{M}*]*\*[\p{L}\p{M}*]*$/u;
/** What may stand before or after a masked word without being part of it: "l*de,", "(ch*tiya)". */
const EDGE_MARKS = /^[^\p{L}*]+|[^\p{L}\p{M}*]+$/gu;
/** A hyphen or underscore between two letters, as a mask: "ch-tiya". */
const INNER_DASH = /(?<=\p{L})[-_](?=\p{L})/gu;
/** A digit or symbol between Devanagari letters or signs stands for a hidden one ("म@दरचोद", "कम1ना", "भ0सड़ीके"). */
const DEVANAGARI_INNER_MASK = /(?<=[\u0900-\u0963\u0971-\u097f])[0-9@$!#%&*]+(?=[\u0900-\u0963\u0971-\u097f])/gu;

const NON_ASCII = /[^\u0000-\u007f]/;
const COMBINING = /\p{M}/gu;
const DEVANAGARI = /[\u0900-\u097f]/;
const LATIN_IN_TOKEN = /[a-z]/;
/** A run of three or more of one character ("bhaaaai"), as stretched words are written. */
export const LONG_RUN = /(.)\1\1+/g;
const DOUBLE = /(.)\1+/g;
const HAS_DOUBLE = /(.)\1/;
const ROMAN_VARIANT = /oo|ee|ph|bh|dh|gh|jh|kh|th|ck|q|v|z/g;
const ROMAN_FOLD: Readonly<Record<string, string>> = {
  oo: 'u', ee: 'i', ph: 'f', bh: 'b', dh: 'd', gh: 'g', jh: 'j', kh: 'k', th: 't', ck: 'k', q: 'k', v: 'w', z: 'j',
};
const IYA = /iya/g;
const FINAL_EY = /ey$/;
const FINAL_E_RUN = /e{3,}$/;
const LONG_VOWEL_SIGN = /[\u0940\u0942\u0908\u090a]/g;
const SHORT_VOWEL: Readonly<Record<string, string>> = { '\u0940': '\u093f', '\u0942': '\u0941', '\u0908': '\u0907', '\u090a': '\u0909' };

// A word-final anusvara is the nasal readers most often leave out (जाहिलो for जाहिलों, लोगो for लोगों);
// inside a word it tells words apart, so it stays there.
const FINAL_ANUSVARA = /\u0902$/;

function foldDevanagari(token: string): string {
  return token.replace(LONG_VOWEL_SIGN, (c) => SHORT_VOWEL[c] ?? c).replace(FINAL_ANUSVARA, '');
}

function stripLatinMarks(token: string): string {
  return NON_ASCII.test(token) ? token.normalize('NFD').replace(COMBINING, '') : token;
}

/** Doubled letters folded into one (also where two pieces of a broken word meet). */
export function collapseDoubles(token: string): string {
  return HAS_DOUBLE.test(token) ? token.replace(DOUBLE, '$1') : token;
}

/**
 * A stretched word as the roman form reads it: runs of three or more letters cut to two, and a word-final e
 * stretched ("kamineee", "saaleee") to one, the e of kamine and saale rather than the ee (ī) of kamini and saali.
 */
export function unstretch(latin: string): string {
  return (latin.endsWith('eee') ? latin.replace(FINAL_E_RUN, 'e') : latin).replace(LONG_RUN, '$1$1');
}

function foldRoman(latin: string): string {
  let roman = unstretch(latin).replace(ROMAN_VARIANT, (m) => ROMAN_FOLD[m] ?? m);
  if (roman.includes('iya')) roman = roman.replace(IYA, 'ia');
  return collapseDoubles(roman.replace(FINAL_EY, 'e'));
}

/** The forms one token is compared in. */
export interface TokenForms {
  /**
   * For English and Hindi lists: doubled letters collapsed on both sides (idiooot, stupiddd), Latin
   * accents dropped, Devanagari long ī/ū folded into short (दूंगा / दुंगा) and a final anusvara dropped
   * (जाहिलो / जाहिलों), the commonest misspellings.
   */
  plain: string;
  /**
   * For Hinglish lists: as plain, and oo/u, ee/i, aspirates (bh/b) and consonant swaps (v/w, z/j,
   * q/k, ph/f) folded too, since romanized Hindi has no standard spelling. English words must not
   * be compared in this form: "full" and "fool" would meet. Devanagari is romanized first, so a
   * Hindi word also meets the Hinglish lists (कमीना → kamina).
   */
  roman: string;
  /** Only letter runs collapsed, for pronoun checks ("youuu" is "you", "too" is not "tu"). */
  collapsed: string;
  /**
   * For word classes: accents dropped and runs of three or more letters cut to two, nothing else,
   * so "soon" stays apart from "son" and "thee" from "the" (Devanagari: as plain).
   */
  word: string;
}

/** Computes a token's forms; the scorer memoizes it, since most words recur across comments. */
export function formsOf(token: string): TokenForms {
  if (DEVANAGARI.test(token)) {
    if (!LATIN_IN_TOKEN.test(token)) {
      // Stretched vowel signs (कमीीीना) are the only doubled code points ordinary Hindi never has.
      const plain = collapseDoubles(foldDevanagari(token));
      return { plain, roman: foldRoman(romanize(token)), collapsed: collapseDoubles(token), word: plain };
    }
    // Half Devanagari, half Latin ("चूtiya"): only a romanized reading makes it a word.
    const latin = romanize(token);
    return { plain: collapseDoubles(latin), roman: foldRoman(latin), collapsed: collapseDoubles(latin), word: latin.replace(LONG_RUN, '$1$1') };
  }
  const bare = stripLatinMarks(token);
  return { plain: collapseDoubles(bare), roman: foldRoman(bare), collapsed: collapseDoubles(token), word: bare.replace(LONG_RUN, '$1$1') };
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
  /** Index of the whitespace-separated chunk of the original text each token came from. */
  chunks: number[];
  /** The last chunk of each token: a word spelled out or broken into pieces spans several ("i d i o t"). */
  lastChunks: number[];
  plain: JoinedTokens;
  roman: JoinedTokens;
  word: JoinedTokens;
}

// Helpers on the per-comment path are module-level functions rather than closures: tsx (our
// runtime) wraps every named closure in a name-keeping call, which costs on each creation.
function isSingle(token: string | undefined): boolean {
  return token !== undefined && token.length <= 2 && SINGLE_LETTER.test(token);
}

/** Runs of three or more one-letter tokens are a spelled-out word: "i d i o t", "c.h.u.t". */
function mergeSpelledOut(surfaces: readonly string[], chunks: readonly number[], lastChunks: readonly number[]): { surfaces: string[]; chunks: number[]; lastChunks: number[] } {
  if (!surfaces.some(isSingle)) {
    const copied = [...chunks];
    return { surfaces: [...surfaces], chunks: copied, lastChunks: lastChunks === chunks ? copied : [...lastChunks] };
  }
  const out = { surfaces: [] as string[], chunks: [] as number[], lastChunks: [] as number[] };
  for (let i = 0; i < surfaces.length; ) {
    let j = i;
    while (isSingle(surfaces[j])) j++;
    const end = j - i >= 3 ? j : i + 1;
    out.surfaces.push(end === i + 1 ? (surfaces[i] ?? '') : surfaces.slice(i, end).join(''));
    out.chunks.push(chunks[i] ?? 0);
    out.lastChunks.push(lastChunks[end - 1] ?? chunks[i] ?? 0);
    i = end;
  }
  return out;
}

/** A stream with tokens [first, last] of each merge read as one word (a broken word put back together). */
export function mergeTokens<F extends TokenForms>(stream: TokenStream<F>, merges: ReadonlyArray<{ first: number; last: number }>, describe: (token: string) => F): TokenStream<F> {
  const surfaces: string[] = [];
  const chunks: number[] = [];
  const lastChunks: number[] = [];
  const keep = (at: number) => {
    surfaces.push(stream.surfaces[at] ?? '');
    chunks.push(stream.chunks[at] ?? 0);
    lastChunks.push(stream.lastChunks[at] ?? 0);
  };
  let at = 0;
  for (const { first, last } of merges) {
    for (; at < first; at++) keep(at);
    surfaces.push(stream.surfaces.slice(first, last + 1).join(''));
    chunks.push(stream.chunks[first] ?? 0);
    lastChunks.push(stream.lastChunks[last] ?? 0);
    at = last + 1;
  }
  for (; at < stream.surfaces.length; at++) keep(at);
  return buildStream(surfaces, chunks, describe, lastChunks);
}

function buildStream<F extends TokenForms>(surfaces: readonly string[], chunks: readonly number[], describe: (token: string) => F, lastChunks: readonly number[] = chunks): TokenStream<F> {
  const merged = mergeSpelledOut(surfaces, chunks, lastChunks);
  const forms = merged.surfaces.map(describe);
  return {
    surfaces: merged.surfaces,
    forms,
    chunks: merged.chunks,
    lastChunks: merged.lastChunks,
    plain: joinTokens(forms.map((f) => f.plain)),
    roman: joinTokens(forms.map((f) => f.roman)),
    word: joinTokens(forms.map((f) => f.word)),
  };
}

/** A word with asterisks for letters, to be compared against the vocabulary by pattern. */
export interface MaskedWord {
  chunk: number;
  /** Normalized, e.g. "f**k". */
  text: string;
}

export interface PreparedText<F extends TokenForms = TokenForms> {
  /** Words split at every character that is not a letter, mark or digit. */
  split: TokenStream<F>;
  /**
   * The chunks whose pieces glue back into a different word ("id.iot" → "idiot", "sh.it"), one token
   * each; null when there are none (most comments).
   */
  glued: TokenStream<F> | null;
  /** Offsets [start, end) of each whitespace-separated chunk in the original text. */
  chunkSpans: Array<readonly [number, number]>;
  /** Sentence number of each chunk: a chunk ending in . ! ? । or a line break ends one. */
  sentenceOf: number[];
  masked: MaskedWord[];
}

function splitHashtag(chunk: string): string {
  return HASHTAG_CAMEL.test(chunk) ? chunk.replace(CAMEL_BREAK, (_m, a, b, c, d) => (a !== undefined ? `${a} ${b}` : `${c} ${d}`)) : chunk;
}

interface Collector {
  split: { surfaces: string[]; chunks: number[] };
  glued: { surfaces: string[]; chunks: number[] };
  masked: MaskedWord[];
}

function push(to: { surfaces: string[]; chunks: number[] }, surface: string, chunk: number): void {
  to.surfaces.push(surface);
  to.chunks.push(chunk);
}

/** Adds the words of one normalized piece of a chunk. */
function addPiece(piece: string, index: number, c: Collector): void {
  // Most pieces are one plain word: no leetspeak, no punctuation, nothing to split or glue.
  if (PLAIN_WORD.test(piece)) {
    push(c.split, piece, index);
    return;
  }
  // Digits and symbols stand for letters inside a word that has Latin letters ("1d10t", not "2024"), and
  // between Devanagari letters for a hidden one, read as a mask below ("म@दरचोद").
  const mapped = LATIN.test(piece) ? piece.replace(LEET, (ch) => LEET_MAP[ch] ?? ch) : piece.replace(DEVANAGARI_INNER_MASK, '*');
  // A letter hidden by an asterisk, or by a hyphen or underscore between letters ("ch-tiya", "ch_tiya"), read
  // after leetspeak ("m@d@rch*d"); the mask must then fit a listed word of weight whole.
  const masking = mapped.includes('-') || mapped.includes('_') ? mapped.replace(INNER_DASH, '*') : mapped;
  // Punctuation around the word is no part of it: "l*de,", "(ch*tiya)".
  if (masking.includes('*')) {
    const word = masking.replace(EDGE_MARKS, '');
    if (MASKED.test(word)) c.masked.push({ chunk: index, text: word });
  }
  const runs = mapped.match(WORD_RUN) ?? [];
  for (const run of runs) push(c.split, run, index);
  if (runs.length === 0) return;
  // Links, addresses and code are not disguised words, and glued they make new ones
  // ("eemeli.org/yaml" → "…orgy…"): their pieces stay apart.
  if (runs.length > 1 && !NOT_GLUED.test(piece)) push(c.glued, runs.join(''), index);
}

/**
 * Whether a UTF-16 code unit is one that `\s` matches (ECMAScript's WhiteSpace and LineTerminator:
 * tab to carriage return, space, no-break space, the other Zs spaces, line and paragraph separators,
 * BOM). Chunks are found by hand with it rather than by /\S+/g, which allocates a match per word;
 * tests/moderation/scorers/lexicon-text.test.ts checks it against /\s/ for every code unit.
 */
export function isSpaceUnit(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The offset of the first code unit at or after `from` that is not a space (text.length if none). */
function nextChunkStart(text: string, from: number): number {
  let at = from;
  while (at < text.length && isSpaceUnit(text.charCodeAt(at))) at++;
  return at;
}

function hasLineFeed(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 0x0a) return true;
  return false;
}

/** Normalizes and tokenizes a text (or a list entry, so both meet in the same form). */
export function prepareText<F extends TokenForms>(text: string, describe: (token: string) => F): PreparedText<F> {
  const c: Collector = { split: { surfaces: [], chunks: [] }, glued: { surfaces: [], chunks: [] }, masked: [] };
  const chunkSpans: Array<readonly [number, number]> = [];
  const sentenceOf: number[] = [];
  let sentence = 0;
  let ended = true;
  let previousEnd = 0;
  let start = nextChunkStart(text, 0);
  while (start < text.length) {
    let end = start + 1;
    while (end < text.length && !isSpaceUnit(text.charCodeAt(end))) end++;
    const chunk = text.slice(start, end);
    const index = chunkSpans.length;
    // A sentence ends at final punctuation, or where the line does.
    if (!ended && hasLineFeed(text, previousEnd, start)) sentence++;
    previousEnd = end;
    chunkSpans.push([start, end]);
    sentenceOf.push(sentence);
    let raw = chunk.includes('\u{D83D}') || chunk.includes('\u{D83E}') ? chunk.replace(EMOJI_WORD, (e) => ` ${EMOJI_WORDS[e] ?? ''} `) : chunk;
    const mention = MENTION.exec(raw);
    if (mention) {
      push(c.split, MENTION_TOKEN, index);
      raw = raw.slice(mention[0].length);
    }
    // Plain ASCII needs only lower-casing: NFKC, invisible characters and look-alikes cannot occur in it.
    const lowered = PRINTABLE_ASCII.test(raw) ? (raw.startsWith('#') ? normalizeForMatch(splitHashtag(raw)) : raw.toLowerCase()) : normalizeForMatch(splitHashtag(raw));
    const normalized = expandContractions(lowered);
    // Most chunks are one piece: no array to split into.
    if (normalized.includes(' ')) for (const piece of normalized.split(' ')) addPiece(piece, index, c);
    else if (normalized.length > 0) addPiece(normalized, index, c);
    ended = SENTENCE_END.test(chunk);
    if (ended) sentence++;
    start = nextChunkStart(text, end);
  }
  return {
    split: buildStream(c.split.surfaces, c.split.chunks, describe),
    glued: c.glued.surfaces.length > 0 ? buildStream(c.glued.surfaces, c.glued.chunks, describe) : null,
    chunkSpans,
    sentenceOf,
    masked: c.masked,
  };
}
