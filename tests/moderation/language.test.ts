// detectLanguage: the language hint scorers get, for English, Hindi (Devanagari) and Hinglish.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectLanguage } from '../../server/moderation/language.js';

describe('detectLanguage', () => {
  it('reads Devanagari text as Hindi', () => {
    assert.equal(detectLanguage('बहुत बढ़िया लेख, धन्यवाद'), 'hi');
    assert.equal(detectLanguage('तुम बेवकूफ हो', 'en'), 'hi');
    assert.equal(detectLanguage('पागल'), 'hi');
  });

  it('goes by the main script of mixed text', () => {
    assert.equal(detectLanguage('Great article about the monsoon, thanks for writing it. धन्यवाद'), 'en');
    assert.equal(detectLanguage('यह लेख बहुत अच्छा है, सरकार को budget पर ध्यान देना चाहिए'), 'hi');
  });

  it('reads romanized Hindi as hi-Latn', () => {
    for (const text of [
      'tum pagal ho',
      'pagal hai tu',
      'bhai ye article bahut accha hai',
      'mujhe lagta hai ki budget mein kisanon ke liye kuch nahi hai',
      'Kya baat hai! Sarkar ko is par dhyan dena chahiye.',
      'yaar ye sab politics hai',
    ]) {
      assert.equal(detectLanguage(text, 'hi'), 'hi-Latn', text);
      assert.equal(detectLanguage(text, 'en'), 'hi-Latn', text);
    }
  });

  it('does not take English for Hinglish because of a few shared words', () => {
    for (const text of [
      'The main point is that the budget does not add up.',
      'A quick jab at the opposition, and then the minister moved on.',
      'Ho ho ho, the festive season is here.',
      'You are an idiot',
      'Thanks bhai, but the rest of this long comment is entirely in English and argues about the tax policy in some detail, as people do.',
    ]) {
      assert.equal(detectLanguage(text, 'en'), 'en', text);
    }
  });

  it('answers und for text without letters', () => {
    assert.equal(detectLanguage('12345 !!! ???'), 'und');
    assert.equal(detectLanguage('🙏🙏🙏'), 'und');
    assert.equal(detectLanguage('।। १२३ ॥'), 'und');
  });

  it('falls back to the site locale for Latin text that is not Hinglish', () => {
    assert.equal(detectLanguage('Très bon article', 'fr'), 'fr');
    assert.equal(detectLanguage('Great article', 'en-GB'), 'en');
    assert.equal(detectLanguage('Great article'), 'en');
    // A Hindi site's English comments are English, not Hindi.
    assert.equal(detectLanguage('Great article', 'hi'), 'en');
    assert.equal(detectLanguage('Great article', 'hi-IN'), 'en');
  });
});

describe('detectLanguage: other scripts', () => {
  it('names the script instead of calling it English', () => {
    assert.equal(detectLanguage('வணக்கம் நண்பர்களே', 'en'), 'ta');
    assert.equal(detectLanguage('مرحبا بالعالم', 'hi'), 'ar');
    assert.equal(detectLanguage('こんにちは世界', 'en'), 'ja');
    assert.equal(detectLanguage('你好世界', 'en'), 'zh');
    assert.equal(detectLanguage('Привет мир', 'en'), 'ru');
  });
});
