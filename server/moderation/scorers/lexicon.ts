// Offline scorer: word lists for English (obscenity's dataset plus our own), Hindi and Hinglish, and
// structural rules over word classes (who is addressed, what is said of which group, intent and
// harm, doxxing), weighed so its scores sit where Perspective's probabilities would (held >= 0.80,
// rejected >= 0.95). Quotes of abuse made to condemn it count for little.
import { RegExpMatcher, englishDataset, englishRecommendedTransformers, type EnglishProfaneWord } from 'obscenity';
import { detectLanguage } from '../language.js';
import { createTermScanner, normalizeForMatch, type TermScanner } from '../normalize.js';
import { ENGLISH_CLASSES, ENGLISH_TERMS, OBSCENITY_WHITELIST, OBSCENITY_WORDS } from './lexicon-en.js';
import { expandAlternatives, type LexiconEntry, type LexiconKind, type WordClass, type WordClasses } from './lexicon-entry.js';
import { HINDI_CLASSES, HINDI_TERMS, ROMAN_HOMOGRAPHS } from './lexicon-hi.js';
import { HINGLISH_CLASSES, HINGLISH_TERMS } from './lexicon-hinglish.js';
import { decodeModel, modelFeatures, readModel, topTokens, type ModelFeatures, type ModelLang, type StoredModel } from './lexicon-model.js';
import { MODEL_WEIGHTS } from './lexicon-model-weights.js';
import { applyRules, namesOnly, within, type ClassIndex, type Span } from './lexicon-rules.js';
import { collapseDoubles, formsOf, joinTokens, LONG_RUN, MENTION_TOKEN, mergeTokens, prepareText, tokenAt, type PreparedText, type TokenForms, type TokenStream, unstretch } from './lexicon-text.js';
import { ATTRIBUTES, type Attribute, type Scorer, type ScoreEvidence, type ScoreInput, type ScoreResult } from './scorer.js';

const PROVIDER = 'lexicon';

// ---------------------------------------------------------------------------------------------
// Calibration. A hit's score is its term's weight, raised when the text aims it at someone; the
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
  identity: 0.3,
  harassment: 0.3,
  toxic: 1,
};
/** Aimed at someone other than the reader ("this anchor is a clown") keeps this much more. */
const POINTED_EXTRA_KEEP = 0.1;

/**
 * The most a kind can reach, alone or added up: name-calling, swearing, identity attacks found by
 * rules and harassment are held for review (>= 0.80) but never rejected outright; only severe
 * abuse, slurs and threats reach 0.95.
 */
const CEILING: Readonly<Record<LexiconKind, number>> = {
  sensitive: 0.5,
  profanity: 0.94,
  sexual: 0.94,
  insult: 0.94,
  abuse: 1,
  slur: 1,
  threat: 1,
  identity: 0.94,
  harassment: 0.94,
  toxic: 0.9,
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
  identity: { SEVERE_TOXICITY: 0.6, INSULT: 0.6, THREAT: 0, IDENTITY_ATTACK: 1.02, PROFANITY: 0 },
  harassment: { SEVERE_TOXICITY: 0.5, INSULT: 0.7, THREAT: 0, IDENTITY_ATTACK: 0, PROFANITY: 0.3 },
  toxic: { SEVERE_TOXICITY: 0, INSULT: 0, THREAT: 0, IDENTITY_ATTACK: 0, PROFANITY: 0 },
};

/** Perspective's reject band starts here (the default site threshold). */
const REJECT_LEVEL = 0.95;
/** Clean text still gets a small score, as Perspective's does; shouting a little more. */
const CLEAN_TOXICITY = 0.02;
const SHOUTING_TOXICITY = 0.1;
/** A term this many tokens from "you"/"tum"/"तुम" counts as aimed at the reader. */
const TARGET_WINDOW = 4;
/** Abuse inside quotation marks, or reported ("called her a …"), keeps this share of its score… */
const QUOTED_KEEP = 0.6;
/** …and this share when the comment also condemns it ("… is disgusting"). */
/** Verbs that make "like" a comparison said of someone ("sounds like a …"), not a report of words. */
const COMPARISON_VERBS = new Set(['sound', 'sounds', 'sounded', 'look', 'looks', 'looked', 'act', 'acts', 'acting', 'smell', 'smells', 'talk', 'talks', 'behave', 'behaves', 'dress', 'dresses']);
const CONDEMNED_KEEP = 0.4;
/** A threat in a sentence that reports news ("police said", "were killed") and addresses no one. */
const REPORTED_THREAT_KEEP = 0.65;
/** A slur that Hindi uses as the ordinary noun keeps this share of its weight in Hindi and Hinglish text. */
const SLUR_AS_NOUN_KEEP = 0.6;
/** An insult under a negation ("you are not an idiot") keeps this share of its weight. */
const DENIED_KEEP = 0.5;
/** Kinds whose words double as names (Dick, Lund, Chutia): a single such word written as a name counts for little. */
const NAMEABLE: ReadonlySet<LexiconKind> = new Set(['profanity', 'sexual', 'insult', 'abuse', 'slur', 'sensitive']);
/** A word that reads as a name keeps this share of its score. */
const NAME_KEEP = 0.35;
/**
 * The learned model alone holds a comment from its calibrated probability (the weights' `hold`,
 * scored 0.80 to 0.90 as the probability rises); with words or rules that reached LEXICAL_SUPPORT it
 * holds from MODEL_SUPPORT. Checked on the train split's out-of-fold probabilities
 * (npm run train:scorer -- --cv).
 */
const MODEL_SUPPORT = 0.6;
/** Comments of fewer tokens than this are short (see the model's hold point). */
const SHORT_COMMENT = 8;
/**
 * Below this many tokens the model never holds on its own word: one or two ordinary words ("A reply.")
 * can carry a weight learned from the abuse they sat in, and there is nothing else to go by.
 */
const TINY_COMMENT = 4;
const LEXICAL_SUPPORT = 0.55;
/** Evidence excerpts are cut to this many characters. */
const EXCERPT_MAX = 90;

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
type SkeletonForm = 'plain' | 'roman' | 'word';

interface CompiledTerm extends LexiconEntry {
  source: TermSource;
}

interface CompiledList {
  form: SkeletonForm;
  terms: CompiledTerm[];
  scan: TermScanner;
}

interface CompiledClasses {
  form: SkeletonForm;
  source: TermSource;
  classes: WordClass[][];
  scan: TermScanner;
}

/** One thing that raised a score, as reported by analyze(). */
export interface LexiconHit {
  /** The list entry (alternatives expanded), obscenity's word, or the rule's name. */
  term: string;
  kind: LexiconKind;
  source: TermSource | 'obscenity' | 'rule' | 'model';
  /** Whether the text aims it at someone: the reader ("you"), or a person it points at. */
  targeted: boolean;
  /** Whether it stands in quotation marks or reported speech, so counts for less. */
  quoted: boolean;
  /** The hit's toxicity, targeting and quoting included. */
  score: number;
  /** The words of the comment that made it, as written. */
  excerpt: string;
}

export interface LexiconAnalysis {
  language: string;
  /** The learned model's probability that the comment is toxic (0 without a model). */
  probability: number;
  /**
   * Whether the comment quotes (quotation marks) or condemns: a linear model cannot read those, so
   * it then holds only with words or rules and a higher probability. Negations and verbs of saying
   * do not count: "nahi", "na", "मत", "like", "say" are in half of all comments, toxic or not, and
   * the model reads them as words like any other (a negation at the model's own words still does).
   */
  countered: boolean;
  scores: Record<Attribute, number>;
  /** Strongest first. */
  hits: LexiconHit[];
  /** The words behind each attribute that reached 0.5, strongest first. */
  evidence: ScoreEvidence[];
}

export interface LexiconScorer extends Scorer {
  /** Scores a text and says which terms and rules drove the score; for tests and moderator tooling. */
  analyze(text: string, siteLocale?: string): LexiconAnalysis;
  /** What score() answers, synchronously (the pool's worker threads call it). */
  scoreNow(input: Pick<ScoreInput, 'text' | 'siteLocale'>): ScoreResult;
  /** The learned model's input for a text: for `npm run train:scorer`. */
  features(text: string, siteLocale?: string): ModelFeatures;
}

