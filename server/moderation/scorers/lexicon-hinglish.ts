// Romanized Hindi (Hinglish) word lists for the lexicon scorer.
// Spellings are written once: the scorer folds doubled letters, oo/u, ee/i, v/w, z/j, q/k, ph/f and
// aspirates (bh, dh, gh, jh, kh, th) on both sides, so "bewakoof", "bevkuf" and "bewaqoof" meet.
// Because of that folding, a word here must not fold into a common English or Hinglish word:
// "gaadi" (car) and "gadhi" both fold to "gadi", so "gadhi" is only counted when aimed at someone.
import { terms, type LexiconEntry, type WordClasses } from './lexicon-entry.js';

const FUTURE_I = '{dunga|dungi|denge|dalunga|dalungi|dalenge}';

const FUTURE_WE = '{dunga|dungi|denge|dalunga|dalenge|dege|doonga}';
/** Verbs of violence that, with a first-person future (…denge), make a threat. */
const HARM_STEMS = '{maar|kaat|jala|tod|phod|uda|kuchal|thok|peet|latka|utha|phook|phoonk|gaad|raakh kar|khatam kar|saaf kar|aag laga|goli maar|encounter kar|taang tod|haath kaat|sar phod|dho|pel|cheer|phaad|sar kalam kar|ilaaj kar}';

