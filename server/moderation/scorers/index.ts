// Builds the scorer(s) named by configuration: one, or several combined (PARLEY_SCORER=lexicon,openai).
// Modules load lazily so an unused scorer costs nothing.
import type { Config } from '../../config.js';
import type { Logger } from '../../lib/log.js';
import { createCombinedScorer } from './combine.js';
import { createNoneScorer, type Scorer } from './scorer.js';

type ScorerConfig = Pick<
  Config,
  | 'PARLEY_SCORER'
  | 'PARLEY_SCORER_THREADS'
  | 'PERSPECTIVE_API_KEY'
  | 'PERSPECTIVE_BASE_URL'
  | 'PERSPECTIVE_ATTRIBUTES'
  | 'PERSPECTIVE_TIMEOUT_MS'
  | 'PERSPECTIVE_QPS'
  | 'OPENAI_API_KEY'
  | 'OPENAI_BASE_URL'
  | 'OPENAI_MODERATION_MODEL'
  | 'OPENAI_TIMEOUT_MS'
  | 'OPENAI_QPS'
>;

export async function createScorer(config: ScorerConfig, logger: Logger): Promise<Scorer> {
  const members = await Promise.all(config.PARLEY_SCORER.map((name) => createOne(name, config, logger)));
  return members.length === 1 ? members[0]! : createCombinedScorer(members);
}

async function createOne(name: ScorerConfig['PARLEY_SCORER'][number], config: ScorerConfig, logger: Logger): Promise<Scorer> {
  switch (name) {
    case 'none':
      return createNoneScorer();
    case 'lexicon': {
      const inline = async () => (await import('./lexicon.js')).createLexiconScorer();
      if (config.PARLEY_SCORER_THREADS === 0) return inline();
      // The main thread builds its own lexicon only if a thread cannot answer.
      const { createLexiconPool } = await import('./lexicon-pool.js');
      return createLexiconPool({ threads: config.PARLEY_SCORER_THREADS, logger, createInline: inline });
    }
    case 'perspective': {
      const { createPerspectiveScorer } = await import('./perspective.js');
      return createPerspectiveScorer({
        apiKey: config.PERSPECTIVE_API_KEY!,
        baseUrl: config.PERSPECTIVE_BASE_URL,
        attributes: config.PERSPECTIVE_ATTRIBUTES,
        timeoutMs: config.PERSPECTIVE_TIMEOUT_MS,
        qps: config.PERSPECTIVE_QPS,
        logger,
      });
    }
    case 'openai': {
      const { createOpenAiScorer } = await import('./openai.js');
      return createOpenAiScorer({
        apiKey: config.OPENAI_API_KEY!,
        baseUrl: config.OPENAI_BASE_URL,
        model: config.OPENAI_MODERATION_MODEL,
        timeoutMs: config.OPENAI_TIMEOUT_MS,
        qps: config.OPENAI_QPS,
        logger,
      });
    }
  }
}
