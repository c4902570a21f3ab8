// Structural rules over a comment's word classes: who is addressed, what is said of whom, intent
// and harm. Words alone cannot tell "the Taliban denied the attack" from "they are all vermin";
// the order of a group, a link and a predicate can. Rules see only class spans (token ranges of
// the comment's split stream) and sentence numbers, so they are the same in every language; the
// word order of Hindi (subject, object, verb) gets its own sequences where it differs.
import type { LexiconKind, WordClass } from './lexicon-entry.js';

export interface Span {
  first: number;
  last: number;
}

export interface ClassIndex {
  /** Spans of each class, ordered by first token. */
  spans: ReadonlyMap<WordClass, readonly Span[]>;
  /** Sentence number of each token. */
  sentence: readonly number[];
  /** Whether the comment reads as Hindi or Hinglish (subject-object-verb order, negation after). */
  sov: boolean;
}

export interface RuleHit {
  rule: string;
  kind: LexiconKind;
  weight: number;
  /** The spans that made the match, in text order: quoted as evidence. */
  parts: Span[];
}

type Classes = readonly WordClass[];
interface Step {
  cls: Classes;
  /** How many tokens may stand between the previous step and this one. */
  gap: number;
}

const EMPTY: readonly Span[] = [];

/** The spans of any of `cls`, ordered by first token then last; shared, not copied, when only one class has any. */
function spansOf(ix: ClassIndex, cls: Classes): readonly Span[] {
  let only: readonly Span[] = EMPTY;
  let found = 0;
  for (const c of cls) {
    const spans = ix.spans.get(c);
    if (spans && spans.length > 0) {
      only = spans;
      found++;
    }
  }
  // Most comments hold only a few classes: usually there is nothing to merge.
  if (found <= 1) return only;
  const out: Span[] = [];
  for (const c of cls) out.push(...(ix.spans.get(c) ?? EMPTY));
  return out.sort((a, b) => a.first - b.first || a.last - b.last);
}

/** Whether a span of `cls` starts within [from, to] in sentence `sentence`. */
export function within(ix: ClassIndex, cls: Classes, from: number, to: number, sentence?: number): Span | undefined {
  for (const c of cls) {
    for (const s of ix.spans.get(c) ?? EMPTY) {
      if (s.first > to) break;
      if (s.last >= from && (sentence === undefined || ix.sentence[s.first] === sentence)) return s;
    }
  }
  return undefined;
}

function sentenceOf(ix: ClassIndex, span: Span): number {
  return ix.sentence[span.first] ?? -1;
}

/**
 * Every way the steps match in order within one sentence, each step starting after the previous
 * one ends with at most `gap` tokens between. Only the first match for each start is kept.
 */
function sequence(ix: ClassIndex, steps: readonly Step[]): Span[][] {
  const head = steps[0];
  if (!head) return [];
  const starts = spansOf(ix, head.cls);
  // Most rules find no start, or miss a later step, in most comments: then nothing to merge or try.
  if (starts.length === 0) return [];
  const rest = steps.slice(1);
  const candidates = rest.map((step) => spansOf(ix, step.cls));
  if (candidates.some((spans) => spans.length === 0)) return [];
  const out: Span[][] = [];
  for (const start of starts) {
    const found = extend(ix, rest, candidates, [start], sentenceOf(ix, start));
    if (found) out.push(found);
  }
  return out;
}

/** Extends `parts` by one span per remaining step; returns `parts` itself, completed, or undefined (then as given). */
function extend(ix: ClassIndex, steps: readonly Step[], candidates: ReadonlyArray<readonly Span[]>, parts: Span[], sentence: number): Span[] | undefined {
  const k = parts.length - 1;
  const step = steps[k];
  if (!step) return parts;
  const previous = parts[parts.length - 1]!;
  for (const next of candidates[k] ?? []) {
    if (next.first <= previous.last) continue;
    if (next.first - previous.last - 1 > step.gap) break;
    if (ix.sentence[next.first] !== sentence) continue;
    parts.push(next);
    const found = extend(ix, steps, candidates, parts, sentence);
    if (found) return found;
    parts.pop();
  }
  return undefined;
}

const s = (cls: Classes, gap = 0): Step => ({ cls, gap });

