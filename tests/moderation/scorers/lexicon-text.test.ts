import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isSpaceUnit, prepareText, formsOf } from '../../../server/moderation/scorers/lexicon-text.js';

describe('isSpaceUnit', () => {
  it('agrees with /\\s/ on every UTF-16 code unit (chunks are split by hand with it)', () => {
    const space = /\s/;
    const disagree: string[] = [];
    for (let c = 0; c <= 0xffff; c++) if (isSpaceUnit(c) !== space.test(String.fromCharCode(c))) disagree.push(c.toString(16));
    assert.deepEqual(disagree, []);
  });
});

describe('prepareText', () => {
  it('splits chunks at any whitespace and ends a sentence at a line break', () => {
    const prepared = prepareText('you\u00a0are\u2003an idiot\nhello   world\u3000', formsOf);
    assert.deepEqual(prepared.chunkSpans, [[0, 3], [4, 7], [8, 10], [11, 16], [17, 22], [25, 30]]);
    assert.deepEqual(prepared.sentenceOf, [0, 0, 0, 0, 1, 1]);
    assert.deepEqual(prepared.split.surfaces, ['you', 'are', 'an', 'idiot', 'hello', 'world']);
  });
});
