// normalizeForMatch and createWordMatcher: the folding both word lists and texts go through, and
// the per-site hold/block list matcher, in English, Hindi (Devanagari) and Hinglish.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createTermScanner, createWordMatcher, foldConfusables, normalizeForMatch } from '../../server/moderation/normalize.js';

describe('normalizeForMatch', () => {
  it('folds compatibility forms and case', () => {
    assert.equal(normalizeForMatch('ＩＤＩＯＴ'), 'idiot');
    assert.equal(normalizeForMatch('ﬁne'), 'fine');
    assert.equal(normalizeForMatch('Straße'), 'strasse');
    assert.equal(normalizeForMatch('STRAẞE'), 'strasse');
    assert.equal(normalizeForMatch('İDİOT'), 'idiot');
    assert.equal(normalizeForMatch('ΟΔΟΣ'), 'οδοσ');
  });

  it('removes zero-width characters, the soft hyphen and bidi controls', () => {
    for (const hidden of ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F']) {
      assert.equal(normalizeForMatch(`id${hidden}iot`), 'idiot', `U+${hidden.codePointAt(0)?.toString(16)}`);
      assert.equal(normalizeForMatch(`पा${hidden}गल`), 'पागल', `U+${hidden.codePointAt(0)?.toString(16)} in Devanagari`);
    }
  });

  it('folds every precomposed Devanagari nukta letter to its base consonant', () => {
    const pairs: Array<[string, string]> = [
      ['\u0958', 'क'], ['\u0959', 'ख'], ['\u095A', 'ग'], ['\u095B', 'ज'], ['\u095C', 'ड'], ['\u095D', 'ढ'], ['\u095E', 'फ'], ['\u095F', 'य'],
      ['\u0929', 'न'], ['\u0931', 'र'], ['\u0934', 'ळ'],
    ];
    for (const [nukta, base] of pairs) assert.equal(normalizeForMatch(nukta), base, `U+${nukta.codePointAt(0)?.toString(16)}`);
  });

  it('folds base + combining nukta the same as the precomposed letter', () => {
    assert.equal(normalizeForMatch('ज\u093Cलील'), 'जलील');
    assert.equal(normalizeForMatch('\u095Bलील'), 'जलील');
    assert.equal(normalizeForMatch('बेवक़ूफ़'), normalizeForMatch('बेवकूफ'));
  });

  it('folds chandrabindu and nasal clusters into anusvara', () => {
    assert.equal(normalizeForMatch('माँ'), 'मां');
    assert.equal(normalizeForMatch('हिन्दी'), 'हिंदी');
    assert.equal(normalizeForMatch('गान्ड'), 'गांड');
    assert.equal(normalizeForMatch('सम्बन्ध'), 'संबंध');
  });

  it('keeps anusvara and vowel signs that change the word', () => {
    assert.notEqual(normalizeForMatch('है'), normalizeForMatch('हैं'));
    assert.notEqual(normalizeForMatch('पागल'), normalizeForMatch('पागलों'));
  });

  it('turns Devanagari digits into ASCII digits', () => {
    assert.equal(normalizeForMatch('९११ और २०२६'), '911 और 2026');
  });

  it('collapses every kind of whitespace to single spaces and trims', () => {
    assert.equal(normalizeForMatch('  shut\n\t up\u00A0now\u3000 '), 'shut up now');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'aAßİ ज़क़ं\u0901\u093C\u200B\u00ADन्द ９\t\u095B'.split('')) }), (s) => {
        const once = normalizeForMatch(s);
        assert.equal(normalizeForMatch(once), once);
      }),
      { seed: 20261231, numRuns: 500 },
    );
  });
});