const TARGET: Classes = ['you', 'pron3', 'person'];
const GROUPISH: Classes = ['group', 'collective'];
const ANY_TARGET: Classes = ['you', 'pron3', 'person', 'group', 'collective', 'quant', 'derog'];
/** A victim named after the harm: "kill them", not "must stop on all sides". */
const VICTIM: Classes = ['you', 'pron3', 'person', 'group', 'collective', 'derog'];
/** Who a remark on a body is about: the reader or a named kind of person, not "ye" (this). */
const HARASSED: Classes = ['you', 'person'];

/**
 * A negation that belongs to a phrase rather than denying one: it ends inside a matched part ("are not"
 * before "not human", "do not" in "do not matter") or is a word of a longer linking phrase ("nothing
 * but", "no better than").
 */
function ownNegation(ix: ClassIndex, n: Span, parts: readonly Span[]): boolean {
  if (parts.some((p) => n.last >= p.first && n.last <= p.last)) return true;
  return (ix.spans.get('copula') ?? EMPTY).some((c) => c.first <= n.first && c.last >= n.last && c.last - c.first > n.last - n.first);
}

/** True when a negation sits where it would deny the predicate `at` (before it in English, after it in Hindi order). */
function negated(ix: ClassIndex, at: Span): boolean {
  const sentence = sentenceOf(ix, at);
  for (const n of ix.spans.get('neg') ?? EMPTY) {
    if (n.first > at.last + (ix.sov ? 3 : 0)) break;
    if (ix.sentence[n.first] !== sentence || ownNegation(ix, n, [at])) continue;
    if (n.last >= at.first - 2 && n.last < at.first) return true;
    if (ix.sov && n.first > at.last) return true;
  }
  return false;
}

interface Rule {
  name: string;
  kind: LexiconKind;
  weight: number;
  /** A negation near the match does not undo it. */
  undeniable?: boolean;
  find(ix: ClassIndex): Span[][];
}

/**
 * Whose private place or people a doxx word names: the reader, a person, or a pronoun near it, but not
 * a bare "ye" or "wo" pointing at a thing ("ye fake photo", "wo school").
 */
function ownerNear(ix: ClassIndex, d: Span): Span | undefined {
  const sentence = sentenceOf(ix, d);
  for (const cls of ['you', 'pron3', 'person'] as const) {
    for (const o of ix.spans.get(cls) ?? EMPTY) {
      if (o.first > d.last + 2) break;
      if (o.last < d.first - 4 || ix.sentence[o.first] !== sentence) continue;
      if (cls === 'pron3' && o.first === o.last && within(ix, ['demonstrative'], o.first, o.first) && !within(ix, ['you', 'person'], o.first, o.first)) continue;
      return o;
    }
  }
  return undefined;
}

/**
 * Postpositions of place: "Kashmir mein aatankwadi" are terrorists in Kashmir, not Kashmir called terrorists.
 * A faith is no place: "islam mein sirf hinsa" (THAR's train half) says what the faith teaches.
 */
function isLocative(ix: ClassIndex, group: Span): boolean {
  if (within(ix, ['faith'], group.first, group.last)) return false;
  return within(ix, ['locative'], group.last + 1, group.last + 1) !== undefined;
}

/**
 * Whether the people named before "should" do the harm rather than suffer it: "Israel should bomb Hamas
 * positions", "the army must crush the uprising" (an object follows an active verb), not "they should be
 * shot", "this reporter should die", "they should rot in jail". English order only.
 */
function agentOf(ix: ClassIndex, [, modal, harm]: Span[]): boolean {
  if (ix.sov || !modal || !harm) return false;
  const sentence = sentenceOf(ix, harm);
  if (within(ix, ['copula'], modal.last + 1, harm.first - 1, sentence)) return false;
  if (within(ix, ['befall'], harm.first, harm.last, sentence)) return false;
  const next = harm.last + 1;
  return ix.sentence[next] === sentence && !within(ix, ['preposition'], next, next, sentence);
}

/**
 * Whether a match names someone only by `cls`: some part is of that class and no other part names a person
 * or a people. A thing ('abstract': "इस बीमारी का इलाज करो", cure this disease) is no victim; people named by
 * their crime ('culprit': "hang the rapists") are punished, not threatened (lexicon.ts).
 */
export function namesOnly(ix: ClassIndex, parts: readonly Span[], cls: WordClass): boolean {
  const of = (classes: Classes, p: Span) => within(ix, classes, p.first, p.last) !== undefined;
  return parts.some((p) => of([cls], p)) && !parts.some((p) => !of([cls], p) && of(['you', 'pron3', 'person', 'group', 'collective'], p));
}