export const HINGLISH_TERMS: readonly LexiconEntry[] = [
  // Name-calling.
  // Said of a person as of a dog: "bhonkte raho", "bhaunkna band kar".
  ...terms('insult', 0.82, ['bhonkte raho', 'bhaunkte raho', 'bhokte raho', 'bhonkna band', 'bhaunkna band', 'bhonk mat', 'bhaunk mat', 'bhaukne', 'bhonkne', 'bhaunkne'], { animalDoes: true }),
  ...terms('insult', 0.65, ['darpok', 'ghooskhor', 'ghuskhor', 'kathputli'], { targetedOnly: true }),
  ...terms('insult', 0.65, ['bewakoof', 'bewkoof', 'bewakoofon', 'nalayak', 'nalayakon', 'nikamma', 'nikamme', 'nikammi', 'nikammon', 'nikhattu', 'nikhatu', 'jahil', 'jahilon', 'jaahil', 'ganwar', 'gawar', 'anpadh', 'anpad', 'anpadhon']),
  ...terms('insult', 0.62, [
    'pagal', 'pagla', 'pagli', 'paglon', 'pagalon', 'lallu', 'dhakkan', 'buddhu', 'mandbuddhi', 'kaddu', 'fattu', 'nalla', 'nautanki', 'nautanki baaz', 'nautankibaaz', 'dogla', 'dogle', 'dogli',
    'besharam', 'beghairat', 'badtameez', 'badtamiz', 'pappu', 'feku', 'fenku', 'girgit', 'chaprasi', 'chapri', 'chhapri', 'jhollachhap', 'jholachhap', 'kaamchor', 'makkar', 'dhongi', 'pakhandi',
    'chirkut', 'tharki', 'bakchod', 'ghonchu', 'chamanchutiya', 'lukkha', 'tapori', 'gawaar', 'nakli intellectual', 'sathiya gaye', 'sathiya gaya',
  ]),
  ...terms('insult', 0.75, [
    'liberandu', 'libtard', 'librandus', 'andhbhakto', 'andh bhakto', 'godi anchor', 'godi patrakar', 'bikau patrakar', 'nakara', 'bhondu', 'jhandu', 'jhaandu', 'bakland', 'dheeth', 'chomu', 'chugalkhor',
    'kamina', 'kamine', 'kaminon', 'kutti', 'bikau media', 'dalal media', 'bhadua', 'paaltu tota', 'paaltu tote', 'paaltu kutta', 'godi media',
    'andhbhakt', 'andh bhakt', 'andhbhakton', 'chamcha', 'chamche', 'chamchon', 'tukde tukde gang', 'jokar', 'sickular', 'librandu',
    'presstitute', 'gobar bhakt', 'it cell wale', 'it cell ka', 'jaahil kahin ki', 'jahil kahin ka',
    // Met in real posts (Uli's train half).
    'libbu', 'libbus', 'kaluta', 'kaluti', 'kalute', 'nachaniya', 'nachniya', 'bazaru', 'bazaaru',
    'bhade ka tattu', 'bhade ke tattu',
  ]),
  ...terms('insult', 0.82, [
    'harami', 'haramiyon', 'haramkhor', 'haramkhoron', 'ullu ka pattha', 'ullu ke patthe', 'ullu ke pathe', 'muh band kar', 'munh band kar', 'kahin ka', 'kahin ki', 'kahin ke',
    'do kaudi ka', 'do kaudi ke', 'do kaudi ki', 'do kaudi ki bhi nahi', 'aukaat do kaudi', 'teri aukat', 'teri aukaat', 'tera dimag', 'tera dimaag', 'dimag ghutne', 'dimaag ghutne', 'akal ghaas charne', 'akkal ghaas charne',
    'mental case', 'dimag zero', 'dimaag zero', 'gobar se bhara', 'gobar bhara', 'dimaag gobar', 'dimag gobar', 'chup bait', 'chup baith', 'ek number ka chor', 'shakal se hi chor',
  ]),
  ...terms('insult', 0.8, ['bhains ke aage been', 'gobar ganesh']),
  // Spitting at someone ("thu hai tujh pe"); folding makes "thu hai" and "tu hai" one key ("tu hai kaun?", "tu hai na"):
  // only the spit's own spellings count.
  ...terms('insult', 0.82, ['thu hai'], { spelled: ['thu', 'thoo', 'thuu', 'thooo'] }),
  // Mild insults to someone's competence and schooling that are no swear word: "mahamurkh"; and, said to
  // someone, "gaya guzra" (worthless; also an era long gone), "do paise ki" (worth two paise; also a price),
  // "bheja fry" (brain fried; also a film), "chaar kitaab padh ke" (read four books and thinks he knows),
  // "degree khairat mein", "school mein sirf lunch", "tumse na ho payega" (you can't do it; also a film's
  // title), sarcastic prizes ("Nobel de do isko"), "akal baant rahe the tab tu kahan tha" (where were you
  // when wits were handed out) and a bought degree ("degree kharidi hai kya").
  ...terms('insult', 0.75, ['mahamurkh', 'maha murkh', 'mahamoorkh']),
  ...terms('insult', 0.75, [
    'gaya guzra', 'gaye guzre', 'gayi guzri', '{do|2} paise ki', '{do|2} paise ka', '{do|2} paise ke', 'bheja fry', 'chaar {kitaab|kitaabein|kitab|kitabein} padh*',
    'degree khairat', 'khairat mein degree', 'school mein sirf lunch', 'sirf lunch karne', '{tumse|tujhse|aapse|isse|tum se|tujh se} {na|nahi|nhi} ho {payega|paayega|payegi}',
    '{nobel|nobel prize|bharat ratna|oscar} de do', '{nobel|nobel prize|bharat ratna} {dedo|do isko|do inko}',
    'akal {baant|bant|baantne|bantne}*', 'degree {kharidi|khareedi|farzi}', '{soch|akal|akkal|dimag|dimaag} {pe|par} taras',
  ], { targetedOnly: true }),
  // A paid troll by price ("250 rupaye wala troll"): said of a commenter.
  ...terms('insult', 0.75, ['{rupaye|rupay|rupee|rs} {wala|wale} troll', '{rupaye|rupay|rupee|rs} {wala|wale} {bhakt|chamcha|chamche}']),
  ...terms('insult', 0.9, ['haramzada', 'haramzade', 'haramzadi', 'haramzadon', 'kutte ki aulad', 'suar ki aulad', 'kutte ka bachcha', 'suar ka bachcha']),
  ...terms('insult', 0.55, ['ullu', 'chup kar', 'dafa ho', 'bhakt', 'bhakton', 'sanghi', 'sanghiyon', 'aaptard', 'congressi', 'vampanthi', 'liberal gang']),
  // Folding drops aspiration, so "khulta" (it opens) would read as kulta and "chadhdi kala" (the Sikh
  // spirit of optimism) as chaddi: these count only as spelled.
  ...terms('insult', 0.75, ['kulta'], { spelled: ['kulta', 'kultaa', 'kulata'] }),
  ...terms('insult', 0.55, ['chaddi', 'chaddiwale'], { spelled: ['chaddi', 'chaddii', 'chaddiwale', 'chaddiwala', 'chaddiwalo', 'chaddiwalon'] }),
  ...terms('insult', 0.45, ['ghatiya', 'bakwas', 'bekar', 'bekaar', 'faltu', 'sharam karo', 'sharam nahi aati', 'overrated'], { describesThings: true }),
  // Everyday words, or names, that insult only when said to someone: chor (thief), gaddar
  // (traitor; also a film), kamini (a given name), gadhi (folds into gaadi, car), zaleel (Jaleel, a name),
  // animals.
  ...terms('insult', 0.6, ['namuna', 'jhootha', 'jhoota', 'dhoort', 'dhurt', 'dalal', 'dalalon', 'paaltu', 'gaddar', 'gaddaron', 'deshdrohi', 'desh drohi', 'joker', 'circus', 'gobar', 'chor', 'bhikhari', 'kamini', 'gadha', 'gadhe', 'gadho', 'gadhon', 'kutta', 'kutte', 'kutton', 'suar', 'suwar', 'kutiya', 'kuttiya', 'bandar', 'saanp', 'keeda', 'keede', 'gulam', 'ghulam', 'andhe', 'andha',
    // Real posts (THAR's train half) spell the pig and filth many ways: "kis sooyar se swaal", "is ghaleez maulana ko".
    'sooyar', 'sooar', 'soor', 'suvar', 'suvaro', 'suaron', 'ghaleez', 'galeez', 'ghaleej'], { targetedOnly: true }),
  ...terms('insult', 0.7, ['zaleel', 'zalil'], { targetedOnly: true }),
  // Dismissals, imperatives said to the reader: "chal nikal yahan se", "phoot le", "apna thobda band kar".
  // "chal nikal" alone is also "let's go" ("chal nikal, train chhoot jayegi"): only with "yahan se".
  ...terms('insult', 0.82, [
    '{nikal|nikal ja|nikal le|phoot|phoot le|phoot ja|bhaag ja|bhag ja|dafa ho|dafa ho ja|dafaa ho|chala ja|chal ja} yahan se', 'chal phoot', 'phoot le', 'dafa ho ja', 'dafa ho jao', 'dafa hoja',
    '{muh|munh|zubaan|zuban|thobda} band rakh', 'apna {muh|munh|thobda} band', 'thobda band kar', '{muh|munh} dekha hai apna', 'apni shakal dekh', 'shakal dekh apni', 'apna {muh|munh|thobda} dekh',
    '{zyada|jyada|itna} {smart|hoshiyar|hoshiyaar|chalak} mat ban', 'sharam bech', 'sharam bech ke', 'sharam bech khayi',
  ]),
  ...terms('insult', 0.8, [
    '{paagalkhane|pagalkhane|pagal khane} se {bhaag|bhag|nikal|chhoot}*', '{kisne|kis ne} pucha {aapse|tujhse|tumse|tere se|tujhe}', '{aapse|tujhse|tumse} {kisne|kis ne} pucha',
    '{isko|inko|ise|inhe|isse} chup {karao|karwao|kara do|karwa do}',
  ]),
  // Fake: of news and encounters as often as of people ("encounter farzi tha").
  ...terms('insult', 0.62, ['farzi'], { targetedOnly: true, describesThings: true }),
  ...terms('insult', 0.7, ['budbak', 'buddbak', 'budbakwa']),
  ...terms('insult', 0.6, ['langoor', 'langur', 'kenchua', 'maskhara', 'masakhra', 'maskhare'], { targetedOnly: true }),
  ...terms('insult', 0.7, ['thobda', 'angootha chhap', 'anguthachhap', 'angutha chhap'], { targetedOnly: true }),
  // Mild names for a person, said to someone: a flatterer, a turncoat, a sheep of the herd, a vulture of the news.
  ...terms('insult', 0.62, [
    'chaploos', 'chaplus', 'chaploosi', 'darbari', 'darbaari', 'behaya', 'bhedchaal', 'bhed bakri', 'behre', 'bahre', 'behra', 'bahra', 'lomdi', 'bhediye', 'bhediya', 'gidh', 'giddh', 'sirphira', 'sar phira', 'sarphira',
    'over smart', 'oversmart', 'whatsapp university', 'thali ka baingan', 'khisiyani billi', 'dhobi ka kutta', 'gire hue', 'giri hui', 'gira hua',
    'kisi kaam ke nahi', 'kisi kaam ka nahi', 'kisi kaam ki nahi', 'kisi {laayak|layak|lyak} nahi', 'ganwaron', 'gawaron', 'anpadhon', 'bewakoofon', 'nalayakon', 'chamchon',
    // The shameless, the mean-spirited, the two-faced, the swindler, the grouch, the crank, the braggart, the rowdy.
    'nirlajj', 'kamzarf', 'bahurupiya', 'sadiyal', 'khadoos', 'farebi', 'dhokhebaaz', 'khiskela', 'ghamandi', 'bakwasi', 'mawali', 'uchakka', 'paglu',
  ], { targetedOnly: true }),
  // The party's name spelled as an insult folds into the party's own name (कांग्रेस romanizes to kangres):
  // only these spellings count.
  ...terms('insult', 0.75, ['khangressi'], { spelled: ['khangressi', 'khangresi', 'khangress', 'khangres', 'khangrassi', 'khangressis'] }),
  // dalla (a pimp) folds into daala (poured, put: "vote daala"), thag (a swindler) into the English tag:
  // only their own spellings count.
  ...terms('insult', 0.75, ['dalla'], { spelled: ['dalla', 'dalle', 'dallo', 'dallon', 'dallaa'] }),
  // Garbage and a jinx, said of someone (real posts, Uli's train half); kachra is also plain garbage.
  ...terms('insult', 0.6, ['kachra', 'panauti'], { targetedOnly: true }),
  // bikau is also plainly "for sale" (bikau zameen, bikau maal): a bought journalist only when said of someone.
  ...terms('insult', 0.75, ['bikau'], { targetedOnly: true }),
  // gadhi (she-donkey) folds into gaadi (car): only its own spellings count.
  ...terms('insult', 0.6, ['gadhi'], { targetedOnly: true, spelled: ['gadhi', 'gaddhi', 'gadhii'] }),
  // saala / saale also mean brother-in-law and fold into English "sale"; murkh folds into "murk".
  ...terms('insult', 0.55, ['saali'], { targetedOnly: true, hinglishOnly: true, kinship: true }),
  ...terms('insult', 0.62, ['murkh', 'moorkh'], { hinglishOnly: true }),
  // Swearing and graphic words. "saala" as an oath ("saala har saal yahi hota hai"); the scorer
  // drops it after a possessive, where it is a brother-in-law ("mere saale ki shaadi").
  ...terms('profanity', 0.45, ['tatti']),
  // ghanta is also an hour ("ek ghanta") and a temple bell: alone it only backs the learned model.
  ...terms('profanity', 0.56, ['ghanta']),
  ...terms('profanity', 0.82, [
    'chutiyapa', 'chutiyapanti', 'bakchodi', 'randirona', 'randi rona', 'lauda lahsun', 'ghanta {kuch|milega|hoga|ukhaad|ukhad|ukhada|ukhadega|farak}', 'maa ki aankh', 'gaand phat', 'gand phat', 'bhencho', 'behencho', 'bhenchod', 'maa chod di',
    'bhosdi wale', 'bhosdiwalon', 'bhosdiwalo', 'fuck', 'fucking', 'bullshit', 'wtf',
  ]),
  // Folded, "sheet" (an answer sheet, a balance sheet) would read as shit.
  ...terms('profanity', 0.82, ['shit'], { spelled: ['shit', 'shiit', 'shitt', 'shyt', 'sh1t'] }),
  ...terms('profanity', 0.8, ['saala', 'saale'], { kinship: true, spelled: ['saala', 'saale', 'saaley', 'saalay', 'sala', 'saalaa'] }),
  // saalon / saalo are above all "years" ("kai saalon se"): an oath only when said to people.
  ...terms('insult', 0.8, ['saalon', 'saalo'], { targetedOnly: true, spelled: ['saalon', 'saalo'] }),
  ...terms('sexual', 0.8, ['loda', 'lawda', 'lawde', 'lodu', 'laudu']),
  ...terms('profanity', 0.9, ['{behen|bhen|bahen|behan} ki {lodi|lawdi|laudi}']),
  // chhoot (an exemption, a discount) folds into chut: only the abuse's own spellings count.
  ...terms('sexual', 0.8, ['chut'], { spelled: ['chut', 'choot', 'chutt', 'chuut'] }),
  ...terms('sexual', 0.7, ['gaand', 'jhant', 'chudai']),
  // chhoda (let go) and chhodna (to leave) fold into choda and chodna: only these spellings count.
  ...terms('sexual', 0.7, ['chodna', 'choda'], { spelled: ['chodna', 'choda', 'chodaa', 'chodnaa'] }),
  // Lund is a Swedish city and surname, Lauda a racing driver, lode an English word, Randi a name.
  ...terms('sexual', 0.8, ['lund', 'lauda', 'lode', 'laude'], { hinglishOnly: true }),
  ...terms('abuse', 0.9, ['randi', 'randiyon'], { hinglishOnly: true }),
  // Severe abuse: the "mother/sister" family of abuse and its abbreviations.
  ...terms('abuse', 0.85, [
    'chutiya', 'chutia', 'chutiye', 'chutya', 'chootiya', 'gandu', 'gaandu', 'ganduon', 'gaand {mara|mar|marao|marwa}', 'bhadwa', 'bhadwe', 'bhadwon', 'bhaduwa', 'jhatu', 'jhaatu',
  ]),
  ...terms('abuse', 0.85, ['randibaaz', 'chodu']),
  // Met in real posts (Uli's train half): the rear end as a threat's target, a schwa kept in dogla.
  ...terms('abuse', 0.85, ['pichwade {me|mein|main} {daal|dal|ghusa|de}*', 'pichwade pe {laat|lath|danda}*']),
  ...terms('insult', 0.62, ['dogale', 'dogala', 'dogali']),
  ...terms('threat', 0.86, ['kaan ke {neeche|niche} {bajaunga|bajayenge|lagaunga|lagayenge|dunga|denge|ek}*', 'kan ke niche {bajaunga|lagaunga|dunga}']),
  // chhuttiyon (holidays) folds into chutiyon: only the abuse's own spellings count.
  ...terms('abuse', 0.85, ['chutiyon', 'chutiyo'], { spelled: ['chutiyon', 'chutiyo', 'chutiyoon', 'chootiyon', 'chootiyo', 'chutiyonn'] }),
  ...terms('abuse', 0.9, ['bsdk', 'mkc', 'bkl']),
  ...terms('abuse', 0.92, ['teri maa ki', 'teri maa ka', 'teri behen ki', 'teri bahen ki', 'tmkc', 'jio walo ki maa']),
  // "maa ki pension", "maa ki yaad": one's mother is abuse only when the reader's is meant.
  ...terms('abuse', 0.92, ['maa ki'], { targetedOnly: true }),
  ...terms('abuse', 0.95, ['bhosdike', 'bhosdi ke', 'bhosadike', 'bhosdi', 'bhosda', 'bhosdiwale', 'bhosdika', 'bhosdiwala', 'bhosdiwalo']),
  ...terms('abuse', 0.96, [
    'madarchod', 'maderchod', 'madarchot', 'maderchot', 'madarjaat', 'mader chod', 'madar chod', 'madarchodon',
    'behenchod', 'bahenchod', 'behanchod', 'bahanchod', 'bhenchod', 'benchod', 'bhainchod',
    '{behen|bahen|behan|bahan} ke {lode|laude|lawde|lund}', 'maa ki chut', 'maa chod', 'maa chuda', 'maa chudao', 'maa chudaye',
    'randi ki aulad', 'randi ke bachche', 'randi ka bachcha', 'randi ka',
  ]),
  // More gaali and abuse of women.
  ...terms('abuse', 0.88, ['chhinal', 'chinal', 'chinaal', 'raand', 'randwa', 'chudakkad', 'chudakad', 'maa ka bhosda', 'teri maa ko', 'teri behen ko', 'gaand phaad', 'gand phad', 'gaand mein', 'lund chus', 'muth maar', 'mooth maar', 'pel diya', 'pel denge', 'laude lag', 'gu kha']),
  ...terms('insult', 0.75, ['rakhail', 'kalmunhi', 'kalmuhi', 'daayan', 'dayan', 'kanjar', 'badzaat', 'badjat', 'najayaz', 'gadhe ki aulad', 'bhikhmanga', 'bhikmange', 'tuchcha', 'tucha', 'chhichhora', 'chichora', 'lafanga', 'sadak chhap', 'do takke ka', 'do takke ke', 'ehsaan faramosh', 'bewda', 'sanki', 'drama queen', 'dimaag ka dahi', 'akal ke andhe', 'aankh ke andhe', 'thullu']),
  // Licking someone's boots (talwe, talve; joote).
  ...terms('insult', 0.82, ['talwe chaat*', 'talve chaat*', 'talwe chat*', 'joote chaat*', 'jute chaat*']),
  ...terms('profanity', 0.7, ['bhaad mein ja', 'bhaad mein jao', 'bhad me ja', 'bhaad mein jaye', 'bhaad mein jaaye', 'bhad me jaye', 'aisi ki taisi', 'baap ka maal', 'tere baap ka']),
  // "Kuch bhi hagg do" (say any crap): talk called shit (Uli's train half). Not hagna alone, which open-defecation news uses.
  ...terms('profanity', 0.82, ['kuch bhi {hag|hagg|hagna|hagte|hagta|hagti} {do|dete|deta|deti|diya|rahe|raha|rahi}*', '{muh|munh|mooh} se {hag|hagg}*']),
  // bc and mc are also "before Christ" and "master of ceremonies".
  ...terms('abuse', 0.85, ['bc', 'mc'], { hinglishOnly: true }),
  // Slurs: caste, religion, region, gender identity.
  // "Kathua" (a town in Jammu) folds into the slur: only the slur's own spellings count.
  ...terms('slur', 0.96, ['katua', 'katue', 'katwa', 'katwe', 'katuon'], { spelled: ['katua', 'katue', 'katwa', 'katwe', 'katuon', 'katuo', 'katuaa', 'kattua', 'kattue', 'katuwe', 'katuwa'] }),
  ...terms('slur', 0.96, ['chinki', 'chinky', 'bhimta', 'bhimte']),
  ...terms('slur', 0.9, ['chamar', 'chamaron', 'bhangi']),
  ...terms('slur', 0.75, ['jihadi', 'jihadiyon']),
  // The claim that Muslim vendors spit in the food they sell (not its name, which counter-speech quotes).
  ...terms('slur', 0.85, ['thook ke bechte', 'thook ke dete', 'thook ke khilate', 'thuk ke bechte']),
  // hijra is also the community's own name: a slur when it is hurled at someone.
  ...terms('slur', 0.75, ['hijra', 'hijda', 'hijde', 'hijre', 'hijro', 'hijron'], { targetedOnly: true }),
  ...terms('slur', 0.6, ['madrasi', 'madrasis', 'madrasiyon']),
  // chhakka is also a six in cricket; mulle folds into English "mule".
  ...terms('slur', 0.7, ['chakka', 'chhakka'], { targetedOnly: true, hinglishOnly: true }),
  ...terms('slur', 0.85, ['mulle', 'mulla log', 'panchar wale', 'panchar wala', 'puncture wale', 'neech jaati', 'chhoti jaat', 'chaddidhari', 'secular keede'], { hinglishOnly: true }),
  // These fold into no English word, so they need no Hinglish around them, and a capital at the start of a
  // sentence ("Mullon dekh lo", a real post: THAR's train half) is no name.
  ...terms('slur', 0.85, ['mullon', 'mullo', 'mulleo', 'katmulla', 'katmulle', 'katmullon', 'shantidoot', 'shantidoots', 'mleccha', 'malechh', 'malechchh']),
  // Names for a community as vermin or as what it supposedly drinks, in the spellings readers use:
  // sulle (Muslims), hare tidde (green locusts: Muslims), gaumutri (cow-urine drinkers: Hindus), and
  // bhagwa aatanki (saffron terrorists) said of people (THAR's train half: "bhagwe aatangi").
  ...terms('slur', 0.85, ['sulle', 'sullo', 'sullon', 'sullay', 'hare tidde', 'hare tiddon', 'hare tiddo', 'gaumutri', 'gomutri', 'gaumutriya', 'gaumutriye', 'gaumutra peene wale', 'gomutra peene wale']),
  ...terms('slur', 0.82, ['bhagwa aatanki', 'bhagwe aatanki', 'bhagwa aatankiyon', 'bhagwe aatangi', 'bhagwa aatangi']),
  // "Sulla" is also a name; the singular counts only in Hinglish text.
  ...terms('slur', 0.85, ['sulla'], { hinglishOnly: true }),
  // "Go to Pakistan": a reader's religion or loyalty made their nationality.
  ...terms('identity', 0.86, ['pakistan {chale jao|chala ja|chala jaye|chale jaye|bhej do|bhejo|jao}', 'desh se {nikalo|bahar karo|bhagao}']),
  // Threats. First-person future verbs ("maar dunga", I will kill/beat) are threats outright.
  ...terms('threat', 0.96, [
    `maar ${FUTURE_I}`, `jaan se maar ${FUTURE_I}`, `goli maar ${FUTURE_I}`, `kaat ${FUTURE_I}`,
    'tukde tukde kar {dunga|denge}', 'tukde kar {dunga|denge}', 'zinda {nahi|nahin} {chhodunga|chodunga|chhodenge|chodenge}',
    'ghar {aake|aakar} {marunga|marenge}', '{rape|balatkar} kar {dunga|denge}', 'suicide kar le', 'fansi laga le',
    // The beheading slogan, and its spellings.
    '{sar|sir} {tan|dhad|dhar} se {juda|alag}',
  ]),
  ...terms('threat', 0.93, [
    'haddi {tod|tor} {dunga|denge}', '{muh|munh} {tod|tor} {dunga|denge}', `${HARM_STEMS} ${FUTURE_WE}`, `${HARM_STEMS} {deni|dena|dalna|dalni} chahiye`, `${HARM_STEMS} {do|dalo|daalo}`,
  ]),
  ...terms('threat', 0.9, [
    'jala {dunga|denge}', 'khatam kar {dunga|denge}', 'goli maaro', 'todenge', 'todunga', 'kaatenge', 'jalayenge', 'phookenge', 'peetenge', 'thokenge', 'udayenge', 'kuchlenge', 'latkayenge', 'maarenge',
    'sabak sikhaunga', 'sabak sikhayenge', 'sabak sikhana chahiye', 'anjaam {bahut |}bura hoga', 'anjam {bahut |}bura hoga', 'anjaam bhugatna', 'zinda wapas nahi', 'zinda nahi bachega', 'utha lena chahiye',
    'phir batate {hai|hain}', 'fir batate {hai|hain}', 'phir bataenge', 'bata denge tujhe', 'dekh lenge tujhe', 'dekh lunga tujhe', 'gayab ho jaoge', 'gayab ho jayega', 'dobara kehne nahi aayenge',
    'ghar ki location', 'kis college mein', 'kis school mein', 'ghar late aayega', 'ilaaj hum karte', 'chun chun ke', 'naam o nishaan mita', 'ek bhi nahi bachna', 'tadap tadap ke mare',
    'sambhal ke likh',
    'haath pair tod', 'taange tod', 'taang tod', 'sar phod', 'khaal udhed', 'boti boti', 'kaat dalenge', 'zinda gaad', 'maut ke ghaat', 'upar pahuncha', 'upar bhej', 'tapka do', 'tapka denge',
    'nipta do', 'nipta denge', 'thikane laga', 'gayab karwa', 'supari', 'kafan taiyar', 'chhodenge nahi', 'chodenge nahi', 'bakshenge nahi', 'nahi bachega', 'bhugatna padega', 'keemat chukani padegi',
    'nani yaad {dila*|aa jayegi|aayegi}', 'chhathi ka doodh', 'utha lenge', 'uthwa lunga', 'izzat loot', 'tezaab', 'acid daal',
    '{haath|hath} pair salamat nahi', 'zinda nahi {lautega|jayega|bachega|chhodenge}', 'todphod hogi', 'tod phod hogi', 'teri khair nahi', 'khair nahi', 'laash bhi nahi milegi', 'laash nahi milegi', 'utha ke le jao', 'uthwa lenge', 'zubaan {kheench|khinch|kaat} {lenge|denge|lunga|dunga}', 'zuban {kheench|khinch|kaat} {lenge|denge|lunga|dunga}', 'isse kam pe gayab', 'isse kam par gayab', 'is se kam pe gayab', 'isse kam mein gayab', 'par katar denge', 'par kaat denge', 'pankh katar denge', 'pankh kaat denge', 'par katar dunga', 'pankh kaat dunga', 'soch le', 'wahi haal hoga', 'tera bhi wahi haal', 'pachtayega', 'pachtaoge', 'pachtaegi', 'dhoondh nikalenge', 'dhund nikalenge', 'ghar gher lo',
  ]),
  // A community's places of worship to be torn down or burnt, and "start cutting" (THAR's train half:
  // "sab mahzid tood do", "bhadakne se nahi hoga, kaatna shuru karo"): calls to violence with no victim named.
  ...terms('threat', 0.9, [
    '{masjid|masjide|masjidein|mazjid|mahzid|mandir|mandiro|church|girja|gurudwara|dargah|madarse|madrase} {tod|tood|tor|jala|gira|uda|phook|phoonk} {do|dalo|daalo|denge|dunga}',
    '{kaatna|katna|kaatne|thokna|kootna|peetna} {shuru|chalu} {karo|kar do|kardo|karna hoga}',
  ]),
  // A life threatened or a village dared ("jaan pyaari hai toh chup reh", "gaon mein ghus ke dikha"): from the training batches' misses.
  // Not advice: "jaan pyaari hai toh helmet pehno".
  ...terms('threat', 0.9, ['jaan {pyaari|pyari|pyaara|pyara} {hai|h} {toh|to} {chup|chupchap|muh band|munh band|zubaan band|bakwas band|likhna band|nikal|bhaag}', 'ghus ke {dikha|dikhao|dikhana}', 'ghus kar {dikha|dikhao}']),
  // An address is a threat when it is the reader's: 'mere ghar ka pata badal gaya', 'ghar ka pata bataiye, parcel bhejna hai' are not.
  ...terms('threat', 0.9, ['ghar ka pata'], { targetedOnly: true }),
  // Turns, countdowns, a visit promised at one's gate, a score to settle, a fate like another's.
  ...terms('threat', 0.9, [
    'tera {bhi |}number {aayega|aa gaya|lagega}', 'agla number tera', 'teri {bhi |}baari aayegi', 'countdown shuru', 'ulti ginti shuru', 'din gine chune',
    '{tere|tumhare|teri} {ghar|gate|darwaze|office|dukaan} {pe|par} {honge|aayenge|pahunch jayenge}', 'ghar pe koi aayega', 'aa rahe {hai|hain} milne',
    'hisaab chukta', 'chukta karenge', 'wahi hashr', 'jaisa hashr', 'hashr hoga', 'hashr karo',
  ]),
  ...terms('threat', 0.85, ['marunga', 'marenge', 'kutte ki maut', 'kutte ki maut marega']),
  // Ultimatums and fates announced: "aukaat dikha denge", "haath nahi bachenge", "tera time aa gaya", "ghar tak aa sakte hai".
  ...terms('threat', 0.88, [
    '{aukaat|aukat|aukad} dikha {denge|dunga|dengi}', '{haath|hath|haddi|haddiyan|taange|tange|ungliyan|pair} nahi {bachenge|bachega|bachegi|bachengi}', 'anjaam {bhugto|bhugtoge|bhugtega|bhugtegi|bhugtna}',
    '{tera|tumhara|iska} {time|waqt|samay} aa gaya', '{tera|tumhara|teri|iska} kaam {khatam|tamaam|tamam}', 'ghar tak aa {sakte|jayenge|jaenge|jaayenge|pahunch}*',
    '{sudhar|sudhaar} ja warna', 'warna {sudhar|sudhaar} {denge|dunga}', '{phir|fir} mat kehna {bataya|bataya nahi|bata ke nahi}*', '{nazar|najar} {hai|rakh rahe|rakhe hue} {tujh|tum|tumhare|tere|aap}*',
    'himmat hai {to|toh} {bahar|samne|saamne} {mil|aa}*', 'keyboard ke bahar', 'doosra tarika bhi aata', 'ilaaj {gali|sadak} {mein|me|pe} hoga',
    // A life made hell, a silence for good, a lesson at the reader's home, a meeting outside demanded.
    'jeena {haram|muhaal|mushkil} kar {denge|dunga|doonga|dengi}', 'hamesha ke liye chup {kara|karwa|kar}*', 'ghar {aake|aa ke|aakar|aa kar} {samjhayenge|samjhaenge|samjhaunga|batayenge|bataenge}',
    '{sudhar|sudhaar} {jao|jaiye|ja} {warna|varna|nahi toh|nahi to}', 'bahar mil {kabhi|tu|ke dikha}', '{aa ja|aaja|aaja tu} himmat hai {to|toh}',
  ]),
  ...terms('threat', 0.62, ['{humare|hamare} {bhi |}log {hai|hain}', 'aamne samne', 'warna {accha|achha|acha|theek|thik} nahi hoga', 'kisse panga le {raha|rahi|rahe}'], { targetedOnly: true }),
  // "Sachin ne Shoaib ko maar maar ke dhoya": a batsman's beating of a bowler, unless the reader is meant.
  ...terms('threat', 0.85, ['maar maar ke'], { targetedOnly: true }),
  // Care to a child or a friend ("raat ko akele mat nikalna beta") as often as a veiled threat: held when
  // said to the reader, else only backing the learned model. The same for a family "looked after" and a
  // vehicle's brakes "failing".
  ...terms('threat', 0.56, [
    'raat ko akele mat', 'akele mat nikalna', 'bach ke rehna', 'sambhal ke rehna', '{ghar walon|gharwalon|parivar|family|bachchon|bachon} ka {dhyan|khayal} rakh*',
    '{brake|break} {kab|kabhi bhi} fail', '{brake|break} fail {ho jaye|ho jayegi|karwa|kara|karwa denge|ho sakti}', 'accident ho jaye',
  ]),
  ...terms('harassment', 0.86, ['nudes bhej', 'nude bhej', 'photo bhej na', 'raat ko call karta', 'ek raat mere saath', 'bed pe chup', 'mms kab aa raha', 'figure mast', 'maal hai', 'maal ho', 'kya maal', 'patakha', 'item hai', 'chumma', 'nangi', 'rate kya hai', 'kitne mein', 'raat kitne ki', 'dhandhe wali', 'kothe', 'chhoona hai', 'mere paas aa jao', 'video call pe aao', 'video call pe aa', 'akele mein milo', 'raat ko milo',
    'raat ko free ho', 'akeli ho kya', 'bina kapdon', 'bina kapde', 'ek raat ke liye', 'private wala {content|video|photo|pic}', 'private {pics|photos|video} bhejo']),
  ...terms('threat', 0.8, ['mar ja', 'mar jao', 'mar jaa', 'uda {dunga|denge}']),
  // "jaan se maar..." also reports a threat ("jaan se maarne ki dhamki"): aimed at the reader it is held.
  ...terms('threat', 0.55, ['jaan se maar*']),
  // "dekh lenge" is mostly "we'll see"; "tujhe dekh lunga" is a threat.
  ...terms('threat', 0.7, ['dekh {lunga|lenge}'], { targetedOnly: true }),
  ...terms('insult', 0.65, ['neech', 'kayar', 'namakharam', 'namak haram', 'badmash', 'badmaash', 'luchcha', 'luchche', 'tuchcha', 'tuchche', 'chichora', 'chichhora', 'chatukar', 'bhagoda'], { targetedOnly: true }),
  ...terms('insult', 0.65, ['thag'], { targetedOnly: true, spelled: ['thag', 'thagg', 'thug', 'thugg', 'thago', 'thagon'] }),
];

