// Offline scorer: word lists for English (obscenity's dataset plus our own), Hindi and Hinglish,
// weighed so its scores sit where Perspective's probabilities would (held >= 0.80, rejected >= 0.95).
import { RegExpMatcher, englishDataset, englishRecommendedTransformers, type EnglishProfaneWord } from 'obscenity';
import { detectLanguage } from '../language.js';
import { createTermScanner, normalizeForMatch, type TermScanner } from '../normalize.js';
import { ENGLISH_TERMS, OBSCENITY_WHITELIST, OBSCENITY_WORDS } from './lexicon-en.js';
import { expandAlternatives, type LexiconEntry, type LexiconKind } from './lexicon-entry.js';
import { HINDI_TERMS } from './lexicon-hi.js';
import { HINGLISH_TERMS } from './lexicon-hinglish.js';
import { formsOf, joinTokens, prepareText, tokenAt, type TokenForms, type TokenStream } from './lexicon-text.js';
import { ATTRIBUTES, type Attribute, type Scorer, type ScoreResult } from './scorer.js';

const PROVIDER = 'lexicon';

// ---------------------------------------------------------------------------------------------
// Calibration. A hit's score is its term's weight, raised when the text addresses someone; the
// shares spread that score over Perspective's attributes.

/** How much of the distance to 1 is left when a term is aimed at the reader (0.3: 0.68 → 0.90). */
const TARGETED_KEEP: Readonly<Record<LexiconKind, number>> = {
  sensitive: 0.75,
  profanity: 0.5,
  sexual: 0.3,
  insult: 0.3,
  abuse: 0.3,
  slur: 0.3,
  threat: 0.3,
};

/**
 * The most a kind can reach, alone or added up: name-calling and swearing are held for review
 * (>= 0.80) but never rejected outright; only severe abuse, slurs and threats reach 0.95.
 */
const CEILING: Readonly<Record<LexiconKind, number>> = {
  sensitive: 0.5,
  profanity: 0.94,
  sexual: 0.94,
  insult: 0.94,
  abuse: 1,
  slur: 1,
  threat: 1,
};

type Shares = Readonly<Record<Exclude<Attribute, 'TOXICITY'>, number>>;
const SHARES: Readonly<Record<LexiconKind, Shares>> = {
  sensitive: { SEVERE_TOXICITY: 0.1, INSULT: 0.2, THREAT: 0, IDENTITY_ATTACK: 0, PROFANITY: 1.5 },
  profanity: { SEVERE_TOXICITY: 0.3, INSULT: 0.5, THREAT: 0, IDENTITY_ATTACK: 0, PROFANITY: 1.3 },
  sexual: { SEVERE_TOXICITY: 0.5, INSULT: 0.5, THREAT: 0, IDENTITY_ATTACK: 0, PROFANITY: 1.2 },
  insult: { SEVERE_TOXICITY: 0.25, INSULT: 1.05, THREAT: 0, IDENTITY_ATTACK: 0, PROFANITY: 0.3 },
  abuse: { SEVERE_TOXICITY: 0.85, INSULT: 1, THREAT: 0, IDENTITY_ATTACK: 0.1, PROFANITY: 1 },
  slur: { SEVERE_TOXICITY: 0.9, INSULT: 0.85, THREAT: 0, IDENTITY_ATTACK: 1, PROFANITY: 0.6 },
  threat: { SEVERE_TOXICITY: 0.85, INSULT: 0.3, THREAT: 1.02, IDENTITY_ATTACK: 0, PROFANITY: 0.1 },
};

/** Clean text still gets a small score, as Perspective's does; shouting a little more. */
const CLEAN_TOXICITY = 0.02;
const SHOUTING_TOXICITY = 0.1;
/** A term this many tokens from "you"/"tum"/"तुम" counts as aimed at the reader. */
const TARGET_WINDOW = 4;

// Second-person words and rude vocatives (abe, oye) that aim a nearby insult at the reader.
const SECOND_PERSON = [
  'you', 'your', 'yours', 'yourself', 'yourselves', 'u', 'ur', 'youre',
  'tu', 'tum', 'tera', 'teri', 'tere', 'tujhe', 'tujh', 'tujhko', 'tumhara', 'tumhari', 'tumhare', 'tumhe', 'tumhen',
  'tumko', 'tumne', 'tune', 'tumlog', 'aap', 'aapka', 'aapki', 'aapke', 'aapko', 'aapne', 'abe', 'oye',
  'तुम', 'तू', 'तेरा', 'तेरी', 'तेरे', 'तुझे', 'तुझ', 'तुझको', 'तुम्हारा', 'तुम्हारी', 'तुम्हारे', 'तुम्हें', 'तुमको', 'तुमने',
  'तूने', 'आप', 'आपका', 'आपकी', 'आपके', 'आपको', 'आपने', 'अबे', 'ओए',
];