/** A group (or "they" with a quantifier) linked to a derogatory predicate. */
function identityPredicates(ix: ClassIndex): Span[][] {
  const out: Span[][] = [];
  for (const d of spansOf(ix, ['derog', 'dehuman'])) {
    const sentence = sentenceOf(ix, d);
    if (negated(ix, d)) continue;
    // "Muslim lives are not worth any less than anyone else's": a denied worth compared back to equal.
    if (within(ix, ['neg'], d.first, d.last, sentence) && within(ix, ['lesser'], d.last + 1, d.last + 2, sentence)) continue;
    // The subject: a group within eight tokens before the predicate, in the same sentence.
    const reach = ix.sov ? 10 : 8;
    const group = [...spansOf(ix, GROUPISH)].reverse().find((g) => g.last < d.first && d.first - g.last <= reach && sentenceOf(ix, g) === sentence);
    if (!group || isLocative(ix, group)) continue;
    const between = (cls: Classes) => within(ix, cls, group.last + 1, d.first - 1, sentence);
    const link = between(['copula']) ?? between(['quant']);
    const after = within(ix, ['copula'], d.last + 1, d.last + 2, sentence);
    const quant = within(ix, ['quant'], group.first - 3, d.last + 3, sentence);
    const isGroup = within(ix, ['group'], group.first, group.last) !== undefined;
    // "they are animals" may be about one gang; "they are all animals" or "Xs are animals" is about a
    // people, and so is "they" right after a sentence about one.
    const dehumanizing = within(ix, ['dehuman'], d.first, d.last) !== undefined;
    if (!isGroup && !quant && !dehumanizing && !previousGroup(ix, group, sentence)) continue;
    if (link || (ix.sov && (after || d.first - group.last <= 3))) out.push([group, d]);
    else if (quant && d.first - group.last <= 2) out.push([group, d]);
  }
  // "dirty biharis", "savage afghans": the predicate as an adjective on the group.
  // A noun of a thing (आतंक, terror) is no adjective: "जंगली हाथियों का आतंक महिला समेत …" is news (Uli).
  // A place is no group: "Army kills three terrorists in Kashmir encounter".
  for (const [d, g] of sequence(ix, [s(['derog']), s(['group'], 1)])) {
    if (!negated(ix, d!) && !within(ix, ['abstract'], d!.first, d!.last) && !within(ix, ['preposition'], g!.first - 1, g!.first - 1)) out.push([d!, g!]);
  }
  return out;
}

/** "I hate Muslims", "mujhe in logon se nafrat hai", "You gay people make me sick". */
function groupHatred(ix: ClassIndex): Span[][] {
  const out: Span[][] = [];
  for (const h of ix.spans.get('hate') ?? EMPTY) {
    if (negated(ix, h)) continue;
    const sentence = sentenceOf(ix, h);
    const group = within(ix, ['group'], h.first - (ix.sov ? 8 : 6), h.last + 6, sentence) ?? previousGroup(ix, h, sentence);
    if (group) out.push([group, h].sort((a, b) => a.first - b.first));
  }
  return out;
}

/** "Trans people think they're special. I hate them.": a pronoun after a sentence about a group. */
function previousGroup(ix: ClassIndex, at: Span, sentence: number): Span | undefined {
  const pronoun = within(ix, ['collective'], at.first - 3, at.last + 4, sentence);
  if (!pronoun) return undefined;
  return [...(ix.spans.get('group') ?? EMPTY)].reverse().find((g) => g.last < at.first && sentenceOf(ix, g) >= sentence - 1);
}

/** "muslims breed like rabbits", "bihari jahan jaate crime badh jata": what a named group is blamed for doing. */
function groupVilified(ix: ClassIndex): Span[][] {
  const out: Span[][] = [];
  for (const v of ix.spans.get('vilify') ?? EMPTY) {
    if (negated(ix, v)) continue;
    const sentence = sentenceOf(ix, v);
    const group = within(ix, ['group'], v.first - 6, v.first - 1, sentence);
    if (group && group.last < v.first) out.push([group, v]);
  }
  return out;
}

