// The lexicon scorer's learned part: a logistic regression over hashed features of the token stream
// (romanized words, word pairs, character 3- and 4-grams, and the word classes the rules read),
// trained by `npm run train:scorer` on the labeled set's train split and the public suites' train
// halves. Romanized features let Hindi, Hinglish and English words that are the same word meet.
// Weights are int8 with one scale, in lexicon-model-weights.ts; inference is a sum of a few hundred
// table lookups.
import type { WordClass } from './lexicon-entry.js';
import type { ClassIndex } from './lexicon-rules.js';
import type { TokenForms, TokenStream } from './lexicon-text.js';

/** Number of hash buckets (a power of two). */
export const MODEL_BUCKETS = 1 << 18;

/** Features of one comment: bucket indices and, for evidence, the token each came from (-1: none). */
export interface ModelFeatures {
  buckets: number[];
  tokens: number[];
}

const FNV_OFFSET = 0x811c9dc5;

function fnv(h: number, text: string, from = 0, to = text.length): number {
  for (let i = from; i < to; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** FNV-1a over UTF-16 code units: fast, and the same in training and in the server. */
export function hashFeature(text: string): number {
  return (fnv(FNV_OFFSET, text) >>> 0) & (MODEL_BUCKETS - 1);
}

/** The hash of `${prefix}${a} ${b}`, without building the string. */
function hashPair(prefix: string, a: string, b: string): number {
  return (fnv(fnv(fnv(fnv(FNV_OFFSET, prefix), a), ' '), b) >>> 0) & (MODEL_BUCKETS - 1);
}

/**
 * A word's own features: the word and its character 3- and 4-grams within < and >. Computed once per
 * distinct word and kept on its memoized forms (`cache`), since words recur across comments.
 */
function wordBuckets(word: string): Int32Array {
  const out: number[] = [hashFeature(`w:${word}`)];
  if (word.length >= 3) {
    const padded = `<${word}>`;
    for (let n = 3; n <= 4; n++) for (let k = 0; k + n <= padded.length; k++) out.push((fnv(fnv(FNV_OFFSET, 'c:'), padded, k, k + n) >>> 0) & (MODEL_BUCKETS - 1));
  }
  return Int32Array.from(out);
}

/** Classes whose presence, and whose pairs within a sentence, are features. */
const MODEL_CLASSES: readonly WordClass[] = [
  'you', 'pron3', 'person', 'copula', 'exclaim', 'group', 'collective', 'quant', 'derog', 'exclude', 'hate', 'harm', 'intent', 'modal', 'wish', 'doxx', 'know', 'warn',
  'neg', 'condemn', 'quote', 'report', 'brain', 'belittle', 'body', 'advance', 'praise', 'command',
];

const GROUP_WORD = '<group>';
const NO_BUCKETS = new Int32Array(0);

/** Computes a comment's features from its split token stream and word classes. */
export function modelFeatures(split: TokenStream, ix: ClassIndex): ModelFeatures {
  const buckets: number[] = [];
  const tokens: number[] = [];
  const add = (feature: string, token: number) => {
    buckets.push(hashFeature(feature));
    tokens.push(token);
  };
  // Words naming a group are one placeholder: the model learns what is said of a group, never that
  // a group's name is itself toxic (the public suites say vile things of seven groups, and news
  // comments name them all day).
  const words = split.forms.map((f) => f.roman);
  for (const span of ix.spans.get('group') ?? []) for (let i = span.first; i <= span.last; i++) words[i] = GROUP_WORD;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word === '') continue;
    const forms = split.forms[i] as TokenForms & { modelBuckets?: Int32Array };
    // A group's name has no feature of its own, only its neighbours do ("<group> are", "the <group>").
    const own = word === GROUP_WORD ? NO_BUCKETS : (forms.modelBuckets ??= wordBuckets(word));
    for (const bucket of own) {
      buckets.push(bucket);
      tokens.push(i);
    }
    const next = words[i + 1];
    if (next !== undefined && ix.sentence[i + 1] === ix.sentence[i]) {
      buckets.push(hashPair('b:', word, next));
      tokens.push(i);
      // A word pair with one word between ("teri * beti", "are all * animals") reads past fillers.
      const third = words[i + 2];
      if (third !== undefined && ix.sentence[i + 2] === ix.sentence[i]) {
        buckets.push(hashPair('s:', word, third));
        tokens.push(i);
      }
    }
  }
  // A class next to a word ("<you> ki beti", "<group> only good"): what is said of whom, past the
  // spelling of the class word itself.
  for (const cls of MODEL_CLASSES) {
    for (const span of ix.spans.get(cls) ?? []) {
      const sentence = ix.sentence[span.first];
      const after = words[span.last + 1];
      if (after !== undefined && ix.sentence[span.last + 1] === sentence) {
        buckets.push(hashPair('ca:', cls, after));
        tokens.push(span.last + 1);
      }
      const before = words[span.first - 1];
      if (before !== undefined && ix.sentence[span.first - 1] === sentence) {
        buckets.push(hashPair('cb:', cls, before));
        tokens.push(span.first - 1);
      }
    }
  }
  // Structure: which classes occur, and which pairs share a sentence, in order.
  const present: Array<{ cls: WordClass; first: number; sentence: number }> = [];
  for (const cls of MODEL_CLASSES) {
    for (const span of ix.spans.get(cls) ?? []) present.push({ cls, first: span.first, sentence: ix.sentence[span.first] ?? 0 });
  }
  present.sort((a, b) => a.first - b.first);
  const seen = new Set<string>();
  for (let a = 0; a < present.length; a++) {
    const x = present[a]!;
    // That a group is named is no sign of anything (news names them all day); what follows it may be.
    if (!seen.has(x.cls) && x.cls !== 'group') {
      seen.add(x.cls);
      add(`k:${x.cls}`, -1);
    }
    for (let b = a + 1; b < present.length && b <= a + 6; b++) {
      const y = present[b]!;
      if (y.sentence !== x.sentence || y.cls === x.cls) continue;
      const pair = `p:${x.cls}>${y.cls}`;
      if (!seen.has(pair)) {
        seen.add(pair);
        add(pair, -1);
      }
    }
  }
  return { buckets, tokens };
}