describe('createWordMatcher', () => {
  describe('English', () => {
    it('matches whole words regardless of case and returns entries as written', () => {
      const match = createWordMatcher(['Spam', ' casino ']);
      assert.deepEqual(match('Cheap SPAM here'), ['Spam']);
      assert.deepEqual(match('visit the CASINO'), ['casino']);
      assert.deepEqual(match('spammer and casinos'), []);
    });

    it('treats a trailing * as a prefix', () => {
      const match = createWordMatcher(['spam*']);
      assert.deepEqual(match('spammers everywhere'), ['spam*']);
      assert.deepEqual(match('spam'), ['spam*']);
      assert.deepEqual(match('antispam'), []);
    });

    it('matches phrases across any whitespace but not across other words', () => {
      const match = createWordMatcher(['shut up', 'buy now']);
      assert.deepEqual(match('SHUT\n\t  UP'), ['shut up']);
      assert.deepEqual(match('shut the door and go up'), []);
      assert.deepEqual(match('buy now!'), ['buy now']);
    });

    it('reports overlapping entries and entries sharing a start', () => {
      const match = createWordMatcher(['big idiot', 'idiot', 'spam*', 'spammer']);
      assert.deepEqual(match('what a big idiot'), ['big idiot', 'idiot']);
      assert.deepEqual(match('spammer'), ['spam*', 'spammer']);
    });

    it('returns each entry once, in order of first occurrence', () => {
      const match = createWordMatcher(['alpha', 'beta']);
      assert.deepEqual(match('beta alpha beta alpha'), ['beta', 'alpha']);
    });

    it('catches zero-width and full-width disguises', () => {
      const match = createWordMatcher(['idiot']);
      assert.deepEqual(match('you id\u200Biot'), ['idiot']);
      assert.deepEqual(match('you i\u00ADdiot'), ['idiot']);
      assert.deepEqual(match('you ｉｄｉｏｔ'), ['idiot']);
    });

    it('matches entries that start or end with punctuation (emails, domains)', () => {
      const match = createWordMatcher(['@mailinator.com', 'casino.com', 'c++', '(spam)', '💩']);
      assert.deepEqual(match('x@mailinator.com'), ['@mailinator.com']);
      assert.deepEqual(match('https://casino.com/win'), ['casino.com']);
      assert.deepEqual(match('I like C++ a lot'), ['c++']);
      assert.deepEqual(match('so (SPAM) here'), ['(spam)']);
      assert.deepEqual(match('what a💩article'), ['💩']);
    });

    it('escapes regex syntax in entries', () => {
      const match = createWordMatcher(['a.b', 'x*y', '[z]']);
      assert.deepEqual(match('axb a.b'), ['a.b']);
      assert.deepEqual(match('xzzy'), []);
      assert.deepEqual(match('x*y'), ['x*y']);
      assert.deepEqual(match('[z]'), ['[z]']);
    });

    it('ignores empty entries and a lone *', () => {
      const match = createWordMatcher(['', '   ', '*']);
      assert.deepEqual(match('anything at all'), []);
      assert.deepEqual(createWordMatcher([])('anything'), []);
    });

    it('keeps a literal star when more than one trails ("f**")', () => {
      const match = createWordMatcher(['f**']);
      assert.deepEqual(match('f** off'), ['f**']);
      assert.deepEqual(match('fun'), []);
    });
  });

  describe('Hindi (Devanagari)', () => {
    it('respects word boundaries made of letters and vowel signs', () => {
      const match = createWordMatcher(['पागल']);
      assert.deepEqual(match('तुम पागल हो'), ['पागल']);
      assert.deepEqual(match('यह पागलपन है'), []);
      assert.deepEqual(match('पागलों की बातें'), []);
      assert.deepEqual(match('बिल्कुल पागल।'), ['पागल']);
      assert.deepEqual(match('"पागल"'), ['पागल']);
    });

    it('matches a prefix entry inside a longer word', () => {
      const match = createWordMatcher(['पागल*']);
      assert.deepEqual(match('यह पागलपन है'), ['पागल*']);
      assert.deepEqual(match('महापागल'), []);
    });

    it('matches with or without nukta on either side', () => {
      assert.deepEqual(createWordMatcher(['बेवकूफ़'])('तुम बेवकूफ हो'), ['बेवकूफ़']);
      assert.deepEqual(createWordMatcher(['बेवकूफ'])('तुम बेवक़ूफ़ हो'), ['बेवकूफ']);
      assert.deepEqual(createWordMatcher(['\u095Bलील'])('ज\u093Cलील'), ['\u095Bलील']);
    });

    it('catches zero-width characters hidden inside a word', () => {
      const match = createWordMatcher(['कमीना']);
      assert.deepEqual(match('तू क\u200Bमी\u200Dना है'), ['कमीना']);
    });

    it('matches chandrabindu and anusvara spellings alike', () => {
      assert.deepEqual(createWordMatcher(['माँ की'])('तेरी मां की'), ['माँ की']);
    });

    it('matches phrases across line breaks', () => {
      assert.deepEqual(createWordMatcher(['जान से मार'])('जान\nसे   मार दूंगा'), ['जान से मार']);
    });
  });

  describe('Hinglish', () => {
    it('matches romanized words with boundaries and prefixes', () => {
      const match = createWordMatcher(['pagal', 'bewakoof*', 'maar dunga']);
      assert.deepEqual(match('tum PAGAL ho'), ['pagal']);
      assert.deepEqual(match('ye pagalpan hai'), []);
      assert.deepEqual(match('bewakoofon ki tarah'), ['bewakoof*']);
      assert.deepEqual(match('maar   dunga'), ['maar dunga']);
    });

    it('matches entries in every field text it is given (name, email, website)', () => {
      const match = createWordMatcher(['chutiya', 'spam*']);
      assert.deepEqual(match('Chutiya Kumar'), ['chutiya']);
      assert.deepEqual(match('spamlord@example.com'), ['spam*']);
      assert.deepEqual(match('https://example.com/chutiya-page'), ['chutiya']);
    });
  });

  it('compiles several hundred entries into one matcher that finds exactly the listed ones', () => {
    // w0x .. wgnx (600 entries in base 36); "w0" and "wzzx" are not among them.
    const words = Array.from({ length: 600 }, (_, i) => `w${i.toString(36)}x`);
    words.push('पागल', 'kill you', 'spam*');
    const match = createWordMatcher(words);
    assert.deepEqual(match('w0x w0 w1x wzzx wgnx तुम पागल हो, I will KILL YOU, spammy'), ['w0x', 'w1x', 'wgnx', 'पागल', 'kill you', 'spam*']);
    assert.deepEqual(match('nothing listed here'), []);
  });
});