export const RULES: readonly Rule[] = [
  // Identity attacks.
  { name: 'group vilified', kind: 'identity', weight: 0.86, find: groupVilified },
  { name: 'group predicate', kind: 'identity', weight: 0.9, find: identityPredicates },
  { name: 'hatred of a group', kind: 'identity', weight: 0.88, find: groupHatred },
  {
    name: 'group exclusion',
    kind: 'identity',
    weight: 0.86,
    find: (ix) => [...sequence(ix, [s(['group', 'collective']), s(['exclude'], 6)]), ...sequence(ix, [s(['exclude']), s(['group', 'collective', 'quant'], 4)])],
  },
  // Threats: "I will break your legs", "hum tod denge", intent then harm then a target.
  {
    name: 'intent to harm',
    kind: 'threat',
    weight: 0.92,
    find: (ix) => [
      ...sequence(ix, [s(['intent']), s(['harm'], 3), s(VICTIM, 3)]),
      ...(ix.sov ? sequence(ix, [s(ANY_TARGET), s(['harm'], 8), s(['intent'], 1)]) : []),
      ...sequence(ix, [s(['intent']), s(ANY_TARGET, 3), s(['harm'], 4)]),
    ],
  },
  // "should be shot", "someone should shoot the minister", "goli maar deni chahiye".
  {
    name: 'call for harm',
    kind: 'threat',
    weight: 0.9,
    find: (whole) => {
      const ix = withoutReceiving(whole);
      return [
        ...sequence(ix, [s(ANY_TARGET), s(['modal'], 4), s(['harm'], 3)]).filter((parts) => !agentOf(ix, parts)),
        ...sequence(ix, [s(['modal']), s(['harm'], 3), s(VICTIM, 2)]),
        ...sequence(ix, [s(['modal']), s(ANY_TARGET, 2), s(['harm'], 5)]),
        ...(ix.sov ? sequence(ix, [s(ANY_TARGET), s(['harm'], 8), s(['modal'], 3)]) : []),
      ].filter((parts) => !namesOnly(ix, parts, 'abstract'));
    },
  },
  // "we will burn the court down", "I'm gonna kill": first-person intent and an unmistakably violent verb.
  // Not the reader's own ("you'll smash it", "u will kill it tomorrow"): that is a prediction, mostly a cheer.
  {
    name: 'violent intent',
    kind: 'threat',
    weight: 0.86,
    find: (ix) =>
      sequence(ix, [s(['intent']), s(['violence'], 2)]).filter(
        ([i]) => (!ix.sov || within(ix, ['you', 'pron3', 'person', 'collective', 'group', 'derog'], 0, Number.MAX_SAFE_INTEGER) !== undefined) && (ix.sov || within(ix, ['you'], i!.first - 1, i!.first) === undefined),
      ),
  },
  // "I hope you die", "bhagwan kare tujhe cancer ho".
  // "hope you get the flat you wanted": getting something is no harm, only getting someone ("hope they get him").
  { name: 'wish of harm', kind: 'threat', weight: 0.9, find: (ix) => sequence(withoutReceiving(ix), [s(['wish']), s(['harm'], 6)]) },
  // "Bomb the whole country", "burn their shops": a harm verb opening a sentence, aimed at people.
  // (Hindi puts the verb last: its imperatives are the modal sequences above.)
  {
    name: 'imperative violence',
    kind: 'threat',
    weight: 0.9,
    find: (ix) =>
      sequence(withoutReceiving(ix), [s(['harm']), s([...ANY_TARGET, 'doxx'], 3)]).filter(([h]) => {
        if (ix.sov) return false;
        const at = h!.first;
        return at === 0 || ix.sentence[at - 1] !== ix.sentence[at] || within(ix, ['modal'], at - 1, at - 1) !== undefined;
      }),
  },
  // "इन प्रदर्शनकारियों पर ट्रक चढ़ा दो", "un sab ke ghar jala do": a command of violence, verb last, with
  // people or their homes before it in the sentence.
  {
    name: 'command of violence',
    kind: 'threat',
    weight: 0.88,
    find: (ix) => (ix.sov ? sequence(ix, [s([...VICTIM, 'doxx']), s(['command'], 8)]) : []),
  },
  // Doxxing: "we know which school your kids go to", "tere ghar ka pata hai humein".
  {
    name: 'knows where you are',
    kind: 'threat',
    weight: 0.88,
    undeniable: true,
    find: (ix) => {
      const out: Span[][] = [];
      // "Please share: he was last seen near Dadar station, his family is looking for him": an appeal, about
      // someone else. Said to the reader it is the threat ("teri beti lapata ho jayegi, school ka rasta pata hai").
      if (within(ix, ['appeal'], 0, Number.MAX_SAFE_INTEGER) !== undefined && within(ix, ['you'], 0, Number.MAX_SAFE_INTEGER) === undefined) return out;
      for (const d of ix.spans.get('doxx') ?? EMPTY) {
        // The writer's own family and home ("helped my father find the ward", "mere papa ka ghar"), with no
        // "you" between ("my friend, your daughter's school" is still someone else's).
        const mine = within(ix, ['mine'], d.first - 3, d.first - 1, sentenceOf(ix, d));
        if (mine && !within(ix, ['you'], mine.last + 1, d.first - 1)) continue;
        const owner = ownerNear(ix, d);
        if (!owner) continue;
        if (within(ix, ['vague'], d.first, d.last) && !within(ix, ['you', 'pron3', 'person'], d.first - 1, d.first - 1)) continue;
        // पता is an address and "to know" at once: "पता है आपको?" (do you know?) needs some other signal.
        const signal = [...(ix.spans.get('know') ?? EMPTY), ...(ix.spans.get('warn') ?? EMPTY)].find((k) => k.last < d.first || k.first > d.last);
        if (signal) out.push([owner, d, signal].sort((a, b) => a.first - b.first));
      }
      return out;
    },
  },
  // An ultimatum whose consequence is violence: "likhna band kar warna haath tod denge", "post hatao nahi toh
  // ghar jala denge", "वरना हड्डियां तोड़ देंगे": a harm the writer will do. "bill bharo warna connection katega" is no
  // harm, "homework karo nahi to maar padegi" no one's intent.
  { name: 'ultimatum', kind: 'threat', weight: 0.88, find: (ix) => sequence(withoutReceiving(ix), [s(['ultimatum']), s(['harm', 'violence', 'command'], 5), s(['intent'], 3)]) },
  // A warning aimed at the reader: "sambhal ke likh", "watch your back".
  { name: 'warning', kind: 'threat', weight: 0.82, find: (ix) => [...sequence(ix, [s(['warn']), s(['you'], 4)]), ...sequence(ix, [s(['you']), s(['warn'], 5)])] },
  // Belittling competence: "isko kuch nahi aata", "tere bas ka nahi", "aapse na ho payega", "ये कोच कुछ नहीं जानता".
  // Said of oneself ("mujhe kuch nahi aata cooking mein", "mere bas ki baat nahi") it names no one.
  {
    name: 'belittled competence',
    kind: 'insult',
    weight: 0.84,
    find: (ix) =>
      [...sequence(ix, [s(TARGET), s(['inept'], 5)]), ...sequence(ix, [s(['inept']), s(TARGET, 3)])].filter((parts) => {
        // "mujhse na ho payega ye diet": a bare "ye" points at a thing, not at someone.
        const who = parts.find((p) => !within(ix, ['inept'], p.first, p.last))!;
        return !(who.first === who.last && within(ix, ['demonstrative'], who.first, who.first) && !within(ix, ['you', 'person'], who.first, who.first));
      }),
  },
  // Belittling a mind: "your IQ is lower than room temperature", "tera dimaag ghutne mein hai".
  {
    name: 'belittled mind',
    kind: 'insult',
    weight: 0.85,
    find: (ix) => [...sequence(ix, [s(TARGET), s(['brain'], 6), s(['belittle'], 6)]), ...sequence(ix, [s(['belittle']), s(['brain'], 3)]).filter(([b]) => within(ix, TARGET, b!.first - 4, b!.last + 4) !== undefined)],
  },
  // "Sardars have no brains", "इन लोगों की अक्ल घुटनों में": a group's minds belittled.
  {
    name: 'belittled minds of a group',
    kind: 'identity',
    weight: 0.86,
    undeniable: true,
    find: (ix) => [
      ...sequence(ix, [s(GROUPISH), s(['brain'], 6), s(['belittle', 'neg'], 4)]),
      ...sequence(ix, [s(GROUPISH), s(['belittle'], 4), s(['brain'], 2)]),
      // "Muslims have no brains": the negation before the mind word, in English order.
      ...(ix.sov ? [] : sequence(ix, [s(GROUPISH), s(['neg'], 2), s(['brain'])])),
    ].filter((parts) => within(ix, ['group'], 0, Number.MAX_SAFE_INTEGER) !== undefined || within(ix, ['quant'], parts[0]!.first - 3, parts[parts.length - 1]!.last) !== undefined),
  },
  // "X sirf paisa samajhte hain", "X are only good for…": a group, then "only" or "always" in the same
  // sentence: a generalization. Alone it holds nothing (0.70); it lets the learned model tip it over.
  {
    name: 'generalization about a group',
    kind: 'identity',
    weight: 0.7,
    find: (ix) => sequence(ix, [s(['group']), s(['generalize'], 5)]),
  },
  // Sexual advances and remarks on a body, aimed at a person.
  // A pet name after an article or a possessive is a noun, not a name for someone: "congrats on the baby".
  // Nor is one in a greeting with nothing said of a body: "@user Happy Birthday darling".
  {
    name: 'advance',
    kind: 'harassment',
    weight: 0.86,
    find: (ix) =>
      (ix.spans.get('advance') ?? EMPTY)
        .filter((a) => within(ix, TARGET, 0, Number.MAX_SAFE_INTEGER, sentenceOf(ix, a)) !== undefined)
        .filter((a) => a.first !== a.last || within(ix, ['owner'], a.first - 1, a.first - 1, sentenceOf(ix, a)) === undefined)
        .filter((a) => a.first !== a.last || within(ix, ['goodwill'], 0, Number.MAX_SAFE_INTEGER) === undefined || within(ix, ['body'], 0, Number.MAX_SAFE_INTEGER) !== undefined)
        .map((a) => [a]),
  },
  // Not a body broken ("आम आदमी की कमर तोड़ रही है" is prices): a harm verb right after it is a threat's business.
  {
    name: 'remark on a body',
    kind: 'harassment',
    weight: 0.82,
    find: (ix) => [...sequence(ix, [s(HARASSED), s(['body'], 3)]), ...sequence(ix, [s(['body']), s(HARASSED, 2)])].filter((parts) => parts.every((p) => !within(ix, ['body'], p.first, p.last) || !within(ix, ['harm'], p.last + 1, p.last + 1))),
  },
];

