// Runs the ordered moderation phases; the first verdict wins, and an empty run means publish.
import { and, count, eq } from 'drizzle-orm';
import { comments } from '../db/schema.js';
import type { ModerationContext, ModerationDeps, ModerationFacts, Phase, Verdict } from './types.js';
import { PHASES } from './phases/index.js';

export async function runPipeline(ctx: ModerationContext, phases: readonly Phase[] = PHASES): Promise<Verdict> {
  for (const phase of phases) {
    const verdict = await phase.run(ctx);
    if (verdict) return verdict;
  }
  return { status: 'approved', reasons: [] };
}

/** Builds the lazily loaded facts phases share. */
export function createFacts(ctx: Pick<ModerationContext, 'deps' | 'site' | 'input'>): ModerationFacts {
  let approved: Promise<number> | undefined;
  return {
    approvedCount() {
      const email = ctx.input.email;
      if (!email) return Promise.resolve(0);
      approved ??= ctx.deps.db
        .select({ n: count() })
        .from(comments)
        .where(and(eq(comments.siteId, ctx.site.id), eq(comments.authorEmail, email), eq(comments.status, 'approved')))
        .then((rows) => Number(rows[0]?.n ?? 0));
      return approved;
    },
  };
}

/** Builds a context for one comment: no scores yet, facts loaded lazily. */
export function createModerationContext(
  parts: Pick<ModerationContext, 'site' | 'article' | 'input' | 'now'> & { deps: ModerationDeps },
): ModerationContext {
  const ctx: ModerationContext = {
    ...parts,
    settings: parts.site.settings,
    scoring: { state: 'skipped' },
    facts: undefined as never,
  };
  ctx.facts = createFacts(ctx);
  return ctx;
}
