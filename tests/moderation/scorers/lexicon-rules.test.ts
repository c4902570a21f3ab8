// The lexicon scorer's structural rules, family by family and language by language, with the
// disguises they must see through and the counter-signals that keep news talk and condemnation
// clean; then the learned model's part (deterministic, cautious under negation and quotes) and
// the evidence every raised attribute carries.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLexiconScorer } from '../../../server/moderation/scorers/lexicon.js';
import type { Attribute } from '../../../server/moderation/scorers/scorer.js';

const HOLD = 0.8;
const REJECT = 0.95;

// Words and rules alone, so each case shows the rule at work; the full scorer is tested at the end.
const rules = createLexiconScorer({ model: null });
const full = createLexiconScorer();

function worst(scores: Record<string, number>): [string, number] {
  return Object.entries(scores).reduce((a, b) => (b[1] > a[1] ? b : a));
}

/** Asserts each text is held (>= 0.80), with `attribute` the highest score, and evidence naming it. */
function assertHeld(attribute: Attribute, texts: readonly string[], scorer = rules): void {
  for (const text of texts) {
    const { scores, evidence, hits } = scorer.analyze(text, 'hi');
    const [top, value] = worst(scores);
    const detail = `${JSON.stringify(text)}: ${top} ${value} (${hits.map((h) => `${h.term}=${h.score.toFixed(2)}`).join(', ') || 'no hits'})`;
    assert.ok(value >= HOLD, `not held: ${detail}`);
    assert.ok(scores[attribute] >= HOLD, `${attribute} ${scores[attribute]} < 0.80: ${detail}`);
    const said = evidence.find((e) => e.attribute === attribute);
    assert.ok(said && said.text.length > 0, `no ${attribute} evidence: ${detail}`);
  }
}

function assertClean(texts: readonly string[], scorer = rules): void {
  for (const text of texts) {
    const { scores, hits } = scorer.analyze(text, 'hi');
    const [top, value] = worst(scores);
    assert.ok(value < HOLD, `held: ${JSON.stringify(text)}: ${top} ${value} (${hits.map((h) => `${h.term}=${h.score.toFixed(2)}`).join(', ')})`);
  }
}