export interface LinearModel {
  /** One weight per bucket, already multiplied by the scale. */
  weights: Float32Array;
  bias: number;
  /** The probability from which the model alone holds a comment (see StoredModel.hold). */
  hold: number;
  /** Per language, where the weights have one (see StoredModel.holds). */
  holds: Readonly<Partial<Record<ModelLang, number>>>;
}

/** The languages the model is calibrated for, as the labeled set names them. */
export type ModelLang = 'en' | 'hi' | 'hinglish';

/** The stored form of a model: int8 weights as base64, their scale, and the intercept. */
export interface StoredModel {
  buckets: number;
  scale: number;
  bias: number;
  /**
   * The operating point: the lowest probability at which the model alone holds a comment, chosen by
   * `npm run train:scorer` from 5-fold cross-validation on the train split so that the model adds at
   * most a set share of false holds per language to what words and rules hold. It maps to 0.80.
   * Used for text in no language of `holds`.
   */
  hold: number;
  /**
   * The same operating point chosen for each language on its own comments: a batch of hard benign
   * Hinglish then raises Hinglish's hold point, not English's and Hindi's.
   */
  holds?: Readonly<Partial<Record<ModelLang, number>>>;
  base64: string;
}

/** Decodes stored int8 weights. */
export function decodeModel(stored: StoredModel): LinearModel {
  const bytes = Buffer.from(stored.base64, 'base64');
  if (stored.buckets !== MODEL_BUCKETS || bytes.length !== MODEL_BUCKETS) throw new Error(`model weights: ${bytes.length} bytes, expected ${MODEL_BUCKETS}`);
  const weights = new Float32Array(MODEL_BUCKETS);
  for (let i = 0; i < MODEL_BUCKETS; i++) weights[i] = ((bytes[i]! << 24) >> 24) * stored.scale;
  return { weights, bias: stored.bias, hold: stored.hold, holds: stored.holds ?? {} };
}

/** Encodes weights as int8 with one scale (the largest weight maps to 127). */
export function encodeModel(weights: Float64Array): { base64: string; scale: number } {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max === 0 ? 1 : max / 127;
  const bytes = Buffer.alloc(weights.length);
  for (let i = 0; i < weights.length; i++) bytes[i] = Math.max(-127, Math.min(127, Math.round((weights[i] ?? 0) / scale))) & 0xff;
  return { base64: bytes.toString('base64'), scale };
}

/** The feature vector is scaled to unit length, so long comments do not score higher for being long. */
export function normOf(features: ModelFeatures): number {
  return 1 / Math.sqrt(Math.max(1, features.buckets.length));
}

/** The probability that a comment with these features is toxic. */
export function predict(model: LinearModel, features: ModelFeatures): number {
  let z = 0;
  for (const bucket of features.buckets) z += model.weights[bucket] ?? 0;
  return 1 / (1 + Math.exp(-(model.bias + z * normOf(features))));
}

/** The tokens whose features pushed the probability up most, strongest first: the model's evidence. */
export function topTokens(model: LinearModel, features: ModelFeatures, count = 3): number[] {
  const byToken = new Map<number, number>();
  for (let i = 0; i < features.buckets.length; i++) {
    const token = features.tokens[i]!;
    if (token >= 0) byToken.set(token, (byToken.get(token) ?? 0) + (model.weights[features.buckets[i]!] ?? 0));
  }
  return [...byToken.entries()].filter(([, w]) => w > 0).sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, count).map(([t]) => t);
}