const LATIN_LETTER = /[a-z]/;
// Unrelated words sit side by side in one obscenity call; its patterns allow one wildcard character
// ("f?ck") and it folds repeated characters, so a single space would let "…f" + "ck…" match.
// Three distinct characters it maps to no letter keep every word to itself.
const OBSCENITY_BATCH_SEPARATOR = ' ,\n';

/** Token forms are memoized up to this many distinct tokens, then the memo starts over. */
const MEMO_LIMIT = 50_000;
/** Longer tokens are rare and often junk: computed every time rather than filling the memo. */
const MEMO_MAX_TOKEN = 40;

// ---------------------------------------------------------------------------------------------

type TermSource = 'en' | 'hi' | 'hinglish';
type SkeletonForm = 'plain' | 'roman';

interface CompiledTerm extends LexiconEntry {
  source: TermSource;
}

interface CompiledList {
  form: SkeletonForm;
  terms: CompiledTerm[];
  scan: TermScanner;
}

/** One matched term, as reported by analyze(). */
export interface LexiconHit {
  /** The list entry (alternatives expanded) or obscenity's word that matched. */
  term: string;
  kind: LexiconKind;
  source: TermSource | 'obscenity';
  /** Whether a second-person word stood close enough to aim it at the reader. */
  targeted: boolean;
  /** The hit's toxicity, targeting included. */
  score: number;
}

export interface LexiconAnalysis {
  language: string;
  scores: Record<Attribute, number>;
  /** Strongest first. */
  hits: LexiconHit[];
}

export interface LexiconScorer extends Scorer {
  /** Scores a text and says which terms drove the score; for tests and moderator tooling. */
  analyze(text: string, siteLocale?: string): LexiconAnalysis;
}

/** Turns a list entry into its scanner key: the same preparation as comment text, then one form. */
function keyOf(term: string, form: SkeletonForm): string | null {
  const isPrefix = term.endsWith('*');
  const body = prepareText(isPrefix ? term.slice(0, -1) : term, formsOf).split[form].text;
  if (body.length === 0) return null;
  return isPrefix ? `${body}*` : body;
}

function compileList(form: SkeletonForm, sources: ReadonlyArray<readonly [TermSource, readonly LexiconEntry[]]>): CompiledList {
  const byKey = new Map<string, CompiledTerm>();
  for (const [source, entries] of sources) {
    for (const entry of entries) {
      for (const term of expandAlternatives(entry.term)) {
        const key = keyOf(term, form);
        if (key === null) continue;
        const existing = byKey.get(key);
        // Two spellings folding into one key keep the stronger reading.
        if (!existing || existing.weight < entry.weight) byKey.set(key, { ...entry, term, source });
      }
    }
  }
  return { form, terms: [...byKey.values()], scan: createTermScanner([...byKey.keys()]) };
}

function combine(values: readonly number[]): number {
  let result = 0;
  // The strongest hit sets the score; each further distinct hit closes part of the remaining gap.
  for (const value of [...values].sort((a, b) => b - a)) {
    const v = Math.min(1, Math.max(0, value));
    result = result === 0 ? v : result + (1 - result) * v * 0.5;
  }
  return result;
}

function round(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;
}

function isShouting(text: string): boolean {
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) upper++;
    else if (c >= 0x61 && c <= 0x7a) lower++;
  }
  return upper >= 12 && upper >= 0.7 * (upper + lower);
}

function scoreOf(kind: LexiconKind, weight: number, targeted: boolean): number {
  if (!targeted) return weight;
  return Math.max(weight, Math.min(CEILING[kind], 1 - (1 - weight) * TARGETED_KEEP[kind]));
}

function isTargeted(markers: readonly boolean[], first: number, last: number): boolean {
  const from = Math.max(0, first - TARGET_WINDOW);
  const to = Math.min(markers.length - 1, last + TARGET_WINDOW);
  for (let i = from; i <= to; i++) if (markers[i]) return true;
  return false;
}