export interface LexiconScorerOptions {
  /** The learned model's weights; null scores with words and rules alone. Default: the committed weights. */
  model?: StoredModel | null;
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

function compileClasses(form: SkeletonForm, source: TermSource, lists: WordClasses): CompiledClasses {
  const byKey = new Map<string, Set<WordClass>>();
  for (const [cls, words] of Object.entries(lists) as Array<[WordClass, readonly string[]]>) {
    for (const word of words) {
      for (const variant of expandAlternatives(word)) {
        const key = keyOf(variant, form);
        if (key === null) continue;
        const set = byKey.get(key) ?? new Set<WordClass>();
        set.add(cls);
        byKey.set(key, set);
      }
    }
  }
  return { form, source, classes: [...byKey.values()].map((set) => [...set]), scan: createTermScanner([...byKey.keys()]) };
}

function mergeClasses(...all: WordClasses[]): WordClasses {
  const merged: Partial<Record<WordClass, string[]>> = {};
  for (const lists of all) for (const [cls, words] of Object.entries(lists) as Array<[WordClass, readonly string[]]>) merged[cls] = [...(merged[cls] ?? []), ...words];
  return merged;
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

/** A term's score once aimed: `aim` is 1 for the reader, less for someone the text points at. */
function scoreOf(kind: LexiconKind, weight: number, aim: number): number {
  if (aim <= 0) return weight;
  const keep = TARGETED_KEEP[kind] + (aim < 1 ? POINTED_EXTRA_KEEP : 0);
  return Math.max(weight, Math.min(CEILING[kind], 1 - (1 - weight) * keep));
}

const SUBJECTS: readonly WordClass[] = ['you', 'pron3', 'person'];
const PERSONS: readonly WordClass[] = ['you', 'person'];

/**
 * How squarely a phrase at tokens [first, last] is aimed at a person: 1 when the reader is
 * addressed nearby; 0.9 for an exclamation ("what a clown") or a predicate of a person ("the author
 * is a hack", "ye reporter pura dalal hai"); 0.85 next to a person noun ("idiot anchor"); else 0.
 */
function aimOf(ix: ClassIndex, first: number, last: number, kind: LexiconKind, describesThings = false, surfaces: readonly string[] = []): number {
  const sentence = ix.sentence[first];
  // "this stupid thing", "the dumbest rule": an adjective between a determiner and its noun describes
  // that noun, and a noun that names no one is a thing, whoever else the comment speaks to.
  if (describesThings && !ix.sov && describesNoun(ix, surfaces, first, last, sentence)) return 0;
  if (within(ix, ['you'], first - TARGET_WINDOW, last + TARGET_WINDOW)) return 1;
  // Swearing and graphic words are aimed only by "you"; pointing at a person aims names for people.
  const naming = kind === 'insult' || kind === 'abuse' || kind === 'slur';
  if (!naming) return 0;
  // "what a clown", "this stooge", but not "what a stupid policy".
  const calling = !describesThings;
  if (calling && within(ix, ['exclaim'], first - 3, first - 1, sentence)) return 0.9;
  const pointer = within(ix, ['demonstrative'], first - 1, first - 1, sentence) ?? (within(ix, ['det'], first - 1, first - 1, sentence) && within(ix, ['demonstrative'], first - 2, first - 2, sentence));
  if (calling && pointer) return 0.85;
  // "pagal hai kya?", "andhe ho kya": a name put as a question is put to someone, the pronoun left out.
  if (calling && ix.sov && within(ix, ['question'], last + 1, last + 1, sentence)) return 0.9;
  // "this film is overrated" is about a film: an adjective needs a person, not "it" or "ye", as its subject.
  const subjects = describesThings ? PERSONS : SUBJECTS;
  const copula = within(ix, ['copula'], first - 5, first - 1, sentence);
  if (copula && within(ix, subjects, copula.first - 5, copula.first - 1, sentence)) return 0.9;
  const reach = describesThings ? 3 : 5;
  if (ix.sov && within(ix, subjects, first - reach, first - 1, sentence) && within(ix, ['copula'], last + 1, last + 2, sentence)) return 0.9;
  // "biased writer", "idiot anchor". In English an adjective that describes things speaks only of the noun
  // right after it ("the article is biased and the writer ignores the data" says nothing of the writer).
  const adjectiveOnly = describesThings && !ix.sov;
  if (within(ix, ['person'], adjectiveOnly ? last + 1 : first - 2, last + (adjectiveOnly ? 1 : 3), sentence)) return 0.85;
  return 0;
}

/** Classes of a word that names or points at people, or links a predicate: not a thing's noun. */
const NOT_A_THING: readonly WordClass[] = ['you', 'pron3', 'person', 'group', 'collective', 'derog', 'quant', 'copula', 'det', 'demonstrative', 'neg'];
/** Determiners before an adjective that make the next word its noun ("so" and "very" do not). */
const ARTICLES: ReadonlySet<string> = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those']);
/** Words that may stand between the article and the adjective: "the most idiotic policy". */
const INTENSIFIERS: ReadonlySet<string> = new Set(['most', 'very', 'so', 'really', 'truly', 'utterly', 'totally', 'absolutely', 'completely', 'pretty', 'rather', 'quite']);
/** Words after an adjective that are not its noun: "this stupid and …", "the dumbest of …". */
const NOT_A_NOUN: ReadonlySet<string> = new Set(['and', 'or', 'but', 'of', 'to', 'as', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'it', 'if', 'than', 'then', 'when', 'who', 'which', 'one', 'ones']);

/** Whether the adjective at [first, last] stands between an article and a noun that names no one. */
function describesNoun(ix: ClassIndex, surfaces: readonly string[], first: number, last: number, sentence: number | undefined): boolean {
  const before = INTENSIFIERS.has(surfaces[first - 1] ?? '') ? first - 2 : first - 1;
  if (!ARTICLES.has(surfaces[before] ?? '')) return false;
  const noun = last + 1;
  const word = surfaces[noun];
  if (word === undefined || !/^\p{L}/u.test(word) || NOT_A_NOUN.has(word) || ix.sentence[noun] !== sentence) return false;
  return within(ix, NOT_A_THING, noun, noun, sentence) === undefined;
}

/**
 * "you are not an idiot", "log ab bewakoof nahi bante": a denied insult is no insult. But "ये एंकर
 * नहीं, पूरा जोकर है" (not an anchor, a clown) denies what stands before the comma.
 */
function isDenied(ix: ClassIndex, first: number, last: number, clauseEnds: ReadonlySet<number>, surfaces: readonly string[] = []): boolean {
  const sentence = ix.sentence[first];
  const before = within(ix, ['neg'], first - 2, first - 1, sentence);
  if (before && !clauseEnds.has(before.last)) return true;
  if (!ix.sov) return false;
  const after = within(ix, ['neg'], last + 1, last + 2, sentence);
  if (!after) return false;
  // "bhonkte raho, koi nahi sunta": a negation past a comma belongs to the next clause.
  for (let t = last; t < after.first; t++) if (clauseEnds.has(t)) return false;
  // "tere jaisa jahil maine nahi dekha": never seen one like that says it, it does not deny it.
  return !NOT_SEEN.has(surfaces[after.last + 1] ?? '');
}

/** Verbs of seeing and hearing after a negation: "X jaisa … nahi dekha" is a comparison, not a denial. */
const NOT_SEEN: ReadonlySet<string> = new Set(['dekha', 'dekhi', 'dekhe', 'dekhaa', 'suna', 'suni', 'sune', 'देखा', 'देखी', 'देखे', 'सुना', 'सुनी', 'सुने']);

const CLAUSE_END = /[,;:]["'\u201D\u2019)]*$/u;

/** Romanized "I am" after a predicate (buddhu hoon): the writer speaks of themself. */
const FIRST_PERSON_COPULA: ReadonlySet<string> = new Set(['hoon', 'hun', 'hu', 'hooon', 'hoo', 'hunn']);

/** What is left of a name the writer gives themself ("I was an idiot to buy that phone"): held by no one. */
const SELF_KEEP = 0.6;
/** Words that may stand between "I am" and the name it gives: "I am such an idiot", "I'm a total idiot". */
const SELF_FILLERS: ReadonlySet<string> = new Set(['a', 'an', 'such', 'so', 'the', 'total', 'complete', 'real', 'proper', 'bit', 'of', 'little', 'big', 'biggest', 'really', 'truly', 'just', 'also', 'too', 'being', 'like', 'bhi', 'bhe', 'bi', 'kitna', 'kitni', 'bada', 'badi', 'sabse', 'ek', 'भी', 'कितना', 'कितनी', 'बड़ा', 'बड़ी', 'सबसे', 'एक']);
const SELF_COPULA: ReadonlySet<string> = new Set(['am', 'was', 'feel', 'felt', 'been']);
const SELF_HINDI: ReadonlySet<string> = new Set(['main', 'mai', 'mein', 'mien', 'मैं', 'मै']);
const SELF_HINDI_COPULA: ReadonlySet<string> = new Set([...FIRST_PERSON_COPULA, 'था', 'थी', 'हूं', 'हूँ', 'हु', 'tha', 'thi']);

/**
 * "I'm such an idiot", "I was an idiot to buy that phone", "main bhi pagal hu", "मैं कितना पागल हूँ": the
 * writer names themself, which insults no one. English: "I" and am/was/feel right before the name, past
 * fillers. Hindi and Hinglish: "main" before it and a first-person copula right after.
 */
function namesSelf(surfaces: readonly string[], first: number, last: number): boolean {
  let i = first - 1;
  while (i >= 0 && SELF_FILLERS.has(surfaces[i] ?? '')) i--;
  if (SELF_COPULA.has(surfaces[i] ?? '') && (surfaces[i - 1] === 'i' || (surfaces[i] === 'been' && surfaces[i - 1] === 'have' && surfaces[i - 2] === 'i'))) return true;
  if (SELF_HINDI.has(surfaces[i] ?? '') && SELF_HINDI_COPULA.has(surfaces[last + 1] ?? '')) return true;
  return false;
}

/** How squarely a name standing as its own clause is aimed: as "this clown" is. */
const VOCATIVE_AIM = 0.85;

/** Whether the range is a clause of its own: a sentence's or a clause's edge on both sides ("…, nalayak", "Clown. You…"). */
function isVocative(ix: ClassIndex, range: Span, clauseEnds: ReadonlySet<number>, count: number): boolean {
  const { first, last } = range;
  // A comment that is nothing but the word is scored as the word: there is no remark it is added to.
  if (first === 0 && last === count - 1) return false;
  const opens = first === 0 || ix.sentence[first - 1] !== ix.sentence[first] || clauseEnds.has(first - 1);
  const closes = last === count - 1 || ix.sentence[last + 1] !== ix.sentence[last] || clauseEnds.has(last);
  return opens && closes;
}

/** Tokens that end a clause (a chunk ending in a comma, semicolon or colon). */
function clauseEndsOf(text: string, prepared: PreparedText, split: TokenStream): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < split.chunks.length; i++) {
    const chunk = split.chunks[i] ?? 0;
    if (split.chunks[i + 1] === chunk) continue;
    const span = prepared.chunkSpans[chunk];
    if (span && CLAUSE_END.test(text.slice(span[0], span[1]))) out.add(i);
  }
  return out;
}

const QUOTE_PAIRS: Readonly<Record<string, string>> = { '"': '"', '“': '”', '«': '»', '„': '“' };
const SINGLE_QUOTES = new Set(["'", '‘', '’']);
const ANY_QUOTE = /["\u201C\u201D\u00AB\u00BB\u201E'\u2018\u2019]/;
const QUOTE_CHARS = /["\u201C\u201D\u00AB\u00BB\u201E'\u2018\u2019]/g;
const LETTER = /[\p{L}\p{M}\p{N}]/u;

/** Character ranges of the text inside quotation marks (straight or curly, double or single). */
function quotedRanges(text: string): Array<readonly [number, number]> {
  const ranges: Array<readonly [number, number]> = [];
  if (!ANY_QUOTE.test(text)) return ranges;
  let open: { at: number; close: string } | null = null;
  QUOTE_CHARS.lastIndex = 0;
  for (let m = QUOTE_CHARS.exec(text); m !== null; m = QUOTE_CHARS.exec(text)) {
    const i = m.index;
    const c = m[0];
    if (open) {
      if (c === open.close) {
        const before = text[i - 1] ?? ' ';
        const after = text[i + 1] ?? ' ';
        // An apostrophe inside a word ("don't") is not a closing quote.
        if (!SINGLE_QUOTES.has(c) || !(LETTER.test(before) && LETTER.test(after))) {
          ranges.push([open.at, i]);
          open = null;
        }
      } else if (c === '”' && open.close === '"') {
        ranges.push([open.at, i]);
        open = null;
      }
      continue;
    }
    const close = QUOTE_PAIRS[c];
    if (close !== undefined) open = { at: i, close };
    else if (SINGLE_QUOTES.has(c) && !LETTER.test(text[i - 1] ?? ' ') && LETTER.test(text[i + 1] ?? ' ')) open = { at: i, close: c === '‘' ? '’' : c };
  }
  return ranges;
}

function inRanges(ranges: ReadonlyArray<readonly [number, number]>, at: number): boolean {
  for (const [from, to] of ranges) if (at > from && at < to) return true;
  return false;
}

const LEADING_PUNCTUATION = /[\s"'\u201C\u201D\u2018\u2019\u00AB\u00BB(,.;:!?-]/u;
const TRAILING_PUNCTUATION = /[\s"'\u201C\u201D\u2018\u2019\u00AB\u00BB),.;:!?-]/u;

/**
 * A piece without its leading and trailing spaces and punctuation. By hand: the pattern
 * /[…]+$/ backtracks through a long run of punctuation inside the piece from each of its positions.
 */
function trimPunctuation(piece: string): string {
  let start = 0;
  while (start < piece.length && LEADING_PUNCTUATION.test(piece[start]!)) start++;
  let end = piece.length;
  while (end > start && TRAILING_PUNCTUATION.test(piece[end - 1]!)) end--;
  return piece.slice(start, end);
}

/** The original text of chunks [from, to], trimmed of edge punctuation and cut to a short excerpt. */
function excerptOf(text: string, prepared: PreparedText, parts: readonly Span[], stream: TokenStream): string {
  const pieces: string[] = [];
  let previousChunk = -2;
  for (const part of parts) {
    const first = stream.chunks[part.first] ?? 0;
    const last = stream.lastChunks[part.last] ?? stream.chunks[part.last] ?? first;
    if (first <= previousChunk) continue;
    const from = prepared.chunkSpans[first]?.[0] ?? 0;
    const to = prepared.chunkSpans[last]?.[1] ?? from;
    const piece = text.slice(from, to);
    // Parts a word or two apart read better joined than elided.
    if (pieces.length > 0 && first - previousChunk <= 3) {
      const gapFrom = prepared.chunkSpans[previousChunk]?.[1] ?? from;
      pieces[pieces.length - 1] += text.slice(gapFrom, to);
    } else pieces.push(piece);
    previousChunk = last;
  }
  const joined = pieces.map(trimPunctuation).filter(Boolean).join(' … ');
  return joined.length > EXCERPT_MAX ? `${joined.slice(0, EXCERPT_MAX - 1)}…` : joined;
}

/** Things a threat's verbs also act on ("kachra utha lenge", "garbage will be burnt"): romanized, as compared. */
// Also what a Hindi sentence hits or ends that is no one: a tempering (तड़का मार दो), a six, a broom, and the
// problems politics promises to finish ("गरीबी को जड़ से खत्म कर देंगे").
const INNOCENT_OBJECTS: ReadonlySet<string> = new Set(
  [
    'kachra', 'kachara', 'kooda', 'kuda', 'malba', 'saaman', 'कचरा', 'कूड़ा', 'कूडा', 'मलबा', 'सामान', 'garbage', 'trash', 'rubbish', 'debris',
    'तड़का', 'छौंक', 'छक्का', 'चौका', 'गेंद', 'झाड़ू', 'गोता', 'डुबकी', 'ताना', 'चक्कर', 'गरीबी', 'भ्रष्टाचार', 'बेरोजगारी', 'बेरोज़गारी', 'आरक्षण', 'राजनीति', 'जातिवाद', 'महंगाई',
    'प्रदूषण', 'नशा', 'नशे', 'बीमारी', 'समस्या', 'गंदगी', 'अंधविश्वास', 'कुप्रथा', 'दहेज',
    // What a kitchen or a garden cuts: "सब्जी काटना शुरू करो", "ped kaat do".
    'sabzi', 'sabji', 'pyaaz', 'pyaz', 'aloo', 'tamatar', 'phal', 'cake', 'ped', 'lakdi', 'ghaas', 'fasal', 'kapda',
    'सब्जी', 'सब्ज़ी', 'प्याज', 'प्याज़', 'आलू', 'टमाटर', 'फल', 'केक', 'पेड़', 'लकड़ी', 'घास', 'फसल', 'कपड़ा',
  ].map((w) => formsOf(normalizeForMatch(w)).roman),
);

/** Beside bhakt(on) in its devotional sense: the temple, the rites, the pilgrims' crowd. */
const WORSHIP = ['bhagwan', 'bhagwaan', 'mandir', 'darshan', 'katha', 'shirdi', 'bhakti', 'puja', 'aarti', 'yatra', 'prasad', 'bhajan', 'kirtan', 'gurudwara', 'dargah', 'tirth', 'shraddhalu', 'bheed', 'bhagdad', 'sankhya'];
/** Beside chamcha / chamche as a spoon. */
const KITCHEN = ['chai', 'cheeni', 'chini', 'daal', 'dal', 'namak', 'spoon', 'steel', 'kitchen', 'khana', 'kadhai', 'plate', 'katori', 'ghee', 'masala', 'sabzi', 'dhulne', 'bartan'];

/** Beside dogs as animals: strays, feeding, pets, bites and the vet. */
const DOG_CARE = ['street', 'stray', 'strays', 'feed', 'feeding', 'fed', 'pet', 'pets', 'puppy', 'puppies', 'vet', 'leash', 'kennel', 'shelter', 'adopt', 'adopted', 'rabies', 'bite', 'bit', 'bitten', 'barking', 'breed', 'walk', 'walking', 'sterilisation', 'sterilization'];
/** Beside fraud as a crime: its kind, and the case, complaint or racket. */
const FRAUD_KIND = ['cyber', 'bank', 'online', 'upi', 'otp', 'loan', 'insurance', 'tax', 'election', 'voter', 'financial', 'card', 'investment', 'visa', 'chit', 'ponzi', 'case', 'cases', 'complaint', 'helpline', 'racket', 'gang', 'scheme', 'alert'];

/**
 * Hinglish words (and a few English ones) that are also everyday words, with the words that stand beside the
 * everyday sense: chutiya is a braid, patakha a firecracker, a bank fraud a crime, a street dog a dog. Romanized, as compared.
 */
const OWN_CONTEXT: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  (
    [
      // No "phool" (a flower): folded it is "full", as in "full chutiya nikla".
      ['chutiya', ['baal', 'gajra', 'gajre', 'lambi', 'choti', 'chhoti', 'jooda', 'veni', 'kangi', 'tel', 'shikha', 'baandh', 'baandhe', 'gundh', 'gunthi']],
      // "ullu banana", "buddhu banaya": to make a fool of someone (a trick played), not a name called.
      ['ullu', ['bana', 'banana', 'banaya', 'banaye', 'banate', 'banata', 'banati', 'banake', 'banakar', 'banne']],
      ['buddhu', ['bana', 'banana', 'banaya', 'banaye', 'banate', 'banata', 'banati', 'banake', 'banakar', 'banne']],
      // A devotee at a temple, a spoon in the kitchen, dung on a farm, a she-donkey's milk, a song that drives one crazy.
      ['bhakt', [...WORSHIP, 'prahlad', 'hanuman', 'krishna', 'shiv', 'sai', 'devi', 'mata', 'vrat', 'meera', 'tulsidas']],
      ['bhakton', WORSHIP],
      ['chamcha', KITCHEN],
      ['chamche', KITCHEN],
      ['gobar', ['gas', 'khaad', 'gaay', 'gay', 'diye', 'diya', 'upla', 'uple', 'leep', 'leepti', 'leepna', 'khet', 'biogas', 'plant', 'dhan', 'godaan', 'hori', 'gaushala']],
      ['gadhi', ['doodh', 'milk', 'sabun', 'soap']],
      ['pagal', ['gaana', 'gaane', 'song', 'movie', 'film', 'climax', 'khushi', 'ishq', 'deewana', 'batting', 'stadium']],
      // "feeding the street dogs", "the stray dog bit a child": the animals, not a name called.
      ['dog', DOG_CARE],
      ['dogs', DOG_CARE],
      // "cyber fraud se uncle ke 3 lakh gaye", "a bank fraud case": the crime, not a name called.
      ['fraud', FRAUD_KIND],
      ['frauds', FRAUD_KIND],
      ['patakha', ['factory', 'dukaan', 'dukan', 'godown', 'phod', 'phodna', 'phodne', 'phode', 'jala', 'jalana', 'jalaye', 'ban', 'diwali', 'pradushan', 'shor', 'dhamaka', 'aatishbaazi', 'patakhe']],
    ] as const
  ).map(([word, context]) => [formsOf(word).roman, new Set<string>(context.map((w) => formsOf(w).roman))] as const),
);

/** Whether a one-word hit has its everyday sense's words within three tokens either side. */
function inOwnContext(split: TokenStream, range: Span): boolean {
  if (range.first !== range.last) return false;
  const context = OWN_CONTEXT.get(split.forms[range.first]?.roman ?? '');
  if (!context) return false;
  for (let i = Math.max(0, range.first - 3); i <= Math.min(split.forms.length - 1, range.last + 3); i++) if (i !== range.first && context.has(split.forms[i]?.roman ?? '')) return true;
  return false;
}

/** Animals, romanized as compared: "the dogs keep barking", "kutte bhonkte rehte". */
const ANIMALS: ReadonlySet<string> = new Set(
  ['dog', 'dogs', 'puppy', 'puppies', 'stray', 'strays', 'pet', 'pets', 'kutta', 'kutte', 'kutton', 'kuttey', 'kutiya', 'pilla', 'pille', 'कुत्ता', 'कुत्ते', 'कुत्तों', 'पिल्ले'].map(
    (w) => formsOf(w).roman,
  ),
);

/** Whether one of `words` (romanized) stands within four tokens before the range: an innocent object, an animal. */
function wordBefore(split: TokenStream, range: Span, words: ReadonlySet<string>): boolean {
  for (let i = Math.max(0, range.first - 4); i < range.first; i++) if (words.has(split.forms[i]?.roman ?? '')) return true;
  return false;
}

const TITLE_CASE = /^["'\u201C\u2018(]?\p{Lu}\p{Ll}/u;
/** Two to four capitals: an acronym (BC and OBC reservations, MC elections), not an oath. */
const ACRONYM = /^["'\u201C\u2018(]?\p{Lu}{2,4}[)"'\u201D\u2019,.:;!?]*$/u;
const NAME_FOLLOWERS = new Set([
  'kingdom', 'dynasty', 'community', 'tribe', 'samaj', 'samuday', 'people', 'village', 'town', 'city', 'district', 'university', 'family', 'surname', 'committee', 'commission',
  'ji', 'sahab', 'saheb', 'samiti', 'rajvansh', 'regiment', 'film', 'movie', 'studio', 'brand', 'यूनिवर्सिटी', 'विश्वविद्यालय', 'राजवंश', 'वंश', 'समुदाय', 'समाज', 'जनजाति', 'जाति', 'गांव', 'कमेटी', 'समिति', 'आयोग', 'जी', 'साहब',
]);

/** Words that announce a title or a place: "the film Haramkhor", "फ़िल्म हरामखोर", "village Fucking". */
const NAME_PRECEDERS = new Set(['film', 'movie', 'novel', 'song', 'village', 'town', 'फ़िल्म', 'फिल्म', 'मूवी', 'उपन्यास', 'गाना', 'गांव', 'गाँव', 'कस्बा', 'कस्बे']);

const INFLECTIONS = ['', 's', 'es', 'ed', 'd', 'ing', 'in', 'er', 'ers', 'y', 'ty', 'ie', 'ies', 'head', 'heads', 'hole', 'holes', 'face', 'ass', 'tard', 'bag', 'wit'];

/** A Titlecase token holding a profane root inside a longer word than the root and its inflections. */
function isNamedCompound(text: string, prepared: PreparedText, chunk: number, plain: string, root: string): boolean {
  const span = prepared.chunkSpans[chunk];
  if (!span || !TITLE_CASE.test(text.slice(span[0], span[1]))) return false;
  const at = plain.indexOf(root);
  if (at === -1) return plain.length > root.length + 4;
  return at > 0 || !INFLECTIONS.includes(plain.slice(root.length));
}

/** Whether the token starting at split index `token` is written with a capital and then lower case. */
function isTitleCase(text: string, prepared: PreparedText, split: TokenStream, token: number): boolean {
  const span = prepared.chunkSpans[split.chunks[token] ?? 0];
  return span !== undefined && TITLE_CASE.test(text.slice(span[0], span[1]));
}

/** Whether the token starting at split index `token` is written as a name or an acronym. */
function isName(text: string, prepared: PreparedText, split: TokenStream, token: number): boolean {
  const chunk = split.chunks[token] ?? 0;
  const span = prepared.chunkSpans[chunk];
  if (!span) return false;
  const written = text.slice(span[0], span[1]);
  if (ACRONYM.test(written) && !isShouting(text)) return true;
  const next = prepared.chunkSpans[chunk + 1];
  const nextText = next && prepared.sentenceOf[chunk + 1] === prepared.sentenceOf[chunk] ? text.slice(next[0], next[1]) : '';
  if (NAME_FOLLOWERS.has(normalizeForMatch(nextText).replace(/[^\p{L}\p{M}]/gu, ''))) return true;
  const previous = chunk > 0 && prepared.sentenceOf[chunk - 1] === prepared.sentenceOf[chunk] ? prepared.chunkSpans[chunk - 1] : undefined;
  if (previous && NAME_PRECEDERS.has(normalizeForMatch(text.slice(previous[0], previous[1])).replace(/[^\p{L}\p{M}]/gu, ''))) return true;
  if (!TITLE_CASE.test(written)) return false;
  if (TITLE_CASE.test(nextText)) return true;
  return chunk > 0 && prepared.sentenceOf[chunk - 1] === prepared.sentenceOf[chunk];
}

/**
 * The score the learned model's probability stands for, given the strongest word or rule score and
 * the model's calibrated hold point. A quoted or condemning comment needs words or rules too, and
 * the model half-way from its hold point to certainty.
 */
export function modelScore(probability: number, lexical: number, countered: boolean, hold: number): number {
  if (probability >= hold && !countered) return 0.8 + (0.1 * (probability - hold)) / (1 - hold);
  if (probability >= (countered ? (1 + hold) / 2 : Math.min(hold, MODEL_SUPPORT)) && lexical >= LEXICAL_SUPPORT) return 0.8;
  return 0;
}

/** The model's calibration language for a detected language; any other text uses the model's overall hold point. */
const MODEL_LANG: Readonly<Record<string, ModelLang>> = { en: 'en', hi: 'hi', 'hi-Latn': 'hinglish' };

const has = (ix: ClassIndex, cls: readonly WordClass[]) => within(ix, cls, 0, Number.MAX_SAFE_INTEGER) !== undefined;

/** The class index with 'community' spans counted as 'group' ones (for everything but the learned model). */
function withCommunities(ix: ClassIndex): ClassIndex {
  const extra = ix.spans.get('community');
  if (!extra || extra.length === 0) return ix;
  const group = [...(ix.spans.get('group') ?? []), ...extra].sort((a, b) => a.first - b.first || a.last - b.last);
  const spans = new Map(ix.spans);
  spans.set('group', group);
  return { ...ix, spans };
}

/** English words that make a following "killed" or "executed" a demand, not the news: "should all be killed". */
const DEMANDING = new Set(['should', 'must', 'ought', 'deserve', 'deserves', 'need', 'needs']);

/**
 * Whether the sentence of `token` reports news ("police said", "were killed") and addresses no one. A
 * report word demanded ("they should all be killed", "ought to be executed") reports nothing.
 */
function reportsNews(ix: ClassIndex, token: number, surfaces: readonly string[]): boolean {
  const sentence = ix.sentence[token];
  const demanded = (r: Span) => !ix.sov && [1, 2, 3, 4].some((back) => ix.sentence[r.first - back] === sentence && DEMANDING.has(surfaces[r.first - back] ?? ''));
  const report = (ix.spans.get('report') ?? []).some((r) => ix.sentence[r.first] === sentence && !demanded(r));
  return report && within(ix, ['you'], 0, Number.MAX_SAFE_INTEGER, sentence) === undefined;
}

/** A threat named as such ("धमकी", "dhamki", "threat")… */
const THREAT_NOUN = new Set(['धमकी', 'धमकियां', 'धमकियाँ', 'dhamki', 'dhamkee', 'dhamkiyan', 'dhamkiyaan', 'threat', 'threats']);
/**
 * …and received, sent or told ("धमकी मिली कि", "dhamki bhara mail", "a threat saying"); "threatened to" too.
 * Not "a threat to": "he is a threat to us, we will finish him" is the threat itself.
 */
const THREAT_FRAME = new Set([
  'मिली', 'मिला', 'मिलीं', 'मिले', 'भरा', 'भरी', 'भरे', 'दी', 'आई', 'आया', 'mili', 'mila', 'mile', 'bhara', 'bhari', 'bhare', 'di', 'aayi', 'aaya', 'aai',
  'received', 'saying', 'that', 'call', 'calls', 'email', 'emails', 'letter', 'message', 'messages',
]);

/**
 * Whether the threat at `token` is one a news report relays: a threat named and received or sent earlier
 * in its sentence ("पुलिस को ईमेल से धमकी मिली कि एयरपोर्ट उड़ा देंगे", "the school received a threat that
 * it would be bombed"), in a sentence that addresses no one ("tujhe dhamki mili na, ab ghar aakar
 * maarenge" is the threat itself). "ये धमकी नहीं है, …" names no received threat.
 */
function reportsThreat(ix: ClassIndex, surfaces: readonly string[], token: number): boolean {
  const sentence = ix.sentence[token];
  if (within(ix, ['you'], 0, Number.MAX_SAFE_INTEGER, sentence) !== undefined) return false;
  for (let i = token - 1; i >= 0 && ix.sentence[i] === sentence; i--) {
    if (surfaces[i] === 'threatened' && surfaces[i + 1] === 'to' && i + 1 < token) return true;
    if (!THREAT_NOUN.has(surfaces[i] ?? '')) continue;
    for (let j = i + 1; j <= i + 2 && j < token; j++) if (THREAT_FRAME.has(surfaces[j] ?? '')) return true;
  }
  return false;
}

/**
 * Which kind a comment the learned model holds is, read from its word classes, so the moderator sees
 * "threat" or "identity attack" rather than a bare "toxicity": harm, doxxing, wishes and warnings make
 * a threat; bodies and advances harassment; a group with no one addressed an identity attack; a person
 * addressed or pointed at an insult.
 */
function modelKindOf(ix: ClassIndex): LexiconKind {
  if (has(ix, ['harm', 'violence', 'command', 'doxx', 'wish', 'warn'])) return 'threat';
  if (has(ix, ['body', 'advance'])) return 'harassment';
  if (has(ix, ['group', 'collective']) && !has(ix, ['you'])) return 'identity';
  if (has(ix, ['you', 'person', 'pron3', 'exclaim'])) return 'insult';
  return 'toxic';
}

interface ScoredHit extends LexiconHit {
  shares: Shares;
}

function scoresOf(hits: readonly ScoredHit[], text: string): Record<Attribute, number> {
  const baseline = isShouting(text) ? SHOUTING_TOXICITY : CLEAN_TOXICITY;
  // Earnest words (a rape trial, sex education) do not add up to toxicity: only the strongest counts.
  const sensitive = Math.max(0, ...hits.filter((h) => h.kind === 'sensitive').map((h) => h.score));
  // The learned model read the same words the lists and rules did: its finding is not independent
  // evidence to add to theirs ("You are an idiot." is one insult, not two), so it counts as a maximum.
  const model = hits.filter((h) => h.source === 'model');
  // Words quoted or reported are one finding however many list entries they hold ('He said "I will kill
  // you"' matches "i will kill" and "kill you"): only the strongest quoted hit adds to the others.
  const quoted = hits.filter((h) => h.source !== 'model' && h.quoted);
  const strongestQuoted = quoted.reduce<ScoredHit | undefined>((best, h) => (!best || h.score > best.score ? h : best), undefined);
  const found = hits.filter((h) => h.source !== 'model' && (!h.quoted || h === strongestQuoted));
  const others = found.filter((h) => h.kind !== 'sensitive');
  const strongest = Math.max(0, ...others.map((h) => h.score));
  const ceiling = Math.max(0, ...others.map((h) => CEILING[h.kind]));
  const added = Math.max(strongest, Math.min(ceiling, belowReject(combine(others.map((h) => h.score)), strongest)));
  const learned = Math.max(0, ...model.map((h) => h.score));
  const scores = { TOXICITY: round(Math.max(baseline, sensitive, added, learned)) } as Record<Attribute, number>;
  for (const attribute of ATTRIBUTES) {
    if (attribute === 'TOXICITY') continue;
    // A share above 1 makes an aimed insult score higher on INSULT than on TOXICITY, as Perspective's
    // does, but no more than a hold: only a finding whose own score reaches the reject level rejects.
    const attributeOf = (hit: ScoredHit) => Math.min(hit.score * shareOf(hit, attribute), Math.max(hit.score, REJECT_LEVEL - 0.01));
    const values = found.map(attributeOf);
    const fromModel = Math.max(0, ...model.map(attributeOf));
    scores[attribute] = round(Math.max(baseline / 2, belowReject(combine(values), Math.max(0, ...values)), fromModel));
  }
  return scores;
}

/**
 * Several lesser findings add up to a hold, never to a rejection: only one finding that is itself
 * at the reject level (a slur, severe abuse, an explicit threat) rejects a comment unread.
 */
function belowReject(combined: number, strongest: number): number {
  return strongest >= REJECT_LEVEL ? combined : Math.min(combined, REJECT_LEVEL - 0.01);
}

function shareOf(hit: ScoredHit, attribute: Exclude<Attribute, 'TOXICITY'>): number {
  let share = hit.shares[attribute];
  // Swearing or graphic words said to someone are an insult ("fuck you").
  if (attribute === 'INSULT' && hit.targeted && hit.kind !== 'threat' && hit.kind !== 'sensitive' && hit.kind !== 'identity') share = Math.max(share, 1);
  return share;
}

/** For each attribute that reached 0.5, the hit that gave it most, strongest attribute first. */
function evidenceOf(hits: readonly ScoredHit[], scores: Record<Attribute, number>): ScoreEvidence[] {
  const out: Array<ScoreEvidence & { score: number }> = [];
  for (const attribute of ATTRIBUTES) {
    if (scores[attribute] < 0.5) continue;
    let best: ScoredHit | undefined;
    let bestValue = 0;
    for (const hit of hits) {
      const value = attribute === 'TOXICITY' ? hit.score : hit.score * shareOf(hit, attribute);
      if (value > bestValue && hit.excerpt !== '') [best, bestValue] = [hit, value];
    }
    if (best) out.push({ attribute, text: best.excerpt, score: scores[attribute] });
  }
  return out.sort((a, b) => b.score - a.score).map(({ attribute, text }) => ({ attribute, text }));
}

const HAS_LONG_RUN = /(.)\1\1/;

/**
 * Whether a token is one of a term's own spellings, as written or stretched: each run of three or more
 * letters cut to one ("salaaaa") or, as the roman form reads them, to two with a final run of e to one ("saaaaleeee").
 */
function isSpelled(spelled: readonly string[], split: TokenStream, token: number): boolean {
  const word = split.forms[token]?.word ?? '';
  if (spelled.includes(word)) return true;
  const surface = split.surfaces[token] ?? '';
  if (!HAS_LONG_RUN.test(surface)) return false;
  return spelled.includes(surface.replace(LONG_RUN, '$1')) || spelled.includes(unstretch(surface));
}

const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

/** "f**k" → /^f.{0,3}k$/: each run of stars stands for up to one letter more than it has. */
function maskPattern(masked: string): RegExp {
  const pieces = masked.split(/\*+/);
  const stars = masked.match(/\*+/g) ?? [];
  let source = '';
  pieces.forEach((piece, i) => {
    source += (piece === '' ? '' : formsOf(piece).plain).replace(REGEX_SYNTAX, '\\$&');
    const run = stars[i];
    if (run !== undefined) source += `.{0,${run.length + 1}}`;
  });
  return new RegExp(`^${source}$`, 'u');
}

/** Pieces this short may be part of a broken word. */
const PIECE_MAX = 3;
const JOIN_MAX = 6;

/** Single words of weight in one form (plain or roman), and every prefix of them (the empty one too). */
interface WholeWords {
  words: Set<string>;
  prefixes: Set<string>;
}

function wholeWordsOf(words: Set<string>): WholeWords {
  const prefixes = new Set<string>();
  for (const word of words) for (let i = 0; i <= word.length; i++) prefixes.add(word.slice(0, i));
  return { words, prefixes };
}

/** Short Hindi words that are words of their own, not pieces of a broken one ("कौन सा ले", "सा ला"). */
const HINDI_SHORT_WORDS: ReadonlySet<string> = new Set(['सा', 'सी', 'से', 'ले', 'ला', 'ली', 'लो', 'दे', 'दो', 'दी', 'के', 'का', 'की', 'को', 'है', 'हो', 'हैं', 'ना', 'न', 'जा', 'तो', 'ही', 'भी', 'में', 'पर', 'ये', 'वो', 'मत', 'कर', 'क्या']);

/**
 * Terms spelled by two to six neighbouring tokens read as one word ("चू तिया", "ठो क", "हरा mi"):
 * the pieces' forms are joined and followed only while they are the start of a known word.
 */
function rejoined(split: TokenStream, plainWords: WholeWords, romanWords: WholeWords): Span[] {
  const out: Span[] = [];
  const n = split.surfaces.length;
  for (let i = 0; i < n - 1; i++) {
    // A broken word has a short piece at its start or right after it.
    if ((split.forms[i]?.plain.length ?? 0) > PIECE_MAX && (split.forms[i + 1]?.plain.length ?? 0) > PIECE_MAX) continue;
    let plain = split.forms[i]?.plain ?? '';
    let roman = split.forms[i]?.roman ?? '';
    // Joined forms start with the first piece's (folding doubled letters keeps a prefix a prefix), so
    // a piece that starts no known word starts no broken one: most tokens stop here, building nothing.
    if (!plainWords.prefixes.has(collapseDoubles(plain)) && !romanWords.prefixes.has(collapseDoubles(roman))) continue;
    let long = plain.length > PIECE_MAX ? 1 : 0;
    let words = HINDI_SHORT_WORDS.has(split.surfaces[i] ?? '') ? 1 : 0;
    for (let j = i + 1; j < Math.min(n, i + JOIN_MAX); j++) {
      const forms = split.forms[j];
      if (!forms) break;
      if (forms.plain.length > PIECE_MAX) long++;
      // At most one longer piece: "चू तिया" yes, two ordinary words side by side no.
      if (long > 1) break;
      if (HINDI_SHORT_WORDS.has(split.surfaces[j] ?? '')) words++;
      plain += forms.plain;
      roman += forms.roman;
      const plainKey = collapseDoubles(plain);
      const romanKey = collapseDoubles(roman);
      // Pieces that are all words of their own are the words: "कौन सा ले लूं" is not साले.
      if ((plainWords.words.has(plainKey) || romanWords.words.has(romanKey)) && words < j - i + 1) {
        out.push({ first: i, last: j });
        i = j;
        break;
      }
      if (!plainWords.prefixes.has(plainKey) && !romanWords.prefixes.has(romanKey)) break;
    }
  }
  return out;
}

// Per-comment helpers are module-level functions, not closures inside analyze(): tsx (our runtime)
// wraps every named closure in a name-keeping call, which costs on each creation.

/** Repeating a word does not make it worse; the strongest instance stands for all. */
function keepStrongest(best: Map<string, ScoredHit>, hit: ScoredHit): void {
  const key = `${hit.source}:${hit.term}`;
  const previous = best.get(key);
  if (!previous || previous.score < hit.score) best.set(key, hit);
}

/** The split-stream tokens [first, last] that cover chunks [from, to]. */
function splitRange(split: TokenStream, from: number, to: number): Span {
  let first = -1;
  let last = -1;
  for (let i = 0; i < split.chunks.length; i++) {
    // A token may span chunks ("a m-o-r-o-n" spelled out is one token from "a" on): any overlap counts.
    if ((split.chunks[i] ?? -1) <= to && (split.lastChunks[i] ?? -1) >= from) {
      if (first === -1) first = i;
      last = i;
    }
  }
  return first === -1 ? { first: 0, last: 0 } : { first, last };
}

const bySpan = (a: Span, b: Span) => a.first - b.first || a.last - b.last;

function isInOrder(spans: readonly Span[]): boolean {
  for (let i = 1; i < spans.length; i++) if (bySpan(spans[i - 1]!, spans[i]!) > 0) return false;
  return true;
}

function classIndexOf(split: TokenStream, prepared: PreparedText, lists: readonly CompiledClasses[], sov: boolean): ClassIndex {
  const spans = new Map<WordClass, Span[]>();
  for (const list of lists) {
    const joined = split[list.form];
    for (const match of list.scan(joined.text, joined.starts)) {
      const first = tokenAt(joined.starts, match.start);
      const last = tokenAt(joined.starts, match.end - 1);
      // As for the word lists: an everyday Devanagari word is not the romanized class word it folds into.
      if (list.source === 'hinglish' && first === last && ROMAN_HOMOGRAPHS.has(split.surfaces[first] ?? '')) continue;
      for (const cls of list.classes[match.term] ?? []) {
        const arr = spans.get(cls) ?? [];
        arr.push({ first, last });
        spans.set(cls, arr);
      }
    }
  }
  // Usually in order already (one list, scanned from the start); sort() copies the array even then.
  for (const arr of spans.values()) if (!isInOrder(arr)) arr.sort(bySpan);
  // "app" folds into "aap" (you): the English word ("is app me", "app update") addresses no one.
  const you = spans.get('you');
  if (you) spans.set('you', you.filter((span) => span.first !== span.last || !isEnglishApp(split, span.first)));
  const sentence = split.chunks.map((chunk) => prepared.sentenceOf[chunk] ?? 0);
  return { spans, sentence, sov };
}

/** Words after "app" that make it the pronoun aap as some type it ("app log", "app kaise ho"). */
const APP_AS_YOU = new Set(['log', 'logo', 'logon', 'jaise', 'jaisa', 'jaisi', 'ho', 'hain', 'kaise', 'sab', 'khud', 'ji', 'apna', 'apni', 'apne']);

/** Whether the token is "app" or "apps", the software, rather than a spelling of aap (you). */
function isEnglishApp(split: TokenStream, token: number): boolean {
  const surface = split.surfaces[token];
  if (surface === 'apps') return true;
  if (surface !== 'app') return false;
  return !APP_AS_YOU.has(split.surfaces[token + 1] ?? '');
}

interface MemoEntry extends TokenForms {
  /** Obscenity's words found in the token; computed on first need. */
  profane: readonly EnglishProfaneWord[] | undefined;
  /** The learned model's features of the word, set by lexicon-model on first need. */
  modelBuckets: Int32Array | undefined;
}

/** Creates the offline lexicon scorer; every matcher is compiled here, once. */
export function createLexiconScorer(options: LexiconScorerOptions = {}): LexiconScorer {
  const stored = options.model === undefined ? MODEL_WEIGHTS : options.model;
  const model = stored ? decodeModel(stored) : null;
  const lists = [
    compileList('plain', [['en', ENGLISH_TERMS], ['hi', HINDI_TERMS]]),
    compileList('roman', [['hinglish', HINGLISH_TERMS]]),
  ];
  // Single words of weight, for reading broken words back together.
  // Abusive words and verbs of harm, as single keys: a word broken into pieces is put back together
  // only when it makes one of these.
  const wholeWords = { plain: new Set<string>(), roman: new Set<string>(), word: new Set<string>() } satisfies Record<SkeletonForm, Set<string>>;
  const addWhole = (form: SkeletonForm, key: string | null) => {
    if (key !== null && !key.includes(' ') && !key.endsWith('*') && key.length >= 3) wholeWords[form].add(key);
  };
  for (const list of lists) for (const t of list.terms) if (t.weight >= 0.6 && !t.targetedOnly && !t.hinglishOnly) addWhole(list.form, keyOf(t.term, list.form));
  // Hindi verbs of harm too ("ठो क देंगे"); romanized ones are too often two real words ("tod do").
  for (const word of HINDI_CLASSES.harm ?? []) addWhole('plain', keyOf(word, 'plain'));
  const wholePlain = wholeWordsOf(wholeWords.plain);
  const wholeRoman = wholeWordsOf(wholeWords.roman);
  // English and Hindi classes share a form and never a key (different scripts): one scanner.
  const wordClasses = compileClasses('word', 'en', mergeClasses(ENGLISH_CLASSES, HINDI_CLASSES));
  const hinglishClasses = compileClasses('roman', 'hinglish', HINGLISH_CLASSES);
  // "tu", "abe", "aap" address the reader in any text, as "you" does.
  const hinglishYou = compileClasses('roman', 'hinglish', { you: HINGLISH_CLASSES.you ?? [] });
  // Masked words ("f**k", "ch*tiya") are compared with the vocabulary's stronger words by pattern.
  const obscenityTerms: CompiledTerm[] = Object.entries(OBSCENITY_WORDS).map(([term, { kind, weight }]) => ({ term, kind, weight, source: 'en' }));
  const maskable = [...lists.flatMap((l) => l.terms), ...obscenityTerms]
    .map((t) => ({ t, key: formsOf(normalizeForMatch(t.term)).plain }))
    .filter(({ t, key }) => t.weight >= 0.6 && t.kind !== 'sensitive' && !key.includes(' ') && !t.term.endsWith('*') && key.length >= 3)
    .sort((a, b) => b.t.weight - a.t.weight);
  // Words that count only when aimed, or only in Hinglish ("k*tta", "l*nd"), are tried after the rest,
  // so they never take a masked word from one that counts anywhere; their own conditions still apply.
  const maskableFirst = maskable.filter(({ t }) => !t.targetedOnly && !t.hinglishOnly);
  const maskableLast = maskable.filter(({ t }) => t.targetedOnly || t.hinglishOnly);
  // A masked word whose letters alone are longer than every key matches none: it is not made into a
  // pattern (a stranger's 5,000-character "a-a-a-…" made one too deep for the regular expression engine).
  const longestMaskable = Math.max(0, ...maskable.map(({ key }) => key.length));

  const built = englishDataset.build();
  const obscenity = new RegExpMatcher({
    ...built,
    whitelistedTerms: [...(built.whitelistedTerms ?? []), ...OBSCENITY_WHITELIST],
    ...englishRecommendedTransformers,
  });
  // Obscenity reads one word at a time here, so its two-word exceptions ("pussy willow", "cum laude")
  // are checked against the words on either side.
  const allowedPairs = new Set(OBSCENITY_WHITELIST.filter((w) => w.split(' ').length === 2));
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
    // Every field present from the start: entries then share one shape, and the loops that read
    // them stay monomorphic (fields added later gave entries several shapes).
    const { plain, roman, collapsed, word } = formsOf(token);
    const entry: MemoEntry = { plain, roman, collapsed, word, profane: undefined, modelBuckets: undefined };
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

  function read(text: string, siteLocale: string) {
    const detected = detectLanguage(text, siteLocale);
    const prepared = prepareText(text, describe);
    // Words broken into pieces ("चू तिया", "ठो क", "हरा mi"): short pieces side by side are read together.
    const merges = rejoined(prepared.split, wholePlain, wholeRoman);
    if (merges.length > 0) prepared.split = mergeTokens(prepared.split, merges, describe);
    const indic = detected === 'hi' || detected === 'hi-Latn';
    const ix = classIndexOf(prepared.split, prepared, indic ? [wordClasses, hinglishClasses] : [wordClasses, hinglishYou], indic);
    return { detected, prepared, indic, ix };
  }

  function analyze(text: string, siteLocale = 'en'): LexiconAnalysis {
    const { detected, prepared, indic, ix: modelIx } = read(text, siteLocale);
    // The words and rules read communities named since the model was trained as groups; the model reads
    // the classes it was trained on (see 'community').
    const ix = withCommunities(modelIx);
    const split = prepared.split;
    const quoted = quotedRanges(text);
    const clauseEnds = clauseEndsOf(text, prepared, split);
    const condemned = within(ix, ['condemn'], 0, Number.MAX_SAFE_INTEGER) !== undefined;

    const isComparison = (q: Span) => q.first === q.last && split.forms[q.first]?.word === 'like' && COMPARISON_VERBS.has(split.forms[q.first - 1]?.word ?? '');

    /** How much of a hit made of `parts` stands, given quotation marks and reported speech. */
    const quoteKeep = (parts: readonly Span[]): number => {
      const range = { first: parts[0]!.first, last: parts[parts.length - 1]!.last };
      // The chunk's second character: its first may be the opening quotation mark itself.
      const quotedAt = (token: number) => inRanges(quoted, (prepared.chunkSpans[split.chunks[token] ?? 0]?.[0] ?? 0) + 1);
      const inQuotes = quoted.length > 0 && parts.some((p) => quotedAt(p.first) || quotedAt(p.last));
      if (inQuotes) return condemned ? CONDEMNED_KEEP : QUOTED_KEEP;
      // Reported without quotation marks ("he called farmers parasites, shameful") counts only when condemned.
      // Reported speech in a comment that condemns it ("it hurts to see people saying X are worthless").
      if (!condemned) return 1;
      const sentence = ix.sentence[range.first];
      // "He sounds like a …", "you look like a …": a comparison is said of someone, not reported.
      // "likhna band kar warna haath tod denge": a demand to stop, then what follows if not, is no report of words.
      const hinge = (q: Span) => within(ix, ['ultimatum'], q.last + 1, range.first - 1, sentence) !== undefined;
      const reportedBefore = (ix.spans.get('quote') ?? []).some((q) => q.first < range.first && ix.sentence[q.first] === sentence && !isComparison(q) && !hinge(q));
      const reported = reportedBefore || (ix.sov && within(ix, ['quote'], range.last + 1, range.last + 6, sentence) !== undefined);
      return reported ? CONDEMNED_KEEP : 1;
    };

    // Keyed by list, term and chunk so the split and glued streams do not count one word twice.
    const found = new Map<string, { term: CompiledTerm; range: Span }>();
    for (const stream of [split, prepared.glued]) {
      if (!stream) continue;
      for (const list of lists) {
        const joined = stream[list.form];
        // Terms start at word starts only, so only those offsets are tried.
        for (const match of list.scan(joined.text, joined.starts)) {
          const term = list.terms[match.term];
          if (!term) continue;
          const first = tokenAt(joined.starts, match.start);
          const last = tokenAt(joined.starts, match.end - 1);
          const fromChunk = stream.chunks[first] ?? 0;
          const range = stream === split ? { first, last } : splitRange(split, fromChunk, stream.chunks[last] ?? fromChunk);
          // Everyday Hindi words that romanize into abuse: छूट (a discount) reads as chut, चुटिया (a braid)
          // as chutiya, कठुआ (a town) as a slur. Written in Devanagari they are the everyday word (and the
          // Hindi list, not the romanized one, says what they are).
          if (term.source === 'hinglish' && range.first === range.last && ROMAN_HOMOGRAPHS.has(split.surfaces[range.first] ?? '')) continue;
          // One stretch of text is one word, however many lists know it (टट्टी, and tatti romanized).
          const key = `${range.first}:${range.last}`;
          const previous = found.get(key);
          if (!previous || previous.term.weight < term.weight) found.set(key, { term, range });
        }
      }
    }
    for (const masked of prepared.masked) {
      if (masked.text.replace(/\*+/g, '').length > longestMaskable) continue;
      const pattern = maskPattern(masked.text);
      const match = maskableFirst.find(({ key }) => pattern.test(key)) ?? maskableLast.find(({ key }) => pattern.test(key));
      if (match) found.set(`mask:${masked.chunk}`, { term: match.t, range: splitRange(split, masked.chunk, masked.chunk) });
    }

    // Hinglish-only words count when the text reads as Hinglish or Hindi, or already holds Hinglish abuse.
    const hinglishContext = indic || [...found.values()].some(({ term }) => term.source === 'hinglish' && !term.hinglishOnly);

    const best = new Map<string, ScoredHit>();
    const coveredChunks = new Set<number>();
    const add = (term: string, kind: LexiconKind, source: LexiconHit['source'], weight: number, parts: Span[], aim: number) => {
      const quoting = quoteKeep(parts);
      // A capitalized word inside a sentence, or before another capitalized word, is a name
      // (Dick Cheney, the village of Fucking, the Chutia kingdom) unless it is said to the reader.
      const named = NAMEABLE.has(kind) && parts.length === 1 && parts[0]!.first === parts[0]!.last && aim < 1 && isName(text, prepared, split, parts[0]!.first);
      const self = (kind === 'insult' || kind === 'abuse') && aim < 1 && parts.length === 1 && namesSelf(split.surfaces, parts[0]!.first, parts[0]!.last);
      const score = scoreOf(kind, weight, self ? 0 : aim) * quoting * (named ? NAME_KEEP : 1) * (self ? SELF_KEEP : 1);
      const excerpt = excerptOf(text, prepared, parts, split);
      keepStrongest(best, { term, kind, source, targeted: aim > 0, quoted: quoting < 1, score, excerpt, shares: SHARES[kind] });
    };
    for (const [key, { term, range }] of found) {
      // A masked word already fits the listed word whole ("ch*tiyon"); a word stretched past its listed
      // spellings ("saaleee") is read with each run of three or more letters cut to one, too.
      if (term.spelled && !key.startsWith('mask:') && !isSpelled(term.spelled, split, range.first)) continue;
      // "कचरा कल उठवा लेंगे": carting off the garbage is no abduction.
      if (term.kind === 'threat' && wordBefore(split, range, INNOCENT_OBJECTS)) continue;
      // "lambi chutiya mein gajra" (a braid), "patakha factory" (firecrackers): the everyday word beside its own things.
      if ((term.source === 'hinglish' || term.source === 'en') && inOwnContext(split, range)) continue;
      // "the dogs keep barking all night": what an animal does, said of the animal.
      if (term.animalDoes && wordBefore(split, range, ANIMALS)) continue;
      // "mere saale ki shaadi", "saala yaani patni ka bhai": kinship, not an oath.
      if (term.kinship && within(ix, ['kin'], range.first - 1, range.last + 1)) continue;
      let aim = aimOf(ix, range.first, range.last, term.kind, term.describesThings, split.surfaces);
      // "…sirf reel banana aata h, nalayak": a name standing as a clause of its own is said to someone.
      if (aim === 0 && (term.kind === 'insult' || term.kind === 'abuse') && !term.describesThings && !term.targetedOnly && isVocative(ix, range, clauseEnds, split.surfaces.length)) aim = VOCATIVE_AIM;
      // "main kitna buddhu hoon", "main bhi gadha hu": a name the writer gives themself (a first-person
      // copula right after it, no "you" near) is aimed at no one.
      if (aim > 0 && aim < 1 && (term.kind === 'insult' || term.kind === 'abuse') && FIRST_PERSON_COPULA.has(split.surfaces[range.last + 1] ?? '')) aim = 0;
      if (term.targetedOnly && aim === 0) continue;
      // "ur dog is adorable", "तुम्हारा कुत्ता बहुत प्यारा है": an everyday word right after "your" is the reader's own thing.
      if (term.targetedOnly && within(ix, ['owner'], range.first - 1, range.first - 1) && within(ix, ['you'], range.first - 1, range.first - 1)) continue;
      // "Jaleel sahab", "Gadar 2", "Lund mein": an everyday word, or one that is also English or a name,
      // written as a name is the name.
      if ((term.targetedOnly || term.hinglishOnly) && aim < 1 && (isName(text, prepared, split, range.first) || (term.hinglishOnly && isTitleCase(text, prepared, split, range.first)))) continue;
      if (term.hinglishOnly && !hinglishContext) continue;
      const denied = (term.kind === 'insult' || term.kind === 'identity') && isDenied(ix, range.first, range.last, clauseEnds, split.surfaces);
      if (denied && term.targetedOnly) continue;
      for (let i = range.first; i <= range.last; i++) coveredChunks.add(split.chunks[i] ?? -1);
      const news = term.kind === 'threat' && reportsThreat(ix, split.surfaces, range.first);
      add(term.term, term.kind, term.source, (denied ? term.weight * DENIED_KEEP : term.weight) * (news ? REPORTED_THREAT_KEEP : 1), [range], denied ? 0 : aim);
    }

    // The glued stream too: "sh.it" is only a word once glued back.
    for (const stream of [split, prepared.glued]) {
      if (!stream) continue;
      profanityOf(stream.surfaces, stream.forms).forEach((words, i) => {
        const chunk = stream.chunks[i] ?? -1;
        // Our own lists refine obscenity's roots ("motherfucker", "asshole"); they speak for the word.
        if (words.length === 0 || coveredChunks.has(chunk)) return;
        const surface = stream.surfaces[i] ?? '';
        if (allowedPairs.has(`${surface} ${stream.surfaces[i + 1] ?? ''}`) || allowedPairs.has(`${stream.surfaces[i - 1] ?? ''} ${surface}`)) return;
        const range = stream === split ? { first: i, last: i } : splitRange(split, chunk, chunk);
        for (const word of words) {
          const { kind, weight } = OBSCENITY_WORDS[word];
          // Hindi speakers use "negro" as the plain word for Black people (Multilingual HateCheck's Hindi does too).
          let plain = word === 'negro' && indic ? SLUR_AS_NOUN_KEEP * weight : weight;
          // A capitalized word that only contains the root (Wankaner, Shitalakhya) is a place or a person.
          if (isNamedCompound(text, prepared, stream.chunks[i] ?? 0, stream.forms[i]?.plain ?? '', word)) plain *= NAME_KEEP;
          add(word, kind, 'obscenity', plain, [range], aimOf(ix, range.first, range.last, kind));
        }
      });
    }

    for (const hit of applyRules(ix)) {
      let weight = hit.weight;
      // Threat words in a sentence that reports news, addressed to no one, are likely the news; so is a
      // punishment asked for people named by their crime ("hang the rapists", "दोषियों को फांसी दो"), and
      // not when the match names anyone else ("hang them all").
      if (hit.kind === 'threat' && (reportsNews(ix, hit.parts[0]!.first, split.surfaces) || reportsThreat(ix, split.surfaces, hit.parts[0]!.first) || namesOnly(ix, hit.parts, 'culprit'))) {
        weight *= REPORTED_THREAT_KEEP;
      }
      add(hit.rule, hit.kind, 'rule', weight, hit.parts, 0);
    }

    // The learned model holds what it is sure of, and tips over what the words and rules found half-way.
    let probability = 0;
    // In Devanagari text the words of condemnation stand in abuse as often as against it ("तुझे शर्म नहीं आती",
    // "नफरत इनके DNA में है", "शाम तक माफी मांग ले वरना…", and romanized homographs: सामान reads as samman):
    // there only quotation marks counter the model (out of fold: Hindi toxic held 91.4% -> 91.7%, benign 2.6% both).
    const countered = quoted.length > 0 || (detected !== 'hi' && within(ix, ['condemn'], 0, Number.MAX_SAFE_INTEGER) !== undefined);
    if (model) {
      const reading = readModel(model, split, modelIx);
      probability = reading.probability;
      const lexical = Math.max(0, ...[...best.values()].filter((h) => h.kind !== 'sensitive').map((h) => h.score));
      const lang = MODEL_LANG[detected];
      const calibrated = (lang && model.holds[lang]) ?? model.hold;
      const top = probability >= Math.min(calibrated, MODEL_SUPPORT) ? topTokens(reading) : [];
      // "Muslims are not terrorists": a negation right at the words the model went by denies them. Not in
      // Devanagari Hindi, where नहीं, मत and ना stand in most sentences, before verbs and after nouns, and
      // the model has learned them in context ("कभी नहीं सुधरेंगे", "इनके बस का नहीं", "पत्रकार नहीं, दलाल है"):
      // there the gate cost a tenth of the toxic comments held out of fold and saved a fifth of a percent of benign.
      // In romanized Hindi the negation is as often the abuse itself ("kabhi nahi sudhrenge", "kuch nahi
      // aata", "layak nahi"): there it denies only a derogatory word the model went by ("aatankwadi nahi hain").
      const deniable = (t: number) => {
        if (detected !== 'hi-Latn') return true;
        const word = within(ix, ['derog', 'dehuman'], t, t);
        return word !== undefined && within(ix, ['neg'], word.first, word.last) === undefined;
      };
      // A menace said to someone keeps its negations: "you won't be able to walk", "we'll make sure you never write again".
      const denied =
        detected !== 'hi' &&
        top.some((t) => deniable(t) && (isDenied(ix, t, t, clauseEnds) || (!ix.sov && within(ix, ['neg'], t + 1, t + 2, ix.sentence[t]) !== undefined))) &&
        !(has(ix, ['you']) && has(ix, ['intent', 'warn', 'doxx', 'harm', 'violence', 'ultimatum', 'know', 'wish']));
      // "Immigrants are wonderful people": praise with nothing abusive found is not held on the model's word,
      // nor goodwill ("happy diwali to you and your family", "should be allowed to pray in peace").
      // Praise denied is none ("zyada hero mat ban").
      // Praise of a body or beside an advance is the advance ("itni sundar ho, ek raat ke liye aa jao").
      // "ये सरकार कुछ नहीं करेगी, सब एक जैसे हैं", "barish ne … system ne kuch nahi kiya": a complaint about an
      // institution, with no person or people named, nothing abusive found and no one addressed or threatened.
      const complaint =
        lexical < LEXICAL_SUPPORT &&
        has(ix, ['institution']) &&
        !has(ix, ['you', 'person', 'group', 'harm', 'violence', 'command', 'doxx', 'warn', 'exclude', 'hate', 'dehuman', 'derog', 'body', 'advance']);
      const praised =
        lexical < LEXICAL_SUPPORT &&
        !has(ix, ['body', 'advance', 'harm', 'violence', 'warn']) &&
        (['praise', 'goodwill'] as const).some((cls) => (ix.spans.get(cls) ?? []).some((p) => !isDenied(ix, p.first, p.last, clauseEnds)));
      // A short comment gives the model few words to go by: alone, it then holds only half-way to certainty.
      // Mentions are no words to go by (the model reads none): "@user @user Party toh banti hai bhai" is five.
      let tokens = 0;
      for (const surface of split.surfaces) if (surface !== MENTION_TOKEN) tokens++;
      const hold = tokens < TINY_COMMENT ? Number.POSITIVE_INFINITY : tokens < SHORT_COMMENT ? (1 + calibrated) / 2 : calibrated;
      const score = modelScore(probability, lexical, countered || denied || praised || complaint, hold);
      if (score > 0) {
        const parts = top.sort((a, b) => a - b).map((t) => ({ first: t, last: t }));
        const kind = modelKindOf(ix);
        keepStrongest(best, { term: 'learned model', kind, source: 'model', targeted: false, quoted: false, score, excerpt: parts.length > 0 ? excerptOf(text, prepared, parts, split) : '', shares: SHARES[kind] });
      }
    }

    const hits = [...best.values()].sort((a, b) => b.score - a.score);
    let language = detected;
    // A lone "bewakoof" has no Hinglish function words to detect, but the word itself says Hinglish.
    if (detected !== 'hi' && detected !== 'hi-Latn' && detected !== 'und' && hits.length > 0 && hits.every((h) => h.source === 'hinglish')) {
      language = 'hi-Latn';
    }
    const scores = scoresOf(hits, text);
    return { language, probability, countered, scores, hits: hits.map(({ shares: _shares, ...hit }) => hit), evidence: evidenceOf(hits, scores) };
  }

  function scoreNow(input: Pick<ScoreInput, 'text' | 'siteLocale'>): ScoreResult {
    const { language, scores, evidence } = analyze(input.text, input.siteLocale);
    return evidence.length > 0 ? { ok: true, provider: PROVIDER, scores, language, evidence } : { ok: true, provider: PROVIDER, scores, language };
  }

  function features(text: string, siteLocale = 'en'): ModelFeatures {
    const { prepared, ix } = read(text, siteLocale);
    return modelFeatures(prepared.split, ix);
  }

  return {
    name: PROVIDER,
    analyze,
    features,
    scoreNow,
    async score(input): Promise<ScoreResult> {
      if (input.signal?.aborted) return { ok: false, provider: PROVIDER, reason: 'timeout', detail: 'the caller stopped waiting' };
      return scoreNow(input);
    },
    health() {
      return { ok: true };
    },
  };
}
