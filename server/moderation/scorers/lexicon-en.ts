// English word lists for the lexicon scorer: how obscenity's words are weighed, and the insults,
// compounds and threats obscenity does not cover.
import type { EnglishProfaneWord } from 'obscenity';
import { terms, type LexiconEntry, type LexiconKind, type WordClasses } from './lexicon-entry.js';

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
  retard: { kind: 'insult', weight: 0.82 },
  spastic: { kind: 'insult', weight: 0.6 },
  // Insults.
  bastard: { kind: 'insult', weight: 0.82 },
  bitch: { kind: 'insult', weight: 0.82 },
  twat: { kind: 'insult', weight: 0.82 },
  prick: { kind: 'insult', weight: 0.66 },
  slut: { kind: 'insult', weight: 0.85 },
  whore: { kind: 'insult', weight: 0.85 },
  cuck: { kind: 'insult', weight: 0.65 },
  turd: { kind: 'insult', weight: 0.5 },
  cunt: { kind: 'abuse', weight: 0.9 },
  // Swearing.
  fuck: { kind: 'profanity', weight: 0.85 },
  shit: { kind: 'profanity', weight: 0.8 },
  piss: { kind: 'profanity', weight: 0.6 },
  arse: { kind: 'profanity', weight: 0.4 },
  ass: { kind: 'profanity', weight: 0.5 },
  bollocks: { kind: 'profanity', weight: 0.4 },
  wank: { kind: 'profanity', weight: 0.75 },
  dick: { kind: 'sexual', weight: 0.6 },
  cock: { kind: 'sexual', weight: 0.58 },
  pussy: { kind: 'sexual', weight: 0.8 },
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
  'shital', 'shitanshu', 'mishit', 'mishits', 'chinkara', 'chinkaras', 'wankaner', 'cum laude', 'summa cum', 'magna cum', 'dickens', 'hitchcock', 'cockburn', 'peacock', 'shuttlecock', 'cocktail', 'cocktails',
  'surakshit', 'asurakshit', 'sanrakshit', 'arakshit', 'rakshit', 'parikshit', 'kshitij', 'pussy willow', 'pussy willows',
];