/**
 * Hinglish word classes for the structural rules. Devanagari text is romanized before it meets
 * these lists, so they also cover Hindi words spelled as Hinglish writers spell them.
 */
export const HINGLISH_CLASSES: WordClasses = {
  you: [
    'tu', 'tum', 'tera', 'teri', 'tere', 'tujhe', 'tujh', 'tujhko', 'tujhse', 'tumhara', 'tumhari', 'tumhare', 'tumhe', 'tumhen', 'tumko', 'tumne', 'tune', 'tumlog', 'tum log',
    'aap', 'aapka', 'aapki', 'aapke', 'aapko', 'aapne', 'aapse', 'abe', 'oye', 'aree o', 'are o', 'tum jaise', 'tere jaise', 'tum jaisi', 'aap jaise', 'aap jaisi', 'tujh jaise', 'tumhare jaise',
  ],
  pron3: [
    'ye', 'yeh', 'wo', 'woh', 'vo', 'voh', 'isko', 'usko', 'ise', 'use', 'iska', 'iski', 'iske', 'uska', 'uski', 'uske', 'isse', 'usse', 'inko', 'unko', 'inka', 'unka', 'inki', 'unki', 'inke', 'unke',
    'ye banda', 'ye aadmi', 'ye aurat', 'ye ladki', 'is aadmi', 'is bande', 'likhne wala', 'likhne wale', 'likhne wali', 'madam', 'madam ji', 'sir ji', 'bhai sahab', 'neta ji', 'mantri ji',
  ],
  person: [
    'patrakar', 'reporter', 'anchor', 'journalist', 'editor', 'writer', 'lekhak', 'neta', 'mantri', 'minister', 'mla', 'mp', 'cm', 'pm', 'sarpanch', 'judge', 'umpire', 'captain', 'player',
    'selector', 'expert', 'aadmi', 'banda', 'bande', 'madam ji', 'aurat', 'ladki', 'ladka', 'insaan', 'influencer', 'owner', 'babu', 'afsar', 'officer', 'sahab', 'bhabhi', 'bhabhi ji', 'madam',
    'media', 'channel', 'youtuber', 'comedian', 'actor', 'heroine', 'guru', 'baba', 'prawakta', 'spokesperson', 'commentator',
    'andolankari', 'andolankariyon', 'pradarshankari', 'pradarshankariyon', 'protesters', 'chhatra neta', 'ngo wali', 'ngo wale', 'lekhika',
    // Clerics and priests: debates on religion name them as the person a comment points at (THAR).
    'maulana', 'molana', 'maulvi', 'molvi', 'moulana', 'pandit ji', 'pujari', 'padri', 'pastor',
  ],
  demonstrative: ['ye', 'yeh', 'is', 'iss', 'us', 'uss', 'wo', 'woh', 'aise', 'aisi', 'aisa', 'in', 'un'],
  owner: ['tumhara', 'tumhari', 'tumhare', 'tera', 'teri', 'tere', 'aapka', 'aapki', 'aapke', 'apka', 'apki', 'apke', 'mera', 'meri', 'mere'],
  mine: ['mera', 'meri', 'mere', 'hamara', 'hamari', 'hamare', 'humara', 'humari', 'humare'],
  vague: ['number', 'numbr'],
  culprit: ['doshi', 'doshiyon', 'aatankwadi*', 'aatanki*', 'atanki*', 'balatkari*', 'hatyare', 'hatyaron', 'apradhi*', 'gunahgar*', 'katil*', 'qatil*'],
  appeal: ['lapata', 'laapata', 'gumshuda', 'gumshudgi', 'aakhri baar dekha', 'aakhri baar dikhe', 'aakhri baar dikhi'],
  copula: ['hai', 'hain', 'ho', 'hu', 'hun', 'hoon', 'tha', 'the', 'thi', 'hote', 'hoti', 'hota', 'h', 'hai kya', 'ho kya', 'nikla', 'nikli', 'nikle', 'bana', 'bani', 'bane', 'ki tarah', 'jaise', 'jaisa', 'jaisi', 'se bhara', 'se bhare'],
  det: ['ek', 'ek number ka', 'ek number ke', 'ek number ki', 'pura', 'poora', 'puri', 'poori', 'bada', 'bade', 'badi', 'sabse bada', 'sabse badi', 'certified', 'nira', 'nire', 'asli', 'pakka', 'khandani', 'bilkul', 'kitna', 'kitni', 'itna', 'itni', 'sala', 'saala', 'bhi', 'toh', 'to', 'hi'],
  exclaim: ['kitna', 'kitni', 'kaisa', 'kaisi', 'wah', 'waah', 'wah re', 'dekho is', 'dekho ye', 'aree o', 'are o'],
  group: [
    'musalman', 'musalmaan', 'musalmano', 'muslim', 'muslims', 'mulle', 'mulla', 'mullo', 'hindu', 'hinduon', 'sikh', 'sikhon', 'isai', 'isaai', 'christian', 'christians', 'yahudi',
    'dalit', 'daliton', 'brahmin', 'brahman', 'bamman', 'yadav', 'jat', 'jaat', 'thakur', 'rajput', 'baniya', 'marwadi', 'marwari', 'bihari', 'madrasi', 'punjabi', 'bengali', 'bangali',
    'gujarati', 'marathi', 'kashmiri', 'nepali', 'chinki', 'northeast wale', 'up wale', 'bihar wale', 'bhaiya log', 'pakistani', 'bangladeshi', 'afghan', 'afghani', 'chini', 'chinese',
    'rohingya', 'israeli', 'palestinian', 'ghuspaithiye', 'ghuspaithiya', 'aurtein', 'auratein', 'assamese', 'asamese', 'shudra', 'shudro', 'shudron', 'negro', 'negroes', 'kale log', 'kaluye', 'kaluwe',
    'hijro', 'hijron', 'hijra', 'hijri', 'gayon', 'mahila', 'mahilayen', 'aurato', 'auratein', 'musalmano', 'musalmanon', 'dalito', 'sikho', 'isaiyon', 'bihariyon', 'pakistaniyon', 'tribals', 'aurat', 'aurte', 'aurten', 'auraton', 'aurton', 'ladkiya', 'ladkiyan', 'ladkiyon', 'feminist', 'feminists',
    'baniye', 'gujju', 'gujjus', 'haryanvi', 'odia', 'oriya', 'pahadi', 'keralite', 'malayali', 'mallu', 'mallus', 'kannadiga', 'kannadigas', 'tamil', 'tamilon', 'tamilo',
    'russian', 'russians', 'biharis', 'obc wale', 'sardar', 'sardaron', 'sardars', 'bengalis', 'kashmiriyon', 'punjabiyon', 'gujaratiyon',
    'transgender', 'hijde', 'hijre', 'gay', 'gays', 'chakke', 'reservation wale', 'sc st', 'adivasi', 'qaum', 'kaum', 'qaumein', 'jaat', 'jati', 'jaati', 'biradari', 'mazhab',
    // A faith by name, as the subject of contempt ("islam ek virus hai", "isaiyat sab dhong hai"): THAR's train half.
    'islam', 'isaiyat', 'isaiyaat', 'christianity', 'sanatan', 'sanatani', 'sanatniyon', 'momin', 'mominon',
    'dharm', 'dharam', 'community', 'bhakt', 'bhakton', 'andhbhakt', 'sanghi', 'librandu', 'liberal', 'congressi', 'aaptard', 'vampanthi',
  ],
  collective: [
    'ye log', 'yeh log', 'wo log', 'woh log', 'in logo', 'in logon', 'un logo', 'un logon', 'inke', 'unke', 'inki', 'unki', 'inko', 'unko', 'ye sab', 'ye saare', 'aise log', 'aise logo', 'aise logon',
    'poori kaum', 'puri kaum', 'poori qaum', 'puri qaum', 'ye kaum', 'ye qaum', 'inki kaum', 'unki kaum', 'ye jaat', 'ye jati', 'ye jaati', 'poora mulk', 'us mulk', 'ye mulk', 'poora desh', 'wo desh', 'us desh',
    'sab log', 'in sab', 'un sab', 'ye log toh', 'inka', 'unka', 'inhe', 'unhe', 'inhen', 'unhen',
  ],
  quant: ['poora', 'pura', 'saara', 'sara', 'sab', 'sabhi', 'saare', 'sare', 'sab ke sab', 'har', 'har ek', 'harek', 'poore', 'poori', 'pura', 'puri', 'jitne bhi', 'jitni bhi', 'ek bhi', 'ek ek', 'sabko', 'sabke', 'hamesha', 'paidaishi', 'khoon mein', 'andar se', 'ek jaise'],
  derog: [
    'jaanwar', 'janwar', 'haiwan', 'haiwaan', 'keede', 'kide', 'keede makode', 'kide makode', 'makode', 'deemak', 'dimak', 'saanp', 'sanp', 'kutte', 'kutton', 'suar', 'suwar', 'gandagi',
    'gande', 'gandi', 'aatankwadi', 'atankwadi', 'aatanki', 'terrorist', 'terrorists', 'jihadi', 'gaddar', 'gaddaar', 'deshdrohi', 'desh drohi', 'desh ke dushman', 'chor', 'lutere', 'lootere',
    'crime badh', 'barbaad kar', 'aabadi badh', 'desh kha', 'kha jayenge', 'hinsa sikhati', 'kabhi nahi sudhre', 'nahi sudhrenge', 'sudhrenge nahi', 'dange', 'dangai', 'gandagi phaila', 'bimari phaila',
    'namakharam', 'namak haram', 'khatra', 'darpok', 'indian nahi', 'bharatiya nahi', 'desh ke nahi', 'paidaishi', 'paidaishi terrorist', 'fauj', 'nafrat', 'attitude', 'maa bech', 'loot rahe', 'pal rahe', 'kuch nahi aata', 'dimaag se nahi', 'dimag se nahi',
    'ghinone', 'ghinoni', 'ghinona', 'pratikarak', 'parjeevi', 'parjivi', 'keedo', 'keedon', 'dhool', 'kuda', 'kude', 'kachre', 'kark rog', 'cancer', 'bimar', 'bimaar', 'asabhya', 'neech',
    'neeche prani', 'hinsak', 'kroor', 'badmash', 'chuhe', 'chuho', 'makkhi', 'machhar', 'sabse kharab', 'sabse zyada murkh', 'bekar', 'barbadi', 'kalank', 'aukaat nahi', 'koi aukaat nahi',
    'mulya nahi', 'layak nahi', 'koi jagah nahi', 'jagah nahi', 'mayne nahi', 'zindagi ki koi', 'insaan nahi', 'janwaro', 'jaanwaro', 'janwaron', 'sooar', 'lundkhopdi', 'vishwaas mat',
    'dhokebaaz', 'dhokebaj', 'dhongi', 'bimari', 'beemari', 'kalank', 'gunde', 'goonde', 'anpadh', 'ganwar', 'gawar', 'nashedi', 'patthar baaz', 'pattharbaaz', 'khoon ki pyaasi', 'khoon ke pyaase',
    'parasite', 'parasites', 'bojh', 'kachra', 'napak', 'najayaz', 'chudail', 'kanjoos', 'khalistani', 'bharose layak nahi', 'insaan nahi', 'insaan kam', 'darinde', 'rakshas', 'shaitan',
    'bhikhari', 'bhikhari hai', 'lathbaaz', 'lathhbaaz', 'sharabi', 'wehshi', 'gundagardi', 'desh virodhi', 'deshvirodhi', 'sankeern', 'jhoothe', 'jhoothi', 'kaamchor', 'kamchor',
    'bewakoof', 'murkh', 'jahil', 'jaahil', 'kamine', 'harami', 'nikamme', 'nalayak', 'bikau', 'naali ke', 'ghatiya', 'neech', 'gulam', 'ghulam',
    'chalu', 'akdu', 'dhokebaazi', 'aatank ki factory', 'nakli hindustani',
    // Contempt for a faith (THAR's train half): a sham, a virus, built on lies, teaching only violence.
    'dhong', 'dhakosla', 'khatarnak virus', 'jhooth par tika', 'jhooth pe tika', 'jhoot par tika', 'jhooth ka pulinda', 'jhoot ka pulinda',
    'sirf hinsa', 'hinsa ka paath', 'sirf gala kaat*', 'ghaleez', 'galeez', 'soor', 'sooyar', 'suvar', 'suaron', 'suvaro',
  ],
  exclude: [
    'bahishkar', 'bahishkaar', 'boycott', 'kuch mat kharido', 'nikalo', 'nikal do', 'nikaal do', 'bhagao', 'bhaga do', 'desh se nikalo', 'desh se bahar', 'bahar karo', 'bahar nikalo', 'pakistan chale jao', 'pakistan jao', 'pakistan bhejo', 'wapas bhejo',
    'dur hi rakho', 'door rakho', 'mat jaana', 'ilaaj mat', 'vote ka haq', 'haq nahi', 'nahi dena chahiye', 'ghar pe rehna chahiye', 'ghar pe raho', 'bharosa mat', 'bharosa karna bewakoofi',
    'saaf kar do', 'khatam kar do', 'mita do', 'naam o nishaan',
    'mat rakho', 'mat rakhna', 'licence band', 'apne desh jao', 'jagah hi kyun', 'laat maar ke bahar', 'laat maar kar bahar', 'lat mar ke bahar',
    'kiraye pe mat', 'kiraye par mat', 'ghusne mat do', 'ghusne nahi dena', 'koi haq nahi', 'adhikar nahi hona chahiye', 'haq nahi hona chahiye',
  ],
  harm: [
    'maar', 'maaro', 'maarenge', 'marenge', 'marunga', 'maarunga', 'maar do', 'maar dalo', 'maar daalo', 'maar denge', 'maar dunga', 'kaat', 'kaato', 'kaatenge', 'kaat denge',
    'jala', 'jalao', 'jala do', 'jala denge', 'jalayenge', 'phook', 'phoonk', 'phook do', 'thok', 'thoko', 'thok do', 'thok denge', 'thokenge', 'tod', 'todo', 'tod do', 'tod denge', 'tod dunga', 'todenge',
    'pel', 'pelo', 'pel denge', 'peet', 'peeto', 'peet peet', 'peetenge', 'dhulai', 'dhoyenge', 'kuchal', 'kuchal do', 'khatam kar do', 'uda do', 'uda denge', 'goli', 'goli maar', 'goli maaro',
    'latka', 'latka do', 'fansi', 'phansi', 'sabak', 'sabak sikha', 'sabak sikhana', 'aag', 'aag laga', 'aag laga do', 'bomb', 'bomb gira do', 'sar kalam', 'gala kaat', 'haddi', 'haddiyan', 'tang tod',
    'utha lena', 'utha lo', 'uthwa lo', 'gayab', 'gayab ho', 'zinda', 'laash', 'lash', 'khoon', 'pakad ke', 'pakad', 'joote', 'jute', 'chun chun ke', 'saaf kar', 'ilaaj', 'rape', 'balatkar',
    'mita', 'mita do', 'mita dein', 'mita diya', 'mitane', 'chutkara', 'vadh', 'gala ghot', 'gala ghont', 'peedit', 'atyachaar', 'atyachar', 'chot', 'chot pahuncha', 'dubo', 'dubo do', 'nishpadit',
    'pitai', 'pitayi', 'kutai', 'phek do', 'fek do', 'kaat dein', 'gardane kaat', 'gardan kaat', 'jail mai daal', 'kude ke dher', 'mar jate', 'mar jaye',
    'bimari de', 'beh jaaye', 'beh jaye', 'koi mare',
  ],
  intent: [
    'dunga', 'dungi', 'denge', 'dalunga', 'dalenge', 'karunga', 'karenge', 'karungi', 'hum', 'humne', 'hamne', 'hume', 'humein', 'hamein', 'maine', 'mujhe',
    'agli baar', 'agli bar', 'warna', 'nahi toh', 'nahi to', 'bahar mil', 'milenge', 'dekh lena', 'dekh lenge', 'dekh lunga',
  ],
  modal: ['chahiye', 'chaiye', 'hona chahiye', 'dena chahiye', 'do', 'dalo', 'daalo', 'karo'],
  wish: ['bhagwan kare', 'bhagwaan kare', 'bhagwan kare tujhe', 'khuda kare', 'allah kare', 'dua hai', 'ummeed hai', 'kaash', 'tujhe cancer', 'tadap tadap', 'keede pade', 'keede padenge', 'upar wala', 'uparwala', 'dua h'],
  doxx: [
    'ghar', 'gharo', 'gharon', 'ghar ka pata', 'pata', 'address', 'location', 'office', 'daftar', 'school', 'college', 'beti', 'beta', 'bachche', 'bachon', 'bacchon', 'bachcho', 'biwi', 'patni', 'pati',
    'maa', 'behen', 'bahen', 'behan', 'parivar', 'family', 'gaadi', 'gaadi ka number', 'number', 'mohalla', 'gali', 'flat', 'area', 'photos', 'photo', 'kis area', 'kis college', 'kis school', 'naukri', 'account',
    'academy', 'coaching', 'tapri', 'hostel', 'kahan rehta', 'kahan rehti', 'kahan rehte', 'papa', 'bete',
  ],
  know: ['pata karo', 'pata lagao', 'pata nikalo', 'humare paas hai', 'hamare paas hai', 'mere paas hai', 'pata hai', 'pata h', 'maloom hai', 'jaante hai', 'jante hai', 'note kar liya', 'dekh liya', 'dhoondh', 'dhoond', 'nikalo koi', 'nikal liya', 'daal di', 'daal diya', 'group mein', 'yaad rakh', 'sab pata', 'maloom h', 'jaante h', 'jante h', 'mein hai na', 'me hai na', 'mein h na'],
  warn: [
    'sambhal ke', 'sambhalke', 'sambhal kar', 'dhyan rakhna', 'dhyan rakho', 'yaad rakh', 'yaad rakhna', 'soch samajh ke', 'soch ke', 'bach ke', 'bachke', 'bach ke rehna', 'warna', 'nahi toh', 'nahi to',
    'anjaam', 'anjam', 'ab dekhna', 'dekh lena', 'samajhdar ho', 'samajh jao', 'akele mat', 'raat ko akele', 'aukat mein', 'aukaat mein', 'dobara kehne nahi', 'aakhri baar', 'last warning',
    'phir batate', 'fir batate', 'phir bataenge', 'bata denge', 'batate hai', 'dekh lenge', 'dekh lunga', 'zinda wapas', 'wapas nahi jayega', 'gayab ho jaoge', 'ghar late', 'ilaaj hum karte',
    'salamat nahi', 'bachega nahi', 'nahi bachega', 'nahi bachoge', 'bachenge nahi', 'time aane de', 'waqt aane de', 'suraj nahi dekh', 'pata chal jayega',
    'tujhe batata', 'tujhe bataunga', 'tumhe batata', 'tumko batata', 'tumhe bataunga', 'batayenge', 'samjhayenge', 'samjha denge', 'samjhaenge', 'yaad dila denge', 'der nahi lagti', 'dhyan se aana', 'khula nahi rahega', 'pairon pe nahi',
  ],
  dehuman: [
    'jaanwar', 'janwar', 'haiwan', 'haiwaan', 'keede', 'kide', 'keede makode', 'kide makode', 'makode', 'deemak', 'dimak', 'saanp', 'sanp', 'kutte', 'kutton', 'suar', 'suwar', 'chuhe', 'chuho',
    'parjeevi', 'parasite', 'parasites', 'bimari', 'beemari', 'kachra', 'gandagi', 'keedo', 'keedon', 'rakshas', 'darinde', 'insaan nahi', 'makkhi', 'machhar',
    'soor', 'sooar', 'sooyar', 'suvar', 'suaron', 'suvaro',
  ],
  vilify: [
    'bheekh pe', 'bheek pe', 'ghar tod', 'ghar todna', 'desh ke liye khatra', 'khatra hai', 'aabadi badha', 'aabadi badh', 'aabadi badhti', 'kabza', 'kabja', 'gandagi phaila', 'gandagi phailate', 'bimari phaila', 'loot', 'loot rahe', 'lootte', 'desh kha', 'kha jayenge', 'jagah jagah',
    'crime badh', 'barbaad kar', 'dhandha', 'dhanda', 'dharm parivartan', 'naukri kha', 'naukriyan kha',
    'kabhi nahi sudhre*', 'na sudhre*', 'nahi sudhre*', 'sudhrenge nahi', 'nahi badlenge', 'kabhi nahi badle*', 'bharose ke layak nahi', 'bharose layak nahi', 'ke alawa kuch nahi',
  ],
  violence: ['maar', 'maaro', 'kaat', 'jala', 'jalao', 'phook', 'goli', 'bomb', 'uda do', 'latka', 'lynch', 'rape', 'balatkar', 'aag laga', 'sar kalam', 'gala kaat'],
  hate: ['nafrat', 'nafrath', 'ghrina', 'ghin', 'ghinone', 'ghinoni', 'ghinona', 'bimar karte', 'chidh', 'bardasht nahi', 'bhaukla', 'khoon khaulta', 'ulti aati'],
  neg: ['nahi', 'nahin', 'nhi', 'na', 'mat', 'kabhi nahi', 'bilkul nahi', 'ulta', 'bilkul ulta', 'ke khilaf', 'ke khilaaf'],
  // 'ke baare me': what a sentence is about, not who it describes ('musalmano ke baare me ye khabar jhoothi hai').
  abstract: ['aatank', 'atank', 'aatankwad', 'dange', 'khatra', 'kabza', 'kabja', 'loot', 'dhandha', 'dhanda', 'factory', 'bimari', 'beemari', 'kalank', 'bojh', 'gandagi', 'nafrat', 'barbadi'],
  faith: ['islam', 'isaiyat', 'isaiyaat', 'christianity', 'sanatan', 'sanatan dharm', 'hindu dharm', 'isai dharm'],
  locative: ['mein', 'me', 'mai', 'pe', 'par', 'ke baare me', 'ke baare mein', 'ke bare me', 'ke bare mein', 'ke baare main', 'ke vishay me'],
  inept: [
    '{kuch|kuchh|kuch bhi} {nahi|nhi|nahin} {aata|ata|aati|jaanta|janta|jaante|jante|jaanti|samajhta|samajhte|samajhti}', 'kuch samajh {nahi|nhi} {aata|aati}',
    'bas ka {nahi|nhi}', 'bas ki baat {nahi|nhi}', '{na|nahi|nhi} ho {payega|paayega|payegi|paayegi|paoge|paaoge}',
  ],
  ultimatum: ['warna', 'varna', 'nahi toh', 'nahi to', 'nai to', 'nhi to', 'nahin to', 'nahin toh'],
  question: ['hai kya', 'ho kya', 'h kya', 'hai ky', 'ho ky', 'hai ka', 'ho gaya kya', 'ho gaye ho kya', 'hai be', 'ho be'],
  command: [
    'utha lo', 'uthwa lo', 'utha ke le jao', 'tank chadha do', 'goli chalwa do', 'camp mein band karo', 'jail mein band karo',
    'maaro', 'kaato', 'jalao', 'phoonko', 'thoko', 'todo', 'peeto', 'kuchlo', 'udao', 'latkao', 'girao', 'mitao', 'ujaado', 'chadha do', 'maar do', 'maar dalo', 'kaat do', 'kaat dalo', 'jala do', 'jala dalo', 'phoonk do', 'thok do', 'tod do', 'kuchal do', 'uda do', 'latka do', 'gira do', 'mita do', 'ujaad do', 'mitti mein mila do', 'bulldozer chalao', 'bomb girao', 'bum girao', 'goli maaro', 'goli maar do', 'khatam karo', 'khatam kar do', 'saaf kar do', 'sabak sikhao', 'nipta do', 'ghus ke maaro', 'ghuskar maaro', 'peet peet ke maaro', 'kaat ke lao', 'aag laga do', 'phansi do', 'phansi pe latka do',
  ],
  generalize: [
    'sirf', 'hote hi', 'hi hote', 'ke layak', 'khoon mein', 'fitrat', 'jaat hi', 'kabhi nahi sudhar',
    'matlab', 'dna mein', 'dna me', 'nasl', 'naslein', 'ek hi pehchaan', 'paida hi nahi', 'ke liye hi bane', 'zyadatar', 'khandani kaam', 'hote hi nahi',
  ],
  institution: ['sarkar', 'sarkaar', 'sarkarein', 'government', 'govt', 'prashasan', 'system', 'vyavastha', 'railway', 'nagar nigam', 'vibhag'],
  goodwill: [
    'happy birthday', 'janamdin mubarak', 'janmdin mubarak', 'janamdin ki badhai', 'badhai', 'badhai ho', 'badhaiyan', 'badhaai', 'mubarak', 'mubarakbad', 'mubarakbaad', 'shubhkamnaye',
    'shubhkamnayein', 'shubhkamnaen', 'shubh kamnaye', 'eid mubarak', 'diwali ki', 'holi ki', 'naye saal ki', 'jaldi theek ho', 'jaldi thik ho', 'get well soon', 'khush raho', 'khush rahiye',
    'sada khush', 'ashirwad', 'aashirwad', 'abhaar', 'aabhar', 'dhanyawad', 'dhanyavaad', 'thank you', 'thanku', 'thnx', 'congrats', 'congratulations',
    '{accha|acha|achha|badhiya|badiya|shandar|behtareen|nice|great|good} {article|lekh|report|reporting|khabar|story|analysis|coverage}',
    'all the best', 'best of luck', 'good morning', 'good night', 'suprabhat', 'namaste', 'namaskar', 'pranam', 'shraddhanjali', 'om shanti',
    'kamaal', 'kamal kar diya', 'zabardast', 'jabardast', 'accha lagta', 'acha lagta', 'achha lagta', 'accha laga', 'acha laga', 'achha laga', 'maza aa gaya', 'mazaa aa gaya',
    'maja aa gaya', 'hasi aa gayi', 'hansi aa gayi', 'hasi ruk nahi',
    // Said of someone admired: "ye banda sahi bol raha hai", "desh ka naam roshan kiya", "dil jeet liya".
    'sahi bol raha', 'sahi bol rahe', 'sahi bol rhe', 'sahi keh raha', 'sahi kaha', 'sach bol raha', 'sach bol rahe', 'sach dikhaya', 'naam roshan', 'dil jeet', 'dil jit',
    'kuch to kaam kiya', 'accha kaam', 'acha kaam', 'achha kaam', 'badhiya kaam', 'shandar kaam', 'bahut aage jayega', 'bahut aage jayegi', 'aage jaega', 'aage jayega', 'aage jayegi',
    'sarahniya', 'sarahneey', 'prashansniya', 'kabile tarif', 'kabile tareef', 'kaabil e tareef', 'lajawab', 'lajawaab', 'bemisaal', 'bemisal', 'prernadayak', 'misaal', 'dumdaar', 'damdaar', 'himmat wali', 'himmat wala',
    'barabar ka haq', 'barabari ka haq', 'samaan adhikar', 'saman adhikar', 'shanti se', 'saath khade', 'milke rehna', 'mil ke rehna', 'milkar rehna', 'mil kar rehna', 'miljul ke', 'bhaichara', 'bhaichare',
    // Shayari and fond talk: a smile, laughter, the moon, dreams, love. (Not memory: "yaad rakhna" warns.)
    'muskura*', 'muskaan', 'hasti ho', 'haste ho', 'chand', 'chaand', 'khwab', 'khwaab', 'sapne', 'mohabbat', 'ishq', 'humsafar',
  ],
  praise: [
    'salaam', 'salute', 'garv', 'proud', 'samman', 'izzat', 'bahadur', 'mehnati', 'imaandar', 'shabash', 'dhanyavad', 'shukriya', 'thanks', 'pyaar', 'naman', 'mahaan', 'prerna',
    'ache log', 'bhale log', 'nek', 'hero', 'respect', 'hats off', 'welcome', 'love', 'prashansa', 'tareef', 'sundar', 'khubsurat', 'vardaan', 'gale laga*', 'kadar', 'aadar',
  ],
  condemn: [
    'sharam', 'sharm', 'sharmnaak', 'sharmnak', 'galat', 'galat baat', 'bilkul galat', 'band karo', 'band hona chahiye', 'nindaniya', 'ninda', 'racism', 'bullying', 'dhamki', 'report kiya', 'report karo',
    'fir honi chahiye', 'action lena chahiye', 'ban lagna chahiye', 'suspension', 'jail hona', 'pakad liya', 'giraftar', 'sahi kaha', 'mat bhejo', 'mat samjho', 'khatam nahi hoti', 'tark do', 'level gir gaya',
    'nafrat', 'hate', 'hate speech', 'troll karna', 'chidhate', 'dushman hai', 'samvidhan padho', 'band karna hoga', 'choti soch', 'vishwas nahi kar sakte', 'bolna band', 'likhna band', 'kabhi nahi kaha',
    'bardasht nahi karunga', 'maaf nahi', 'nahi hone dena', 'samman', 'izzat karo', 'galat hai', 'sharm aani chahiye', 'sharam aani chahiye', 'kehna galat',
  ],
  quote: ['bola', 'boli', 'bole', 'bolna', 'bolke', 'bolkar', 'bolta', 'bolte', 'kaha', 'kehna', 'kehte', 'likha', 'likhna', 'likh rahe', 'likhne', 'naara', 'nare', 'chilla', 'chillaye', 'bulaya', 'bulate', 'gaali', 'shabd', 'bayan', 'wala bayan', 'jaisa', 'jaisa bhashan', 'forward', 'kehte rehte', 'kehna', 'sochna', 'manna', 'vishwas'],
  report: ['ke mutabik', 'ne kaha', 'report', 'reports', 'aaropi', 'giraftar', 'police ne', 'maare gaye', 'mare gaye', 'maara gaya', 'mara gaya', 'shaheed', 'hamle mein', 'hamla hua', 'ghatna', 'ki maut', 'maut ho gayi', 'jaan gayi', 'dhamki di', 'blast mein', 'attack mein'],
  brain: ['dimag', 'dimaag', 'akal', 'akkal', 'bheja', 'brain', 'iq', 'samajh'],
  belittle: ['zero', 'ghutne', 'ghaas', 'ghaas charne', 'gobar', 'khali', 'nahi hai', 'kam', 'bechke', 'girvi', 'room temperature', 'paidal'],
  kin: ['mera', 'mere', 'meri', 'uska', 'uske', 'unke', 'unka', 'apne', 'apna', 'hamare', 'humare', 'hamara', 'iske', 'inke', 'yaani', 'patni ka', 'biwi ka', 'ka', 'ke', 'ki', 'mama', 'nanad', 'bhabhi', 'jija'],
  body: ['figure', 'hoth', 'honth', 'kamar', 'jism', 'badan', 'chhati', 'tight kurti', 'hot dp', 'bed pe', 'saath soke', 'mms', 'akeli', 'skirt', 'blouse', 'dupatta', 'dupatte', 'shorts', 'taange', 'tange', 'taangon', 'jaangh', 'cleavage', 'lipstick', 'jawani', 'husn', 'kapdo', 'kapde'],
  advance: [
    'mere paas aa jao', 'mere paas aao', 'video call pe aao', 'video call karo', 'video call kar', 'video call pe aa', 'number do', 'number de do', 'raat ko call', 'raat mein baat', 'jaaneman', 'jaanemann', 'dm karo', 'dm kar', 'baby', 'akeli ho', 'chhote pehno', 'chote pehno', 'chhote kapde',
    'so ke', 'soke', 'so kar aage', 'hot lag rahi', 'sexy lag rahi', 'ek raat ke liye', 'ek raat mere saath', 'mere saath', 'bed pe', 'saath soke', 'figure dekhne', 'hot dp',
    'tight kurti', 'mms', 'mann karta', 'pakad ke sabak', 'hoth', 'kuch aur hi mann', 'chup karaya', 'sexy', 'maal', 'item', 'patakha', 'bhabhi ji akeli',
    'bina dupatte', 'bina kapdon', 'bina kapde', 'bina kapdo', 'bina saree', 'private video', 'private photo', 'private pic', 'private session', 'photo bhejo', 'pic bhejo', 'pics bhejo', 'video bhejo', 'selfie bhejo', 'number bhejo', 'number chahiye', 'hotel chalo', 'band kamre', 'aur chhoti', 'aur chote', 'kapde utaro', 'mana karogi', 'bula rahi',
  ],
};
