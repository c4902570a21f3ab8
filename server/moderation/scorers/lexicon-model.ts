// The lexicon scorer's learned part: a logistic regression over hashed features of the token stream
// (romanized words, word pairs, character 3- and 4-grams, and the word classes the rules read),
// trained by `npm run train:scorer` on the labeled set's train split and the public suites' train
// halves. Romanized features let Hindi, Hinglish and English words that are the same word meet.
// Weights are int8 with one scale, in lexicon-model-weights.ts; inference is a sum of a few hundred
// table lookups.
import type { WordClass } from './lexicon-entry.js';
import type { ClassIndex } from './lexicon-rules.js';
import { MENTION_TOKEN, type TokenForms, type TokenStream } from './lexicon-text.js';

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

const CLASS_COUNT = MODEL_CLASSES.length;
const GROUP_CLASS = MODEL_CLASSES.indexOf('group');
/** The buckets of `k:${class}` (a class occurs) by class index, hashed once rather than per comment. */
const CLASS_BUCKETS = MODEL_CLASSES.map((cls) => hashFeature(`k:${cls}`));
/** The buckets of `p:${x}>${y}` (class x, then class y in the same sentence) by x × CLASS_COUNT + y. */
const PAIR_BUCKETS = MODEL_CLASSES.flatMap((x) => MODEL_CLASSES.map((y) => hashFeature(`p:${x}>${y}`)));

const GROUP_WORD = '<group>';
const NO_BUCKETS = new Int32Array(0);

/** Receives one feature of a comment: its bucket, and the token it came from (-1: none). */
export type FeatureSink = (bucket: number, token: number) => void;

/**
 * Produces a comment's features, in order, from its split token stream and word classes: the one
 * definition of the model's input, collected into lists for training (modelFeatures) and summed on
 * the fly when scoring (readModel), which then allocates no list of a few thousand entries per comment.
 */
export function forEachFeature(split: TokenStream, ix: ClassIndex, emit: FeatureSink): void {
  // Words naming a group are one placeholder: the model learns what is said of a group, never that
  // a group's name is itself toxic (the public suites say vile things of seven groups, and news
  // comments name them all day).
  const words = split.forms.map((f) => f.roman);
  for (const span of ix.spans.get('group') ?? []) for (let i = span.first; i <= span.last; i++) words[i] = GROUP_WORD;
  // A mention ("@user", however it was spelled) gives no feature, alone, in a pair or as a class: it
  // is how a reply starts on every platform, yet the written set's mentions were nearly all in abuse
  // (128 toxic to 14 benign), and real replies were held for it ("@user Jai ho", "@user Kya problem hai").
  const surfaces = split.surfaces;
  for (let i = 0; i < words.length; i++) if (surfaces[i] === MENTION_TOKEN) words[i] = '';
  const isMention = (span: { first: number; last: number }) => span.first === span.last && surfaces[span.first] === MENTION_TOKEN;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word === '') continue;
    const forms = split.forms[i] as TokenForms & { modelBuckets?: Int32Array };
    // A group's name has no feature of its own, only its neighbours do ("<group> are", "the <group>").
    const own = word === GROUP_WORD ? NO_BUCKETS : (forms.modelBuckets ??= wordBuckets(word));
    for (const bucket of own) emit(bucket, i);
    const next = words[i + 1];
    if (next && ix.sentence[i + 1] === ix.sentence[i]) {
      emit(hashPair('b:', word, next), i);
      // A word pair with one word between ("teri * beti", "are all * animals") reads past fillers.
      const third = words[i + 2];
      if (third && ix.sentence[i + 2] === ix.sentence[i]) {
        emit(hashPair('s:', word, third), i);
      }
    }
  }
  // A class next to a word ("<you> ki beti", "<group> only good"): what is said of whom, past the
  // spelling of the class word itself.
  for (const cls of MODEL_CLASSES) {
    for (const span of ix.spans.get(cls) ?? []) {
      if (isMention(span)) continue;
      const sentence = ix.sentence[span.first];
      const after = words[span.last + 1];
      if (after && ix.sentence[span.last + 1] === sentence) {
        emit(hashPair('ca:', cls, after), span.last + 1);
      }
      const before = words[span.first - 1];
      if (before && ix.sentence[span.first - 1] === sentence) {
        emit(hashPair('cb:', cls, before), span.first - 1);
      }
    }
  }
  // Structure: which classes occur, and which pairs share a sentence, in order. Classes go by their
  // index in MODEL_CLASSES, so the features' buckets come from tables hashed once.
  const present: Array<{ cls: number; first: number; sentence: number }> = [];
  MODEL_CLASSES.forEach((cls, index) => {
    for (const span of ix.spans.get(cls) ?? []) if (!isMention(span)) present.push({ cls: index, first: span.first, sentence: ix.sentence[span.first] ?? 0 });
  });
  present.sort((a, b) => a.first - b.first);
  /** Class indices, and CLASS_COUNT + pair index for pairs, already emitted. */
  const seen = new Set<number>();
  for (let a = 0; a < present.length; a++) {
    const x = present[a]!;
    // That a group is named is no sign of anything (news names them all day); what follows it may be.
    if (!seen.has(x.cls) && x.cls !== GROUP_CLASS) {
      seen.add(x.cls);
      emit(CLASS_BUCKETS[x.cls]!, -1);
    }
    for (let b = a + 1; b < present.length && b <= a + 6; b++) {
      const y = present[b]!;
      if (y.sentence !== x.sentence || y.cls === x.cls) continue;
      const pair = x.cls * CLASS_COUNT + y.cls;
      if (!seen.has(CLASS_COUNT + pair)) {
        seen.add(CLASS_COUNT + pair);
        emit(PAIR_BUCKETS[pair]!, -1);
      }
    }
  }
}

