// Runs the ordered moderation phases; the first verdict wins, and an empty run means publish.
import { NO_DESK, findPostingContexts, type AuthorFacts } from '../comments/store.js';
import type { SiteSettings } from '../sites/settings.js';
import type { ModerationContext, ModerationDeps, ModerationFacts, Phase, Verdict } from './types.js';
import { PHASES } from './phases/index.js';

export async function runPipeline(ctx: ModerationContext, phases: readonly Phase[] = PHASES): Promise<Verdict> {
  for (const phase of phases) {
    const verdict = await phase.run(ctx);
    if (verdict) return verdict;
  }
  return { status: 'approved', reasons: [] };
}

/** How far back the flood and duplicate rules look, or null where the site turned a rule off. */
export function factWindows(settings: SiteSettings, now: Date): { floodSince: Date | null; duplicateSince: Date | null } {
  return {
    floodSince: settings.floodSeconds > 0 ? new Date(now.getTime() - settings.floodSeconds * 1000) : null,
    duplicateSince: settings.duplicateWindowHours > 0 ? new Date(now.getTime() - settings.duplicateWindowHours * 3_600_000) : null,
  };
}

/** The facts phases share: `preloaded` when the caller has them, else one query on first use. */
export function createFacts(ctx: Pick<ModerationContext, 'deps' | 'site' | 'article' | 'input' | 'now'>, preloaded?: AuthorFacts): ModerationFacts {
  let facts: Promise<AuthorFacts> | undefined = preloaded && Promise.resolve(preloaded);
  const load = () =>
    (facts ??= findPostingContexts(ctx.deps.database, [{
      siteId: ctx.site.id,
      articleKey: ctx.article.key,
      parentId: null,
      ipHash: ctx.input.ipHash,
      email: ctx.input.email,
      tokenHash: ctx.input.tokenHash ?? null,
      body: ctx.input.body,
      now: ctx.now,
      ...factWindows(ctx.site.settings, ctx.now),
    }]).then(([found]) => found!.author));
  return {
    approvedCount: () => (ctx.input.email ? load().then((f) => f.approvedCount) : Promise.resolve(0)),
    banned: () => load().then((f) => f.banned),
    ban: () => load().then((f) => (f.banned ? (f.ban ?? { message: null, until: null }) : null)),
    desk: () => load().then((f) => f.desk ?? NO_DESK),
    lastPostAt: () => load().then((f) => f.lastPostAt),
    duplicate: () => load().then((f) => f.duplicate),
    emailConfirmed: () => (ctx.input.email ? load().then((f) => f.emailConfirmed) : Promise.resolve(false)),
    emailProven: () => (ctx.input.email ? load().then((f) => f.emailProven) : Promise.resolve(false)),
  };
}

/** Builds a context for one comment: no scores yet; author facts as given, or loaded on first use. */
export function createModerationContext(
  parts: Pick<ModerationContext, 'site' | 'article' | 'input' | 'now'> & { deps: ModerationDeps; facts?: AuthorFacts },
): ModerationContext {
  const { facts, ...rest } = parts;
  const ctx: ModerationContext = {
    ...rest,
    settings: parts.site.settings,
    scoring: { state: 'skipped' },
    facts: undefined as never,
  };
  ctx.facts = createFacts(ctx, facts);
  return ctx;
}
