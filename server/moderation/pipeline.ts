// Runs the ordered moderation phases; the first verdict wins, and an empty run means publish.
import { and, count, eq } from 'drizzle-orm';
import { comments } from '../db/schema.js';
import type { ModerationContext, ModerationFacts, Phase, Verdict } from './types.js';
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
