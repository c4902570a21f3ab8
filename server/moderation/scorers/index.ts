// Picks the scorer named by configuration. Modules load lazily so an unused scorer costs nothing.
import type { Config } from '../../config.js';
import type { Logger } from '../../lib/log.js';
import { createNoneScorer, type Scorer } from './scorer.js';

export async function createScorer(config: Config, logger: Logger): Promise<Scorer> {
  switch (config.PARLEY_SCORER) {
    case 'none':
      return createNoneScorer();
    case 'lexicon': {
      const { createLexiconScorer } = await import('./lexicon.js');
      return createLexiconScorer();
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
  }
}
