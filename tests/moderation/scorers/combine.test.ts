// Combined scorers (PARLEY_SCORER=lexicon,openai): the highest score per attribute wins and says who
// gave it, evidence is merged, one failing member loses nothing, and only all failing is a failure.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../../server/config.js';
import { createLogger } from '../../../server/lib/log.js';
import { combineResults, createCombinedScorer } from '../../../server/moderation/scorers/combine.js';
import { createScorer } from '../../../server/moderation/scorers/index.js';
import type { ScoreResult, Scorer } from '../../../server/moderation/scorers/scorer.js';
import { readStoredScores, storedScores } from '../../../server/moderation/scores.js';

const lexicon: ScoreResult = {
  ok: true,
  provider: 'lexicon',
  scores: { TOXICITY: 0.7, PROFANITY: 0.9, INSULT: 0.4, THREAT: 0.1 },
  language: 'hi-Latn',
  evidence: [
    { attribute: 'INSULT', text: 'dalal' },
    { attribute: 'PROFANITY', text: 'ch*tiya' },
  ],
};
const openai: ScoreResult = {
  ok: true,
  provider: 'openai',
  scores: { TOXICITY: 0.7, INSULT: 0.85, THREAT: 0.05, IDENTITY_ATTACK: 0.2, SEVERE_TOXICITY: 0.1 },
  language: 'hi-Latn',
  raw: { harassment: 0.85, violence: 0.3 },
};
const down: ScoreResult = { ok: false, provider: 'openai', reason: 'timeout', detail: 'no answer within 1500 ms' };

describe('combining scorers', () => {
  it('takes the highest score per attribute, says which scorer gave it, and merges evidence strongest first', () => {
    const result = combineResults('lexicon+openai', [lexicon, openai]);
    assert.ok(result.ok);
    assert.deepEqual(result.scores, { TOXICITY: 0.7, SEVERE_TOXICITY: 0.1, INSULT: 0.85, THREAT: 0.1, IDENTITY_ATTACK: 0.2, PROFANITY: 0.9 });
    assert.deepEqual(result.sources, {
      TOXICITY: 'lexicon', // a tie goes to the scorer listed first
      SEVERE_TOXICITY: 'openai',
      INSULT: 'openai',
      THREAT: 'lexicon',
      IDENTITY_ATTACK: 'openai',
      PROFANITY: 'lexicon',
    });
    assert.deepEqual(result.evidence?.map((e) => e.text), ['ch*tiya', 'dalal'], 'profanity (0.90) before insult (0.85)');
    assert.equal(result.provider, 'lexicon+openai');
    assert.equal(result.parts?.length, 2);
  });

  it("keeps the others' scores when one fails, and fails only when all do", () => {
    const partial = combineResults('lexicon+openai', [lexicon, down]);
    assert.ok(partial.ok);
    assert.equal(partial.scores.PROFANITY, 0.9);
    assert.deepEqual(partial.parts?.map((p) => p.ok), [true, false]);
    const none = combineResults('lexicon+openai', [{ ...down, provider: 'lexicon', reason: 'error', detail: 'boom' }, down]);
    assert.deepEqual(none, {
      ok: false,
      provider: 'lexicon+openai',
      reason: 'error',
      detail: 'lexicon: error (boom); openai: timeout (no answer within 1500 ms)',
    });
  });

  it('asks every member at once; a member that throws counts as failed; health lists each member', async () => {
    let inFlight = 0;
    let most = 0;
    const member = (name: string, result: () => ScoreResult, ok = true): Scorer => ({
      name,
      async score() {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setImmediate(r));
        inFlight--;
        return result();
      },
      health: () => (ok ? { ok: true, detail: `${name}: ok` } : { ok: false, detail: `${name}: circuit open` }),
    });
    const thrower = member('openai', () => {
      throw new Error('bug');
    }, false);
    const combined = createCombinedScorer([member('lexicon', () => lexicon), thrower]);
    assert.equal(combined.name, 'lexicon+openai');
    assert.deepEqual(combined.members?.map((m) => m.name), ['lexicon', 'openai']);
    const result = await combined.score({ text: 'x', siteLocale: 'en' });
    assert.equal(most, 2, 'both were asked before either answered');
    assert.ok(result.ok);
    assert.deepEqual(result.parts?.[1], { ok: false, provider: 'openai', reason: 'error', detail: 'the scorer failed' });
    assert.deepEqual(combined.health!(), { ok: false, detail: 'lexicon: ok; openai: circuit open' });
  });

  it('stores the merged scores next to each scorer’s own, and reads back who gave each', () => {
    const result = combineResults('lexicon+openai', [lexicon, openai]);
    assert.ok(result.ok);
    const stored = storedScores(result);
    assert.equal(stored.INSULT, 0.85);
    assert.equal(stored['lexicon:INSULT'], 0.4);
    assert.equal(stored['openai:harassment'], 0.85);
    const back = readStoredScores(stored);
    assert.deepEqual(back.scores, result.scores);
    assert.equal(back.sources.INSULT, 'openai');
    assert.equal(back.sources.PROFANITY, 'lexicon');
    assert.deepEqual(back.byScorer.openai, { harassment: 0.85, violence: 0.3, ...openai.scores });
    // Rows stored before scorers were recorded: merged scores only, no sources.
    assert.deepEqual(readStoredScores({ TOXICITY: 0.3 }), { scores: { TOXICITY: 0.3 }, sources: {}, byScorer: {} });
  });

  it('is configured as a comma-separated list, each member with its own settings', async () => {
    const config = loadConfig({ PARLEY_SCORER: 'lexicon, openai', OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' });
    assert.deepEqual(config.PARLEY_SCORER, ['lexicon', 'openai']);
    assert.equal(config.OPENAI_MODERATION_MODEL, 'omni-moderation-2024-09-26');
    const scorer = await createScorer(config, createLogger('silent'));
    assert.equal(scorer.name, 'lexicon+openai');
    assert.equal((await createScorer(loadConfig({}), createLogger('silent'))).name, 'lexicon');
    assert.equal(loadConfig({}).OPENAI_BASE_URL, 'https://api.openai.com/v1');
  });

  it('refuses lists it cannot run, naming the key and never a value', () => {
    const refuse = (env: Record<string, string>, pattern: RegExp) =>
      assert.throws(() => loadConfig(env), (e: Error) => e instanceof ConfigError && pattern.test(e.message) && !e.message.includes('sk-secret'));
    refuse({ PARLEY_SCORER: 'lexicon,openai' }, /OPENAI_API_KEY: required when PARLEY_SCORER includes openai/);
    refuse({ PARLEY_SCORER: 'perspective', OPENAI_API_KEY: 'sk-secret' }, /PERSPECTIVE_API_KEY: required/);
    refuse({ PARLEY_SCORER: 'none,lexicon' }, /none cannot be combined/);
    refuse({ PARLEY_SCORER: 'lexicon,lexicon' }, /listed twice/);
    refuse({ PARLEY_SCORER: 'lexicon,azure' }, /PARLEY_SCORER/);
  });
});
