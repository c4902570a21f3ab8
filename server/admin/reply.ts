// A moderator's reply: posted through the public submit path (same validation, counts and events) as a moderator.
import { z } from 'zod';
import type { AdminAuth } from '../auth/middleware.js';
import { submitComment } from '../comments/submit.js';
import type { AppDeps } from '../deps.js';
import { toModeratorComment, type ModeratorComment } from './dto.js';
import { findWithContext, requireVisibleComment } from './queue.js';

type Deps = Pick<AppDeps, 'db' | 'database' | 'posting' | 'bus' | 'hasher' | 'logger' | 'scorer' | 'siteCache' | 'threadCache' | 'now' | 'mailer' | 'metrics'>;

const publicEmail = z.email();

export async function replyToComment(
  deps: Deps,
  auth: AdminAuth,
  req: { id: number; body: string; ip: string; userAgent?: string },
): Promise<{ comment: ModeratorComment; published: boolean }> {
  const parent = await requireVisibleComment(deps, auth, req.id);
  const email = auth.moderator.email;
  const result = await submitComment(deps, {
    site: parent.siteSlug,
    article: parent.articleKey,
    // Staff addresses like admin@localhost are valid logins but not public comment emails; leave them out.
    input: { body: req.body, name: auth.moderator.name, email: publicEmail.safeParse(email).success ? email : undefined, parentId: req.id },
    ip: req.ip,
    userAgent: req.userAgent,
    moderatorId: auth.moderator.id,
  });
  const [row] = await findWithContext(deps.db, [result.comment.id]);
  return { comment: toModeratorComment(row!), published: result.published };
}