/** Our own English terms: insults, compounds, abuse and threats obscenity does not know. */
export const ENGLISH_TERMS: readonly LexiconEntry[] = [
  // Name-calling that only ever means a person: held on its own.
  ...terms('insult', 0.82, [
    'idiot', 'idiots', 'moron', 'morons', 'imbecile', 'imbeciles', 'cretin', 'cretins', 'nitwit', 'nitwits', 'halfwit', 'halfwits', 'dimwit', 'dimwits', 'numbskull',
    'nincompoop', 'buffoon', 'buffoons', 'bootlicker', 'bootlickers', 'boot licker', 'presstitute', 'presstitutes', 'nutjob', 'nutjobs', 'nutcase', 'crybaby', 'cry baby',
    'shill', 'shills', 'stooge', 'stooges', 'sycophant', 'sycophants', 'lapdog', 'lapdogs', 'andhbhakt', 'andhbhakts',
    'scumbag', 'scumbags', 'jackass', 'douche', 'douchebag', 'douchebags', 'libtard', 'libtards', 'retard', 'retards', 'sickular', 'sickulars', 'anti national', 'urban naxal',
    'fake news peddler', 'fake news peddlers', 'paid agent', 'paid agents', 'paid media', 'godi media', 'lutyens media', 'bikau', 'bikau media', 'sold out journalist', 'gobar brain',
    'nobody asked', 'loudmouth', 'windbag', 'muppet', 'muppets', 'numpty', 'plonker', 'dingbat', 'dimwitted', 'brainless twit', 'nepo kid', 'halfwit', 'lowlife', 'low life', 'scoundrel', 'scoundrels', 'dunce', 'twit', 'pea brain', 'peabrain', 'pinhead', 'bonehead', 'knucklehead',
    'airhead', 'meathead', 'dipshit', 'nutter', 'wanker', 'tosser', 'git', 'simpleton', 'ignoramus', 'degenerate', 'degenerates', 'scammer', 'scammers', 'bigot', 'bigots',
    'slimeball', 'slimeballs', 'slime ball', 'sleazebag', 'sleazeball', 'dirtbag', 'dirtbags', 'scumbucket',
    'waste of oxygen', 'waste of skin', 'half literate', 'half literates',
  ]),
  // The finger and the clown face (🖕, 🤡, read as these words): the finger is always rude, the clown when aimed; "mf" is a mutual fund unless it is aimed.
  ...terms('insult', 0.85, ['middlefinger']),
  ...terms('insult', 0.82, ['clownface'], { targetedOnly: true }),
  ...terms('abuse', 0.9, ['mf', 'mfs'], { targetedOnly: true }),
  // Said to a person as to a dog; the street's dogs keep barking too.
  ...terms('insult', 0.82, ['keep barking', 'stop barking', 'keep yapping'], { animalDoes: true }),
  ...terms('insult', 0.82, ['dumbass', 'dumbasses', 'asshole', 'assholes', 'arsehole', 'arseholes', 'dickhead', 'dickheads', 'shithead', 'shitheads', 'stfu', 'piece of crap', 'screw you']),
  ...terms('insult', 0.88, ['fuck you', 'fuck u', 'fuck off', 'piece of shit', 'son of a bitch', 'sons of bitches', 'fuck your', 'f you', 'shut the fuck up']),
  ...terms('insult', 0.82, ['imagine being {this|so} {dumb|stupid|ignorant|gullible|naive|brainwashed}', 'know your place']),
  ...terms('insult', 0.72, ['scum', 'shut up', 'gtfo', 'go to hell', 'shut your mouth', 'shame on you', 'shame on u', 'get a life', 'grow a brain', 'grow a spine', 'go cry', 'keep crying', 'cry more']),
  // Adjectives that insult people and criticise ideas alike.
  ...terms('insult', 0.6, [
    'stupid', 'stupidest', 'dumb', 'dumbest', 'brainless', 'braindead', 'brain dead', 'idiotic', 'moronic', 'retarded', 'senile', 'spineless', 'gutless', 'clueless', 'incompetent',
    'illiterate', 'brainwashed', 'shameless', 'two faced', 'spineless', 'characterless', 'overrated', 'attention seeking', 'low iq', 'mentally retarded', 'mental', 'deranged', 'demented',
  ], { describesThings: true }),
  ...terms('insult', 0.55, ['pathetic', 'worthless', 'useless', 'ignorant', 'filthy', 'ugly', 'fat', 'lying', 'bigoted', 'arrogant', 'hypocritical'], {
    describesThings: true,
    targetedOnly: true,
  }),
  ...terms('insult', 0.6, ['fool', 'fools', 'sicko', 'jerk', 'jerks', 'freak', 'freaks', 'creep', 'creeps', 'dumbo', 'dope', 'clown', 'clowns', 'joker', 'jokers', 'jokar', 'snowflake', 'snowflakes']),
  // Ordinary words that are insults only when aimed at someone ("you are trash", "this reporter is a
  // traitor"). Doubled letters are folded, so "loser" is also "looser" (looser rules): it waits too.
  ...terms('insult', 0.55, [
    'trash', 'garbage', 'pig', 'pigs', 'get lost', 'loser', 'losers', 'hack', 'hacks', 'sheep', 'puppet', 'puppets', 'slave', 'slaves', 'worm', 'snake', 'vulture', 'vultures',
    'parasite', 'leech', 'coward', 'cowards', 'bum', 'a nobody', 'disgrace', 'joke', 'burden', 'embarrassment', 'liar', 'liars', 'hypocrite', 'hypocrites', 'traitor', 'traitors', 'fraud',
    'frauds', 'crook', 'crooks', 'thief', 'thieves', 'con man', 'conman', 'dog', 'dogs', 'donkey', 'monkey', 'ape', 'cockroach', 'blind', 'propagandist', 'mouthpiece', 'agent',
    'sold out', 'pawn', 'lackey', 'minion', 'goon', 'goons', 'thug', 'thugs', 'psycho', 'maniac', 'lunatic', 'nut', 'weirdo', 'failure',
  ], { targetedOnly: true }),
  // Hinglish raat (night) folds into rat: only its own spelling counts ("aap log raat ko bhi live").
  ...terms('insult', 0.55, ['rat'], { targetedOnly: true, spelled: ['rat'] }),
  // "do you go to car boot sales?" (a real reply: Uli): boot folds into bot.
  ...terms('insult', 0.55, ['bot', 'bots'], { targetedOnly: true, spelled: ['bot', 'bots'] }),
  // Obscenity's two-word patterns: the scorer runs obscenity one word at a time, so they live here.
  ...terms('sexual', 0.6, ['double penetration', 'finger bang', 'fingerbang', 'jerk off']),
  // Obscenity 0.4.6 folds doubled letters in the text but not in these patterns, so never matches them.
  ...terms('sexual', 0.62, ['buttplug', 'jizz']),
  // Swearing: Perspective puts a comment with any of these near or above 0.8.
  ...terms('profanity', 0.85, ['bullshit', 'bullshitting', 'shitshow', 'shit show', 'fucking', 'fuckin', 'fucked', 'fucker', 'fuckers', 'mutherfuk*', 'motherfuk*', 'mothafuk*', 'muthafuk*']),
  ...terms('profanity', 0.8, ['crap', 'crappy', 'wtf', 'stfu', 'goddamn', 'god damn', 'damn it', 'dammit', 'pissed off', 'piss off', 'who the hell', 'what the hell', 'the hell', 'holy shit', 'shitty', 'screw these', 'screw this', 'screw them', 'bloody hell', 'bastards']),
  ...terms('profanity', 0.5, ['damn', 'bloody', 'hell', 'sucks', 'freaking', 'frickin', 'effing']),
  ...terms('abuse', 0.96, ['motherfucker*', 'mother fucker*', 'motherfucking', 'cocksucker*']),
  // Slurs obscenity does not know.
  ...terms('slur', 0.92, [
    'muzzie', 'muzzies', 'wetback', 'wetbacks', 'shemale', 'shemales', 'rapefugee', 'rapefugees', 'tranny', 'trannies', 'faggot', 'faggots', 'spic', 'spics',
    'gook', 'gooks', 'raghead', 'ragheads', 'towelhead', 'towelheads', 'sandnigger', 'sand nigger', 'beaner', 'beaners', 'pajeet', 'pajeets', 'curry muncher', 'curry munchers', 'nigga', 'niggas',
    'katua', 'katuas', 'mullah scum', 'jihadi scum', 'slant eyes', 'chinky', 'chinkies', 'darkie', 'darkies', 'halfbreed', 'half breed', 'feminazi', 'feminazis',
    // Coded and compounded spellings met in real posts (HateXplain's train half; pissfull, "peaceful" said of Islam: Uli's).
    'muzrat', 'muzrats', 'muzzrat', 'muzzrats', 'mudslime', 'mudslimes', 'pisslam', 'pissfull', 'pissful religion', 'piss full religion', 'sheboon', 'sheboons', 'nigress', 'niglet', 'niglets',
    'towel head', 'towel heads', 'rag head', 'rag heads', 'camel jockey', 'camel jockeys', 'goatfucker', 'goatfuckers', 'goat fucker', 'goat fuckers',
    // Met in real Indian posts (Uli's train half): a nation and a faith misspelled as insults.
    'porkistan', 'porkistani', 'porkistanis', 'muzlim', 'muzlims', 'kati bulli', 'katibulli',
    'white trash', 'trailer trash',
  ]),
  // Sexual remarks and propositions that need no one named.
  ...terms('harassment', 0.86, ['send nudes', 'send me nudes', 'send me your pics', 'rate your boobs', 'show me your boobs', 'show your boobs', 'nice boobs', 'nice tits', 'sit on my face', 'suck my', 'sleep with me', 'suck a dick', 'suck dick', 'suck a cock']),
  // Women called hoes: aimed ("these hoes", "u hoes"), since farm stories have rakes and hoes.
  ...terms('insult', 0.82, ['hoes', 'thots'], { targetedOnly: true }),
  // Veiled: "hope you get what's coming to you" (contractions are expanded before lists are read).
  ...terms('threat', 0.86, ['what is coming to you', 'what is coming for you', 'whats coming to you', 'what s coming to you', 'what s coming for you', 'you will get yours', 'you will get what is coming']),
  ...terms('threat', 0.9, ['death to', 'get rid of them', 'wipe them out', 'exterminate them', 'gas them', 'hang them all', 'shoot them all', 'kill them all', 'kill all of them']),
  // Threats and calls for harm. Phrases carry their own "you", so they are scored as aimed anyway.
  ...terms('threat', 0.97, [
    'kill {you|u|ya|yourself|your family}', 'murder {you|u}', 'shoot {you|u}', 'stab {you|u}', 'rape {you|u|your}',
    'slit your throat', 'cut your throat', 'break your {neck|legs|bones|face}', 'break both your legs', 'beat the shit out of {you|u}',
    'i will kill {him|her|them}', 'kys', 'hope you die', 'you should die', 'go die', 'die in a fire', 'die in a ditch',
    '{throw|pour|throws|pours} acid {on|at|in}',
  ]),
  // First-person intent without a named victim: also how people talk about bills and prices.
  ...terms('threat', 0.85, ['i will kill', 'i am going to kill', 'i am gonna kill']),
  ...terms('threat', 0.9, [
    'i will find you', '{i|we} know where {you|u} live', '{i|we} know where {you|u} work', 'you are dead', 'you will regret', 'i will hurt', 'hurt {you|u}', 'beat {you|u} up', 'deserve to die',
    'bullet in {the|your|ur} head', 'end up with a bullet', 'put a bullet', 'hospital bed', 'face gets rearranged', 'rearrange your face', 'one call and you disappear', 'off the map',
    'against a wall', 'line them all up', 'you will disappear', 'you will be next', 'you are next',
    // Veiled: an end foretold ("you won't be smiling for long", "people have disappeared for less").
    'not be smiling for long', 'smile while you can', 'your freedom while it lasts', 'your life while it lasts', 'disappeared for less', 'gone missing for less', 'killed for less',
    'silence {you|him|her|them} {permanently|for good}', 'shut {you|him|her|them} up {permanently|for good}',
  ]),
  ...terms('threat', 0.88, [
    '{you|u} will not make it', '{you|u} will be found', 'found in a ditch', 'in a body bag', 'a lesson {he|she|they|you} will not forget', 'teach {him|her|them|you} a lesson',
    'regret the day', 'will regret the day', 'we will burn', 'we will come for', 'we will find', 'we know where', 'your last day', 'your last article', 'will not live to', 'will not {leave|return|go back|get out} alive',
  ]),
  // "the workers were found dead in a container" is the news; "you'll be found dead" is not.
  ...terms('threat', 0.88, ['found dead'], { targetedOnly: true }),
  ...terms('threat', 0.85, [
    'watch your back', 'should be shot', 'should be hanged', 'should be killed', 'should be lynched', 'you will pay', 'final warning', 'last warning', 'see what happens',
    'we will see how brave', 'when we meet', 'meet outside', 'end up like', 'for much longer', 'would be a shame if', 'be careful', 'think carefully', 'your days are numbered',
    'count your days', 'sleep with one eye open', 'we are coming for', 'coming for you', 'you have been warned', 'accidents happen',
    // Veiled: a misfortune foreseen for someone ("it would be sad if she got hurt", "lots can go wrong at night").
    'would be sad if', 'would be a pity if', 'lots can go wrong', 'anything can happen to', 'things can happen to', 'can not be undone',
    'do not blame anyone', 'dont blame anyone', 'do not blame us', 'dont blame us', 'last advice', 'consider this a warning', 'roads are dangerous',
  ], { targetedOnly: true }),
  // More names for a person: said of someone they insult; of a plan or a film they do not.
  ...terms('insult', 0.65, ['prat', 'pillock', 'grifter', 'charlatan', 'sellout', 'rascal', 'hooligan', 'pervert', 'scoundrel', 'conman', 'con man', 'fraudster', 'mouthpiece', 'lackey', 'toady', 'duffer', 'quack', 'sadist'], { targetedOnly: true }),
];

