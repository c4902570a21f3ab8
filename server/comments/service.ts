// The public comment operations: read a thread, post, edit, delete, count. Routes call these.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { articles, comments, jobs } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError, type FieldError } from '../errors.js';
import { randomToken } from '../lib/crypto.js';
import { createModerationContext, factWindows, runPipeline } from '../moderation/pipeline.js';
import { floodError } from '../moderation/phases/flood.js';
import { CONTENT_PHASES } from '../moderation/phases/index.js';
import type { ScoringState } from '../moderation/types.js';
import type { Site } from '../sites/store.js';
import { normalizeArticleKey, normalizeArticleUrl } from './article-key.js';
import { charLength, cleanBody, cleanLine, toPublicComment, type PublicComment } from './dto.js';
import { changeCommentStatus } from './status.js';
import type { CachedPage, ThreadUrlRef } from './thread-cache.js';
import {
  findArticle,
  findComment,
  findOwnIds,
  findOwnPending,
  findThreadPage,
  insertAudit,
  type ArticleRow,
  type ArticleSummary,
  type ParentSummary,
} from './store.js';

type Deps = Pick<AppDeps, 'db' | 'database' | 'posting' | 'bus' | 'hasher' | 'logger' | 'scorer' | 'siteCache' | 'threadCache' | 'now'>;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,64}$/;
const MAX_NAME = 80;
const MAX_WEBSITE = 300;
const MAX_TITLE = 300;
const DAY_MS = 86_400_000;
/** First retry of an unscored comment; the re-scoring job backs off from there. */
export const RESCORE_FIRST_DELAY_MS = 30_000;

export async function requireSite(deps: Pick<Deps, 'db' | 'siteCache'>, slug: string): Promise<Site> {
  const site = await deps.siteCache.get(deps.db, slug);
  if (!site) throw new AppError('SITE_NOT_FOUND', `No site "${slug.slice(0, 64)}".`);
  return site;
}

function requireKey(raw: string): string {
  const key = normalizeArticleKey(raw);
  if (!key) throw new AppError('ARTICLE_NOT_FOUND', 'No such article: the id is not a valid article id or http(s) URL.');
  return key;
}

export function isClosed(article: Pick<ArticleRow, 'closed' | 'createdAt'>, site: Site, now: Date): boolean {
  const days = site.settings.closeAfterDays;
  return article.closed || (days > 0 && now.getTime() - article.createdAt.getTime() > days * DAY_MS);
}