describe('foldConfusables', () => {
  // The pattern it used before, which backtracked quadratically through long words without a Latin
  // letter: the same words must be folded (each word folded as foldConfusables folds it alone).
  const HAS_CONFUSABLE = /[авеёзкмнорстухѕіїјԁԛԝһӏɡɑıαβεηικνορτυχγωμ]/u;
  const reference = (text: string) =>
    /[^\u0000-\u024f]/u.test(text) ? text.replace(/[\p{L}\p{M}]*[a-z][\p{L}\p{M}]*/gu, (word) => (HAS_CONFUSABLE.test(word) ? foldConfusables(word) : word)) : text;

  it('folds the same words as the pattern it replaced', () => {
    const pieces = fc.constantFrom('a', 'b', 'z', 'I', 'і', 'о', 'α', 'η', 'ω', 'क', 'ा', '\u0301', ' ', '.', '1', '😀', '中', 'ё', 'д');
    fc.assert(fc.property(fc.array(pieces, { maxLength: 30 }), (chars) => foldConfusables(chars.join('')) === reference(chars.join(''))), { numRuns: 2000 });
    assert.equal(foldConfusables('іdіot कमीना мир ıdiot'), 'idiot कमीना мир idiot');
  });

  it('folds Latin small capitals wherever they stand, keeping the length', () => {
    assert.equal(normalizeForMatch('ᴍᴏʀᴏɴ ʀᴇᴘᴏʀᴛᴇʀ, you are a ɪᴅɪᴏᴛ'), 'moron reporter, you are a idiot');
    const text = 'ᴄʜᴜᴛɪʏᴀ';
    assert.equal(normalizeForMatch(text).length, text.length);
  });

  it('reads Greek η as the h of bh, ch, dh, th after those consonants, else as n', () => {
    assert.equal(foldConfusables('bηοsdιke cηutιya ηot cuηt ηαμα'), 'bhosdike chutiya not cunt ηαμα');
  });
});

describe('createTermScanner', () => {
  it('reports offsets, and with word starts tries only those', () => {
    const scan = createTermScanner(['ab', 'b']);
    const text = 'ab b';
    assert.deepEqual(scan(text), [{ term: 0, start: 0, end: 2 }, { term: 1, start: 3, end: 4 }]);
    assert.deepEqual(scan(text, [3]), [{ term: 1, start: 3, end: 4 }]);
  });
});
