// The offline lexicon scorer: its contract, its calibration bands (clean < 0.2, mild 0.3–0.7,
// insult aimed at someone >= 0.80, slurs / severe abuse / threats >= 0.95) in English, Hindi and
// Hinglish, and the disguises it must see through.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ATTRIBUTES } from '../../../server/moderation/scorers/scorer.js';
import { createLexiconScorer } from '../../../server/moderation/scorers/lexicon.js';
import { ENGLISH_TERMS, OBSCENITY_WORDS } from '../../../server/moderation/scorers/lexicon-en.js';
import { HINDI_TERMS } from '../../../server/moderation/scorers/lexicon-hi.js';
import { HINGLISH_TERMS } from '../../../server/moderation/scorers/lexicon-hinglish.js';
import { expandAlternatives, type LexiconEntry } from '../../../server/moderation/scorers/lexicon-entry.js';
import { formsOf } from '../../../server/moderation/scorers/lexicon-text.js';

const HOLD = 0.8;
const REJECT = 0.95;

// Words and rules alone: the learned model's part is tested below and measured by the labeled set.
const scorer = createLexiconScorer({ model: null });
const toxicity = (text: string, siteLocale = 'hi'): number => scorer.analyze(text, siteLocale).scores.TOXICITY;

function assertBand(texts: readonly string[], min: number, max: number): void {
  for (const text of texts) {
    const { scores, hits } = scorer.analyze(text, 'hi');
    const detail = `${JSON.stringify(text)} scored ${scores.TOXICITY} (${hits.map((h) => `${h.term}=${h.score.toFixed(2)}`).join(', ') || 'no hits'})`;
    assert.ok(scores.TOXICITY >= min && scores.TOXICITY < max, detail);
  }
}