describe('lexicon scorer rules', () => {
  describe('threats and intimidation', () => {
    it('holds intent to harm aimed at a person (English, Hindi, Hinglish)', () => {
      assertHeld('THREAT', [
        'I will break your legs',
        "i'll find you. doesnt matter how long it takes",
        'घर आकर हड्डियाँ तोड़ दूँगा',
        'इस रिपोर्टर को स्टूडियो में घुसकर मारेंगे',
        'tujhe ghar aake marunga',
        'is patrakar ki haddi tod denge',
      ]);
    });

    it('holds veiled threats, doxxing and stalking', () => {
      assertHeld('THREAT', [
        'we know which street you live on, Meena',
        'we know which school your kids go to',
        'Respectfully sir, you should watch your back',
        'अंजाम बुरा होगा, याद रखना',
        'तेरा घर मालवीय नगर में है न? पता है हमें',
        'office ke bahar mil, phir batate hai',
        'tere ghar ka pata hai humein',
      ]);
    });

    it('holds calls for violence against a group or a person', () => {
      assertHeld('THREAT', [
        'Bomb the whole country and be done with it',
        'someone like you should get a bullet',
        'every last one of those protesters should be shot',
        'इन गद्दारों को गोली मार देनी चाहिए',
        'in sab ko line mein khada karke goli maar do',
      ]);
    });

    it('holds wishes of harm', () => {
      assertHeld('THREAT', ['I hope you die in a car crash tonight', 'bhagwan kare tujhe cancer ho']);
    });

    it('reads first-person future harm verbs, romanized or in Devanagari', () => {
      assertHeld('THREAT', ['उसके थिएटर में आग लगा देंगे', 'studio jala denge agli baar']);
    });
  });

  describe('identity attacks', () => {
    it('holds a group joined to a derogatory or dehumanizing predicate', () => {
      assertHeld('IDENTITY_ATTACK', [
        'all of them are terrorists, every single one',
        'that whole country is full of animals',
        'Brahmins are parasites who have sucked this country dry',
        'पूरी कौम ही गद्दार है',
        'ये सारे घुसपैठिए दीमक हैं',
        'ye log keede makode hai',
        'Kashmiri sab patthar baaz hai',
      ]);
    });

    it('holds hatred of a group and calls to expel one', () => {
      assertHeld('IDENTITY_ATTACK', ['I hate Muslims, every one of them', 'mujhe in logon se nafrat hai, sab ke sab chor', 'itna pasand hai toh Pakistan chale jao', 'these bangladeshi infiltrators should be kicked out, send them back']);
    });

    it('keeps plain reporting about groups clean', () => {
      assertClean([
        'ISIL fighters killed 12 people in the attack on the market',
        'The Taliban denied any involvement in the attack',
        'Hindu and Muslim leaders met after the riots and appealed for calm',
        'Two terrorists were killed in the gunfight, police said',
        'Russian troops committed war crimes in Bucha, the evidence is overwhelming',
        'दंगे के बाद हिंदू और मुस्लिम नेताओं ने शांति की अपील की',
        'army ne LOC pe ghuspaith naakaam ki, 3 ghuspaithiye maare gaye',
        // A noun of terror before a group is no adjective on it (a real news tweet: Uli).
        '#सरायकेला- जंगली हाथियों का आतंक महिला समेत एक बच्ची को हाथियों ने रौंदा',
      ]);
      assertHeld('IDENTITY_ATTACK', ['गंदे बिहारी', 'आतंकी मुसलमान']);
    });

    it('does not hold a denial', () => {
      assertClean(['Muslims are not terrorists', 'सब मुसलमान आतंकवादी नहीं होते', 'Gay people do not deserve to be tortured like that']);
    });
  });

    it('holds contempt for a faith named as a whole, and slurs at a sentence start (real posts: THAR)', () => {
      assertHeld('IDENTITY_ATTACK', [
        'पूरा इस्लाम ही झूठ पर टिका है',
        'इस्लाम में सिर्फ हिंसा का पाठ पढ़ाया जाता है',
        'islam ek dhong hai',
        'puri duniya ke liye islam ek khatarnak virus hai',
      ]);
      assertHeld('TOXICITY', ['Mullon dekh lo, aise hote hain tumhare maulana']);
      assertHeld('INSULT', ['kahan se pakad laaye is ghaleez maulana ko', 'aap kis sooyar se swaal kar rahi hain']);
    });

    it('holds community names as vermin or as what they drink, in readers\' spellings, and talk called shit', () => {
      assertHeld('IDENTITY_ATTACK', ['ye sulle kabhi nahi sudhrenge', 'hare tidde phir sadak pe aa gaye', 'gaumutri log kuch nahi samjhenge', 'सुल्ले फिर से आ गए']);
      assertHeld('PROFANITY', ['@user Kuch bhi Hagg Do']);
      assertHeld('IDENTITY_ATTACK', ['They must be from pissfull religion']);
      assertClean(['what a peaceful religion, everyone is welcome at the festival']);
      assertHeld('INSULT', ['you are a bot']);
      assertClean(['Sulla was a Roman general', 'khule mein hagna band karo, sauchalay banao', '@user do you go to car boot sales?']);
    });

    it('holds calls to tear down a community\'s places of worship and to "start cutting" (real posts: THAR), not kitchen work', () => {
      assertHeld('THREAT', ['sab mahzid tood do aur mandir bana do', 'भाई भड़कने से नहीं होगा काटना शुरू करो', 'मस्जिद तोड़ दो']);
      assertClean(['सब्जी काटना शुरू करो और प्याज़ भून लो', 'purana ped kaat do, naya lagao', '1992 mein babri masjid tod di gayi thi']);
    });

    it('keeps teaching about a faith, clerics and wild boars clean', () => {
      assertClean([
        'इस्लाम में नमाज़ पांच वक्त की होती है',
        'islam mein roza farz hai',
        'इस्लाम में झूठ बोलना गुनाह है',
        'sanatan dharm mein pakhand ka virodh kiya gaya hai',
        'शादी समारोह के पंडाल में घुसा जंगली सुअर',
        'maulana ji ne sahi kaha, sabko milkar rehna chahiye',
      ]);
    });

  describe('insults', () => {
    it('holds name-calling aimed at the reader, the author or a public figure, mild words included', () => {
      assertHeld('INSULT', [
        'what an idiot',
        'the author is a hack',
        'this anchor is a clown',
        'this journalist is a govt stooge',
        'ये पत्रकार नहीं, सरकार का दलाल है',
        'तू एक नंबर का गधा है',
        'ye reporter pura dalal hai',
        'tu toh ek number ka dhakkan hai',
        'jaahil aadmi, pehle padh le',
      ]);
    });

    it('does not hold strong words about things (disagreement)', () => {
      assertClean(['This policy is a disaster and everyone can see it', 'ye film overrated hai, bilkul bakwas', 'what a stupid decision by the selectors', 'ये फिल्म पूरी तरह बकवास है']);
    });

    it('does not hold a denied insult', () => {
      assertClean(['you are not an idiot, you just read the wrong report', 'log ab bewakoof nahi bante']);
    });
  });

  describe('sexual harassment', () => {
    it('holds propositions and remarks on a body aimed at a person', () => {
      assertHeld('TOXICITY', ['send nudes', '@priya_reports ur dp is hot, dm me', 'bhabhi ji akeli ho kya aaj? video call pe aao', 'मैडम आपका फिगर मस्त है, रात को मिलो']);
    });
  });

  describe('disguises', () => {
    it('sees through homoglyphs, mixed script, asterisks, spacing and stretched letters', () => {
      assertHeld('INSULT', ['what an іdіot', 'the FM is a scаmmer and a сlоwn', 'चूtiya bana rahe ho public ko', 'ये पत्रकार पूरा चू तिया है', 'कमीीीीना है ये नेता']);
      assertHeld('PROFANITY', ['f**k this government', 'मादर**द नेता']);
      assertHeld('INSULT', ['b*stard politicians, all of them']);
      assertHeld('THREAT', ['we kn0w wh3re u l1ve', 'इस रिपोर्टर को घर आ के ठो क देंगे']);
    });
  });

  describe('counter-signals', () => {
    it('does not hold a greeting with a word of thanks for the journalism (the model alone read "there, nice" as an advance)', () => {
      assertClean(['Hello there, nice article.', 'Hi there, nice article.', 'Hey there, nice piece.', 'hi there, great report, thanks', 'bhai accha article hai', 'बढ़िया लेख है भाई'], full);
      // The compliment does not excuse what follows it.
      assertHeld('INSULT', ['nice article, you are still an idiot'], full);
    });

    it('keeps quotes of abuse made to condemn it below the hold', () => {
      assertClean([
        "Calling her a 'whore' on air is disgusting and the channel should apologise",
        'The MP called farmers "parasites" in his speech. shameful language',
        'Reporting the comment that says "I know where you live" to the mods. that is a threat',
        'reporter ko "dalal" aur "bikau" bolke troll karna band karo',
      ]);
    });

    it('holds coded and compounded slurs met in real posts (HateXplain)', () => {
      assertHeld('IDENTITY_ATTACK', ['that is the muzrat strategy in every country they infest', 'just another sheboon on the news', 'go home towel head']);
    });

    it('holds a comparison said of someone even beside a condemning word (a real post: HateXplain)', () => {
      // "like" after sounds / looks is no report of words, and "disgusting" here is the insult.
      assertHeld('TOXICITY', ['he sounds like a nigger trying to cure aids, disgusting piece of shit', 'you look like a retard, disgusting']);
      assertClean(['It is disgusting to see people saying things like "retard" about kids']);
    });

    it('keeps news talk of war, terror and crime clean', () => {
      assertClean([
        'Russia launched another drone attack on Kyiv overnight, 4 killed including a child',
        'The four convicts in the Nirbhaya case were hanged in March 2020',
        'Kabul airport blast mein 13 American soldiers bhi mare the',
        'मणिपुर हिंसा में अब तक 150 से ज्यादा लोग जान गंवा चुके हैं',
      ]);
    });

    it('keeps names, places and innocent look-alikes clean', () => {
      assertClean([
        'The Austrian village of Fucking renamed itself Fugging in 2021',
        'Dick Cheney was the real power behind the Iraq war decisions',
        'BC aur OBC reservation ke naye certificate ke liye kya documents chahiye?',
        'MC elections kab hai Delhi mein?',
        'mere saale ki shaadi hai agle hafte',
        'Diwali sale mein phone 30% off mil raha hai',
        'She graduated summa cum laude, very impressive',
        'bumrah mishit the pull and it went straight up',
      ]);
    });
  });

  describe('Hindi word order, vocatives and look-alikes', () => {
    it('holds commands of violence with the verb last, and warnings of what will happen', () => {
      assertHeld('THREAT', ['इन लोगों के घर जला दो', 'un logon ki dukaanein jala do', 'ज़्यादा बोला तो तू सलामत नहीं रहेगा', 'zyada likha toh tu salamat nahi rahega']);
    });

    it('holds requests for private photos and videos aimed at a person', () => {
      assertHeld('TOXICITY', ['@user send me a video in that gym outfit, just for me']);
    });

    it('holds a mild name standing as a clause of its own, but not the word alone', () => {
      assertHeld('INSULT', ['पुल फिर गिर गया और मंत्री जी फीता काट रहे, निकम्मे', 'teen saal se flyover adhoora hai, nalayak']);
      assertClean(['nalayak']);
    });

    it('reads everyday Devanagari words as themselves, not as their romanized look-alikes', () => {
      assertClean([
        'त्योहार पर कपड़ों पर 40% की छूट मिल रही है',
        'दादी ने मेरी चुटिया में लाल रिबन बांधा',
        'कठुआ ज़िले में बारिश से दो पुल टूटे',
        'Kathua mein nayi sadak ban rahi hai',
        'मोहल्ले का मलबा कल सुबह उठवा लेंगे',
        'फ़िल्म हरामखोर पर आज चर्चा है',
        'इतिहास की किताब में 500 बीसी लिखा है',
        'jija ke saale ki shaadi hai agle hafte',
      ]);
      assertHeld('INSULT', ['तू चूतिया है'], rules);
    });
  });

  describe('Hinglish insults, dismissals and ultimatums (extra/hinglish-6)', () => {
    it('holds dismissals said to the reader, and mild names said to someone', () => {
      assertHeld('INSULT', ['chal nikal yahan se', 'phoot le bhai, teri jarurat nahi', 'apna thobda band kar', 'tum kisi kaam ke nahi ho', 'chaploos hai ye reporter', 'zyada smart mat ban']);
    });

    it('holds an ultimatum whose consequence is the writer\'s violence, in both scripts', () => {
      assertHeld('THREAT', ['post hatao nahi toh haath kaat ke rakh denge', 'खबर हटाओ वरना हड्डियां तोड़ के रख देंगे', 'likhna band kar warna haath tod denge', 'sudhar ja warna sudhaar denge', 'aukaat mein reh warna aukaat dikha denge']);
    });

    it('holds competence belittled in someone, not in oneself', () => {
      assertHeld('INSULT', ['isko kuch nahi aata, phir bhi anchor bana diya channel ne', 'ye coach kuch nahi jaanta', 'tere bas ki baat nahi', 'ये कोच कुछ नहीं जानता, हटाओ इसे']);
      assertClean(['mujhe kuch nahi aata cooking mein', 'mere bas ki baat nahi 10 km daudna', 'mujhse na ho payega ye diet', 'मुझे कुछ नहीं आता']);
    });

    it('reads a hyphen or underscore between letters as a mask, after leetspeak, but not in ordinary compounds', () => {
      assertHeld('INSULT', ['ch-tiya anchor', 'ch_tiya hai tu', 'm@d@rch*d sarkar']);
      assertClean(['well-known x-ray e-mail', 'co-operative bank ka re-tweet', 'pro-government anchor']);
    });

    it('reads a masked word with punctuation around it, and a listed spelling or plural through the mask', () => {
      assertHeld('TOXICITY', ['bhen ke l*de, reply kar']);
      assertHeld('INSULT', ['ch*tiyon ki sarkar hai ye', '(ch*tiya) hai tu']);
      assertClean(['5*3 = 15, maths dekho', 'rating 4*, acha hai']);
    });

    it('holds a life made hell, a silence for good, a lesson at home and a meeting outside demanded, not kind advice', () => {
      assertHeld('THREAT', ['jeena haram kar denge tera', 'hamesha ke liye chup kara denge', 'ghar aake samjhayenge', 'sudhar jao, warna accha nahi hoga', 'warna accha nahi hoga tere liye', 'bahar mil kabhi, fir baat karte hai', 'aa ja himmat hai toh']);
      assertClean(['bahar milte hai kabhi, chai peete hai', 'dawai time pe lena warna accha nahi hoga', 'bachcha ro raha hai, chup kara do']);
    });

    it('holds mild names said to someone (nirlajj, khadoos, farebi, ghamandi), not said of no one', () => {
      assertHeld('INSULT', ['tu nirlajj hai', 'ye neta pura farebi hai', 'kitna ghamandi aadmi hai ye', 'abe khadoos, reply toh kar']);
      assertClean(['aaj mausam bada khadoos hai, dhoop hi nahi nikli', 'ghamandi hona achhi baat nahi, dadi kehti thi']);
    });

    it('reads kaisa and kaisi before a name as an exclamation, as kitna', () => {
      assertHeld('INSULT', ['kaisa moorkh hai, vaccine ko chip bata raha', 'kaisa bewakoof hai ye']);
      assertClean(['kaisa laga match?', 'kaisi ho didi, bahut din ho gaye']);
    });

    it('reads a stretched final e as the e of kamine and saale, and a stretched word as its listed spelling', () => {
      assertHeld('PROFANITY', ['saaleee chor', 'saaaaleeee chor']);
      assertClean(['pleeease koi help karo', 'mere saaleee ki shaadi hai kal']);
    });

    it('keeps the same words in everyday use clean', () => {
      assertClean([
        'tu hai kaun? naya member hai kya group mein, welcome',
        'bhai chal nikal, late ho raha hai',
        'bhaag yahan se, aag lagi hai',
        'bill jama karo warna connection katega',
        'homework karo nahi to maar padegi',
        'ye paudha kisi kaam ka nahi',
        'Sai baba ke bhakt Shirdi mein lakhon ki sankhya mein pahunche',
        'chamcha dena zara, daal mein namak dekhna hai',
        'gobar gas plant gaon mein laga hai',
        'ye movie dekh ke pagal ho gaye hum, kya climax tha',
        "usne likha 'haath tod denge', ye bhasha band karo",
      ]);
    });
  });

  describe('the learned model', () => {
    it('does not hold warm words about a group on its own', () => {
      assertClean(['Muslims are wonderful neighbours, always the first to help', 'Dalit students topped the board exams, so proud of them', 'सिख भाइयों ने लंगर लगाया, सलाम है'], full);
    });

    it('counts no mention as a word of a short comment (real replies held: Uli)', () => {
      // Each was held on the model's word alone while its two mentions made it look eight tokens long.
      assertClean(['@user @user are you single?', '@user @user UP hai toh sab mumkin hai!'], full);
    });

    it('holds a short comment only when surer, and a generalization about a group with the rule that half-finds it', () => {
      assertClean(['Bihari mazdoor ghar laut rahe hain', 'Muslims offered Eid namaz'], full);
      assertHeld('IDENTITY_ATTACK', ['ye Bihari sirf crime karte hain, inko kaam mat do'], full);
      const { hits } = full.analyze('ye Bihari sirf crime karte hain, inko kaam mat do', 'hi');
      assert.ok(hits.some((h) => h.term === 'generalization about a group'), JSON.stringify(hits));
    });

    it('holds with a kind read from the word classes and the words it went by', () => {
      const text = 'kisi din is anchor ki gaadi ke brake fail ho jayenge, dekhna';
      assertClean([text]);
      const { hits, evidence } = full.analyze(text, 'hi');
      const model = hits.find((h) => h.source === 'model');
      assert.ok(model, JSON.stringify(hits));
      assert.equal(model.kind, 'threat');
      assert.ok(model.excerpt.length > 0 && evidence.some((e) => e.attribute === 'THREAT' && e.text === model.excerpt), JSON.stringify(evidence));
    });

    it('is deterministic and scores in [0, 1]', () => {
      const text = 'ye anchor toh paida hi chillane ke liye hua hai';
      const first = full.analyze(text, 'hi');
      assert.deepEqual(createLexiconScorer().analyze(text, 'hi'), first);
      assert.ok(first.probability >= 0 && first.probability <= 1);
    });

    it('does not hold what a comment denies, and never holds alone what it quotes or condemns', () => {
      for (const text of ['Muslims are not terrorists', 'you are not an idiot, you just read the wrong report']) {
        const { scores } = full.analyze(text, 'hi');
        assert.ok(worst(scores)[1] < HOLD, `${text}: ${JSON.stringify(scores)}`);
      }
      for (const text of ['he called them "parasites" on stage, shameful', 'the MLA said all of them are traitors, which is disgusting']) {
        const { scores, countered } = full.analyze(text, 'hi');
        assert.equal(countered, true, text);
        assert.ok(worst(scores)[1] < HOLD, `${text}: ${JSON.stringify(scores)}`);
      }
    });

    it('names the words it went by when it holds', () => {
      const { hits, evidence } = full.analyze('bechara reporter, itna bada kaddu hai ki fact check bhi nahi kar sakta', 'hi');
      const model = hits.find((h) => h.source === 'model');
      if (model) assert.ok(model.excerpt.length > 0 && evidence.some((e) => e.text.length > 0));
    });

    it('never rejects on its own', () => {
      for (const text of ['ye anchor toh paida hi chillane ke liye hua hai', 'gobar brain spotted in the comments']) {
        const { hits } = full.analyze(text, 'hi');
        for (const hit of hits.filter((h) => h.source === 'model')) assert.ok(hit.score < REJECT, `${text}: ${hit.score}`);
      }
    });
  });

  describe('evidence', () => {
    it('quotes the words that drove each raised attribute, as written', async () => {
      const result = await full.score({ text: 'if i ever see you in lucknow I will break both your legs, thats a promise', siteLocale: 'en' });
      assert.ok(result.ok);
      if (!result.ok) return;
      const threat = result.evidence?.find((e) => e.attribute === 'THREAT');
      assert.ok(threat && /break both your legs/.test(threat.text), JSON.stringify(result.evidence));
      const identity = rules.analyze('all of them are terrorists, every single one', 'en').evidence.find((e) => e.attribute === 'IDENTITY_ATTACK');
      assert.ok(identity && /them.*terrorists/.test(identity.text), JSON.stringify(identity));
    });

    it('gives evidence only for attributes at or above 0.5, and none for clean text', async () => {
      const clean = await full.score({ text: 'Great article, thanks for the detailed reporting on the budget.', siteLocale: 'en' });
      assert.ok(clean.ok && clean.evidence === undefined, JSON.stringify(clean));
      const { scores, evidence } = rules.analyze('tu pagal hai, chup kar', 'hi');
      for (const e of evidence) assert.ok(scores[e.attribute] >= 0.5, `${e.attribute} ${scores[e.attribute]}`);
    });
  });
});