/**
 * Whether a negation stands inside the match (or just before it, or after it in Hindi order) without
 * being part of one of its phrases (ownNegation): "Gay people do not deserve to be tortured", "we should
 * not let them suffer"; but "they are not human" and "nothing but cockroaches" keep their own.
 */
function deniedMatch(ix: ClassIndex, parts: readonly Span[]): boolean {
  const first = parts[0]!.first;
  const last = parts[parts.length - 1]!.last;
  const sentence = ix.sentence[first];
  for (const n of ix.spans.get('neg') ?? EMPTY) {
    if (n.first > last + (ix.sov ? 3 : 0)) break;
    if (n.last < first - 2 || ix.sentence[n.first] !== sentence) continue;
    if (!ownNegation(ix, n, parts)) return true;
  }
  return false;
}

/**
 * The comment's classes with the harm words that also mean receiving ("get") left out of harm unless a
 * victim follows them: "Dalits should get SC status" and "OBCs should get 27%" ask for a share, "someone
 * should get them" still threatens.
 */
function withoutReceiving(ix: ClassIndex): ClassIndex {
  const receive = ix.spans.get('receive');
  const harm = ix.spans.get('harm');
  if (!receive || !harm || receive.length === 0) return ix;
  const same = (a: Span, b: Span) => a.first === b.first && a.last === b.last;
  const kept = harm.filter((h) => !receive.some((r) => same(r, h)) || within(ix, VICTIM, h.last + 1, h.last + 2, sentenceOf(ix, h)) !== undefined);
  if (kept.length === harm.length) return ix;
  const spans = new Map(ix.spans);
  spans.set('harm', kept);
  return { ...ix, spans };
}

/** Runs every rule; each match becomes one hit. */
export function applyRules(ix: ClassIndex): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const rule of RULES) {
    for (const parts of rule.find(ix)) {
      // Knowing someone's address stays a threat whatever else is denied ("तेरा घर वहीं है न?").
      if ((rule.kind === 'threat' || rule.kind === 'identity') && !rule.undeniable && deniedMatch(ix, parts)) continue;
      hits.push({ rule: rule.name, kind: rule.kind, weight: rule.weight, parts });
    }
  }
  return hits;
}
