// The reason catalogue: every code is worded from its parameters in English and Hindi, the stored
// English message stays for the API, and unknown codes or old rows fall back to that message.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  attributeLabel,
  describeReason,
  makeReason,
  readReasonParams,
  REASON_CODES,
  toReasonData,
  type ReasonCode,
  type ReasonParams,
} from '../../server/moderation/reasons.js';

/** Parameters for every code, as the server fills them. */
const SAMPLES: { [C in ReasonCode]: ReasonParams<C> } = {
  toxicity: { attribute: 'IDENTITY_ATTACK', score: 0.93, threshold: 0.8, band: 'hold', provider: 'lexicon', evidence: [{ attribute: 'IDENTITY_ATTACK', text: 'they are all vermin' }] },
  unscored: { scorer: 'openai', failure: 'timeout' },
  links: { count: 3, limit: 2 },
  honeypot: {},
  form_token: {},
  too_fast: { seconds: 0.4, min: 2 },
  hold_words: { words: ['घोटाला', 'scam'] },
  block_words: { words: ['casino'] },
  moderator: {},
  trusted: { approved: 7 },
  premoderation: {},
  first_comment: {},
  author_held: {},
  author_trusted: {},
  story_premoderation: {},
  reported: { reports: 3 },
  report_spam: {},
  report_abusive: {},
  'report_off-topic': {},
  report_other: {},
  'reports-dismissed': { reports: 2 },
  banned: {},
  'ban-email': { value: 'troll@example.com', expiresAt: '2027-01-31T10:00:00.000Z' },
  'ban-domain': { value: 'spam.example' },
  'ban-ip': { value: 'abcdef012345' },
};

const DEVANAGARI = /\p{Script=Devanagari}/u;

describe('reason catalogue', () => {
  it('words every code from its parameters in English and in Hindi', () => {
    for (const code of REASON_CODES) {
      const stored = makeReason(code, SAMPLES[code] as never);
      const data = toReasonData(stored);
      assert.deepEqual(data.params, SAMPLES[code], `${code}: the parameters travel to the admin view`);
      const en = describeReason({ ...data, message: 'FALLBACK' }, 'en');
      const hi = describeReason({ ...data, message: 'FALLBACK' }, 'hi');
      assert.equal(en, stored.message, `${code}: the stored message is the English wording`);
      assert.notEqual(hi, 'FALLBACK', `${code}: Hindi is worded from the code, not the stored message`);
      assert.ok(DEVANAGARI.test(hi), `${code}: Hindi wording (${hi})`);
      assert.notEqual(hi, en, code);
      // Newsroom Hindi: the comment's author is टिप्पणीकार; लेखक is the article's writer.
      assert.ok(!hi.includes('लेखक'), `${code}: ${hi}`);
    }
  });

  it('says the category and the words that triggered a hold, in both languages', () => {
    const reason = toReasonData(
      makeReason('toxicity', {
        attribute: 'THREAT',
        score: 0.97,
        threshold: 0.95,
        band: 'reject',
        provider: 'lexicon',
        evidence: [
          { attribute: 'THREAT', text: "I'll break your legs" },
          { attribute: 'INSULT', text: 'stooge' },
        ],
      }),
    );
    assert.equal(describeReason(reason, 'en'), 'threat 0.97 at or above 0.95 (lexicon): “I\'ll break your legs”; insult: “stooge”');
    assert.equal(describeReason(reason, 'hi'), 'धमकी: स्कोर 0.97, अस्वीकार की सीमा 0.95 (lexicon): “I\'ll break your legs”; अपमान: “stooge”');
    const remote = toReasonData(makeReason('toxicity', { attribute: 'IDENTITY_ATTACK', score: 0.88, threshold: 0.8, band: 'hold', provider: 'openai' }));
    assert.equal(describeReason(remote, 'en'), 'identity attack 0.88 at or above 0.80 (openai)');
    assert.equal(describeReason(remote, 'hi'), 'पहचान पर हमला: स्कोर 0.88, समीक्षा की सीमा 0.80 (openai)');
  });

  it('falls back to the stored message for unknown codes and rows older than their parameters', () => {
    assert.equal(describeReason(toReasonData({ code: 'from_the_future', message: 'a newer reason' }), 'hi'), 'a newer reason');
    // A toxicity reason stored before thresholds and providers were parameters.
    const old = toReasonData({ code: 'toxicity', message: 'toxicity 0.91 at or above 0.80', attribute: 'TOXICITY', score: 0.91 });
    assert.equal(old.params, undefined);
    assert.equal(describeReason(old, 'hi'), 'toxicity 0.91 at or above 0.80');
    assert.equal(describeReason({ code: 'unscored', message: '' }, 'en'), 'unscored', 'the code when there is nothing else');
    // Wrongly typed parameters are not trusted.
    assert.equal(readReasonParams({ code: 'links', count: '3', limit: 2 }), null);
    assert.equal(readReasonParams({ code: 'toxicity', attribute: 'THREAT', score: 0.9, threshold: 0.8, band: 'maybe', provider: 'x' }), null);
    assert.equal(readReasonParams({ code: 'toxicity', attribute: 'THREAT', score: 0.9, threshold: 0.8, band: 'hold', provider: 'x', evidence: [{ text: 1 }] }), null);
  });

  it('passes only the catalogue parameters to the admin view', () => {
    const data = toReasonData({ code: 'links', message: '3 links, more than 2', count: 3, limit: 2, internal: 'not for the API' });
    assert.deepEqual(data, { code: 'links', message: '3 links, more than 2', params: { count: 3, limit: 2 } });
  });

  it('labels attributes in both languages and keeps unknown ones readable', () => {
    assert.equal(attributeLabel('SEVERE_TOXICITY', 'en'), 'severe toxicity');
    assert.equal(attributeLabel('PROFANITY', 'hi'), 'गाली-गलौज');
    assert.equal(attributeLabel('SEXUALLY_EXPLICIT', 'hi'), 'sexually explicit');
  });
});