async function loadArticle(deps: Deps, site: Site, key: string, fresh: boolean): Promise<ArticleRow | null> {
  if (!fresh) {
    const hit = deps.threadCache.getArticle(site.id, key);
    if (hit !== undefined) return hit;
  }
  const article = await findArticle(deps.db, site.id, key);
  deps.threadCache.setArticle(site.id, key, article);
  return article;
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface ThreadQueryInput {
  sort: 'oldest' | 'newest';
  limit: number;
  cursor?: string;
}

interface ThreadData {
  article: { key: string; url: string | null; title: string | null; closed: boolean; commentCount: number };
  comments: PublicComment[];
  nextCursor: string | null;
  total: number;
}

export type ThreadResult =
  /** page null: the If-None-Match ETag is current (304). `ref` lets the cache find this page by URL. */
  | { kind: 'public'; etag: string; page: CachedPage | null; ref: ThreadUrlRef }
  | { kind: 'private'; data: ThreadData };

/** A thread page. Without an author token it is the shared, cached representation. */
export async function getThread(
  deps: Deps,
  req: { site: string; article: string; query: ThreadQueryInput; authorToken?: string; ifNoneMatch?: string },
): Promise<ThreadResult> {
  const site = await requireSite(deps, req.site);
  const key = requireKey(req.article);
  const token = req.authorToken && TOKEN_PATTERN.test(req.authorToken) ? req.authorToken : undefined;
  const article = await loadArticle(deps, site, key, token !== undefined);
  if (!article) throw new AppError('ARTICLE_NOT_FOUND', 'Nobody has commented on this article yet.');

  const variant = `${req.query.sort}|${req.query.limit}|${req.query.cursor ?? ''}`;
  const etag = `"p1-${article.id}-${article.version}"`;
  const ref = { siteSlug: site.slug, articleKey: key, variant };
  if (!token) {
    if (req.ifNoneMatch && etagMatches(req.ifNoneMatch, etag)) return { kind: 'public', etag, page: null, ref };
    const hit = deps.threadCache.getPage(article.id, article.version, variant);
    if (hit) return { kind: 'public', etag: hit.etag, page: hit, ref };
  }
  const data = await buildThread(deps, site, article, req.query);
  if (!token) {
    const page: CachedPage = { version: article.version, etag, body: Buffer.from(JSON.stringify(data)) };
    deps.threadCache.setPage(article.id, variant, page);
    return { kind: 'public', etag, page, ref };
  }
  await addOwnComments(deps, site, article, data, token, req.query);
  return { kind: 'private', data };
}

/**
 * The public page for a thread request target answered before, from this process's caches alone:
 * the site, the article's current version and its page must all be in memory. undefined: take the
 * full route.
 */
export function peekThread(deps: Pick<Deps, 'siteCache' | 'threadCache'>, target: string): { site: Site; page: CachedPage } | undefined {
  const ref = deps.threadCache.lookupUrl(target);
  if (!ref) return undefined;
  const site = deps.siteCache.peek(ref.siteSlug);
  if (!site) return undefined;
  const article = deps.threadCache.getArticle(site.id, ref.articleKey);
  if (!article) return undefined;
  const page = deps.threadCache.getPage(article.id, article.version, ref.variant);
  return page && { site, page };
}

export function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

async function buildThread(deps: Deps, site: Site, article: ArticleRow, q: ThreadQueryInput): Promise<ThreadData> {
  const page = await findThreadPage(deps.db, article.id, {
    sort: q.sort,
    limit: q.limit,
    cursor: q.cursor === undefined ? undefined : Number(q.cursor),
  });
  return {
    article: {
      key: article.key,
      url: article.url,
      title: article.title,
      closed: isClosed(article, site, deps.now()),
      commentCount: article.commentCount,
    },
    comments: page.rows.map((r) => toPublicComment(r)),
    nextCursor: page.nextCursor,
    total: article.commentCount,
  };
}

/** Marks the author's own comments and merges in their held ones (first page only for top-level ones). */
async function addOwnComments(deps: Deps, site: Site, article: ArticleRow, data: ThreadData, token: string, q: ThreadQueryInput) {
  const tokenHash = deps.hasher.hashToken(token);
  const [own, pending] = await Promise.all([
    findOwnIds(deps.db, article.id, tokenHash),
    findOwnPending(deps.db, article.id, tokenHash),
  ]);
  const windowMs = site.settings.editWindowSeconds * 1000;
  const editable = (createdAt: Date) => {
    const until = new Date(createdAt.getTime() + windowMs);
    return until > deps.now() ? until : undefined;
  };
  for (const c of data.comments) {
    const createdAt = own.get(c.id);
    if (createdAt && c.status !== 'removed') {
      c.mine = true;
      const until = editable(createdAt);
      if (until) c.editableUntil = until.toISOString();
    }
  }
  for (const p of pending) {
    const pc = toPublicComment(p, { mine: true, editableUntil: editable(p.createdAt) });
    if (p.parentId === null) {
      if (q.cursor !== undefined) continue;
      if (q.sort === 'newest') data.comments.unshift(pc);
      else data.comments.push(pc);
      continue;
    }
    const at = data.comments.findIndex((c) => c.id === p.parentId);
    if (at < 0) continue;
    let end = at + 1;
    while (end < data.comments.length && data.comments[end]!.depth > data.comments[at]!.depth) end++;
    data.comments.splice(end, 0, pc);
  }
}

/** Approved-comment counts for several articles of a site (unknown articles count 0). */
export async function getCounts(deps: Deps, siteSlug: string, rawKeys: string[]): Promise<Record<string, number>> {
  const site = await requireSite(deps, siteSlug);
  const keys = new Map<string, string>();
  for (const raw of rawKeys) {
    const key = normalizeArticleKey(raw);
    if (key) keys.set(raw, key);
  }
  const out: Record<string, number> = {};
  for (const raw of rawKeys) out[raw] = 0;
  if (keys.size === 0) return out;
  const rows = await deps.db
    .select({ key: articles.key, n: articles.commentCount })
    .from(articles)
    .where(and(eq(articles.siteId, site.id), inArray(articles.key, [...new Set(keys.values())])));
  const byKey = new Map(rows.map((r) => [r.key, r.n]));
  for (const [raw, key] of keys) out[raw] = byKey.get(key) ?? 0;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing

export interface SubmitInput {
  body: string;
  name: string;
  email?: string;
  website?: string;
  parentId?: number | null;
  article?: { url?: string; title?: string };
  hp?: string;
  formToken?: string;
  acknowledgeNudge?: boolean;
}

export interface SubmitRequest {
  site: string;
  article: string;
  input: SubmitInput;
  ip: string;
  userAgent?: string;
  authorToken?: string;
  moderatorId?: number | null;
}

export interface SubmitResult {
  published: boolean;
  comment: PublicComment;
  authorToken: string;
}

interface CleanFields {
  body: string;
  name: string;
  email: string | null;
  website: string | null;
  articleUrl: string | null;
  articleTitle: string | null;
}

const emailSchema = z.email();

function validateFields(site: Site, input: SubmitInput): CleanFields {
  const errors: FieldError[] = [];
  const body = cleanBody(input.body);
  const max = site.settings.maxBodyChars;
  if (body.length === 0) errors.push({ field: 'body', code: 'required', message: 'Write a comment.' });
  else if (charLength(body) > max) {
    errors.push({ field: 'body', code: 'too_long', message: `A comment can be at most ${max} characters.` });
  }
  const name = cleanLine(input.name);
  if (name.length === 0) errors.push({ field: 'name', code: 'required', message: 'Enter your name.' });
  else if (charLength(name) > MAX_NAME) errors.push({ field: 'name', code: 'too_long', message: `A name can be at most ${MAX_NAME} characters.` });

  const rawEmail = (input.email ?? '').trim().toLowerCase();
  let email: string | null = null;
  if (rawEmail.length === 0) {
    if (site.settings.requireEmail) errors.push({ field: 'email', code: 'required', message: 'Enter your email address.' });
  } else if (!emailSchema.safeParse(rawEmail).success) {
    errors.push({ field: 'email', code: 'invalid', message: 'Enter a valid email address.' });
  } else email = rawEmail;

  const rawSite = (input.website ?? '').trim();
  let website: string | null = null;
  if (rawSite.length > 0) {
    const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(rawSite) ? rawSite : `https://${rawSite}`;
    const url = safeHttpUrl(withScheme);
    if (!url || url.length > MAX_WEBSITE) {
      errors.push({ field: 'website', code: 'invalid', message: 'A website must be an http or https address.' });
    } else website = url;
  }

  let articleUrl: string | null = null;
  let articleTitle: string | null = null;
  if (input.article?.url) {
    articleUrl = normalizeArticleUrl(input.article.url);
    if (!articleUrl) errors.push({ field: 'article.url', code: 'invalid', message: 'The article URL must be http or https.' });
  }
  if (input.article?.title) {
    articleTitle = cleanLine(input.article.title);
    if (charLength(articleTitle) > MAX_TITLE) {
      errors.push({ field: 'article.title', code: 'too_long', message: `A title can be at most ${MAX_TITLE} characters.` });
    }
    if (articleTitle.length === 0) articleTitle = null;
  }
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', 'Some fields need attention.', { fields: errors });
  return { body, name, email, website, articleUrl, articleTitle };
}

function safeHttpUrl(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (!url.hostname.includes('.') && url.hostname !== 'localhost') return null;
    if (url.username || url.password) return null;
    return url.toString();
  } catch {
    return null;
  }
}

/** Finds the parent a reply attaches to: it must be approved and in the same article; past the depth cap, a higher ancestor. */
async function resolveParent(deps: Deps, site: Site, article: ArticleSummary | null, found: ParentSummary | null): Promise<ParentSummary> {
  let parent = found;
  if (!parent || !article || parent.articleId !== article.id || parent.status !== 'approved') {
    throw new AppError('INVALID_PARENT', 'The comment you are replying to is not available.', {
      fields: [{ field: 'parentId', code: 'invalid', message: 'The comment you are replying to is not available.' }],
    });
  }
  const deepest = site.settings.maxDepth - 1;
  while (parent.depth + 1 > deepest && parent.parentId !== null) {
    const up: ParentSummary | null = await findComment(deps.db, parent.parentId);
    if (!up) break;
    parent = up;
  }
  return parent;
}

/**
 * Validates, moderates and stores a new comment: one query for what moderation needs to know, the
 * pipeline (which may wait on a remote scorer, holding no connection), one statement to store it;
 * concurrent posts share both statements (deps.posting batches them).
 */
export async function submitComment(deps: Deps, req: SubmitRequest): Promise<SubmitResult> {
  const site = await requireSite(deps, req.site);
  const key = requireKey(req.article);
  const fields = validateFields(site, req.input);
  const now = deps.now();
  const ipHash = deps.hasher.hashIp(req.ip);
  const windows = factWindows(site.settings, now);
  const found = await deps.posting.findContext({
    siteId: site.id,
    articleKey: key,
    parentId: req.input.parentId ?? null,
    ipHash,
    email: fields.email,
    body: fields.body,
    now,
    ...windows,
  });
  const article = found.article;
  const parent = req.input.parentId ? await resolveParent(deps, site, article, found.parent) : null;

  const ctx = createModerationContext({
    site,
    article: { id: article?.id ?? null, key, closed: article?.closed ?? false, createdAt: article?.createdAt ?? null },
    input: {
      kind: 'create',
      body: fields.body,
      name: fields.name,
      email: fields.email,
      website: fields.website,
      honeypot: req.input.hp,
      formToken: req.input.formToken,
      acknowledgeNudge: req.input.acknowledgeNudge,
      ipHash,
      moderatorId: req.moderatorId ?? null,
    },
    now,
    deps: { database: deps.database, scorer: deps.scorer, hasher: deps.hasher, logger: deps.logger },
    facts: found.author,
  });
  const verdict = await runPipeline(ctx);

  const authorToken = req.authorToken && TOKEN_PATTERN.test(req.authorToken) ? req.authorToken : randomToken();
  const approved = verdict.status === 'approved';
  // Two posts racing through the pipeline would both pass the flood phase: the store serializes this
  // author's inserts on advisory locks (in a fixed order) and checks again.
  const flood = site.settings.floodSeconds > 0 && !req.moderatorId;
  const unscored = ctx.scoring.state === 'unscored';
  // An existing article missing its url or title gets them from this comment, through the upsert.
  const fillArticle = article !== null && ((article.url === null && fields.articleUrl !== null) || (article.title === null && fields.articleTitle !== null));
  const stored = await deps.posting.store({
    siteId: site.id,
    articleId: article && !fillArticle ? article.id : null,
    articleKey: key,
    articleUrl: fields.articleUrl,
    articleTitle: fields.articleTitle,
    parentId: parent?.id ?? null,
    rootId: parent ? parent.rootId : null,
    depth: parent ? parent.depth + 1 : 0,
    authorName: fields.name,
    authorEmail: fields.email,
    authorWebsite: fields.website,
    moderatorId: req.moderatorId ?? null,
    body: fields.body,
    status: verdict.status,
    reasons: verdict.reasons,
    scores: ctx.scoring.scores ?? null,
    scoreState: ctx.scoring.state,
    ipHash,
    userAgent: req.userAgent?.slice(0, 300) ?? null,
    authorTokenHash: deps.hasher.hashToken(authorToken),
    now,
    floodLocks: flood ? [`flood:${site.id}:ip:${ipHash}`, ...(fields.email ? [`flood:${site.id}:email:${fields.email}`] : [])].sort() : [],
    floodSince: flood ? windows.floodSince : null,
    rescoreAt: unscored ? new Date(now.getTime() + RESCORE_FIRST_DELAY_MS) : null,
    rescoreError: unscored ? (ctx.scoring.failure ?? null) : null,
  });
  if (stored.kind === 'flooded') throw floodError(stored.lastPostAt, site.settings.floodSeconds, now);
  // The statement sent NOTIFY to every process; this one's caches must not wait for it to come back.
  if (approved || stored.articleCreated) {
    deps.bus.announce({ type: 'article', siteId: site.id, articleId: stored.articleId, version: stored.articleVersion ?? 0 });
  }

  const editableUntil = new Date(now.getTime() + site.settings.editWindowSeconds * 1000);
  const comment = toPublicComment(
    {
      id: stored.commentId,
      parentId: parent?.id ?? null,
      depth: parent ? parent.depth + 1 : 0,
      authorName: fields.name,
      authorWebsite: fields.website,
      body: fields.body,
      createdAt: now,
      editedAt: null,
      status: approved ? 'approved' : 'pending',
      moderatorId: req.moderatorId ?? null,
    },
    { mine: true, editableUntil },
  );
  return { published: approved, comment, authorToken };
}

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
  const key = requireKey(req.article);
  const notFound = new AppError('COMMENT_NOT_FOUND', 'No such comment of yours.');
  if (!req.authorToken || !TOKEN_PATTERN.test(req.authorToken)) throw notFound;
  const article = await findArticle(deps.db, site.id, key);
  const comment = article ? await findComment(deps.db, req.id) : null;
  if (!article || !comment || comment.articleId !== article.id || comment.authorTokenHash !== deps.hasher.hashToken(req.authorToken)) {
    throw notFound;
  }
  if (comment.status !== 'approved' && comment.status !== 'pending') throw notFound;
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
  if (body.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'Some fields need attention.', { fields: [{ field: 'body', code: 'required', message: 'Write a comment.' }] });
  }
  if (charLength(body) > site.settings.maxBodyChars) {
    throw new AppError('VALIDATION_FAILED', 'Some fields need attention.', {
      fields: [{ field: 'body', code: 'too_long', message: `A comment can be at most ${site.settings.maxBodyChars} characters.` }],
    });
  }
  const ctx = createModerationContext({
    site,
    article: { id: article.id, key: article.key, closed: article.closed, createdAt: article.createdAt },
    input: {
      kind: 'edit',
      body,
      name: comment.authorName,
      email: comment.authorEmail,
      website: comment.authorWebsite,
      ipHash: deps.hasher.hashIp(req.ip),
      moderatorId: comment.moderatorId,
      commentId: comment.id,
      acknowledgeNudge: true,
    },
    now: deps.now(),
    deps: { database: deps.database, scorer: deps.scorer, hasher: deps.hasher, logger: deps.logger },
  });
  const verdict = await runPipeline(ctx, CONTENT_PHASES);
  // An edit never promotes a held comment; it can only hold (or mark spam) an approved one.
  const nextStatus = comment.status === 'pending' ? (verdict.status === 'approved' ? 'pending' : verdict.status) : verdict.status;
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
        const [art] = await tx
          .update(articles)
          .set({ version: sql`${articles.version} + 1`, updatedAt: sql`now()` })
          .where(eq(articles.id, article.id))
          .returning({ version: articles.version });
        await deps.bus.publish(tx, { type: 'article', siteId: site.id, articleId: article.id, version: art!.version });
      }
    }
    if (ctx.scoring.state === 'unscored') await enqueueRescore(tx, comment.id, deps.now(), ctx.scoring);
    return current;
  });
  const shown = updated.status === 'approved' ? updated : { ...updated, status: 'pending' as const };
  return toPublicComment(shown, { mine: true, editableUntil });
}

/** Deletes the author's own comment within the edit window (kept as 'deleted' for the audit trail). */
export async function deleteOwnComment(deps: Deps, req: { site: string; article: string; id: number; authorToken?: string }): Promise<void> {
  const { comment } = await requireOwnComment(deps, req);
  await deps.db.transaction(async (tx) => {
    await changeCommentStatus(tx, deps.bus, comment, { to: 'deleted', actor: { type: 'author' }, action: 'delete' });
  });
}
