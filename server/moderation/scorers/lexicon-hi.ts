// Hindi (Devanagari) word lists for the lexicon scorer.
// Spellings are written once: normalizeForMatch drops nukta (ज़ → ज) and folds chandrabindu and
// nasal clusters into anusvara (माँ → मां, गान्ड → गांड); the scorer also folds long ī/ū into short
// (दूंगा / दुंगा), so only genuinely different spellings are listed.
import { terms, type LexiconEntry } from './lexicon-entry.js';

const FUTURE_I = '{दूंगा|दूंगी|देंगे|डालूंगा|डालूंगी|डालेंगे}';

export const HINDI_TERMS: readonly LexiconEntry[] = [
  // Name-calling. बेवकूफ* also covers बेवकूफों and बेवकूफी (foolishness), which is milder but rare.
  ...terms('insult', 0.65, ['बेवकूफ*', 'बेवकुफ*', 'गधा', 'गधे', 'गधों', 'गधी', 'नालायक', 'नालायकों']),
  ...terms('insult', 0.62, ['पागल', 'पगला', 'पगली', 'पागलों', 'निकम्मा', 'निकम्मे', 'निकम्मी', 'मूर्ख', 'मूर्खों', 'जाहिल', 'जाहिलों', 'गंवार']),
  ...terms('insult', 0.72, ['कुत्ता', 'कुत्ते', 'कुत्तों', 'सुअर', 'सुवर']),
  ...terms('insult', 0.75, ['कुत्ती', 'कमीना', 'कमीने', 'कमीनी', 'कमीनों']),
  ...terms('insult', 0.8, ['हरामी', 'हरामियों', 'हरामखोर', 'उल्लू {का|के} {पट्ठा|पट्ठे|पठ्ठा|पठ्ठे}', 'मुंह बंद {कर|रख}']),
  ...terms('insult', 0.85, ['कुतिया']),
  ...terms('insult', 0.9, ['हरामजादा', 'हरामजादे', 'हरामजादी', 'कुत्ते {की|का} {औलाद|बच्चा}', 'सुअर {की|का} {औलाद|बच्चा}']),
  ...terms('insult', 0.55, ['उल्लू', 'बदतमीज', 'अंधभक्त', 'अंध भक्त', 'चुप कर', 'दफा हो']),
  ...terms('insult', 0.4, ['घटिया']),
  ...terms('insult', 0.3, ['बकवास']),
  // Everyday words that insult only when said to someone: thief, beggar, traitor, sycophant,
  // brother-in-law (साला), humiliated.
  ...terms('insult', 0.55, ['चोर', 'भिखारी', 'गद्दार', 'चमचा', 'चमचे', 'साला', 'साले', 'साली'], { targetedOnly: true }),
  ...terms('insult', 0.7, ['जलील'], { targetedOnly: true }),
  // Swearing and graphic words.
  ...terms('profanity', 0.45, ['टट्टी']),
  ...terms('profanity', 0.6, ['चूतियापा', 'चुतियापा']),
  ...terms('sexual', 0.8, ['चूत', 'लंड', 'लौडा', 'लौडे', 'लोडा', 'लोडे', 'लवडा', 'लवडे']),
  ...terms('sexual', 0.7, ['गांड', 'झांट', 'चुदाई']),
  // Severe abuse.
  ...terms('abuse', 0.85, ['चूतिया', 'चुतिया', 'चूतिये', 'चुतिये', 'गांडू', 'गांड मार*', 'भडवा', 'भडवे', 'भडुवा', 'झाटू', 'झांटू', 'चोदू', 'रंडीबाज']),
  ...terms('abuse', 0.9, ['रंडी', 'मादरजात']),
  ...terms('abuse', 0.92, ['{तेरी|तेरे} मां {की|का|के}', '{तेरी|तेरे} बहन {की|का|के}']),
  ...terms('abuse', 0.95, ['भोसडीके', 'भोसडी के', 'भोसडी', 'भोसडा', 'भोसडीवाले', 'भोसडीवाला']),
  ...terms('abuse', 0.96, [
    'मादरचोद', 'मादर चोद', 'बहनचोद', 'बहन चोद', 'भेनचोद', 'बहनचो', 'बहन {के|की} {लौडे|लोडे|लंड}', 'मां की चूत', 'मां चोद',
    'रंडी {की|के|का} {औलाद|बच्चे|बच्चा}', 'चोद {दूंगा|देंगे}',
  ]),
  // Slurs: caste, religion, region, gender identity. छक्का is also a six in cricket.
  ...terms('slur', 0.96, ['कटुआ', 'कटुए', 'कटुओं', 'कटवा', 'चिंकी', 'भीमटा', 'भीमटे']),
  ...terms('slur', 0.9, ['चमार', 'चमारों', 'भंगी']),
  ...terms('slur', 0.85, ['मुल्ले', 'मुल्लों']),
  ...terms('slur', 0.75, ['हिजडा', 'हिजडे', 'हिजडों', 'जिहादी', 'जिहादियों']),
  ...terms('slur', 0.6, ['मद्रासी']),
  ...terms('slur', 0.7, ['छक्का', 'छक्के'], { targetedOnly: true }),
  // Threats. First-person future verbs (मार दूंगा, I will kill/beat) are threats outright.
  ...terms('threat', 0.96, [
    `मार ${FUTURE_I}`, `गोली मार ${FUTURE_I}`, `काट ${FUTURE_I}`, 'टुकडे {कर|करके} {दूंगा|देंगे}', 'जिंदा {नहीं|नही} {छोडूंगा|छोडेंगे}',
    'घर {आकर|आके|आ के} {मारूंगा|मारेंगे}', '{बलात्कार|रेप} कर {दूंगा|देंगे}', 'फांसी लगा ले', 'आत्महत्या कर ले',
  ]),
  ...terms('threat', 0.93, ['हड्डी {तोड|तोड़} {दूंगा|देंगे}', 'मुंह तोड {दूंगा|देंगे}']),
  ...terms('threat', 0.9, ['जला {दूंगा|देंगे}', 'खत्म कर {दूंगा|देंगे}', 'गोली मारो']),
  ...terms('threat', 0.85, ['मारूंगा', 'मारेंगे', 'मार मार के']),
  ...terms('threat', 0.8, ['मर जा', 'मर जाओ']),
  // "जान से मार..." also reports a threat ("जान से मारने की धमकी"): aimed at the reader it is held.
  ...terms('threat', 0.55, ['जान से मार*']),
  // "देख लेंगे" is mostly "we'll see"; "तुझे देख लूंगा" is a threat.
  ...terms('threat', 0.7, ['देख {लूंगा|लेंगे}'], { targetedOnly: true }),
];
