// The contract every toxicity scorer implements; the pipeline only sees this.

/** Attribute names scores are reported under (Perspective's names, shared by every scorer). */
export const ATTRIBUTES = ['TOXICITY', 'SEVERE_TOXICITY', 'INSULT', 'THREAT', 'IDENTITY_ATTACK', 'PROFANITY'] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

export interface ScoreInput {
  /** Plain comment text, already trimmed and non-empty. */
  text: string;
  /** The site's locale ('en', 'hi', ...), the fallback when the text's script does not tell. */
  siteLocale: string;
  /** Aborted when the caller stops waiting; a scorer should stop work then. */
  signal?: AbortSignal;
}

/** What in the text drove a score, so a moderator reads "threat: 'I'll break your legs'", not a number. */
export interface ScoreEvidence {
  attribute: Attribute;
  /** The words of the comment that triggered it, as the author wrote them (a short excerpt). */
  text: string;
}

export type ScoreResult =
  | {
      ok: true;
      provider: string;
      /** Each value in [0, 1]; TOXICITY is always present. */
      scores: Partial<Record<Attribute, number>> & { TOXICITY: number };
      /** Language the text was scored as ('en', 'hi', 'hi-Latn', ...). */
      language: string;
      /** Strongest first; scorers that cannot say why (remote ones) leave it out. */
      evidence?: ScoreEvidence[];
      /** The provider's own scores in its own categories (OpenAI's category_scores), kept for moderators. */
      raw?: Record<string, number>;
      /** Set by a combination: which scorer gave each score (the highest per attribute wins). */
      sources?: Partial<Record<Attribute, string>>;
      /** Set by a combination: every member's own answer, in configured order, failures included. */
      parts?: ScoreResult[];
    }
  | {
      ok: false;
      provider: string;
      /** Stable short reason: 'timeout' | 'rate_limited' | 'unavailable' | 'bad_response' | 'unsupported_language' | 'circuit_open' | 'error' */
      reason: string;
      /** A safe human-readable detail (never a key or a stack). */
      detail: string;
    };

export interface Scorer {
  readonly name: string;
  score(input: ScoreInput): Promise<ScoreResult>;
  /** Current health for /readyz details; optional. */
  health?(): { ok: boolean; detail?: string };
  /** A combination's members, so /readyz can show each one's health. */
  readonly members?: readonly Scorer[];
  close?(): Promise<void>;
}

/** Failures worth another try later (the service may be back); the rest would fail the same way again. */
export const TRANSIENT_FAILURES: ReadonlySet<string> = new Set(['timeout', 'rate_limited', 'unavailable', 'circuit_open', 'bad_response']);

/** The no-op scorer: configured with PARLEY_SCORER=none. */
export function createNoneScorer(): Scorer {
  return {
    name: 'none',
    async score() {
      return { ok: false, provider: 'none', reason: 'disabled', detail: 'no scorer configured' };
    },
  };
}
