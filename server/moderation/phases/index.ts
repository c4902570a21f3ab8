// The order of the moderation phases. The first phase that returns a verdict decides; a phase that
// throws refuses the comment outright (it is not stored).
import type { Phase } from '../types.js';
import { authorHoldPhase } from './author.js';
import { bannedPhase } from './banned.js';
import { closedPhase } from './closed.js';
import { duplicatePhase } from './duplicate.js';
import { floodPhase } from './flood.js';
import { honeypotPhase } from './honeypot.js';
import { linksPhase } from './links.js';
import { policyPhase } from './policy.js';
import { storyPhase } from './story.js';
import { suspendedPhase } from './suspended.js';
import { timingPhase } from './timing.js';
import { toxicityPhase } from './toxicity.js';
import { trustPhase } from './trust.js';
import { wordsPhase } from './words.js';

/** Phases that judge the text itself; re-run when a comment is edited or re-scored. */
export const CONTENT_PHASES: readonly Phase[] = [
  // Spam signals in the text.
  linksPhase,
  // The site's word lists.
  wordsPhase,
  // The scorer.
  toxicityPhase,
  // Moderators' decisions: an author they always hold, a story they pre-moderate.
  authorHoldPhase,
  storyPhase,
  // Trusted authors skip the policy hold.
  trustPhase,
  // The site's moderation mode.
  policyPhase,
];

export const PHASES: readonly Phase[] = [
  // Refusals: cheap checks first, then those that query the database.
  closedPhase,
  bannedPhase,
  suspendedPhase,
  floodPhase,
  duplicatePhase,
  // Spam signals from the form.
  honeypotPhase,
  timingPhase,
  ...CONTENT_PHASES,
];
