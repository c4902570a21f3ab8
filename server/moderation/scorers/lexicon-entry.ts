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
 * - identity: a derogatory or dehumanizing claim about a whole group (found by rules, not words).
 * - harassment: sexual remarks or propositions aimed at a person.
 * - toxic: what the learned model reads as toxic with no listed word or rule to say which kind.
 */
export const LEXICON_KINDS = ['sensitive', 'profanity', 'sexual', 'insult', 'abuse', 'slur', 'threat', 'identity', 'harassment', 'toxic'] as const;
export type LexiconKind = (typeof LEXICON_KINDS)[number];

export interface LexiconFlags {
  /** The word is ordinary unless it is aimed at the reader ("chor", "trash", "साला"). */
  targetedOnly?: boolean;
  /** The word is also English or a common name ("lund", "saale" = "sale", "bc"); counts only in Hinglish text. */
  hinglishOnly?: boolean;
  /**
   * An adjective that describes ideas as readily as people ("stupid", "pathetic", "ghatiya"): aimed
   * only by the reader ("you"), a person noun next to it, or a person as the subject of a copula,
   * never by "what a" or "this" alone ("what a stupid policy" is disagreement).
   */
  describesThings?: boolean;
  /** The word is also kinship ("mere saale ki shaadi": my brother-in-law's wedding): not after a possessive. */
  kinship?: boolean;
  /** What animals do ("keep barking", "bhonkte raho"): not when an animal is named just before it. */
  animalDoes?: boolean;
  /**
   * Only these spellings count (the token as written, lower case, letters stretched past two cut to
   * two): romanized folding makes "saale" and the English "sale" one key, but not one word.
   */
  spelled?: readonly string[];
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

/**
 * Word classes the structural rules read: who is addressed or pointed at, groups, predicates,
 * intent, harm, the counter-signals of reporting and quoting. A class lists words and phrases in
 * the same notation as terms (`*` prefix, `{a|b}` alternatives).
 */
export const WORD_CLASSES = [
  /** Second person and rude vocatives: you, tu, तुम, abe; and @handles. */
  'you',
  /** Third-person pronouns that can carry a predicate about a person: he, she, whoever, ye, वो. */
  'pron3',
  /** Nouns for a person a comment can point at: journalist, anchor, minister, patrakar, आदमी. */
  'person',
  /** this, that, ye, is, इस: with a person noun it points at someone. */
  'demonstrative',
  /** is, are, was, hai, ho, है: links a subject to a predicate. */
  'copula',
  /** a, an, such a, total, ek number ka: may stand between a copula and its noun. */
  'det',
  /** "what a", "such a", "kitna", "कितना": an exclamation that aims the following insult. */
  'exclaim',
  /** Groups by religion, caste, region, nationality, ethnicity, gender, sexuality. */
  'group',
  /** Collective references: these people, ye log, in logon, the whole country, पूरी कौम. */
  'collective',
  /** Generalizing quantifiers: all, every single one, sab ke sab, सारे. */
  'quant',
  /** Derogatory and dehumanizing predicates for people: vermin, parasites, traitors, कीड़े, गद्दार. */
  'derog',
  /** The dehumanizing among them (animals, vermin, कीड़े): said of "these people" with no quantifier, still about a people. */
  'dehuman',
  /** What a group is blamed for doing: breed like rabbits, take over, gandagi phailate, कब्जा. */
  'vilify',
  /** The unmistakably violent verbs: kill, burn, bomb, stab, lynch (not "beat", which teams do). */
  'violence',
  /** Calls to expel or exclude: go back to, kick them out, desh se nikalo, भगाओ. */
  'exclude',
  /** Hatred and disgust felt: I hate, make me sick, nafrat, घृणा. */
  'hate',
  /** Verbs of violence, any form: kill, shoot, maar, tod, जला. */
  'harm',
  /** Harm words that also mean receiving ("get"): harm only with a victim after them ("should get them", not "should get SC status"). */
  'receive',
  /** First-person or future intent: I will, we'll, gonna, let me. */
  'intent',
  /** Calls on others: someone should, should be, needs to, must be. */
  'modal',
  /** Wishing harm: hope you, may you, bhagwan kare. */
  'wish',
  /** A person's private places and people: address, home, school, kids, ghar ka pata, बेटी. */
  'doxx',
  /** Knowing or having found them: we know, pata hai, note kar liya. */
  'know',
  /** Warnings that turn a remark into a threat: be careful, sambhal ke, warna, वरना. */
  'warn',
  /** not, never, nahi, मत, नहीं. */
  'neg',
  /** Condemnation: disgusting, shameful, hate speech, sharmnaak, गलत. */
  'condemn',
  /** Verbs that introduce someone else's words: called, wrote, said, bola, कहा. */
  'quote',
  /** Reporting and news voice: according to, police said, arrested, ke mutabik. */
  'report',
  /** Mind words for belittling: brain, IQ, dimaag, अक्ल. */
  'brain',
  /** Words that belittle a mind: empty, zero, potato, ghutne, ghaas charne. */
  'belittle',
  /** Possessives that make a kin word literal: mere saale is a brother-in-law. */
  'kin',
  /** Bodies and sex, for harassment aimed at a person: body, legs, boobs, figure, bed. */
  'body',
  /** Propositions and innuendo: dm me, send nudes, one night, raat ko call. */
  'advance',
  /** Words that generalize: only, always, sirf, bas, हमेशा, सिर्फ (after a group, a claim about all of it). */
  'generalize',
  /** Commands of violence in Hindi order, the verb last: मार दो, जला दो, बम गिराओ, maaro, uda do. */
  'command',
  /** Praise and warmth: wonderful, proud of, respect, salute, shabash, सलाम: said of a group, no attack. */
  'praise',
  /** Postpositions of place: mein, me, पर, में (a group's name before one is a place, "Kashmir mein"). */
  'locative',
  /** Derogatory nouns of a thing, not a quality (terror, riots, a threat, an occupation: आतंक, dange): never an adjective before a group ("हाथियों का आतंक, महिला …"). */
  'abstract',
  /** A faith named as a whole (islam, isaiyat, इस्लाम): "islam mein sirf hinsa" says what the faith is, not where. */
  'faith',
  /** A copula asked as a question right after a word: "hai kya", "ho kya" ("pagal hai kya?" is said to someone). */
  'question',
  /** Possessives and articles right before a noun make it an owned thing: "your dog", "congrats on the baby", "tumhara kutta". */
  'owner',
  /** An ultimatum's hinge: warna, nahi toh, वरना, or else (a demand before it, a consequence after). */
  'ultimatum',
  /** Saying someone can do or knows nothing: kuch nahi aata, bas ka nahi, na ho payega, कुछ नहीं आता. */
  'inept',
  /**
   * Goodwill: wishes, congratulations, thanks and compliments said to someone (happy birthday, congrats,
   * बधाई हो, kamaal kar diya), and support for a group's rights (equal rights, pray in peace). Not a model
   * feature: they only counter the learned model's lone word.
   */
  'goodwill',
  /**
   * Institutions, not people: the government, the system, the railways, a party. Not a model feature: a
   * complaint about them is no attack on a person or a people, so the learned model alone does not hold it.
   */
  'institution',
  /** English prepositions of place: a group's name after one is where something is ("terrorists in Kashmir"). */
  'preposition',
  /**
   * The writer's own: my, our, mera, हमारे. "helped my father find the ward" names the writer's family,
   * not someone's to threaten. Not a model feature.
   */
  'mine',
  /**
   * An appeal to find a missing person: missing since, last seen, लापता, gumshuda. The family and the place it
   * names are what the appeal is for, not a threat's (not "please share": doxxing asks that too). Not a model feature.
   */
  'appeal',
  /**
   * A comparison that turns a denied worth back into equal worth: "not worth any less than anyone else's".
   * Not a model feature.
   */
  'lesser',
  /** Harm that befalls the one named before it ("should die", "deserve bullets"), not harm they do: English only. Not a model feature. */
  'befall',
  /**
   * People named by their crime: rapists, terrorists, the convicted (दोषी). A punishment called for them
   * ("hang the rapists", "दोषियों को फांसी हो") is an opinion on justice, not a threat. Not a model feature.
   */
  'culprit',
  /**
   * Private words that are also everyday ones: "number" is a phone number only as someone's ("your number",
   * "uska number"), not in "that number is heartbreaking". Not a model feature.
   */
  'vague',
  /**
   * Communities named after the learned model was last trained (sardars, malayalis, haryanvis…): the words
   * and rules read them as 'group' words; the model does not, until they are folded into 'group' and it
   * is retrained, which moves every held-out figure a little. Not a model feature.
   */
  'community',
] as const;
export type WordClass = (typeof WORD_CLASSES)[number];

export type WordClasses = Readonly<Partial<Record<WordClass, readonly string[]>>>;
