// The shape of the lexicon scorer's word lists, kept apart so the data files stay plain data.

/**
 * What a term is, which decides the attributes it feeds:
 * - sensitive: words a news discussion uses in earnest (sex, rape, porn); only a little profane.
 * - profanity: swearing not aimed at anyone (shit, tatti, टट्टी).
 * - sexual: graphic sexual words (dildo, lund, चूत).
 * - insult: words for calling a person names (idiot, pagal, बेवकूफ).
 * - abuse: severe, usually sexual abuse (motherfucker, madarchod, मादरचोद).
 * - slur: attacks on an identity: race, caste, religion, gender, sexuality, disability.
 * - threat: violence against someone, or urging them to self-harm.
 */
export const LEXICON_KINDS = ['sensitive', 'profanity', 'sexual', 'insult', 'abuse', 'slur', 'threat'] as const;
export type LexiconKind = (typeof LEXICON_KINDS)[number];

export interface LexiconFlags {
  /** The word is ordinary unless it is aimed at the reader ("chor", "trash", "साला"). */
  targetedOnly?: boolean;
  /** The word is also English or a common name ("lund", "saale" = "sale", "bc"); counts only in Hinglish text. */
  hinglishOnly?: boolean;
}

export interface LexiconEntry extends LexiconFlags {
  /**
   * A word or phrase. A trailing `*` makes the last word a prefix; `{a|b}` expands to alternatives
   * ("maar {dunga|denge}"). Romanized spellings need not list doubled letters or oo/u, ee/i, v/w,
   * z/j, aspirated (bh/b) variants: the scorer folds those on both sides.
   */
  term: string;
  kind: LexiconKind;
  /** Toxicity when nobody in particular is addressed, in [0, 1]; aimed at the reader scores higher. */
  weight: number;
}

/** Builds entries of one kind and weight from a list of terms. */
export function terms(kind: LexiconKind, weight: number, list: readonly string[], flags: LexiconFlags = {}): LexiconEntry[] {
  return list.map((term) => ({ term, kind, weight, ...flags }));
}

/** Expands every `{a|b|c}` group in a term into the full list of alternatives. */
export function expandAlternatives(term: string): string[] {
  const open = term.indexOf('{');
  if (open === -1) return [term];
  const close = term.indexOf('}', open);
  if (close === -1) return [term];
  const head = term.slice(0, open);
  const options = term.slice(open + 1, close).split('|');
  const tails = expandAlternatives(term.slice(close + 1));
  return options.flatMap((option) => tails.map((tail) => `${head}${option}${tail}`));
}