function scoresOf(hits: readonly LexiconHit[], text: string): Record<Attribute, number> {
  const baseline = isShouting(text) ? SHOUTING_TOXICITY : CLEAN_TOXICITY;
  // Earnest words (a rape trial, sex education) do not add up to toxicity: only the strongest counts.
  const sensitive = Math.max(0, ...hits.filter((h) => h.kind === 'sensitive').map((h) => h.score));
  const others = hits.filter((h) => h.kind !== 'sensitive');
  const strongest = Math.max(0, ...others.map((h) => h.score));
  const ceiling = Math.max(0, ...others.map((h) => CEILING[h.kind]));
  const added = Math.max(strongest, Math.min(ceiling, combine(others.map((h) => h.score))));
  const scores = { TOXICITY: round(Math.max(baseline, sensitive, added)) } as Record<Attribute, number>;
  for (const attribute of ATTRIBUTES) {
    if (attribute === 'TOXICITY') continue;
    const values = hits.map((hit) => {
      let share = SHARES[hit.kind][attribute];
      // Swearing or graphic words said to someone are an insult ("fuck you").
      if (attribute === 'INSULT' && hit.targeted && hit.kind !== 'threat' && hit.kind !== 'sensitive') share = Math.max(share, 1);
      return hit.score * share;
    });
    scores[attribute] = round(Math.max(baseline / 2, combine(values)));
  }
  return scores;
}

// Per-comment helpers are module-level functions, not closures inside analyze(): tsx (our runtime)
// wraps every named closure in a name-keeping call, which costs on each creation.
function markersOf(stream: TokenStream<MemoEntry>, secondPerson: ReadonlySet<string>): boolean[] {
  return stream.forms.map((f) => secondPerson.has(f.collapsed));
}

/** Repeating a word does not make it worse; the strongest instance stands for all. */
function keepStrongest(best: Map<string, LexiconHit>, hit: LexiconHit): void {
  const key = `${hit.source}:${hit.term}`;
  const previous = best.get(key);
  if (!previous || previous.score < hit.score) best.set(key, hit);
}

interface MemoEntry extends TokenForms {
  /** Obscenity's words found in the token; computed on first need. */
  profane?: readonly EnglishProfaneWord[];
}

