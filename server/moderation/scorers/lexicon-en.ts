// English word lists for the lexicon scorer: how obscenity's words are weighed, and the insults,
// compounds and threats obscenity does not cover.
import type { EnglishProfaneWord } from 'obscenity';
import { terms, type LexiconEntry, type LexiconKind } from './lexicon-entry.js';

/**
 * Every word of obscenity's English dataset with the kind and weight we give it. A Record over the
 * dataset's own word type, so an obscenity upgrade that adds a word fails the type check here.
 * Words a news discussion uses in earnest (rape, sex, porn, penis) are 'sensitive' and stay low.
 */
export const OBSCENITY_WORDS: Readonly<Record<EnglishProfaneWord, { kind: LexiconKind; weight: number }>> = {
  // Racial, ethnic, sexuality and gender slurs.
  abeed: { kind: 'slur', weight: 0.96 },
  abo: { kind: 'slur', weight: 0.9 },
  africoon: { kind: 'slur', weight: 0.96 },
  arabush: { kind: 'slur', weight: 0.96 },
  boonga: { kind: 'slur', weight: 0.96 },
  chingchong: { kind: 'slur', weight: 0.96 },
  chink: { kind: 'slur', weight: 0.96 },
  kike: { kind: 'slur', weight: 0.96 },
  nigger: { kind: 'slur', weight: 0.97 },
  fag: { kind: 'slur', weight: 0.96 },
  dyke: { kind: 'slur', weight: 0.9 },
  tranny: { kind: 'slur', weight: 0.92 },
  // Dated in English, a plain colour word in Spanish and Portuguese names: held, not rejected.
  negro: { kind: 'slur', weight: 0.82 },
  retard: { kind: 'insult', weight: 0.78 },
  spastic: { kind: 'insult', weight: 0.6 },
  // Insults.
  bastard: { kind: 'insult', weight: 0.72 },
  bitch: { kind: 'insult', weight: 0.75 },
  twat: { kind: 'insult', weight: 0.75 },
  prick: { kind: 'insult', weight: 0.66 },
  slut: { kind: 'insult', weight: 0.8 },
  whore: { kind: 'insult', weight: 0.8 },
  cuck: { kind: 'insult', weight: 0.65 },
  turd: { kind: 'insult', weight: 0.5 },
  cunt: { kind: 'abuse', weight: 0.9 },
  // Swearing.
  fuck: { kind: 'profanity', weight: 0.62 },
  shit: { kind: 'profanity', weight: 0.5 },
  piss: { kind: 'profanity', weight: 0.4 },
  arse: { kind: 'profanity', weight: 0.4 },
  ass: { kind: 'profanity', weight: 0.5 },
  bollocks: { kind: 'profanity', weight: 0.4 },
  wank: { kind: 'profanity', weight: 0.55 },
  dick: { kind: 'sexual', weight: 0.6 },
  cock: { kind: 'sexual', weight: 0.58 },
  pussy: { kind: 'sexual', weight: 0.62 },
  // Graphic sexual terms.
  blowjob: { kind: 'sexual', weight: 0.62 },
  buttplug: { kind: 'sexual', weight: 0.6 },
  cum: { kind: 'sexual', weight: 0.5 },
  deepthroat: { kind: 'sexual', weight: 0.6 },
  dildo: { kind: 'sexual', weight: 0.58 },
  doggystyle: { kind: 'sexual', weight: 0.58 },
  'double penetration': { kind: 'sexual', weight: 0.6 },
  felch: { kind: 'sexual', weight: 0.62 },
  fellatio: { kind: 'sexual', weight: 0.5 },
  'finger bang': { kind: 'sexual', weight: 0.62 },
  fisting: { kind: 'sexual', weight: 0.6 },
  gangbang: { kind: 'sexual', weight: 0.62 },
  handjob: { kind: 'sexual', weight: 0.6 },
  hentai: { kind: 'sexual', weight: 0.5 },
  'jerk off': { kind: 'sexual', weight: 0.58 },
  jizz: { kind: 'sexual', weight: 0.62 },
  lubejob: { kind: 'sexual', weight: 0.6 },
  // Words with an earnest use in news: crime reports, health, policy.
  anal: { kind: 'sensitive', weight: 0.3 },
  anus: { kind: 'sensitive', weight: 0.15 },
  bestiality: { kind: 'sensitive', weight: 0.18 },
  boob: { kind: 'sensitive', weight: 0.3 },
  ejaculate: { kind: 'sensitive', weight: 0.25 },
  hooker: { kind: 'sensitive', weight: 0.35 },
  incest: { kind: 'sensitive', weight: 0.15 },
  masturbate: { kind: 'sensitive', weight: 0.3 },
  orgasm: { kind: 'sensitive', weight: 0.25 },
  orgy: { kind: 'sensitive', weight: 0.3 },
  penis: { kind: 'sensitive', weight: 0.15 },
  porn: { kind: 'sensitive', weight: 0.18 },
  rape: { kind: 'sensitive', weight: 0.15 },
  scat: { kind: 'sensitive', weight: 0.15 },
  semen: { kind: 'sensitive', weight: 0.15 },
  sex: { kind: 'sensitive', weight: 0.1 },
  tit: { kind: 'sensitive', weight: 0.3 },
  vagina: { kind: 'sensitive', weight: 0.15 },
};

