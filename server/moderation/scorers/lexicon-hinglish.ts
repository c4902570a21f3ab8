// Romanized Hindi (Hinglish) word lists for the lexicon scorer.
// Spellings are written once: the scorer folds doubled letters, oo/u, ee/i, v/w, z/j, q/k, ph/f and
// aspirates (bh, dh, gh, jh, kh, th) on both sides, so "bewakoof", "bevkuf" and "bewaqoof" meet.
// Because of that folding, a word here must not fold into a common English or Hinglish word:
// "gaadi" (car) and "gadhi" both fold to "gadi", so "gadhi" is only counted when aimed at someone.
import { terms, type LexiconEntry } from './lexicon-entry.js';

const FUTURE_I = '{dunga|dungi|denge|dalunga|dalungi|dalenge}';

export const HINGLISH_TERMS: readonly LexiconEntry[] = [
  // Name-calling.
  ...terms('insult', 0.65, ['bewakoof', 'bewkoof', 'bewakoofon', 'gadha', 'gadhe', 'gadho', 'gadhon', 'nalayak', 'nalayakon']),
  ...terms('insult', 0.62, ['pagal', 'pagla', 'pagli', 'paglon', 'pagalon', 'nikamma', 'nikamme', 'nikammi', 'jahil', 'jahilon', 'ganwar', 'gawar']),
  ...terms('insult', 0.72, ['kutta', 'kutte', 'kutton', 'suar', 'suwar', 'suar ka bachcha']),
  ...terms('insult', 0.75, ['kutti', 'kamina', 'kamine', 'kaminon']),
  ...terms('insult', 0.8, ['harami', 'haramiyon', 'haramkhor', 'ullu ka pattha', 'ullu ke patthe', 'muh band kar', 'munh band kar']),
  ...terms('insult', 0.85, ['kutiya', 'kuttiya']),
  ...terms('insult', 0.9, ['haramzada', 'haramzade', 'haramzadi', 'kutte ki aulad', 'suar ki aulad', 'kutte ka bachcha']),
  ...terms('insult', 0.55, ['ullu', 'badtameez', 'badtamiz', 'andhbhakt', 'andh bhakt', 'chup kar', 'dafa ho']),
  ...terms('insult', 0.45, ['sanghi', 'librandu']),
  ...terms('insult', 0.4, ['ghatiya']),
  ...terms('insult', 0.3, ['bakwas']),
  // Everyday words, or names, that insult only when said to someone: chor (thief), gaddar
  // (traitor; also a film), kamini (a given name), gadhi (folds into gaadi, car), zaleel (Jaleel, a name).
  ...terms('insult', 0.55, ['chor', 'chamcha', 'chamche', 'bhikhari', 'gaddar', 'kamini', 'gadhi'], { targetedOnly: true }),
  ...terms('insult', 0.7, ['zaleel', 'zalil'], { targetedOnly: true }),
  // saala / saale also mean brother-in-law and fold into English "sale"; murkh folds into "murk".
  ...terms('insult', 0.55, ['saala', 'saale', 'saali'], { targetedOnly: true, hinglishOnly: true }),
  ...terms('insult', 0.6, ['murkh', 'moorkh'], { hinglishOnly: true }),
  // Swearing and graphic words.
  ...terms('profanity', 0.45, ['tatti']),
  ...terms('profanity', 0.6, ['chutiyapa', 'chutiyapanti']),
  ...terms('sexual', 0.8, ['chut', 'loda', 'lawda', 'laude', 'lawde', 'lodu', 'laudu']),
  ...terms('sexual', 0.7, ['gaand', 'jhant', 'chudai']),
  // Lund is a Swedish city and surname, Lauda a racing driver, lode an English word, Randi a name.
  ...terms('sexual', 0.8, ['lund', 'lauda', 'lode'], { hinglishOnly: true }),
  ...terms('abuse', 0.9, ['randi'], { hinglishOnly: true }),
  // Severe abuse: the "mother/sister" family of abuse and its abbreviations.
  ...terms('abuse', 0.85, ['chutiya', 'chutia', 'chutiye', 'chutya', 'gandu', 'gaandu', 'gaand {mara|mar|marao|marwa}', 'bhadwa', 'bhadwe', 'bhaduwa', 'jhatu', 'jhaatu']),
  ...terms('abuse', 0.85, ['randibaaz', 'chodu']),
  ...terms('abuse', 0.9, ['bsdk', 'mkc', 'bkl']),
  ...terms('abuse', 0.92, ['teri maa ki', 'teri maa ka', 'teri behen ki', 'teri bahen ki', 'tmkc']),
  ...terms('abuse', 0.95, ['bhosdike', 'bhosdi ke', 'bhosadike', 'bhosdi', 'bhosda', 'bhosdiwale', 'bhosdika', 'bhosdiwala']),
  ...terms('abuse', 0.96, [
    'madarchod', 'maderchod', 'madarchot', 'maderchot', 'madarjaat', 'mader chod', 'madar chod',
    'behenchod', 'bahenchod', 'behanchod', 'bahanchod', 'bhenchod', 'benchod', 'bhainchod', 'bhencho', 'behencho',
    '{behen|bahen|behan|bahan} ke {lode|laude|lawde|lund}', 'maa ki chut', 'maa chod', 'maa chuda', 'maa chudao',
    'randi ki aulad', 'randi ke bachche', 'randi ka bachcha', 'randi ka',
  ]),
  // bc and mc are also "before Christ" and "master of ceremonies".
  ...terms('abuse', 0.85, ['bc', 'mc'], { hinglishOnly: true }),
  // Slurs: caste, religion, region, gender identity.
  ...terms('slur', 0.96, ['katua', 'katue', 'katwa', 'katwe', 'chinki', 'chinky', 'bhimta', 'bhimte']),
  ...terms('slur', 0.9, ['chamar', 'chamaron', 'bhangi']),
  ...terms('slur', 0.75, ['hijra', 'hijda', 'hijde', 'hijre', 'jihadi', 'jihadiyon']),
  ...terms('slur', 0.6, ['madrasi']),
  // chhakka is also a six in cricket; mulle folds into English "mule".
  ...terms('slur', 0.7, ['chakka', 'chhakka'], { targetedOnly: true, hinglishOnly: true }),
  ...terms('slur', 0.85, ['mulle', 'mullon', 'mullo'], { hinglishOnly: true }),
  // Threats. First-person future verbs ("maar dunga", I will kill/beat) are threats outright.
  ...terms('threat', 0.96, [
    `maar ${FUTURE_I}`, `jaan se maar ${FUTURE_I}`, `goli maar ${FUTURE_I}`, `kaat ${FUTURE_I}`,
    'tukde tukde kar {dunga|denge}', 'tukde kar {dunga|denge}', 'zinda {nahi|nahin} {chhodunga|chodunga|chhodenge|chodenge}',
    'ghar {aake|aakar} {marunga|marenge}', '{rape|balatkar} kar {dunga|denge}', 'suicide kar le', 'fansi laga le',
  ]),
  ...terms('threat', 0.93, ['haddi {tod|tor} {dunga|denge}', '{muh|munh} {tod|tor} {dunga|denge}']),
  ...terms('threat', 0.9, ['jala {dunga|denge}', 'khatam kar {dunga|denge}', 'goli maaro']),
  ...terms('threat', 0.85, ['marunga', 'marenge', 'maar maar ke']),
  ...terms('threat', 0.8, ['mar ja', 'mar jao', 'uda {dunga|denge}']),
  // "jaan se maar..." also reports a threat ("jaan se maarne ki dhamki"): aimed at the reader it is held.
  ...terms('threat', 0.55, ['jaan se maar*']),
  // "dekh lenge" is mostly "we'll see"; "tujhe dekh lunga" is a threat.
  ...terms('threat', 0.7, ['dekh {lunga|lenge}'], { targetedOnly: true }),
];