/** Creates the offline lexicon scorer; every matcher is compiled here, once. */
export function createLexiconScorer(): LexiconScorer {
  const lists = [
    compileList('plain', [['en', ENGLISH_TERMS], ['hi', HINDI_TERMS]]),
    compileList('roman', [['hinglish', HINGLISH_TERMS]]),
  ];
  const secondPerson = new Set(SECOND_PERSON.map((word) => formsOf(normalizeForMatch(word)).collapsed));

  const built = englishDataset.build();
  const obscenity = new RegExpMatcher({
    ...built,
    whitelistedTerms: [...(built.whitelistedTerms ?? []), ...OBSCENITY_WHITELIST],
    ...englishRecommendedTransformers,
  });
  const obscenityWord = new Map<number, EnglishProfaneWord>();
  for (const { id } of built.blacklistedTerms) {
    const payload = englishDataset.getPayloadWithPhraseMetadata({ termId: id, startIndex: 0, endIndex: 0, matchLength: 0 });
    const word = payload.phraseMetadata?.originalWord;
    if (word !== undefined) obscenityWord.set(id, word);
  }

  // Words recur across comments, so a token's forms and obscenity's verdict are computed once. This
  // memo is a cache of a pure function, not state: losing it changes nothing but speed.
  const memo = new Map<string, MemoEntry>();
  function describe(token: string): MemoEntry {
    const known = memo.get(token);
    if (known) return known;
    const entry: MemoEntry = formsOf(token);
    if (token.length <= MEMO_MAX_TOKEN) {
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(token, entry);
    }
    return entry;
  }

  /**
   * Obscenity runs per distinct token, not over the whole text: its verdict on a word is then
   * memoized, and the uncached words of a comment go through it in one call. Its few two-word
   * patterns ("jerk off") are in our own list instead.
   */
  function profanityOf(surfaces: readonly string[], forms: readonly MemoEntry[]): Array<readonly EnglishProfaneWord[]> {
    const pending: number[] = [];
    forms.forEach((form, i) => {
      if (form.profane === undefined && LATIN_LETTER.test(surfaces[i] ?? '')) pending.push(i);
    });
    if (pending.length > 0) {
      const batch = joinTokens(pending.map((i) => surfaces[i] ?? ''), OBSCENITY_BATCH_SEPARATOR);
      const found = pending.map(() => [] as EnglishProfaneWord[]);
      for (const match of obscenity.getAllMatches(batch.text)) {
        const word = obscenityWord.get(match.termId);
        const slot = found[tokenAt(batch.starts, match.startIndex)];
        if (word !== undefined && slot && !slot.includes(word)) slot.push(word);
      }
      pending.forEach((tokenIndex, k) => {
        const form = forms[tokenIndex];
        if (form) form.profane = found[k] ?? [];
      });
    }
    return forms.map((form) => form.profane ?? []);
  }

  function analyze(text: string, siteLocale = 'en'): LexiconAnalysis {
    const detected = detectLanguage(text, siteLocale);
    const prepared = prepareText(text, describe);

    // Keyed by list, term and chunk so the split and glued streams do not count one word twice.
    const found = new Map<string, { term: CompiledTerm; targeted: boolean; chunks: number[] }>();
    for (const stream of [prepared.split, prepared.glued]) {
      if (!stream) continue;
      const markers = markersOf(stream, secondPerson);
      for (const list of lists) {
        const joined = stream[list.form];
        // Terms start at word starts only, so only those offsets are tried.
        for (const match of list.scan(joined.text, joined.starts)) {
          const term = list.terms[match.term];
          if (!term) continue;
          const first = tokenAt(joined.starts, match.start);
          const last = tokenAt(joined.starts, match.end - 1);
          const chunks = stream.chunks.slice(first, last + 1);
          const id = `${list.form}:${match.term}:${chunks[0] ?? 0}`;
          const targeted = isTargeted(markers, first, last);
          const previous = found.get(id);
          if (!previous || (targeted && !previous.targeted)) found.set(id, { term, targeted, chunks });
        }
      }
    }

    // Hinglish-only words count when the text reads as Hinglish, or already holds Hinglish abuse.
    const hinglishContext =
      detected === 'hi-Latn' || [...found.values()].some(({ term }) => term.source === 'hinglish' && !term.hinglishOnly);

    const best = new Map<string, LexiconHit>();
    const coveredChunks = new Set<number>();
    for (const { term, targeted, chunks } of found.values()) {
      if (term.targetedOnly && !targeted) continue;
      if (term.hinglishOnly && !hinglishContext) continue;
      for (const chunk of chunks) coveredChunks.add(chunk);
      keepStrongest(best, { term: term.term, kind: term.kind, source: term.source, targeted, score: scoreOf(term.kind, term.weight, targeted) });
    }

    // The glued stream too: "sh.it" is only a word once glued back.
    for (const stream of [prepared.split, prepared.glued]) {
      if (!stream) continue;
      const markers = markersOf(stream, secondPerson);
      profanityOf(stream.surfaces, stream.forms).forEach((words, i) => {
        // Our own lists refine obscenity's roots ("motherfucker", "asshole"); they speak for the word.
        if (words.length === 0 || coveredChunks.has(stream.chunks[i] ?? -1)) return;
        const targeted = isTargeted(markers, i, i);
        for (const word of words) {
          const { kind, weight } = OBSCENITY_WORDS[word];
          keepStrongest(best, { term: word, kind, source: 'obscenity', targeted, score: scoreOf(kind, weight, targeted) });
        }
      });
    }

    const hits = [...best.values()].sort((a, b) => b.score - a.score);
    let language = detected;
    // A lone "bewakoof" has no Hinglish function words to detect, but the word itself says Hinglish.
    if (detected !== 'hi' && detected !== 'hi-Latn' && detected !== 'und' && hits.length > 0 && hits.every((h) => h.source === 'hinglish')) {
      language = 'hi-Latn';
    }
    return { language, scores: scoresOf(hits, text), hits };
  }

  return {
    name: PROVIDER,
    analyze,
    async score(input): Promise<ScoreResult> {
      if (input.signal?.aborted) return { ok: false, provider: PROVIDER, reason: 'timeout', detail: 'the caller stopped waiting' };
      const { language, scores } = analyze(input.text, input.siteLocale);
      return { ok: true, provider: PROVIDER, scores, language };
    },
    health() {
      return { ok: true };
    },
  };
}