/** English word classes for the structural rules (matched after contractions are expanded). */
export const ENGLISH_CLASSES: WordClasses = {
  you: ['you', 'your', 'yours', 'yourself', 'yourselves', 'u', 'ur', 'youre', 'ya', 'yo', 'thou', '@user', 'people like you', 'someone like you', 'guys like you'],
  pron3: ['he', 'she', 'him', 'her', 'his', 'their', 'they', 'them', 'whoever', 'whoever wrote this', 'the guy', 'the man', 'the woman', 'this guy', 'that guy', 'this man', 'this woman', 'this lady', 'this fellow', 'this dude', 'the guy above', 'the writer', 'the author', 'the editor', 'the reporter', 'the anchor', 'the journalist', 'the columnist', 'the minister', 'the mayor', 'sir', 'madam', 'mr', 'ms', 'mrs'],
  person: [
    'journalist', 'journalists', 'reporter', 'reporters', 'anchor', 'anchors', 'author', 'authors', 'writer', 'writers', 'editor', 'editors', 'columnist', 'columnists', 'correspondent', 'presenter', 'host', 'panelist', 'panelists',
    'minister', 'ministers', 'pm', 'cm', 'fm', 'hm', 'mla', 'mp', 'mayor', 'leader', 'leaders', 'politician', 'politicians', 'neta', 'spokesperson', 'spokesman', 'judge', 'judges', 'umpire', 'umpires', 'captain',
    'player', 'players', 'selector', 'selectors', 'coach', 'expert', 'experts', 'guy', 'guys', 'man', 'men', 'woman', 'women', 'lady', 'fellow', 'dude', 'chap', 'people', 'person',
    'economist', 'economists', 'analyst', 'analysts', 'professor', 'historian', 'doctor', 'scientist', 'lawyer', 'activist', 'activists', 'celebrity', 'comedian', 'star',
    'cricketer', 'batsman', 'bowler', 'keeper', 'manager', 'governor', 'officials', 'bureaucrat', 'cm sahab', 'editorial board', 'girl', 'boy', 'kid', 'kiddo', 'sir ji', 'uncle ji',
    'commenter', 'commenters', 'troll', 'trolls', 'fans', 'voters', 'supporters', 'followers', 'influencer', 'influencers', 'actor', 'actress', 'officer', 'officers', 'cop', 'cops', 'babu', 'babus', 'spokesperson', 'chairman', 'ceo', 'owner', 'boss', 'uncle', 'aunty',
    // People of a town's everyday news: the neighbour, the shopkeeper, the councillor, the teacher.
    'neighbour', 'neighbor', 'shopkeeper', 'councillor', 'councilor', 'corporator', 'sarpanch', 'teacher', 'principal', 'landlord', 'student', 'singer', 'driver', 'clerk',
    'vendor', 'constable', 'policeman', 'inspector', 'contractor', 'builder', 'youtuber', 'vlogger', 'blogger', 'streamer', 'referee', 'commentator', 'newsreader', 'priest',
  ],
  demonstrative: ['this', 'that', 'these', 'those', 'such'],
  owner: ['your', 'ur', 'yr', 'my', 'his', 'her', 'our', 'their', 'the', 'a', 'new', 'newborn'],
  mine: ['my', 'our', 'mine', 'ours'],
  appeal: ['missing since', 'has been missing', 'missing person', 'last seen'],
  lesser: ['any less', 'less than', 'no less'],
  vague: ['number'],
  community: ['sardars', 'sardarji*', 'malayali*', 'mallus', 'keralite*', 'haryanvi*', 'sindhi*', 'odia*', 'oriya*', 'assamese', 'kannadiga*', 'telugu people', 'manipuri*', 'mizos', 'nagas', 'gorkha*'],
  befall: ['die', 'dies', 'rot', 'suffer', 'perish', 'burn', 'hang', 'starve', 'disappear', 'drown', 'go down', 'crash', 'bullet', 'bullets', 'death', 'noose', 'coffin', 'grave', 'body bag*', 'hospital bed', 'cancer'],
  culprit: [
    'rapist*', 'terrorist*', 'murderer*', 'killer*', 'criminal*', 'convict*', 'culprit*', 'the accused', 'the guilty', 'paedophile*', 'pedophile*', 'molester*',
    'gangster*', 'dacoit*', 'smuggler*', 'traffickers', 'trafficker', 'militant*', 'naxal*', 'maoist*', 'insurgent*',
  ],
  copula: ['is', 'are', 'was', 'were', 'be', 'been', 'am', 'being', 'remains', 'becomes', 'seems', 'looks like', 'acting like', 'behaving like', 'nothing but', 'nothing more than', 'no better than', 'full of', 'bunch of', 'nation of', 'pack of', 'lot of', 'breed of', 'like'],
  det: ['a', 'an', 'the', 'total', 'complete', 'absolute', 'utter', 'proper', 'real', 'certified', 'bloody', 'fucking', 'freaking', 'big', 'biggest', 'little', 'such', 'such a', 'typical', 'pure', 'just', 'another', 'one more', 'old', 'damn', 'so', 'so so', 'very', 'really', 'most', 'paid', 'two faced', 'lying'],
  exclaim: ['what a', 'what an', 'such a', 'such an', 'what kind of', 'look at this', 'look at that', 'how can anyone be so', 'imagine being this', 'imagine being so', 'shame on', 'so called', 'so-called', 'you absolute', 'you complete', 'you utter'],
  group: [
    'muslim*', 'moslem*', 'islamist*', 'hindu', 'hindus', 'sikh', 'sikhs', 'christian', 'christians', 'jew', 'jews', 'jewish', 'buddhist*', 'parsi*', 'atheist*',
    'dalit*', 'brahmin*', 'brahman*', 'yadav*', 'jat', 'jats', 'thakur*', 'rajput*', 'baniya*', 'marwari*', 'marwadi*', 'bihari*', 'madrasi*', 'punjabi*',
    'bengali*', 'gujarati*', 'marathi*', 'kashmiri*', 'tamilian*', 'tamils', 'northeasterner*', 'north east people', 'northeast people', 'up bihar wale', 'up wale', 'bihar wale', 'south indian*', 'north indian*',
    'pakistani*', 'pakis', 'paki', 'bangladeshi*', 'afghan', 'afghans', 'chinese', 'african*', 'arab', 'arabs', 'israeli*', 'palestinian*', 'russian*', 'ukrainian*',
    'american*', 'british', 'brits', 'nepali*', 'rohingya*', 'iranian*', 'turks', 'mexican*', 'immigrant*', 'migrant*', 'refugee*', 'infiltrator*', 'foreigner*',
    'black people', 'blacks', 'whites', 'white people', 'asians', 'tribals', 'adivasi*',
    'women', 'woman', 'girls', 'females', 'feminist*', 'men', 'males', 'gay', 'gays', 'lesbian*', 'homosexual*', 'trans', 'transgender*', 'trannies', 'lgbt*', 'queer*', 'hijra*',
    'disabled', 'converts', 'missionar*', 'liberal*', 'leftist*', 'right wingers',
    'pakistan', 'china', 'bangladesh', 'afghanistan', 'israel', 'palestine', 'russia', 'ukraine', 'america', 'usa', 'iran', 'nepal', 'africa', 'gaza', 'kashmir', 'bihar', 'up bihar',
  ],
  collective: [
    'these people', 'those people', 'such people', 'this lot', 'their kind', 'their lot', 'that lot', 'the whole lot', 'the lot of them', 'their people',
    'this community', 'that community', 'the whole community', 'their community', 'this race', 'that race', 'their race', 'this country', 'that country',
    'the whole country', 'the entire country', 'that whole country', 'this whole country', 'that nation', 'the whole nation', 'that state', 'this tribe', 'their religion', 'that religion',
    'they', 'them', 'these', 'those', 'people like them', 'people like that',
  ],
  quant: ['whole', 'entire', 'all', 'all of them', 'every', 'every one of them', 'every single one', 'every last one', 'each and every', 'each one', 'the whole lot', 'whole lot', 'every single', 'none of them', 'always', 'by nature', 'from birth', 'at heart', 'typical', 'all the same', 'the same'],
  derog: [
    'animal*', 'beast*', 'savage*', 'barbarian*', 'vermin', 'rat', 'rats', 'cockroach*', 'insect*', 'parasite*', 'leech*', 'termite*', 'snake*', 'pig', 'pigs',
    'dog', 'dogs', 'monkey*', 'ape', 'apes', 'orc', 'orcs', 'filth', 'filthy', 'dirty', 'scum', 'garbage', 'trash', 'disease', 'cancer', 'plague', 'tumour', 'tumor', 'virus',
    'terrorist*', 'jihadi*', 'traitor*', 'criminal*', 'rapist*', 'thief', 'thieves', 'drug dealers', 'backstabber*', 'fraud', 'frauds', 'liars', 'subhuman*', 'sub human',
    'inferior', 'uncivilised', 'uncivilized', 'backward', 'primitive', 'mentally ill', 'perversion', 'pervert*', 'nazi*', 'goat herder*', 'khalistani*',
    'stone pelter*', 'invader*', 'breed like', 'not human', 'not real indians', 'not indian', 'anti national*', 'traitorous', 'cow worshipping', 'inbred', 'degenerate*', 'scroungers',
    'freeloader*', 'burden', 'curse', 'stain', 'blot', 'threat to', 'enemies', 'enemy', 'useless', 'worthless', 'stupid', 'dumb', 'idiots', 'morons', 'brainless', 'sheep',
    'ruining', 'destroying', 'control all the media', 'control the media', 'control the world', 'control everything', 'spit everywhere', 'breed', 'breeding',
    'sellout', 'sellouts', 'separatists', 'separatist', 'anti nationals', 'infiltrators', 'intruders', 'junglees', 'junglee', 'uncultured', 'illiterate', 'born liars', 'liars', 'cheats', 'thugs',
    'disgusting', 'repulsive', 'despicable', 'repugnant', 'dishonest', 'violent', 'cruel', 'evil', 'lazy', 'greedy', 'dangerous', 'smelly', 'stinking', 'pest', 'pests',
    'waste of space', 'worth nothing', 'worth absolutely nothing', 'not worthy', 'not worth', 'do not matter', 'does not matter', 'vile', 'stupidest', 'dumbest', 'the worst', 'ugly',
    'gross', 'pathetic', 'lice', 'maggots', 'germs', 'infestation', 'not human', 'less than human', 'never attractive', 'mentally deficient', 'defective', 'abomination',
    'belong in a zoo', 'belong in cages', 'locked up', 'cages', 'dumped', 'landfill', 'have no place', 'no place in', 'no space', 'no room for', 'cannot be trusted', 'never trust',
    'should stay in their', 'stay in their place', 'know their place', 'should be sterilised', 'should be sterilized', 'should not exist', 'do not deserve', 'does not deserve', 'deserve nothing', 'burden on', 'drain on', 'leeches', 'savagery', 'barbaric',
  ],
  exclude: [
    'go back to', 'go back', 'get out of', 'get out', 'kick them out', 'throw them out', 'drive them out', 'send them back', 'round them up', 'deport them', 'deport all',
    'do not belong', 'should not be allowed', 'should not even', 'should be banned', 'ban them', 'keep them out', 'kept away from', 'never rent', 'do not trust', 'never trust',
    'cannot be trusted', 'can not be trusted', 'should leave', 'know your place', 'learn hindi or', 'wipe them out',
    'have no right to', 'has no right to', 'have no business', 'has no business', 'should not enter', 'should never be allowed', 'must not be allowed', 'should not be let',
    'do not deserve to live', 'do not deserve to vote', 'should not vote', 'should be kept out', 'keep them away',
  ],
  dehuman: [
    'animals', 'beasts', 'savages', 'barbarians', 'vermin', 'rats', 'cockroaches', 'insects', 'parasites', 'leeches', 'termites', 'snakes', 'pigs', 'dogs', 'monkeys', 'apes',
    'orcs', 'filth', 'scum', 'lice', 'maggots', 'germs', 'pests', 'a plague', 'a cancer', 'a disease', 'a virus', 'subhuman', 'not human', 'less than human', 'demons',
  ],
  vilify: [
    'breed like', 'breed', 'breeding', 'multiply', 'multiplying', 'take over', 'taking over', 'want to take over', 'control the media', 'control all the media', 'control the world',
    'spread disease', 'spread filth', 'spreading', 'ruin', 'ruining', 'destroying', 'invading', 'loot', 'looting', 'steal our jobs', 'stealing our jobs', 'eat up our jobs', 'outnumber',
    'rape our', 'convert our', 'spit everywhere', 'cannot be trusted', 'can not be trusted', 'are behind every', 'are always behind',
    // Verb phrases that need no "are": "Muslims belong in a zoo", "women have no place in …", "X lives do not matter".
    'belong in a zoo', 'belong in zoos', 'belong in cages', 'belong in a cage', 'belong in the gutter', 'have no place in', 'has no place in',
    'lives do not matter', 'life does not matter', 'lives are worthless', 'should not exist',
    'belong in the kitchen', 'belong in kitchen', 'place is in the kitchen', 'should stay in the kitchen', 'back to the kitchen',
  ],
  violence: ['kill', 'burn', 'bomb', 'shoot', 'stab', 'lynch', 'hang', 'torch', 'behead', 'rape', 'murder', 'slaughter', 'blow up', 'set fire', 'smash', 'butcher', 'massacre', 'nuke', 'gun down', 'wipe out'],
  hate: [
    'hate', 'hates', 'hated', 'hatred', 'despise', 'despises', 'loathe', 'loathes', 'detest', 'detests', 'can not stand', 'cannot stand', 'sick of', 'make me sick', 'makes me sick',
    'disgusted by', 'disgust me', 'disgusts me', 'make me boil', 'makes me boil', 'nothing worse than', 'so much hatred', 'repulsed by', 'revolted by', 'fed up with',
  ],
  harm: [
    'smashed', 'smashing', 'acid', 'throw acid', 'throws acid', 'burn down', 'burned down', 'cut', 'snap', 'torture', 'tortured', 'get rid of', 'eradicate', 'eradicated', 'execute', 'executed', 'annihilate', 'annihilated', 'gone', 'death to', 'throats', 'necks', 'gassed',
    'kill', 'kills', 'killed', 'killing', 'murder', 'murdered', 'murdering', 'shoot', 'shot', 'shooting', 'stab', 'stabbed', 'stabbing', 'hang', 'hanged', 'hanging', 'lynch*', 'burn', 'burned', 'burnt', 'burning', 'bomb', 'bombing', 'nuke', 'nuked',
    'behead*', 'slaughter*', 'butcher*', 'massacre', 'exterminate*', 'wipe out', 'wiped out', 'wipe', 'finish', 'finish it', 'finish them', 'destroy', 'beat', 'beaten', 'beating', 'thrash*',
    'break', 'smash', 'rape', 'raped', 'torch', 'set fire', 'line them up', 'line up', 'bury', 'slit', 'choke', 'strangle', 'drown', 'hunt down', 'hunt', 'eliminate',
    'crush', 'teach a lesson', 'teach them a lesson', 'disappear', 'rearranged', 'dragged', 'drag', 'punch', 'kick', 'hurt', 'attack', 'get', 'hit', 'skin', 'gut',
    'die', 'dies', 'dead', 'bullet', 'bullets', 'hospital bed', 'ambulance*', 'coffin', 'body bag*', 'grave', 'noose', 'goes down', 'go down', 'crash', 'crashes', 'cancer', 'rot', 'suffer',
  ],
  receive: ['get'],
  intent: [
    'i will', 'we will', 'i am going to', 'we are going to', 'i am gonna', 'we are gonna', 'gonna', 'i would', 'we would', 'i shall', 'we shall', 'let me', 'let us', 'lets',
    'i want to', 'we want to', 'i wanna', 'i swear i will', 'i promise', 'you will', 'you are going to', 'you gonna', 'will be', 'we are coming', 'we are ready', 'i am coming',
    'one call and', 'if i ever see', 'if i see', 'when we meet', 'next time',
  ],
  modal: ['should', 'must', 'needs to', 'need to', 'ought to', 'deserve*', 'should be', 'must be', 'needs to be', 'someone should', 'somebody should', 'someone needs to', 'somebody needs to', 'someone must', 'just', 'lets', 'let us', 'time to'],
  wish: ['hope you', 'hope your', 'hope he', 'hope she', 'hope they', 'i hope', 'may you', 'may your', 'may he', 'may she', 'may they', 'wish you', 'i wish', 'pray that', 'i pray'],
  doxx: [
    'address', 'house', 'home', 'street', 'flat', 'balcony', 'office', 'school', 'college', 'gym', 'car number', 'number plate', 'location', 'daughter*', 'son', 'sons', 'kids',
    'children', 'child', 'wife', 'husband', 'mother', 'mom', 'mum', 'father', 'dad', 'family', 'sister', 'brother', 'parents', 'bus', 'route', 'neighbourhood', 'neighborhood', 'sector',
    'colony', 'phone number', 'number', 'workplace', 'houses', 'homes', 'shops', 'shop', 'car', 'cars', 'where you live', 'where you work', 'which street', 'which school', 'your area', 'timings', 'schedule', 'profile', 'photos', 'pics',
  ],
  know: ['know', 'knows', 'known', 'found', 'find', 'have', 'got', 'saw', 'seen', 'noted', 'watching', 'watched', 'tracked', 'walked past', 'passed by', 'public', 'screenshots', 'nearby', 'live nearby', 'following', 'followed', 'waiting', 'outside', 'right?', 'right', 'takes the'],
  ultimatum: ['or else'],
  warn: [
    'be careful', 'careful', 'watch your back', 'think carefully', 'think twice', 'final warning', 'last warning', 'warned', 'see what happens', 'just saying', 'would be a shame',
    'will regret', 'regret the day', 'will pay for', 'pay for this', 'remember that', 'trust me', 'or else', 'before it is too late', 'last chance', 'you will regret', 'regret it', 'will pay', 'count your days', 'your days are numbered',
    'sleep with one eye open', 'not safe', 'will not be safe', 'end up like', 'for much longer', 'accidents happen', 'keep it up and', 'keep writing like this', 'keep posting and',
    'you will see', 'wait and watch', 'your time will come', 'you have been warned', 'mark my words', 'we will find you', 'coming for you', 'we are watching', 'watching you',
  ],
  neg: ['not', 'no', 'never', 'nobody', 'none', 'nothing', 'neither', 'nor', 'cannot', 'can not', 'do not', 'does not', 'did not', 'is not', 'are not', 'was not', 'without', 'opposite of', 'far from', 'stop'],
  generalize: [
    'only good for', 'only know', 'only care about', 'only understand', 'all of them', 'every single one', 'are all', 'are born', 'by nature', 'in their blood', 'in their dna',
  ],
  institution: [
    'government', 'govt', 'the state', 'administration', 'the system', 'railways', 'the railway', 'municipality', 'municipal corporation', 'civic body', 'bureaucracy',
    'state government', 'central government', 'the centre',
  ],
  preposition: ['in', 'from', 'at', 'near', 'inside', 'across', 'into', 'around', 'outside', 'within', 'throughout', 'along'],
  goodwill: [
    'happy birthday', 'happy bday', 'hbd', 'many happy returns', 'happy anniversary', 'happy diwali', 'happy holi', 'happy eid', 'eid mubarak', 'merry christmas', 'happy new year',
    'happy pongal', 'happy onam', 'happy navratri', 'happy dussehra', 'happy lohri', 'congrats', 'congratulations', 'congratulation', 'best wishes', 'all the best',
    'get well soon', 'speedy recovery', 'prayers with', 'praying for', 'thoughts and prayers', 'rest in peace', 'thank you', 'thank u', 'thanks a lot',
    'thanks so much', 'many thanks', 'welcome back', 'miss you', 'missed you', 'proud of you', 'keep it up', 'keep up the good work', 'keep writing', 'well done', 'good job',
    'great job', 'well said', 'well written', 'nicely written', 'good morning',
    'spot on', 'you are right', 'you were right', 'so right', 'you win', 'the best', 'too funny', 'so funny', 'as a compliment', 'nailed it', 'love this', 'love your',
    'made my day', 'makes my day', 'cracked me up', 'great at', 'be great at',
    // A word of thanks for the journalism itself ("Hi there, nice article."): about the work, not anyone's body.
    '{nice|great|good|excellent|brilliant|superb|informative|insightful|balanced|detailed|fantastic} {article|piece|report|reporting|story|analysis|write up|writeup|coverage|explainer|interview|editorial|column|read}',
    'equal rights', 'same rights', 'should be allowed to', 'must be allowed to', 'in peace', 'stand with', 'solidarity with', 'live together', 'in harmony', 'more seats',
    // Agreement and admiration said of someone ("this guy is right", "this kid is a genius", "the author is
    // correct"): the learned model reads "this guy is …" as the opening of an insult.
    '{is|are|was|were} {right|correct|spot on|fearless|cool|sane|a genius|a legend|a star|a gem|a champion|a role model|on fire|unstoppable|underrated}',
    'legendary', 'superstar', 'rockstar', 'the only sane', 'makes sense', 'good point', 'fair point', 'valid point', 'well played', 'take a bow',
    // What readers say of someone they admire ("this guy knows his stuff", "this teacher deserves an award").
    '{knows|know} {his|her|their|what} {stuff|job|subject|onions}', 'knows what {he|she} is talking about', 'speaks the truth', 'speaking the truth', 'tells it like it is',
    'has guts', 'have guts', 'gets it', 'will go far', 'go places', 'bright future', 'changed my life', 'changed lives', 'made {us|me|india|the country|the nation|everyone} proud',
    'deserves {a|an|the} {medal|award|nobel|promotion|raise|bharat ratna|padma|prize|trophy|statue}', 'deserves {praise|credit|all the credit|more credit|recognition|more recognition}',
    'has done more for', 'done so much for', 'wholesome', 'so sweet', 'so humble', 'down to earth', 'inspires me', 'inspired me', 'true hero', 'real hero', 'unsung hero',
  ],
  praise: [
    'wonderful', 'amazing', 'brilliant', 'lovely', 'kind', 'kindest', 'compassionate', 'generous', 'hardworking', 'hard working', 'talented', 'brave', 'bravest', 'honest', 'decent',
    'admire', 'admirable', 'respect', 'respected', 'proud of', 'so proud', 'celebrate', 'celebrated', 'love', 'loved', 'adore', 'thank', 'thanks', 'grateful', 'salute', 'hats off', 'kudos',
    'deserve respect', 'deserve better', 'welcome', 'welcomed', 'valued', 'beautiful people', 'great people', 'good people', 'inspiring', 'inspiration', 'heroes', 'hero', 'smile',
  ],
  condemn: [
    'disgusting', 'disgraceful', 'shameful', 'shame', 'shameless language', 'unacceptable', 'wrong', 'hate speech', 'racism', 'racist', 'sexist', 'sexism', 'bigotry', 'bigoted',
    'apologise', 'apologize', 'arrested', 'banned', 'suspended', 'investigated', 'report', 'reported', 'reporting', 'mods', 'moderators', 'call this out', 'stop using', 'stop calling', 'offence', 'offense',
    'not okay', 'not ok', 'harassment', 'intimidation', 'threat', 'a threat', 'abuse', 'abusive', 'bullying', 'toxic', 'hateful', 'vile', 'condemn*', 'sad', 'horrible', 'terrible', 'lost the argument',
    'is how', 'what kind of', 'should not come from', 'must act', 'please act', 'action', 'no place', 'never okay', 'generalisation', 'generalization', 'call out', 'calling out', 'hurts to see',
    'lost all respect', 'can not seriously', 'seriously believe', 'why would you think', 'says a lot about', 'small minded', 'get blocked', 'blocked', 'if you say', 'stop saying', 'how dare',
    'bigot', 'bigots', 'bigotry', 'ignorant', 'not acceptable', 'is wrong', 'was wrong', 'are wrong', 'out of line', 'appalling', 'outrageous', 'sickening', 'enough of this', 'no excuse',
  ],
  quote: [
    'called', 'calling', 'call', 'calls', 'said', 'says', 'saying', 'say', 'wrote', 'writes', 'writing', 'written', 'shouting', 'shouted', 'chant*', 'posting', 'posted', 'tweeted', 'tweet*',
    'the word', 'words like', 'terms like', 'told', 'messages like', 'comments like', 'the comment', 'a comment', 'slogan*', 'slur*', 'abusing', 'abused', 'used the word', 'labelled', 'labeled', 'named', 'like',
    'threats like', 'replies', 'argument is', 'believe', 'believes', 'think', 'thinks', 'claim', 'claiming', 'send me', 'messages', 'spouting', 'spreading', 'repeat', 'repeating',
  ],
  report: [
    'according to', 'police said', 'police say', 'police says', 'officials said', 'reportedly', 'reports say', 'report says', 'the article says', 'claimed', 'claims', 'denied', 'denies',
    'alleged', 'allegedly', 'accused', 'confirmed', 'arrested', 'convicted', 'sentenced', 'charged', 'killed', 'died', 'injured', 'wounded', 'attacked', 'bombed', 'executed', 'hanged',
    'massacred', 'fired', 'launched', 'toll', 'casualties', 'victims', 'were shot', 'was shot', 'shot dead', 'said', 'says', 'confessed',
  ],
  brain: ['brain', 'brains', 'iq', 'head', 'mind', 'intelligence', 'grey matter', 'common sense', 'brain cells', 'brain cell'],
  belittle: ['empty', 'zero', 'potato', 'peanut', 'size of', 'lower than', 'smaller than', 'room temperature', 'missing', 'dead', 'rotten', 'washed', 'no brain', 'no brains', 'tiny', 'pea', 'single digit', 'as empty as', 'brainwashed', 'gobar', 'cow dung'],
  body: ['body', 'legs', 'boob*', 'breast*', 'your figure', 'her figure', 'nice figure', 'hot figure', 'lips', 'curves', 'thighs', 'skirt', 'bra', 'bikini', 'knees', 'lap', 'bed', 'bedroom', 'nudes', 'naked', 'sexy', 'hot', 'dp', 'pics', 'tight', 'ass', 'butt', 'booty', 'cleavage', 'chest', 'hips', 'waist', 'navel', 'lipstick', 'blouse', 'shorts', 'clothes', 'outfit', 'saree', 'neckline', 'leggings', 'swimsuit', 'curvy', 'busty'],
  advance: [
    'send nudes', 'send me nudes', 'send me pics', 'dm me', 'dm me baby', 'in bed', 'fun in bed', 'good in bed', 'slept her way', 'slept his way', 'sleeping her way', 'her way to the top',
    'more skin', 'show us more', 'show more skin', 'casting couch', 'baby', 'babe', 'sweetheart', 'darling', 'rate your', 'out of 10', 'one night', 'all night', 'sleep with', 'come to my', 'sit on my lap',
    'on her knees', 'on your knees', 'my bedroom', 'my room', 'my lap', 'turned around', 'turn around', 'asking for it', 'given it to her', 'give it to her', 'a real man', 'got her alone', 'get her alone',
    'what i would do to', 'would do to her', 'real exclusive', 'breaking news all night', 'post more pics', 'more pics', 'nice legs', 'nice body', 'body like that', 'with a body', 'wink', 'video call me', 'video call tonight', 'on a video call with me',
    'private show', 'private shows', 'private session', 'private interview', 'private video', 'private videos', 'private pics', 'private photos', 'in my car', 'hotel room', 'come over tonight', 'my place tonight', 'send me your number', 'send me a video', 'send me a pic', 'send me a photo', 'sleeping with me', 'sleep with me', 'bend her over', 'bend you over', 'jerked off', 'jerk off to', 'wear something shorter', 'wear less', 'shorter skirt', 'shorter skirts', 'take it off', 'you want it', 'like it rough', 'without the dupatta',
    'without clothes', 'without her clothes', 'without your clothes', 'without that saree', 'without the saree', 'without her saree', 'without a bra', 'see her naked', 'see you naked',
  ],
};
