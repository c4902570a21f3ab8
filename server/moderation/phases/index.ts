// The order of the moderation phases. The first phase that returns a verdict decides.
import type { Phase } from '../types.js';
import { closedPhase } from './closed.js';
import { policyPhase } from './policy.js';

export const PHASES: readonly Phase[] = [
  // Refusals: the comment is not stored.
  closedPhase,
  // Policy: the site's moderation mode.
  policyPhase,
];
