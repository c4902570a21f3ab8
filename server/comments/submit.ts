// Posting a comment or a reply: validate, resolve the article and parent, moderate, store.
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { AppError, type FieldError } from '../errors.js';
import { randomToken } from '../lib/crypto.js';
import { createModerationContext, factWindows, runPipeline } from '../moderation/pipeline.js';
import { floodError } from '../moderation/phases/flood.js';
import { RESCORE_FIRST_DELAY_MS } from '../moderation/rescore.js';
import { requireSite, type Site } from '../sites/store.js';
import { checkArticleTitle, checkArticleUrl } from './article-fields.js';
import { requireArticleKey } from './article-key.js';
import { reservedNameProblem } from './names.js';
import { readAuthorToken } from './author-token.js';
import { charLength, cleanBody, cleanLine, hasVisibleText, toPublicComment, type PublicComment } from './dto.js';
import { findComment, type ArticleSummary, type ParentSummary } from './store.js';
import { subscribe } from '../notifications/subscriptions.js';

type Deps = Pick<AppDeps, 'db' | 'database' | 'posting' | 'bus' | 'hasher' | 'logger' | 'scorer' | 'siteCache' | 'now' | 'mailer' | 'metrics'>;

const MAX_NAME = 80;
const MAX_WEBSITE = 300;

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
  notify?: boolean;
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

function validateFields(site: Site, key: string, input: SubmitInput, byModerator: boolean): CleanFields {
  const errors: FieldError[] = [];
  const body = cleanBody(input.body);
  const max = site.settings.maxBodyChars;
  // Nothing but zero-width or blank characters is no comment either.
  if (!hasVisibleText(body)) errors.push({ field: 'body', code: 'required', message: 'Write a comment.' });
  else if (charLength(body) > max) {
    errors.push({ field: 'body', code: 'too_long', message: `A comment can be at most ${max} characters.` });
  }
  const name = cleanLine(input.name);
  if (name.length === 0) errors.push({ field: 'name', code: 'required', message: 'Enter your name.' });
  else if (charLength(name) > MAX_NAME) errors.push({ field: 'name', code: 'too_long', message: `A name can be at most ${MAX_NAME} characters.` });
  else if (!byModerator) {
    const reserved = reservedNameProblem(name, site.name);
    if (reserved) errors.push({ field: 'name', code: 'reserved', message: reserved });
  }

  const rawEmail = (input.email ?? '').trim().toLowerCase();
  let email: string | null = null;
  if (rawEmail.length === 0) {
    // A moderator replies under their own account; their login need not be a public address (admin@localhost).
    if (site.settings.requireEmail && !byModerator) errors.push({ field: 'email', code: 'required', message: 'Enter your email address.' });
  } else if (!emailSchema.safeParse(rawEmail).success) {
    errors.push({ field: 'email', code: 'invalid', message: 'Enter a valid email address.' });
  } else email = rawEmail;

  const rawSite = (input.website ?? '').trim();
  let website: string | null = null;
  if (rawSite.length > 0) {
    const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(rawSite) ? rawSite : `https://${rawSite}`;
    const url = safeHttpUrl(withScheme);
    if (!url || url.length > MAX_WEBSITE) {
      errors.push({ field: 'website', code: 'invalid', message: 'Please enter a valid web address.' });
    } else website = url;
  }

  let articleUrl: string | null = null;
  let articleTitle: string | null = null;
  if (input.article?.url) {
    const checked = checkArticleUrl(input.article.url, { key, allowedOrigins: site.allowedOrigins });
    if ('error' in checked) errors.push(checked.error);
    else articleUrl = checked.url;
  }
  if (input.article?.title) {
    const checked = checkArticleTitle(input.article.title);
    if ('error' in checked) errors.push(checked.error);
    else articleTitle = checked.title;
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
  const key = requireArticleKey(req.article);
  const fields = validateFields(site, key, req.input, !!req.moderatorId);
  const now = deps.now();
  const ipHash = deps.hasher.hashIp(req.ip);
  const windows = factWindows(site.settings, now);
  const givenToken = readAuthorToken(req.authorToken);
  const tokenHash = givenToken ? deps.hasher.hashToken(givenToken) : null;
  const found = await deps.posting.findContext({
    siteId: site.id,
    articleKey: key,
    parentId: req.input.parentId ?? null,
    ipHash,
    email: fields.email,
    tokenHash,
    body: fields.body,
    now,
    ...windows,
  });
  const article = found.article;
  const parent = req.input.parentId ? await resolveParent(deps, site, article, found.parent) : null;

  const ctx = createModerationContext({
    site,
    article: { id: article?.id ?? null, key, closed: article?.closed ?? false, premod: article?.premod ?? false, createdAt: article?.createdAt ?? null },
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
      tokenHash,
    },
    now,
    deps: { database: deps.database, scorer: deps.scorer, hasher: deps.hasher, logger: deps.logger },
    facts: found.author,
  });
  const verdict = await runPipeline(ctx);

  const authorToken = givenToken ?? randomToken();
  const approved = verdict.status === 'approved';
  // Two posts racing through the pipeline would both pass the flood phase: the store serializes this
  // author's inserts on advisory locks (in a fixed order) and checks again.
  const flood = site.settings.floodSeconds > 0 && !req.moderatorId;
  const rescore = ctx.scoring.retry === true;
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
    rescoreAt: rescore ? new Date(now.getTime() + RESCORE_FIRST_DELAY_MS) : null,
    rescoreError: rescore ? (ctx.scoring.failure ?? null) : null,
  });
  if (stored.kind === 'flooded') throw floodError(stored.lastPostAt, site.settings.floodSeconds, now);
  deps.metrics.commentStored(verdict.status);
  // The statement sent NOTIFY to every process; this one's caches must not wait for it to come back.
  if (stored.articleVersion !== null) {
    deps.bus.announce({ type: 'article', siteId: site.id, articleId: stored.articleId, version: stored.articleVersion });
  }

  // Spam and rejected posts are answered like held ones, and subscribe nobody.
  if (req.input.notify && fields.email && deps.mailer.enabled && !req.moderatorId && (approved || verdict.status === 'pending')) {
    try {
      await subscribe(deps.database, { siteId: site.id, email: fields.email, articleId: stored.articleId, ipHash, now });
    } catch (err) {
      // The comment is stored and acknowledged; only the opt-in is lost (the reader can tick it again).
      deps.logger.warn({ err, commentId: stored.commentId }, 'subscribing to replies failed');
    }
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
  // Said plainly to its author: rejected for toxicity, it will not be published. Spam stays 'pending',
  // indistinguishable from a held comment, so spammers learn nothing.
  if (verdict.status === 'rejected') comment.status = 'rejected';
  return { published: approved, comment, authorToken };
}