/**
 * Names and words obscenity would flag as substrings, added to its whitelist. Indian names and
 * places come first: the seed site is an Indian news site (Wankhede stadium, Dikshit, Anushka).
 */
export const OBSCENITY_WHITELIST: readonly string[] = [
  'anush', 'anusha', 'dikshit', 'shitij', 'shitala', 'shitanshu', 'wankhede', 'cummins', 'cumin', 'penistone',
  'shittu', 'pussycat', 'cockpit', 'dickey', 'dickinson', 'wankel', 'fagan', 'fagin', 'shiitake', 'niggard', 'scunthorpe',
];

/** Our own English terms: insults, compounds, abuse and threats obscenity does not know. */
export const ENGLISH_TERMS: readonly LexiconEntry[] = [
  ...terms('insult', 0.68, ['idiot', 'idiots', 'moron', 'morons', 'imbecile', 'imbeciles', 'cretin', 'cretins']),
  ...terms('insult', 0.6, ['stupid', 'dumb', 'dumbo', 'nitwit', 'halfwit', 'dimwit', 'numbskull', 'braindead', 'brain dead', 'sicko', 'jerk', 'jerks']),
  ...terms('insult', 0.55, ['idiotic', 'moronic', 'fool', 'fools', 'pathetic', 'worthless', 'freak', 'creep', 'presstitute']),
  ...terms('insult', 0.72, ['scum', 'scumbag', 'jackass', 'douche', 'douchebag', 'libtard', 'libtards', 'shut up', 'gtfo', 'go to hell', 'shut your mouth']),
  ...terms('insult', 0.8, ['dumbass', 'asshole', 'assholes', 'dickhead', 'shithead', 'stfu', 'piece of crap', 'screw you']),
  ...terms('insult', 0.88, ['fuck you', 'fuck u', 'fuck off', 'piece of shit', 'son of a bitch', 'sons of bitches']),
  ...terms('insult', 0.45, ['ugly', 'ignorant', 'hypocrite', 'liar', 'liars']),
  // Ordinary words that are insults only when said to someone ("you are trash"). Doubled letters
  // are folded, so "loser" is also "looser" (looser rules): it waits for a "you" too.
  ...terms('insult', 0.5, ['trash', 'garbage', 'useless', 'clown', 'pig', 'get lost'], { targetedOnly: true }),
  ...terms('insult', 0.6, ['loser', 'losers'], { targetedOnly: true }),
  // Obscenity's two-word patterns: the scorer runs obscenity one word at a time, so they live here.
  ...terms('sexual', 0.6, ['double penetration', 'finger bang', 'fingerbang', 'jerk off']),
  // Obscenity 0.4.6 folds doubled letters in the text but not in these patterns, so never matches them.
  ...terms('sexual', 0.62, ['buttplug', 'jizz']),
  ...terms('profanity', 0.35, ['crap', 'crappy', 'wtf']),
  ...terms('profanity', 0.25, ['damn', 'goddamn']),
  ...terms('abuse', 0.96, ['motherfucker*', 'mother fucker*', 'motherfucking', 'cocksucker*']),
  // Threats and calls for harm. Phrases carry their own "you", so they are scored as aimed anyway.
  ...terms('threat', 0.97, [
    'kill {you|u|ya|yourself|your family}', 'murder {you|u}', 'shoot {you|u}', 'stab {you|u}', 'rape {you|u|your}',
    'slit your throat', 'cut your throat', 'break your {neck|legs|bones|face}', 'beat the shit out of {you|u}',
    'i will kill {him|her|them}', 'kys', 'hope you die', 'you should die', 'go die', 'die in a fire',
  ]),
  // First-person intent without a named victim: also how people talk about bills and prices.
  ...terms('threat', 0.85, ['i will kill', 'i am going to kill', 'i am gonna kill']),
  ...terms('threat', 0.9, ['i will find you', 'i know where you live', 'you are dead', 'you will regret', 'i will hurt', 'hurt {you|u}', 'beat {you|u} up', 'deserve to die']),
  ...terms('threat', 0.82, ['watch your back', 'should be shot', 'should be hanged', 'should be killed', 'you will pay']),
];