/** A comment's features as lists, for training. */
export function modelFeatures(split: TokenStream, ix: ClassIndex): ModelFeatures {
  const buckets: number[] = [];
  const tokens: number[] = [];
  forEachFeature(split, ix, (bucket, token) => {
    buckets.push(bucket);
    tokens.push(token);
  });
  return { buckets, tokens };
}

export interface LinearModel {
  /**
   * One weight per bucket, as the stored int8 level: a quarter of the memory of the float weights,
   * so more of it stays in cache (a comment reads a few thousand buckets at random).
   */
  levels: Int8Array;
  /** The weight each level stands for, level + 128 as index: level × scale as a float32. */
  weightOfLevel: Float64Array;
  bias: number;
  /** The probability from which the model alone holds a comment (see StoredModel.hold). */
  hold: number;
  /** Per language, where the weights have one (see StoredModel.holds). */
  holds: Readonly<Partial<Record<ModelLang, number>>>;
}

/** The languages the model is calibrated for, as the labeled set names them. */
export type ModelLang = 'en' | 'hi' | 'hinglish';

/** The weight of one bucket, already multiplied by the scale. */
export function weightAt(model: LinearModel, bucket: number): number {
  return model.weightOfLevel[(model.levels[bucket] ?? 0) + 128]!;
}

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
  const levels = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length).slice();
  // Rounded to float32, as the weights were when they were kept as a Float32Array: the same sums.
  const weightOfLevel = new Float64Array(256);
  for (let level = -128; level < 128; level++) weightOfLevel[level + 128] = Math.fround(level * stored.scale);
  return { levels, weightOfLevel, bias: stored.bias, hold: stored.hold, holds: stored.holds ?? {} };
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

/** The feature vector (of `count` features) is scaled to unit length, so long comments do not score higher for being long. */
export function normOf(count: number): number {
  return 1 / Math.sqrt(Math.max(1, count));
}

/** What the model makes of one comment. */
export interface ModelReading {
  /** The probability that the comment is toxic. */
  probability: number;
  /** For each token, the summed weights of the features it gave (the model's evidence). */
  tokenWeights: Float64Array;
}

/** The probability and the per-token sums topTokens() reads, summed as the features are produced. */
export function readModel(model: LinearModel, split: TokenStream, ix: ClassIndex): ModelReading {
  const tokenWeights = new Float64Array(split.forms.length);
  // An object's number field rather than a `let` the closure below captures: V8 boxes a captured
  // double anew on every assignment, a few thousand small allocations per comment.
  const sum = { z: 0, count: 0 };
  // Summed in feature order, as training's predict() sums modelFeatures(): the same probability.
  forEachFeature(split, ix, (bucket, token) => {
    const weight = weightAt(model, bucket);
    sum.z += weight;
    sum.count++;
    if (token >= 0) tokenWeights[token] = (tokenWeights[token] ?? 0) + weight;
  });
  return { probability: 1 / (1 + Math.exp(-(model.bias + sum.z * normOf(sum.count)))), tokenWeights };
}

/** The tokens whose features pushed the probability up most, strongest first: the model's evidence. */
export function topTokens(reading: ModelReading, count = 3): number[] {
  const positive: number[] = [];
  reading.tokenWeights.forEach((weight, token) => {
    if (weight > 0) positive.push(token);
  });
  const weights = reading.tokenWeights;
  return positive.sort((a, b) => weights[b]! - weights[a]! || a - b).slice(0, count);
}
