// Readers' reactions ("Respect" or "Like", as the site chooses): one per comment per reader and per
// address, counted on the comment, rate-limited per address. A reaction bumps the article's
// reaction_version, not its version: the oldest/newest thread pages and their caches stay as they are
// (server/threads/ranked.ts keys the best order and the counts on reaction_version).
//
// A reaction is one statement (REACT_SQL): a burst of them lands on the article being read, and each
// round trip through the query builder costs the process that serves the readers CPU it would
// otherwise spend on them (nine statements, in a transaction, took about 4.5 ms of server CPU per
// reaction; the one statement about a quarter of that, see the README's Performance section).
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { normalizeArticleKey } from './article-key.js';
import { requireSite } from '../sites/store.js';

type Deps = Pick<AppDeps, 'db' | 'database' | 'bus' | 'hasher' | 'siteCache' | 'now'>;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,64}$/;
/** Reactions one address may give in a minute, across all sites of this server. */
export const REACTIONS_PER_MINUTE = 30;

export interface ReactRequest {
  site: string;
  article: string;
  id: number;
  authorToken?: string;
  ip: string;
}

// One statement, atomic as a transaction would be: the published comment of that article (no row:
// no such comment), the address's reactions in the last minute (the cap is checked before anything is
// written, as a repeat from a capped address is refused too), the reaction (a repeat by reader or by
// address inserts nothing), the comment's count and the article's reaction version moved only when it
// was inserted, and the event sent by migration 0016's function with the new count and version.
// $1 site id, $2 article key, $3 comment id, $4 reader hash, $5 address hash, $6 the minute's start,
// $7 now, $8 the cap.
const REACT_SQL = `
with target as (
  select c.id, c.article_id, c.reaction_count from comments c join articles a on a.id = c.article_id
  where a.site_id = $1 and a.key = $2 and c.id = $3 and c.status = 'approved'
), recent as (
  select count(*)::int as n from comment_reactions where ip_hash = $5 and created_at > $6::timestamptz
), inserted as (
  insert into comment_reactions (comment_id, reader_hash, ip_hash, created_at)
  select t.id, $4, $5, $7::timestamptz from target t where (select n from recent) < $8::int
  on conflict do nothing
  returning comment_id
), counted as (
  update comments c set reaction_count = c.reaction_count + 1 from inserted i where c.id = i.comment_id
  returning c.reaction_count
), versioned as (
  update articles a set reaction_version = a.reaction_version + 1 from target t
  where a.id = t.article_id and exists (select 1 from inserted)
  returning a.reaction_version
)
select t.article_id, (select n from recent) as recent, t.reaction_count as previous,
  (select reaction_count from counted) as count, (select reaction_version from versioned) as reaction_version,
  (select count(*) from counted c cross join versioned v
    cross join lateral parley_notify_reaction($1, t.article_id, t.id, c.reaction_count, v.reaction_version) n) as notified
from target t`;

interface ReactRow {
  article_id: number | string;
  recent: number | string;
  previous: number | string;
  count: number | string | null;
  reaction_version: number | string | null;
}

/** Records a reader's reaction (again is a no-op) and returns the comment's count. */
export async function reactToComment(deps: Deps, req: ReactRequest): Promise<{ count: number; counted: boolean }> {
  const site = await requireSite(deps, req.site);
  if (site.settings.reactions === 'off') throw new AppError('NOT_FOUND', 'This site has no reactions.');
  const key = normalizeArticleKey(req.article);
  if (!key) throw new AppError('COMMENT_NOT_FOUND', 'No such comment.');
  const ipHash = deps.hasher.hashIp(req.ip);
  const readerHash = req.authorToken && TOKEN_PATTERN.test(req.authorToken) ? `t:${deps.hasher.hashToken(req.authorToken)}` : `i:${ipHash}`;
  const now = deps.now();
  const since = new Date(now.getTime() - 60_000);
  const [row] = await deps.database.query<ReactRow>(REACT_SQL, [
    site.id,
    key,
    req.id,
    readerHash,
    ipHash,
    since.toISOString(),
    now.toISOString(),
    REACTIONS_PER_MINUTE,
  ]);
  if (!row) throw new AppError('COMMENT_NOT_FOUND', 'No such comment.');
  if (Number(row.recent) >= REACTIONS_PER_MINUTE) {
    throw new AppError('RATE_LIMITED', 'Too many reactions from this address; try again in a minute.', { retryAfter: 60 });
  }
  if (row.count === null || row.reaction_version === null) return { count: Number(row.previous), counted: false };
  const count = Number(row.count);
  // The statement sent the event to every process; this one's publish listeners hear it now.
  deps.bus.announce({
    type: 'reaction',
    siteId: site.id,
    articleId: Number(row.article_id),
    commentId: req.id,
    count,
    reactionVersion: Number(row.reaction_version),
  });
  return { count, counted: true };
}
