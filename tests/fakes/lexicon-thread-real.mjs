// The real lexicon worker for tests: Node 20's worker threads do not inherit tsx's loader, so this
// entry registers it before importing the TypeScript source.
import { register } from 'tsx/esm/api';

register();
await import('../../server/moderation/scorers/lexicon-worker.ts');
