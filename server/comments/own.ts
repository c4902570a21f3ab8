// The author's own comments: editing or deleting one within the site's edit window (author token).
import { eq, sql } from 'drizzle-orm';
import { comments, jobs } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { createModerationContext, runPipeline } from '../moderation/pipeline.js';
import { CONTENT_PHASES } from '../moderation/phases/index.js';
import { RESCORE_FIRST_DELAY_MS } from '../moderation/rescore.js';
import type { ScoringState } from '../moderation/types.js';
import { requireSite } from '../sites/store.js';
import { requireArticleKey } from './article-key.js';
import { readAuthorToken } from './author-token.js';
import { charLength, cleanBody, hasVisibleText, toPublicComment, type PublicComment } from './dto.js';
import { changeCommentStatus } from './status.js';
import { bumpArticle, findArticle, findComment, insertAudit } from './store.js';

type Deps = Pick<AppDeps, 'db' | 'database' | 'bus' | 'hasher' | 'logger' | 'scorer' | 'siteCache' | 'now'>;

async function enqueueRescore(tx: Parameters<Parameters<Deps['db']['transaction']>[0]>[0], commentId: number, now: Date, scoring: ScoringState) {
  await tx
    .insert(jobs)
    .values({
      kind: 'rescore',
      commentId,
      runAt: new Date(now.getTime() + RESCORE_FIRST_DELAY_MS),
      lastError: scoring.failure ?? null,
    })
    .onConflictDoNothing();
}

/** Finds a comment the token's holder wrote in this article, or 404 (never revealing that it exists). */
async function requireOwnComment(deps: Deps, req: { site: string; article: string; id: number; authorToken?: string }) {
  const site = await requireSite(deps, req.site);
  const key = requireArticleKey(req.article);
  const notFound = new AppError('COMMENT_NOT_FOUND', 'No such comment of yours.');
  const token = readAuthorToken(req.authorToken);
  if (!token) throw notFound;
  const article = await findArticle(deps.db, site.id, key);
  const comment = article ? await findComment(deps.db, req.id) : null;
  if (!article || !comment || comment.articleId !== article.id || comment.authorTokenHash !== deps.hasher.hashToken(token)) {
    throw notFound;
  }
  // A comment marked spam is held as far as its author can tell (finding 10): editable and deletable alike.
  if (comment.status !== 'approved' && comment.status !== 'pending' && comment.status !== 'spam') throw notFound;
  const windowEnd = comment.createdAt.getTime() + site.settings.editWindowSeconds * 1000;
  if (deps.now().getTime() > windowEnd) {
    throw new AppError('EDIT_WINDOW_CLOSED', 'The time to edit or delete this comment has passed.');
  }
  return { site, article, comment, editableUntil: new Date(windowEnd) };
}

/** Changes the text of the author's own comment within the edit window; the new text is moderated again. */
export async function editComment(
  deps: Deps,
  req: { site: string; article: string; id: number; authorToken?: string; body: string; ip: string },
): Promise<PublicComment> {
  const { site, article, comment, editableUntil } = await requireOwnComment(deps, req);
  const body = cleanBody(req.body);
  if (!hasVisibleText(body)) {
    throw new AppError('VALIDATION_FAILED', 'Some fields need attention.', { fields: [{ field: 'body', code: 'required', message: 'Write a comment.' }] });
  }
  if (charLength(body) > site.settings.maxBodyChars) {
    throw new AppError('VALIDATION_FAILED', 'Some fields need attention.', {
      fields: [{ field: 'body', code: 'too_long', message: `A comment can be at most ${site.settings.maxBodyChars} characters.` }],
    });
  }
  const ctx = createModerationContext({
    site,
    article: { id: article.id, key: article.key, closed: article.closed, premod: article.premod, createdAt: article.createdAt },
    input: {
      kind: 'edit',
      body,
      name: comment.authorName,
      email: comment.authorEmail,
      website: comment.authorWebsite,
      ipHash: deps.hasher.hashIp(req.ip),
      moderatorId: comment.moderatorId,
      tokenHash: comment.authorTokenHash,
      commentId: comment.id,
      acknowledgeNudge: true,
    },
    now: deps.now(),
    deps: { database: deps.database, scorer: deps.scorer, hasher: deps.hasher, logger: deps.logger },
  });
  const verdict = await runPipeline(ctx, CONTENT_PHASES);
  // An edit never promotes a held comment (nor a spam one: rewording must not get it out of the spam
  // queue); it can only hold (or mark spam) an approved one.
  const nextStatus =
    comment.status === 'spam' ? 'spam' : comment.status === 'pending' ? (verdict.status === 'approved' ? 'pending' : verdict.status) : verdict.status;
  const updated = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(comments)
      .set({
        body,
        editedAt: sql`now()`,
        updatedAt: sql`now()`,
        scores: ctx.scoring.scores ?? comment.scores,
        scoreState: ctx.scoring.state,
        ...(nextStatus !== comment.status || verdict.reasons.length > 0 ? { reasons: verdict.reasons } : {}),
      })
      .where(eq(comments.id, comment.id))
      .returning();
    let current = row!;
    if (nextStatus !== comment.status) {
      current = (await changeCommentStatus(tx, deps.bus, current, {
        to: nextStatus,
        actor: { type: 'author' },
        action: 'edit',
        reasons: verdict.reasons,
      })) ?? current;
    } else {
      await insertAudit(tx, { siteId: site.id, commentId: comment.id, actorType: 'author', action: 'edit', fromStatus: comment.status, toStatus: comment.status, reasons: verdict.reasons });
      if (comment.status === 'approved') {
        const version = await bumpArticle(tx, article.id, 0, comment.id);
        deps.bus.announce({ type: 'article', siteId: site.id, articleId: article.id, version });
      }
    }
    if (ctx.scoring.retry) await enqueueRescore(tx, comment.id, deps.now(), ctx.scoring);
    return current;
  });
  const shown = toPublicComment(updated.status === 'approved' ? updated : { ...updated, status: 'pending' as const }, { mine: true, editableUntil });
  // An edit into the reject band is told as such (only toxicity rejects an author's edit); spam reads as held.
  if (updated.status === 'rejected') shown.status = 'rejected';
  return shown;
}

/** Deletes the author's own comment within the edit window (kept as 'deleted' for the audit trail). */
export async function deleteOwnComment(deps: Deps, req: { site: string; article: string; id: number; authorToken?: string }): Promise<void> {
  const { comment } = await requireOwnComment(deps, req);
  await deps.db.transaction(async (tx) => {
    await changeCommentStatus(tx, deps.bus, comment, { to: 'deleted', actor: { type: 'author' }, action: 'delete' });
  });
}