describe('lexicon scorer', () => {
  describe('contract', () => {
    it('answers every attribute in [0, 1] with the language it scored', async () => {
      const result = await scorer.score({ text: 'you are an idiot', siteLocale: 'en' });
      assert.equal(result.ok, true);
      if (!result.ok) return;
      assert.equal(result.provider, 'lexicon');
      assert.equal(result.language, 'en');
      for (const attribute of ATTRIBUTES) {
        const value = result.scores[attribute];
        assert.ok(value !== undefined && value >= 0 && value <= 1, `${attribute} = ${value}`);
      }
    });

    it('reports the language it scored as', async () => {
      const languageOf = async (text: string): Promise<string> => {
        const result = await scorer.score({ text, siteLocale: 'hi' });
        return result.ok ? result.language : result.reason;
      };
      assert.equal(await languageOf('तुम बेवकूफ हो'), 'hi');
      assert.equal(await languageOf('tum pagal ho'), 'hi-Latn');
      assert.equal(await languageOf('you are an idiot'), 'en');
      // No function words to go by, but the word itself is Hinglish.
      assert.equal(await languageOf('bewakoof'), 'hi-Latn');
    });

    it('gives up when the caller has stopped waiting', async () => {
      const controller = new AbortController();
      controller.abort();
      const result = await scorer.score({ text: 'hello', siteLocale: 'en', signal: controller.signal });
      assert.deepEqual(result.ok ? 'scored' : result.reason, 'timeout');
    });

    it("scores a stranger's 5,000 characters of any shape, with and without the model (a long masked word once threw: the pattern built from it was too deep)", () => {
      const shapes = ['a-'.repeat(2500), 'a*'.repeat(2500), `ch${'*'.repeat(4990)}tiya`, 'a'.repeat(5000), `${' '.repeat(4999)}x`, 'i d i o t '.repeat(500), 'चूtiya '.repeat(700)];
      const withModel = createLexiconScorer();
      for (const text of shapes) {
        for (const s of [scorer, withModel]) {
          const result = s.scoreNow({ text, siteLocale: 'hi' });
          assert.equal(result.ok, true, text.slice(0, 20));
        }
      }
      // The masked words a reader writes are still read.
      assert.ok(toxicity('you are a ch*tiya') >= HOLD);
    });

    it('gives the same answer every time (memoized token work changes nothing)', () => {
      const text = 'tu bewak00f hai, you 1d10t';
      const first = scorer.analyze(text, 'hi');
      assert.deepEqual(scorer.analyze(text, 'hi'), first);
      assert.deepEqual(createLexiconScorer({ model: null }).analyze(text, 'hi'), first);
    });
  });

  describe('calibration', () => {
    it('keeps clean text under 0.2, including words that only look bad', () => {
      assertBand(
        [
          'Great article, thanks for the detailed reporting on the budget.',
          'The rape case verdict was delayed again; sex education matters.',
          'Full coverage of the Wankhede test match, Anushka and Dikshit in the stands.',
          'Add cumin and shiitake, then simmer. Scunthorpe won 2-1.',
          'Prices are looser this year and the rules are being relaxed.',
          'Lund University and Niki Lauda in one story; in 250 BC the empire grew; the MC spoke.',
          'Randi Weingarten spoke at the union meeting.',
          'The chor bazaar in Mumbai sells antiques; the film Gadar 2 was a hit.',
          'bhai ye article bahut accha hai, sarkar ko is par dhyan dena chahiye',
          'gaadi ki keemat badh gayi hai aur petrol bhi mehnga ho gaya',
          'chhod do yaar, dekh lenge kal kya hota hai election mein',
          'kya chhakka mara Kohli ne, maza aa gaya',
          'mera bhai kal Delhi ja raha hai, uska saala bhi saath hai',
          'Kamini ji aur Jaleel sahab ne bahut sahi baat kahi hai',
          'sale mein sab sasta mil raha hai kya?',
          'बहुत बढ़िया लेख है, सरकार को इस पर ध्यान देना चाहिए',
          'मेरा साला कल दिल्ली जा रहा है',
          'मेट्रो बनने में सालों लगेंगे और जाम की समस्या आज की है',
          'कई सालों से सड़क टूटी है, kai saalon se yahi haal hai',
          'कोहली ने क्या छक्का मारा',
          'चोर बाजार में पुरानी चीजें मिलती हैं',
          'पागलपन की हद है ये महंगाई',
          'हम देख लेंगे कि चुनाव में क्या होता है',
        ],
        0,
        0.2,
      );
    });

    // Changed deliberately with the labeled set (tests/moderation/eval): its readers' swearing is a
    // toxic category, and Perspective scores a comment with "fuck" or "shit" near or above 0.8. Strong
    // swearing not aimed at anyone is now held (never rejected); mild words stay below the hold.
    it('holds strong swearing not aimed at anyone (0.80 to 0.95), without rejecting it', () => {
      assertBand(['This policy is shit.', 'what the fuck is going on with this budget', 'ye sab chutiyapa hai', 'bullshit article', 'ये क्या चूतियापा है'], HOLD, REJECT);
    });

    it('puts mild swearing and rude words about things between 0.3 and 0.7', () => {
      assertBand(['kya ghatiya article hai', 'क्या घटिया खबर है', 'ये टट्टी खबर है', 'damn, the budget is late again', 'this plan is bakwas'], 0.3, 0.7);
    });

    it('holds an insult aimed at the reader (>= 0.80) without rejecting it', () => {
      assertBand(
        [
          'you are an idiot',
          'you moron',
          "you're so stupid",
          'shut up, you loser',
          'tum pagal ho',
          'tu gadha hai',
          'abe kamine',
          'aap bewakoof ho',
          'तुम बेवकूफ हो',
          'तू कमीना है',
          'आप पागल हैं',
          'तू चोर है',
        ],
        HOLD,
        REJECT,
      );
    });

    it('scores an insult higher when it is aimed at the reader', () => {
      for (const [aimed, loose] of [
        ['you are an idiot', 'idiot'],
        ['tum pagal ho', 'pagal'],
        ['तुम बेवकूफ हो', 'बेवकूफ'],
      ] as const) {
        assert.ok(toxicity(aimed) > toxicity(loose), `${aimed} > ${loose}`);
      }
    });

    it('rejects slurs, severe sexual abuse and threats of violence (>= 0.95)', () => {
      assertBand(
        [
          'I will kill you',
          "I'm going to kill you",
          'go kill yourself',
          'I know where you live and I will find you, i will hurt you',
          'you motherfucker',
          'kike',
          'jaan se maar dunga',
          'tujhe jaan se maar dunga',
          'ghar aake marunga',
          'madarchod',
          'tu bhenchod hai',
          'teri maa ki chut',
          'katua',
          'जान से मार दूंगा',
          'तुझे जान से मार दूंगा',
          'मादरचोद',
          'भोसड़ीके',
          'कटुआ',
        ],
        REJECT,
        1.000001,
      );
    });

    it('does not escalate on repetition of one word', () => {
      assert.equal(toxicity('idiot idiot idiot'), toxicity('idiot'));
    });

    it('lets distinct insults add up', () => {
      assert.ok(toxicity('idiot moron') > toxicity('idiot'));
    });

    it('spreads scores over the attributes that fit', () => {
      const threat = scorer.analyze('I will kill you', 'en').scores;
      assert.ok(threat.THREAT >= 0.9 && threat.SEVERE_TOXICITY >= 0.8, JSON.stringify(threat));
      const slur = scorer.analyze('kike', 'en').scores;
      assert.ok(slur.IDENTITY_ATTACK >= 0.9, JSON.stringify(slur));
      const insult = scorer.analyze('तुम बेवकूफ हो', 'hi').scores;
      assert.ok(insult.INSULT >= 0.8 && insult.THREAT < 0.2 && insult.IDENTITY_ATTACK < 0.2, JSON.stringify(insult));
      const swearing = scorer.analyze('this is shit', 'en').scores;
      assert.ok(swearing.PROFANITY >= 0.5 && swearing.INSULT < 0.5, JSON.stringify(swearing));
      const clean = scorer.analyze('बहुत बढ़िया लेख', 'hi').scores;
      for (const attribute of ATTRIBUTES) assert.ok(clean[attribute] < 0.2, `${attribute} ${clean[attribute]}`);
    });

    it('gives shouting a little more than calm clean text, still under 0.2', () => {
      const shouting = toxicity('THIS IS A GREAT ARTICLE ABOUT THE BUDGET');
      assert.ok(shouting > toxicity('This is a great article about the budget') && shouting < 0.2);
    });
  });

  describe('with the learned model', () => {
    const full = createLexiconScorer();

    it('never holds a comment of one to three ordinary words on the model alone', () => {
      // "reply" sat in many threats of the training comments ("reply kar warna…"); alone it is nothing.
      for (const text of ['A reply.', 'Reply', 'reply fast', 'Thanks.', 'Well said.', 'ok', 'बहुत बढ़िया', 'sahi baat']) {
        const { scores, hits } = full.analyze(text, 'hi');
        assert.ok(Math.max(...Object.values(scores)) < HOLD, `${JSON.stringify(text)}: ${JSON.stringify(scores)} ${hits.map((h) => h.term).join(', ')}`);
      }
    });

    it("does not hold a wish, a compliment to the reader or support for a group's rights on the learned model's word alone", () => {
      const model = (text: string) => full.analyze(text, 'hi').probability;
      const held = (text: string) => full.analyze(text, 'hi').scores.TOXICITY >= HOLD;
      // The model alone would hold several of these (friendly "you" reads like the abuse it learned from).
      const goodwill = ['happy diwali to you and your family 🪔', '@user eid mubarak to you and yours 🌙', 'congrats to you and your team on the win', 'अरे वाह, तुमने तो कमाल कर दिया', 'madam aapki awaaz me news sunna accha lagta h', 'Muslims should be allowed to pray in peace', 'women should have equal rights in politics', 'hindu muslim sabko milke rehna chahiye'];
      for (const text of goodwill) assert.ok(!held(text), text);
      const countered = goodwill.filter((text) => model(text) > 0.85);
      assert.ok(countered.length >= 3, `the model alone is sure of only ${countered.length}: ${countered.join(' | ')}`);
      // Nor a complaint about an institution with no person named ("the government will do nothing").
      for (const text of ['ये सरकार कुछ नहीं करेगी, सब एक जैसे हैं', 'ye sarkar kuch nahi karegi']) {
        assert.ok(model(text) > 0.85, text);
        assert.ok(!held(text), text);
      }
      assert.ok(held('ये एक्टर नहीं भांड है, हर सरकार के तलवे चाटता है'));
      assert.ok(held('भाड़ में जाए ऐसी सरकार और इसके वादे'));
      // Nor admiration said of someone: "this guy is …" opens insults in what the model learned from.
      const admired = ['this guy is right, read the data', 'this teacher deserves an award', 'this boy will go far', 'ye banda sahi bol raha hai', 'इस लड़की ने देश का नाम रोशन किया'];
      for (const text of admired) assert.ok(!held(text), text);
      assert.ok(admired.filter((text) => model(text) > 0.85).length >= 3, 'the model alone is sure of these');
      assert.ok(held('this guy is right about one thing, he is a total clown'));
      // Nor shayari and fond talk (a smile, the moon, dreams), which says "tum" as abuse does.
      for (const text of ['चाँद सी मुस्कान है तुम्हारी, ऐसे ही हँसते रहो', 'tum hasti ho toh lagta hai chand nikal aaya']) {
        assert.ok(model(text) > 0.85, text);
        assert.ok(!held(text), text);
      }
      // A greeting does not excuse the abuse beside it, praise does not excuse harm wished, and a curse
      // said as a prayer stays a curse.
      assert.ok(held('congrats on being the biggest idiot here'));
      assert.ok(held("wonderful article, would love to see the writer's office burn"));
      assert.ok(held('दुआ है तेरा पूरा खानदान बाढ़ में बह जाए'));
      assert.ok(held('mare tu tadap tadap ke, yahi dua h'));
    });

    it("keeps a threat's negations: a negation denies the model's words only where nothing menaces the reader", () => {
      const held = (text: string) => Math.max(...Object.values(full.analyze(text, 'hi').scores)) >= HOLD;
      assert.ok(held("you won't be able to walk to your office after this article"));
      assert.ok(held("keep writing, we know you don't leave your flat before nine"));
      assert.ok(!held('Muslims are not terrorists, stop saying that'));
      assert.ok(!held('the minister said farmers are not traitors'));
    });

    it('holds an aimed insult for a moderator but never rejects it unread, however sure the words and the model are', () => {
      for (const text of ['You are a complete idiot and everyone knows it.', 'You are an idiot.', 'तू हरामी है', 'tu ek number ka gadha hai']) {
        const { scores } = full.analyze(text, 'hi');
        const top = Math.max(...Object.values(scores));
        assert.ok(top >= HOLD && top < REJECT, `${text}: ${JSON.stringify(scores)}`);
      }
      // A threat or a slur still rejects.
      assert.ok(full.analyze('I will kill you', 'hi').scores.THREAT >= REJECT);
    });

    it('counts the model once with the words it read, never as a second finding on top of them', () => {
      for (const text of ['You are an idiot.', 'tu ek number ka gadha hai', 'तुम एकदम मूर्ख हो']) {
        const words = scorer.analyze(text, 'hi');
        const both = full.analyze(text, 'hi');
        const model = both.hits.find((h) => h.source === 'model');
        const ceiling = Math.max(words.scores.INSULT, model ? model.score * 1.05 : 0);
        assert.ok(both.scores.INSULT <= ceiling + 0.001, `${text}: ${both.scores.INSULT} above ${ceiling}`);
        assert.ok(both.scores.INSULT >= words.scores.INSULT, `${text}: the model lowered ${words.scores.INSULT} to ${both.scores.INSULT}`);
      }
    });
  });

  describe('disguises', () => {
    const hitsOf = (text: string): string[] => scorer.analyze(text, 'hi').hits.map((h) => h.term);

    it('sees through leetspeak, spacing, separators and stretched letters', () => {
      assert.ok(hitsOf('1d10t').includes('idiot'));
      assert.ok(hitsOf('i d i o t').includes('idiot'));
      assert.ok(hitsOf('you are an i.d.i.o.t').includes('idiot'));
      assert.ok(hitsOf('idiooooot').includes('idiot'));
      assert.ok(hitsOf('pagalllll').includes('pagal'));
      assert.ok(hitsOf('bewak00f').includes('bewakoof'));
      assert.ok(hitsOf('ch00tiya').includes('chutiya'));
      assert.ok(hitsOf('c.h.u.t.i.y.a').includes('chutiya'));
      assert.ok(hitsOf('c h u t i y a').includes('chutiya'));
      assert.ok(hitsOf('id.iot').includes('idiot'));
      assert.ok(hitsOf('this is sh.it').includes('shit'));
      assert.ok(hitsOf('b!tch').includes('bitch'));
    });

    it('keeps the bands for disguised insults aimed at the reader', () => {
      assertBand(['you 1d10t', 'you are an i d i o t', 'tu pagalllll hai', 'tu bewak00f hai'], HOLD, REJECT);
      assert.ok(toxicity('tu c.h.u.t.i.y.a hai') >= REJECT);
    });

    it('folds romanized spelling variants', () => {
      for (const variant of ['bevkuf', 'bewaqoof', 'bewakuf', 'bewkoof']) assert.ok(toxicity(`tum ${variant} ho`) >= HOLD, variant);
      for (const variant of ['kameena', 'kaminey', 'haraamzaada', 'haramjada', 'chootiya', 'chutia']) assert.ok(toxicity(variant) >= 0.7, variant);
    });

    it('sees through Unicode tricks in every script', () => {
      assert.ok(toxicity('you id\u200Biot') >= HOLD);
      assert.ok(toxicity('ｙｏｕ ａｒｅ ａｎ ｉｄｉｏｔ') >= HOLD);
      assert.ok(toxicity('तुम बेवक़ूफ़ हो') >= HOLD);
      assert.ok(toxicity('तुम बे\u200Cवकूफ हो') >= HOLD);
      // Long and short ū, chandrabindu and anusvara: दूँगा / दुंगा.
      assert.ok(toxicity('तुझे मार दुंगा') >= REJECT);
      assert.ok(toxicity('तुझे मार दूँगा') >= REJECT);
    });
    it('sees a digit or symbol inside a Devanagari word as a hidden letter, and a word spelled with its signs apart', () => {
      const hitsOf = (text: string): string[] => scorer.analyze(text, 'hi').hits.map((h) => h.term);
      assert.ok(hitsOf('म@दरचोद नेता सब').includes('मादरचोद'));
      assert.ok(hitsOf('कम1ना आदमी है ये मंत्री').includes('कमीना'));
      assert.ok(hitsOf('भ0सड़ीके').includes('भोसडीके'));
      assert.ok(hitsOf('ह र ा म ख ो र अफसर').includes('हरामखोर'));
      assert.ok(hitsOf('च ू त ि य ा').includes('चूतिया'));
      // Numbers stay numbers.
      assert.ok(toxicity('मैंने 5किलो आटा लिया, कुल 10,000 रुपये') < 0.2);
    });

    it('reads a Latin letter before a Devanagari vowel sign as one word ("lौड़े")', () => {
      assert.ok(scorer.analyze('lौड़े के बाल, कोई काम नहीं करता', 'hi').hits.some((h) => h.term === 'laude'));
    });

    it('reads the finger, an aimed clown face and a pile of poo as the words they stand for', () => {
      assert.ok(toxicity('🖕🖕 to this reporter', 'en') >= HOLD);
      assert.ok(toxicity('you 🤡', 'en') >= HOLD);
      assert.ok(scorer.analyze('you piece of 💩', 'en').hits.some((h) => h.term === 'turd' && h.targeted));
      // A clown face alone is a laugh, and an unaimed "mf" a mutual fund.
      assert.ok(toxicity('lol 😂😂 🤡', 'en') < HOLD);
      assert.ok(toxicity('you mf', 'en') >= HOLD);
      assert.ok(toxicity('best mf to invest in 2024?', 'en') < HOLD);
    });

    it('reads small capitals as the letters they dress up', () => {
      assert.ok(toxicity('ᴍᴏʀᴏɴ ʀᴇᴘᴏʀᴛᴇʀ', 'en') >= HOLD);
      assert.ok(toxicity('you are a ɪᴅɪᴏᴛ', 'en') >= HOLD);
    });

    it('quotes a word spelled out or broken into pieces whole, as the moderator sees it written', () => {
      const excerptOf = (text: string, term: string) => scorer.analyze(text, 'hi').hits.find((h) => h.term === term)?.excerpt;
      assert.equal(excerptOf('you are an i d i o t', 'idiot'), 'i d i o t');
      assert.equal(excerptOf('b h e n c h o d', 'bhenchod'), 'b h e n c h o d');
      assert.equal(excerptOf('ह र ा म ी', 'हरामी'), 'ह र ा म ी');
      // Glued back from one chunk that a spelled-out run of single letters took into itself.
      assert.match(excerptOf('you are a m-o-r-o-n', 'moron') ?? '', /m-o-r-o-n/);
    });
  });

  describe('context rules', () => {
    it('counts everyday words only when said to someone', () => {
      assert.ok(toxicity('the chor bazaar is busy') < 0.2);
      assert.ok(toxicity('tu chor hai') >= HOLD);
      assert.ok(toxicity('this is trash collection day', 'en') < 0.2);
      assert.ok(toxicity('you are trash', 'en') >= HOLD);
    });

    it('does not count a name the writer gives themself, a fool made of someone, or raat read as rat', () => {
      const termsOf = (text: string): string[] => scorer.analyze(text, 'hi').hits.map((h) => h.term);
      assert.ok(toxicity('main kitna buddhu hoon, do baar ticket book kar di') < HOLD);
      assert.ok(toxicity('ye anchor kitna buddhu hai') >= HOLD);
      assert.ok(!termsOf('scam wale log ullu bana dete hain, OTP mat batana').includes('ullu'));
      assert.ok(termsOf('ullu hai tu').includes('ullu'));
      assert.ok(!termsOf('aap log kitni mehnat karte ho, raat ko bhi live').includes('rat'));
      assert.ok(toxicity('you are a rat', 'en') >= HOLD);
    });

    it('does not hold an insult the writer gives themself in English or Hindi, and holds it given to anyone else', () => {
      assert.ok(toxicity('I was an idiot to buy that phone', 'en') < HOLD);
      assert.ok(toxicity("I'm such an idiot, forgot my keys again", 'en') < HOLD);
      assert.ok(toxicity('मैं भी कितना पागल हूँ, फिर से टिकट गलत बुक कर दिया') < HOLD);
      // The same words said of the reader, of "he", or with "you" beside them are held.
      assert.ok(toxicity('you were an idiot to buy that phone', 'en') >= HOLD);
      assert.ok(toxicity('he is such an idiot, this minister', 'en') >= HOLD);
      assert.ok(toxicity('I am an idiot and so are you', 'en') >= HOLD);
      assert.ok(toxicity('तू पागल है') >= HOLD);
    });

    it('reads "the dumbest idea" as said of the idea, even in a reply, and "you are so stupid" as said of the reader', () => {
      assert.ok(toxicity('@user that is the dumbest idea ever', 'en') < HOLD);
      assert.ok(toxicity('@user what a stupid decision by the board', 'en') < HOLD);
      assert.ok(toxicity('@user this is the most idiotic policy ever', 'en') < HOLD);
      // A noun that names a person, or no noun at all, keeps the adjective aimed.
      assert.ok(toxicity('@user you are so stupid', 'en') >= HOLD);
      assert.ok(toxicity('this stupid reporter again', 'en') >= HOLD);
      assert.ok(toxicity('@user you are the dumbest person here', 'en') >= HOLD);
    });

    it('reads an advance only beside the person it is aimed at, not a pronoun sentences away', () => {
      // "मस्त है" of a commission that idles, after "वो" in another sentence.
      assert.ok(toxicity('वो कहाँ है? आयोग तो सोने में मस्त है।') < HOLD);
      assert.ok(toxicity('तू तो मस्त है, रात को मिलो') >= HOLD);
      assert.ok(toxicity('madam aap bahut sexy ho') >= HOLD);
    });

    it('reads a barking reader as an insult and barking dogs as dogs', () => {
      assert.ok(toxicity('Keep barking, little dog', 'en') >= HOLD);
      assert.ok(toxicity('भौंकते रहो, कोई फर्क नहीं पड़ता') >= HOLD);
      assert.ok(!scorer.analyze('the dogs keep barking all night', 'en').hits.some((h) => h.term === 'keep barking'));
      assert.ok(toxicity('What a slimeball. Pathetic human being.', 'en') >= HOLD);
    });

    it('does not take a negation of the next clause, or of seeing, as a denial of the insult', () => {
      // "never seen an idiot like you" says it; "not an idiot" denies it.
      assert.ok(toxicity('tere jaisa jahil maine nahi dekha') >= HOLD);
      assert.ok(toxicity('तेरे जैसा जाहिल मैंने नहीं देखा') >= HOLD);
      assert.ok(toxicity('bhonkte raho, koi nahi sunta') >= HOLD);
      assert.ok(toxicity('wo jahil nahi hai, padha likha hai') < HOLD);
      assert.ok(toxicity('log ab bewakoof nahi bante') < HOLD);
    });

    it('holds denying a group its rights or its place, and not the same words of their rights', () => {
      for (const text of ['These people have no right to live here', 'Women have no business being in politics', 'Dalits should not enter our temple', 'in logon ko vote ka adhikar nahi hona chahiye', 'मुसलमानों को किराए पर घर मत दो']) {
        assert.ok(toxicity(text, 'en') >= HOLD, text);
      }
      assert.ok(toxicity("Dalits don't deserve to be treated like this", 'en') < HOLD);
      assert.ok(toxicity('Farmers have a right to protest', 'en') < HOLD);
    });

    it('reads "should get" as receiving and an adjective of an article as said of the article', () => {
      assert.ok(toxicity('Migrants should get ration cards wherever they work', 'en') < HOLD);
      assert.ok(toxicity('someone should get them', 'en') >= 0.7);
      assert.ok(toxicity('The article is biased and the writer ignores the data', 'en') < HOLD);
      // Calling a writer biased or corrupt is disagreement; calling them clueless or spineless insults them.
      assert.ok(toxicity('what a biased writer', 'en') < HOLD);
      assert.ok(toxicity('this minister is corrupt', 'en') < HOLD);
      assert.ok(toxicity('what a clueless writer', 'en') >= HOLD);
    });

    it('reads a group named after a preposition as a place, a willow as a willow and a sister-in-law as kin', () => {
      assert.ok(toxicity('Army kills three terrorists in Kashmir encounter', 'en') < HOLD);
      assert.ok(toxicity('savage afghans', 'en') >= HOLD);
      assert.ok(toxicity('The pussy willow is blooming early this year', 'en') < HOLD);
      assert.ok(toxicity('us pussy ko dekho') >= HOLD);
      assert.ok(toxicity('bhai ka saala aaj shaadi mein aaya tha') < HOLD);
      assert.ok(toxicity('मेरे भाई का साला आया है') < HOLD);
      assert.ok(toxicity('ye saala chor hai') >= HOLD);
    });

    it('counts quoted words as one finding however many list entries they hold', () => {
      assert.ok(toxicity('He said "I will kill you" in the video, police have filed an FIR', 'en') < HOLD);
      // Quoted, then said in the writer's own voice: the writer's words count on their own.
      assert.ok(toxicity('He said "I will kill you" and I say I will kill you too', 'en') >= HOLD);
    });

    it('reads clipping wings as a threat to a person and not to a budget', () => {
      assert.ok(toxicity('बहुत उड़ रहा है, पर कतर देंगे') >= HOLD);
      assert.ok(toxicity('bahut ud raha hai, par katar denge') >= HOLD);
      assert.ok(toxicity('budget ne middle class ke pankh kaat diye') < HOLD);
    });

    it('holds wanting to see a woman undressed, and not families left without clothes by a flood', () => {
      assert.ok(toxicity("I'd love to see her without that saree", 'en') >= HOLD);
      assert.ok(toxicity('families left without clothes after the flood', 'en') < HOLD);
    });

    it('reads a threat a news report relays as the news, and keeps a threat made to someone or by the writer', () => {
      const strongest = (text: string) => Math.max(...Object.values(scorer.analyze(text, 'hi').scores));
      const relayed = [
        'पुलिस को ईमेल से धमकी मिली कि एयरपोर्ट उड़ा देंगे, जांच जारी है',
        'स्कूल को धमकी भरा मेल आया कि बम से उड़ा देंगे',
        'police ko dhamki bhara email aaya ki airport uda denge, jaanch jaari hai',
        'पत्रकार को फोन पर धमकी मिली कि घर आकर मारेंगे, केस दर्ज',
      ];
      for (const text of relayed) assert.ok(strongest(text) < HOLD, text);
      const made = [
        'tujhe dhamki mili na, ab ghar aakar maarenge',
        'ये धमकी नहीं है, घर आकर हड्डियाँ तोड़ दूँगा',
        'police ne kuch nahi kiya ab hum khud maar denge',
        'आरोपी गिरफ्तार हुआ तो क्या, हम उसके घर को आग लगा देंगे',
        'consider this a threat, we will burn your house',
        'He is a threat to us, we will finish him',
      ];
      for (const text of made) assert.ok(strongest(text) >= HOLD, text);
    });

    it('holds an end foretold, and not a shop closed for good', () => {
      for (const text of ["You won't be smiling for long", 'Enjoy your freedom while it lasts', 'People have disappeared for less']) assert.ok(toxicity(text, 'en') >= HOLD, text);
      for (const text of ['the shop closed permanently', 'enjoy the monsoon while it lasts', 'he was smiling for the cameras']) assert.ok(toxicity(text, 'en') < HOLD, text);
      assert.ok(toxicity('log isse kam pe gayab ho gaye hai') >= HOLD);
      assert.ok(toxicity('bijli kam pe gayab ho jaati hai') < HOLD);
    });

    it('reads "full chutiya" as the insult (folded, "full" is no flower), and mild names for a coward or a puppet when aimed', () => {
      const termsOf = (text: string): string[] => scorer.analyze(text, 'hi').hits.map((h) => h.term);
      assert.ok(toxicity('abe ye banda toh full chutiya nikla') >= HOLD);
      assert.ok(termsOf('lambi chutiya mein gajra lagaya').every((t) => t !== 'chutiya'));
      assert.ok(toxicity('iski zubaan kheench lenge') >= HOLD);
      assert.ok(termsOf('us captain jaisa darpok aur ghamandi koi nahi').includes('darpok'));
      assert.ok(toxicity('kathputli ka khel dekha mela mein') < HOLD);
    });

    it('holds tweet slang aimed at women, classes and a reader, and leaves the farm tool alone', () => {
      assert.ok(toxicity('these hoes aint loyal', 'en') >= HOLD);
      assert.ok(toxicity('all these hoes want is money', 'en') >= HOLD);
      assert.ok(toxicity('white trash everywhere in this town', 'en') >= HOLD);
      assert.ok(toxicity('go suck a dick', 'en') >= HOLD);
      assert.ok(toxicity('I bought two new hoes for the vegetable garden', 'en') < HOLD);
      assert.ok(toxicity('the farmers use hoes and sickles', 'en') < HOLD);
    });

    it('reads a pet, a baby, a question and a wish as such, and keeps the abuse they look like', () => {
      const termsOf = (text: string): string[] => scorer.analyze(text, 'hi').hits.map((h) => h.term);
      const rulesOf = (text: string): string[] => scorer.analyze(text, 'en').hits.filter((h) => h.source === 'rule').map((h) => h.term);
      // An everyday insult word right after "your" is the reader's own thing.
      assert.ok(!termsOf('ur dog is adorable!!').includes('dog'));
      assert.ok(!termsOf('तुम्हारा कुत्ता बहुत प्यारा है').includes('कुत्ता'));
      assert.ok(termsOf('you dog').includes('dog'));
      // Street dogs fed by a neighbour are dogs; an answer sheet is no oath.
      assert.ok(!termsOf('my uncle feeds the street dogs every morning').includes('dogs'));
      assert.ok(termsOf('you dogs, all of you').includes('dogs'));
      assert.ok(!termsOf('usne answer sheet khali chhod di yaar').includes('shit'));
      assert.ok(termsOf('kya shit bakwas hai ye yaar').includes('shit'));
      assert.ok(termsOf('tu kutta hai').includes('kutta'));
      // A pet name after an article or a possessive is a noun.
      assert.ok(!rulesOf('@user congrats on the baby!!').includes('advance'));
      assert.ok(rulesOf('you look hot baby, dm me').includes('advance'));
      // A pet name in a greeting is affection, unless a body is remarked on.
      assert.ok(!rulesOf('@user Happy Birthday darling, have a great year').includes('advance'));
      assert.ok(rulesOf('happy birthday baby, you look so hot').includes('advance'));
      // पता is an address and "to know": one word cannot be both halves of the doxxing rule.
      assert.ok(!rulesOf('सर अगली ट्रेन कितने बजे है, पता है आपको?').includes('knows where you are'));
      assert.ok(rulesOf('tere ghar ka pata hai humein').includes('knows where you are'));
      // The writer's own family is no one's to find: "my father" is not "your father".
      assert.ok(!rulesOf('Does anyone know where this teacher lives now? He taught my daughter maths').includes('knows where you are'));
      assert.ok(!rulesOf('ye aadmi mere papa ka ghar dhoondh ke laaya, pata hai kitna accha hai').includes('knows where you are'));
      assert.ok(rulesOf('we know where your daughter goes to school, my friend').includes('knows where you are'));
      // An appeal for a missing person names the family and the place to find them.
      assert.ok(!rulesOf("Our neighbour's son is missing since Monday, last seen near the bus depot. His family has filed a complaint, please help").includes('knows where you are'));
      assert.ok(!rulesOf('ye uncle lapata hain, unka parivar dhoondh raha hai, pata ho toh batana').includes('knows where you are'));
      assert.ok(rulesOf('please share his home address, we know where he lives').includes('knows where you are'));
      assert.ok(rulesOf('teri beti lapata ho jayegi, school ka rasta humein pata hai').includes('knows where you are'));
      assert.ok(rulesOf('we know where your mother works').includes('knows where you are'));
      // Getting something is no harm; getting someone, or what is coming to you, is.
      assert.ok(!rulesOf('hope you get the flat you wanted').includes('wish of harm'));
      assert.ok(rulesOf('hope they get him').includes('wish of harm'));
      assert.ok(toxicity("hope you get what's coming to you", 'en') >= HOLD);
      // Romanized look-alikes: daala (poured) is not dalla, tag is not thag, कांग्रेस is not khangressi.
      assert.ok(!termsOf('vote daala tumne? mere booth pe lambi line thi').includes('dalla'));
      assert.ok(termsOf('tu dalla hai').includes('dalla'));
      assert.ok(!termsOf('dude you forgot to tag me lol').includes('thag'));
      assert.ok(!termsOf('कर्नाटक कांग्रेस के सभी सदस्यों को बधाई').includes('khangressi'));
      assert.ok(termsOf('khangressi log').includes('khangressi'));
    });

    it('reads a video call, a night, a cheer, a crime, a festival and look-alike spellings as everyday words, and keeps the abuse they resemble', () => {
      const termsOf = (text: string): string[] => scorer.analyze(text, 'hi').hits.map((h) => h.term);
      const rulesOf = (text: string, locale = 'hi'): string[] => scorer.analyze(text, locale).hits.filter((h) => h.source === 'rule').map((h) => h.term);
      // A video call or one night is an advance only when asked for.
      assert.ok(toxicity('@user nani ab video call pe roz baat karti hai') < HOLD);
      assert.ok(toxicity('aapki book ek raat me padh daali') < HOLD);
      assert.ok(toxicity('video call pe aao na, akeli ho kya') >= HOLD);
      assert.ok(toxicity('ek raat ke liye aa jao') >= HOLD);
      // The reader's own smashing is a cheer; the writer's is a threat.
      assert.ok(!rulesOf("you'll smash it tomorrow, good luck", 'en').includes('violent intent'));
      assert.ok(rulesOf('I will smash your face', 'en').includes('violent intent'));
      // Found dead is the news unless it is said to someone.
      assert.ok(toxicity('two hikers were found dead near the lake', 'en') < HOLD);
      assert.ok(toxicity("you'll be found dead in a ditch", 'en') >= HOLD);
      // A bank fraud is a crime; "a fraud" is a name.
      assert.ok(!termsOf('bank fraud ka case darj hua').includes('fraud'));
      assert.ok(termsOf('you are a fraud').includes('fraud'));
      // Folding drops aspiration: khulta (it opens) is not kulta, chadhdi kala not chaddi.
      assert.ok(!termsOf('dukaan kitne baje khulta hai').includes('kulta'));
      assert.ok(termsOf('wo kulta hai').includes('kulta'));
      assert.ok(!termsOf('chadhdi kala rahe sab ki').includes('chaddi'));
      assert.ok(termsOf('chaddi gang phir aa gayi').includes('chaddi'));
      // छठी (the sixth, Chhath) is not chhati (a chest), for the word classes as for the word lists.
      assert.ok(!rulesOf('@user छठी मैया की जय').includes('remark on a body'));
      assert.ok(rulesOf('@user तेरी छाती').includes('remark on a body'));
      // Telling someone they misunderstand is no warning; telling them to watch out is.
      assert.ok(!rulesOf('aap mujhe galat samajh rahe ho bhai').includes('warning'));
      assert.ok(rulesOf('sambhal ke rehna tu').includes('warning'));
    });

    it('gives a mention no weight of its own in the learned model', () => {
      const a = scorer.analyze('Jai ho', 'hi').probability;
      const b = scorer.analyze('@user @user @rahul_k Jai ho', 'hi').probability;
      assert.equal(a, b);
    });

    it('counts words that are also English or names only in Hinglish', () => {
      assert.ok(toxicity('In 250 BC the empire expanded', 'hi') < 0.2);
      assert.ok(toxicity('bc kya bakwas hai', 'hi') >= HOLD);
      assert.ok(toxicity('Lund University', 'en') < 0.2);
      assert.ok(toxicity('chutiya hai lund', 'hi') >= HOLD);
    });

    it('never lets obscenity read across two words (regression: "elf ckd" matched its f?ck pattern)', () => {
      // A fresh scorer, so both words are new and go through obscenity in one batch.
      assert.deepEqual(createLexiconScorer({ model: null }).analyze('elf ckd', 'en').hits, []);
    });

    it('lets our own compounds speak for obscenity roots inside them', () => {
      const hits = scorer.analyze('motherfucker', 'en').hits;
      assert.deepEqual(hits.map((h) => h.source), ['en']);
    });
  });

  describe('word lists', () => {
    it('holds the beheading slogan, acid thrown, a waste of oxygen, madrasis and nikhattu, and not an acid attack survivor or a barking dog', () => {
      const held: Array<[string, string]> = [
        ['sar tan se juda kar denge tera', 'en'],
        ['सिर तन से जुदा', 'hi'],
        ['they will throw acid on her face', 'en'],
        ['you are a waste of oxygen', 'en'],
        ['kaam ka na kaaj ka, nikhattu kahin ka', 'hi'],
        ['tu bas bhaukne ke kaam ka hai', 'hi'],
        ['jaan pyaari hai toh chup reh', 'hi'],
        ['hamare gaon mein ghus ke dikha', 'hi'],
        ['behen ki lodi, phir se server down', 'hi'],
      ];
      for (const [text, locale] of held) assert.ok(toxicity(text, locale) >= HOLD, text);
      assert.ok(scorer.analyze('these madrasis think they own bangalore', 'en').hits.some((h) => h.kind === 'slur'));
      assert.ok(toxicity("come to our town again and you won't leave alive", 'en') >= HOLD);
      assert.ok(toxicity('zyada bola toh haath pair salamat nahi rahenge') >= HOLD);
      // The claim that vendors spit in food is held; naming it to condemn it is not.
      assert.ok(toxicity('ye log thook ke bechte hai sab') >= HOLD);
      assert.ok(toxicity('thook jihad ke naam pe nafrat failana band karo') < HOLD);
      assert.ok(toxicity('acid attack survivors deserve better treatment', 'en') < HOLD);
      assert.ok(toxicity('kutte raat bhar bhaukne lage') < HOLD);
      assert.ok(toxicity('jaan pyaari hai toh helmet pehno') < HOLD);
    });

    it('reads "let\'s" as "let us": a call to violence with it is held, a cheer with it is not', () => {
      for (const text of ["Let's kill them all", 'let’s burn their shops tonight', "Let's get rid of the Biharis once and for all"]) assert.ok(toxicity(text, 'en') >= HOLD, text);
      assert.ok(toxicity("That's the spirit, let's win this series", 'en') < HOLD);
    });

    it("holds a group's worth denied by the predicate's own negation or a linking phrase, and demanded deaths; not equal worth or the news", () => {
      const held = [
        'Kashmiris are not human, never were',
        'these Biharis are nothing but leeches',
        'Rohingyas are no better than rats',
        'Dalit lives do not matter to anyone',
        'immigrants belong in cages, not in our cities',
        'women have no place in the army',
        'women belong in the kitchen, not in parliament',
        'malayalis are all frauds, every single one',
        'haryanvis are animals with money',
        'Pakistanis should all be killed',
        'I think those Muslims ought to be executed',
      ];
      for (const text of held) assert.ok(toxicity(text, 'en') >= HOLD, text);
      const clean = [
        'Kashmiris are not terrorists, stop saying that',
        'Dalit lives are not worth any less than anyone else',
        'Three militants were killed in the encounter, police said',
        'Communal politics has no place in India',
      ];
      for (const text of clean) assert.ok(toxicity(text, 'en') < HOLD, text);
    });

    it('tells who suffers a harm called for: not the agent of an active verb, and not the convicted when punishment is asked for', () => {
      // Said of a state's or an army's action in a war report's comments, not a threat to anyone named.
      assert.ok(toxicity('Israel should bomb the Hamas tunnels before any ceasefire', 'en') < HOLD);
      assert.ok(toxicity('The rapist should be hanged after a fair trial', 'en') < HOLD);
      assert.ok(toxicity('बलात्कारियों को फांसी दो', 'hi') < HOLD);
      for (const text of ['these students deserve bullets', 'this reporter should die', 'these protesters should be shot', 'Pakistanis should all be killed', 'hang them all at India Gate']) {
        assert.ok(Math.max(...Object.values(scorer.analyze(text, 'en').scores)) >= HOLD, text);
      }
    });

    it('reads "number" as private only as someone\'s: "we have your number", not "that number is heartbreaking"', () => {
      assert.ok(toxicity('we have your number and your address', 'en') >= HOLD);
      assert.ok(toxicity('40,000 people have died, whatever side you are on that number is heartbreaking', 'en') < HOLD);
      assert.ok(toxicity('Thanks for sharing the helpline number, you might have helped someone tonight', 'en') < HOLD);
    });

    it("holds a call to find someone's home, and not a call to find a cure", () => {
      assert.ok(toxicity('इस रिपोर्टर का घर कहां है पता करो', 'hi') >= HOLD);
      assert.ok(toxicity('इस बीमारी का इलाज करो', 'hi') < HOLD);
      assert.ok(toxicity('इस बीमारी का इलाज पता करो', 'hi') < HOLD);
    });

    it('reads "nobody" as a pronoun and "figure" as a number unless they are said of someone', () => {
      const found = (text: string) => Math.max(...Object.values(scorer.analyze(text, 'hi').scores)) >= HOLD;
      assert.ok(!found('Your logic would mean nobody should ever pay tax.'));
      assert.ok(!found('Where did you get that figure from? Source please.'));
      assert.ok(found("you're such a nobody lol"));
      assert.ok(found('nice figure you have, send pics'));
    });

    // Every entry must be reachable: a normalization change that made one unmatchable would
    // silently let that word through.
    const cases: Array<[string, readonly LexiconEntry[], (term: string) => string]> = [
      ['English', ENGLISH_TERMS, (term) => `you ${term}`],
      ['Hinglish', HINGLISH_TERMS, (term) => `tum ${term} hai`],
      ['Hindi', HINDI_TERMS, (term) => `तुम ${term} हो`],
    ];
    for (const [name, entries, inContext] of cases) {
      it(`${name}: every entry scores at least its weight when written plainly`, () => {
        for (const entry of entries) {
          assert.ok(entry.weight > 0 && entry.weight <= 1, entry.term);
          for (const term of expandAlternatives(entry.term)) {
            const text = inContext(term.endsWith('*') ? term.slice(0, -1) : term);
            assert.ok(toxicity(text) >= entry.weight, `${text}: ${toxicity(text)} < ${entry.weight}`);
          }
        }
      });
    }

    it("every word of obscenity's dataset is caught, by obscenity or by our list", () => {
      for (const word of Object.keys(OBSCENITY_WORDS)) {
        assert.ok(scorer.analyze(word, 'en').hits.length > 0, word);
      }
    });

    it('expands {a|b} alternatives', () => {
      assert.deepEqual(expandAlternatives('maar {dunga|denge}'), ['maar dunga', 'maar denge']);
      assert.deepEqual(expandAlternatives('{a|b} {c|d}'), ['a c', 'a d', 'b c', 'b d']);
      assert.deepEqual(expandAlternatives('plain'), ['plain']);
    });

    it('folds romanized spellings together but keeps English words apart', () => {
      assert.equal(formsOf('bewakoof').roman, formsOf('bevakuf').roman);
      assert.equal(formsOf('chootiya').roman, formsOf('chutia').roman);
      assert.notEqual(formsOf('full').plain, formsOf('fool').plain);
      assert.equal(formsOf('pagalllll').plain, formsOf('pagal').plain);
    });

    it('reads a Devanagari word with its final nasal left out as the word (जाहिलो, a real comment\'s spelling)', () => {
      assert.equal(formsOf('जाहिलो').plain, formsOf('जाहिलों').plain);
      assert.equal(formsOf('सुवरो').plain, formsOf('सुवरों').plain);
      // Inside a word the anusvara tells words apart.
      assert.notEqual(formsOf('गांड').plain, formsOf('गाड').plain);
    });
  });
});
