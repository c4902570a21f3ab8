// The one import writer every format feeds. Three steps, so the process holds no file-sized state:
//  1. stage: records go to import_items a batch at a time (raw IPs hashed first, keys mapped);
//  2. plan: SQL links replies to parents, marks what is skipped (already imported, duplicate, unknown
//     or deleted thread, ...) and orders the comments: by article, then depth within the file, then
//     date, so parents are written before replies and ids follow the source's order in each thread;
//  3. apply (not in a dry run): articles, then comments in batches, each batch one transaction that
//     bumps every article it touched once (version, count) and publishes the article events every
//     process's caches listen to; then reports and bans. Nothing existing is changed or deleted:
//     every row carries its source id (import_ref), and a row whose id is already there is skipped.
// Imported comments skip moderation and notifications (no outbox rows); with `score` they are
// queued for the re-scoring job instead.
import { sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '../db/client.js';
import { COMMENT_STATUSES, type CommentStatus, type Reason } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { bumpArticle } from '../comments/store.js';
import { MAX_BODY, bump } from './fields.js';
import { threadKey } from './mapping.js';
import {
  SUMMARY_LIST_CAP,
  type ImportFormat,
  type ImportOptions,
  type ImportRecord,
  type ImportSummary,
} from './types.js';

export type WriterDeps = Pick<AppDeps, 'db' | 'database' | 'hasher' | 'bus' | 'logger'>;

/** Records staged per statement. */
const STAGE_BATCH = 1000;
/** Comments written per transaction. */
export const WRITE_BATCH = 2000;

const SOURCE_NAMES: Record<ImportFormat, string> = { disqus: 'Disqus', wordpress: 'WordPress', parley: 'another Parley' };

const STAGE_SQL = `
insert into import_items (run_id, seq, kind, ref, import_ref, thread_ref, parent_ref, created_at, key, data)
select $1, x.seq, x.kind, x.ref, x.import_ref, x.thread_ref, x.parent_ref, x.created_at, x.key, x.data
from jsonb_to_recordset($2::jsonb) as x(seq integer, kind text, ref text, import_ref text, thread_ref text, parent_ref text,
  created_at timestamptz, key text, data jsonb)`;

interface StagedRow {
  seq: number;
  kind: ImportRecord['kind'];
  ref: string;
  import_ref: string;
  thread_ref: string | null;
  parent_ref: string | null;
  created_at: string | null;
  key: string | null;
  data: Record<string, unknown>;
}

export interface StageCounts {
  threads: number;
  comments: number;
  reports: number;
  bans: number;
  authors: number;
  /** Comments whose text was longer than MAX_BODY and was cut. */
  truncated: number;
}

/** Writes records to the run's staging rows, STAGE_BATCH at a time. */
export function createStager(deps: WriterDeps, runId: number, format: ImportFormat, options: ImportOptions) {
  let pending: StagedRow[] = [];
  let seq = 0;
  const counts: StageCounts = { threads: 0, comments: 0, reports: 0, bans: 0, authors: 0, truncated: 0 };
  const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
  const imported: Reason[] = format === 'parley' ? [] : [{ code: 'imported', message: `Imported from ${SOURCE_NAMES[format]}` }];

  const toRow = (record: ImportRecord): StagedRow => {
    seq++;
    const base = { seq, kind: record.kind, ref: record.ref, import_ref: record.ref, thread_ref: null, parent_ref: null, created_at: null, key: null };
    switch (record.kind) {
      case 'thread': {
        counts.threads++;
        const { key, url } = threadKey(record, options);
        return {
          ...base,
          import_ref: record.importRef,
          created_at: iso(record.createdAt),
          key,
          data: {
            url,
            sourceUrl: record.url,
            identifier: record.identifier,
            title: record.title?.slice(0, 1000) ?? null,
            closed: record.closed,
            premod: record.premod ?? false,
            deleted: record.deleted,
            line: record.line,
          },
        };
      }
      case 'comment': {
        counts.comments++;
        let body = record.body;
        if (body.length > MAX_BODY) {
          body = body.slice(0, MAX_BODY);
          counts.truncated++;
        }
        const p = record.parley;
        const reasons = p ? p.reasons : record.status === 'pending' ? [{ ...imported[0]!, message: `${imported[0]!.message}, where it was waiting for moderation` }] : imported;
        return {
          ...base,
          import_ref: record.importRef ?? record.ref,
          thread_ref: record.threadRef,
          parent_ref: record.parentRef,
          created_at: iso(record.createdAt),
          data: {
            status: record.status,
            body,
            author_name: record.authorName,
            author_email: record.authorEmail,
            author_website: record.authorWebsite,
            // Raw addresses never reach the database: only the keyed hash Parley keeps for its own readers.
            ip_hash: record.ip ? deps.hasher.hashIp(record.ip) : (record.ipHash ?? null),
            user_agent: p?.userAgent ?? null,
            reasons,
            scores: p?.scores ?? null,
            score_state: options.score && (record.status === 'approved' || record.status === 'pending') ? 'unscored' : (p?.scoreState ?? 'skipped'),
            report_count: p?.reportCount ?? 0,
            reported_at: iso(p?.reportedAt),
            updated_at: iso(p?.updatedAt),
            edited_at: iso(p?.editedAt),
            moderated_at: iso(p?.moderatedAt),
            featured_at: iso(p?.featuredAt),
            featured_by_email: p?.featuredByEmail ?? null,
            moderated_by_email: p?.moderatedByEmail ?? null,
            moderator_email: p?.moderatorEmail ?? null,
            line: record.line,
          },
        };
      }
      case 'report':
        counts.reports++;
        return { ...base, parent_ref: record.commentRef, created_at: iso(record.createdAt), data: { reason: record.reason, note: record.note, reporter_hash: record.reporterHash } };
      case 'ban':
        counts.bans++;
        return {
          ...base,
          created_at: iso(record.createdAt),
          data: {
            kind: record.banKind,
            value: record.value,
            reason: record.reason,
            message: record.message ?? null,
            expires_at: iso(record.expiresAt),
            created_by_email: record.createdByEmail,
          },
        };
      case 'author':
        counts.authors++;
        return {
          ...base,
          created_at: iso(record.updatedAt),
          data: {
            author_key: record.authorKey,
            mode: record.mode,
            suspended_until: iso(record.suspendedUntil),
            suspension_message: record.suspensionMessage,
            warning: record.warning,
            warned_at: iso(record.warnedAt),
            warning_seen_at: iso(record.warningSeenAt),
            updated_by_email: record.updatedByEmail,
          },
        };
    }
  };

  // One batch is written while the next is parsed: the parser and PostgreSQL work at the same time.
  let inFlight: Promise<unknown> = Promise.resolve();
  const send = async () => {
    await inFlight;
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    inFlight = deps.database.query(STAGE_SQL, [runId, JSON.stringify(rows, dropNull)]);
  };

  return {
    counts,
    async add(record: ImportRecord) {
      pending.push(toRow(record));
      if (pending.length >= STAGE_BATCH) await send();
    },
    async flush() {
      await send();
      await inFlight;
    },
  };
}

/** Leaves null fields out of the staged JSON (jsonb_to_record reads a missing key as null). */
function dropNull(_key: string, value: unknown): unknown {
  return value === null ? undefined : value;
}

const num = (v: unknown) => Number(v ?? 0);

/** Links, checks and orders the staged comments (see the header). Returns how many will be written. */
export async function planRun(deps: WriterDeps, runId: number, siteId: number, format: ImportFormat): Promise<number> {
  return importTransaction(deps, (db) => plan(db, runId, siteId, format));
}

/**
 * Runs `fn` in an import transaction: notifications off (the outbox triggers of migration 0010 write
 * nothing for imported rows: no reply emails, alerts or webhooks for old comments), and PostgreSQL's
 * JIT compiler off. These statements look costly to the planner (whole staging tables), so JIT would
 * compile each one, and compiling took longer than running (measured: 1.8 of 2.0 s for one plan
 * statement over 20,000 comments).
 */
function importTransaction<T>(deps: Pick<WriterDeps, 'db'>, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('parley.notify', 'off', true), set_config('jit', 'off', true)`);
    return fn(tx);
  });
}

async function plan(db: Queryable, runId: number, siteId: number, format: ImportFormat): Promise<number> {
  // The table was just filled: without fresh statistics the planner takes it for empty and loops.
  await db.execute(sql`analyze import_items`);
  // Which article each comment lands on, and whether it is written at all.
  await db.execute(sql`
    with t as (
      select distinct on (ref) ref, key, coalesce((data->>'deleted')::boolean, false) as deleted
      from import_items where run_id = ${runId} and kind = 'thread' order by ref, seq
    ), firsts as (
      select distinct on (import_ref) seq from import_items where run_id = ${runId} and kind = 'comment' order by import_ref, seq
    ), s as (
      select c.seq, t.key,
        case
          when t.ref is null then 'unknown-thread'
          when t.deleted then 'thread-deleted'
          when t.key is null then 'thread-without-url'
          when f.seq is null then 'duplicate'
          when exists (select 1 from comments e where e.site_id = ${siteId} and e.import_ref = c.import_ref) then 'already-imported'
        end as skip
      from import_items c left join t on t.ref = c.thread_ref left join firsts f on f.seq = c.seq
      where c.run_id = ${runId} and c.kind = 'comment'
    )
    update import_items c set key = s.key, skip = s.skip from s where c.run_id = ${runId} and c.seq = s.seq`);
  // Depth within the file's own tree: a comment whose parent is not written with it (in the same
  // thread) starts a tree; its parent may already be stored, or be missing (an orphan). The
  // recursion joins import_items itself, not a CTE copy of it, so each step can use its index.
  // Replies whose parents name each other in a loop start no tree: they cannot be placed. Last, the
  // writing order: a Parley export is in its source's id order already, other sources go by date.
  const order = format === 'parley' ? sql`i.key, t.level, i.seq` : sql`i.key, t.level, i.created_at nulls last, i.seq`;
  const [row] = rowsOf<{ n: unknown }>(
    await db.execute(sql`
      with recursive tree as (
        select i.seq, i.ref, i.key, 0 as level from import_items i
        where i.run_id = ${runId} and i.kind = 'comment' and i.skip is null
          and (i.parent_ref is null or not exists (
            select 1 from import_items p
            where p.run_id = ${runId} and p.kind = 'comment' and p.ref = i.parent_ref and p.skip is null and p.key = i.key))
        union all
        select ch.seq, ch.ref, ch.key, tree.level + 1 from tree
        join import_items ch on ch.run_id = ${runId} and ch.kind = 'comment' and ch.parent_ref = tree.ref and ch.skip is null and ch.key = tree.key
      ), planned as (
        select i.seq, t.level,
          case when t.level is not null then row_number() over (partition by t.level is null order by ${order}) end as ord,
          t.level = 0 and i.parent_ref is not null and not exists (
            select 1 from comments p join articles a on a.id = p.article_id
            where p.site_id = ${siteId} and a.key = i.key and p.import_ref = coalesce(
              (select pi.import_ref from import_items pi where pi.run_id = ${runId} and pi.kind = 'comment' and pi.ref = i.parent_ref order by pi.seq limit 1),
              i.parent_ref)
          ) as orphan
        from import_items i left join tree t on t.seq = i.seq
        where i.run_id = ${runId} and i.kind = 'comment' and i.skip is null
      ), u as (
        update import_items i
        set level = p.level, ord = p.ord, orphan = coalesce(p.orphan, false), skip = case when p.level is null then 'parent-loop' end
        from planned p where i.run_id = ${runId} and i.seq = p.seq
        returning i.ord
      )
      select count(ord) as n from u`),
  );
  return num(row?.n);
}

/** What the run would do or did, read from its planned staging rows (siteId -1: a site not created yet). */
export async function summarizeRun(
  deps: WriterDeps,
  runId: number,
  siteId: number,
): Promise<Omit<ImportSummary, 'format' | 'site' | 'dryRun' | 'siteCreated' | 'durationMs' | 'timings' | 'reports' | 'bans' | 'authors'> & { reportsRead: number; bansRead: number; authorsRead: number }> {
  return importTransaction(deps, (db) => summarize(db, runId, siteId));
}

async function summarize(db: Queryable, runId: number, siteId: number) {
  const cap = SUMMARY_LIST_CAP;
  const [threads] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select count(*) filter (where kind = 'thread') as read,
        count(*) filter (where kind = 'thread' and coalesce((data->>'deleted')::boolean, false)) as deleted,
        count(*) filter (where kind = 'thread' and key is null) as without_url,
        count(*) filter (where kind = 'report') as reports,
        count(*) filter (where kind = 'ban') as bans,
        count(*) filter (where kind = 'author') as authors,
        count(*) filter (where kind = 'comment') as comments,
        count(*) filter (where kind = 'comment' and orphan) as orphans
      from import_items where run_id = ${runId}`),
  );
  const statusRows = rowsOf<{ status: string; skip: string | null; n: unknown }>(
    await db.execute(sql`
      select data->>'status' as status, skip, count(*) as n from import_items
      where run_id = ${runId} and kind = 'comment' group by 1, 2`),
  );
  const written = Object.fromEntries(COMMENT_STATUSES.map((s) => [s, 0])) as Record<CommentStatus, number>;
  const skipped: Record<string, number> = {};
  let alreadyImported = 0;
  for (const r of statusRows) {
    if (r.skip === null) written[r.status as CommentStatus] = (written[r.status as CommentStatus] ?? 0) + num(r.n);
    else if (r.skip === 'already-imported') alreadyImported += num(r.n);
    else bump(skipped, r.skip, num(r.n));
  }
  const landingRows = rowsOf<{ key: string; n: unknown; is_new: boolean; url: string | null; total: unknown; created: unknown }>(
    await db.execute(sql`
      with k as (
        select i.key, count(*) as n from import_items i
        where i.run_id = ${runId} and i.kind = 'comment' and i.skip is null group by i.key
      ), u as (
        select distinct on (key) key, data->>'url' as url from import_items
        where run_id = ${runId} and kind = 'thread' and key is not null order by key, seq
      ), l as (
        select k.key, k.n, a.id is null as is_new, u.url
        from k left join articles a on a.site_id = ${siteId} and a.key = k.key left join u on u.key = k.key
      )
      select l.*, count(*) over () as total, count(*) filter (where l.is_new) over () as created
      from l order by l.n desc, l.key limit ${cap}`),
  );
  const total = num(landingRows[0]?.total);
  const created = num(landingRows[0]?.created);
  const collisionRows = rowsOf<{ key: string; urls: string[]; total: unknown }>(
    await db.execute(sql`
      with ck as (
        select distinct key from import_items where run_id = ${runId} and kind = 'comment' and skip is null
      )
      select t.key, array_agg(distinct coalesce(t.data->>'sourceUrl', t.data->>'identifier', t.ref)) as urls, count(*) over () as total
      from import_items t join ck on ck.key = t.key
      where t.run_id = ${runId} and t.kind = 'thread'
      group by t.key having count(distinct t.ref) > 1
      order by t.key limit ${cap}`),
  );
  const missingRows = rowsOf<{ ref: string; parent_ref: string; key: string }>(
    await db.execute(sql`
      select ref, parent_ref, key from import_items
      where run_id = ${runId} and kind = 'comment' and orphan order by seq limit ${cap}`),
  );
  const unusableRows = rowsOf<{ ref: string; url: string | null }>(
    await db.execute(sql`
      select t.ref, t.data->>'sourceUrl' as url from import_items t
      where t.run_id = ${runId} and t.kind = 'thread' and t.key is null
        and t.ref in (select thread_ref from import_items where run_id = ${runId} and kind = 'comment')
      order by t.seq limit ${cap}`),
  );
  const withComments = rowsOf<{ n: unknown }>(
    await db.execute(sql`
      select count(*) as n from import_items t
      where t.run_id = ${runId} and t.kind = 'thread'
        and t.ref in (select thread_ref from import_items where run_id = ${runId} and kind = 'comment')`),
  );
  const staffRows = rowsOf<{ email: string }>(
    await db.execute(sql`
      select distinct e.email from import_items i,
        lateral (values (i.data->>'moderator_email'), (i.data->>'moderated_by_email'), (i.data->>'featured_by_email'), (i.data->>'created_by_email')) as e(email)
      where i.run_id = ${runId} and i.kind in ('comment', 'ban') and e.email is not null
        and not exists (select 1 from moderators m where m.email = e.email)
      order by e.email limit ${cap}`),
  );
  const writtenTotal = Object.values(written).reduce((a, b) => a + b, 0);
  return {
    threads: {
      read: num(threads?.read),
      withComments: num(withComments[0]?.n),
      deleted: num(threads?.deleted),
      withoutUrl: num(threads?.without_url),
    },
    articles: { created, existing: total - created },
    comments: {
      read: num(threads?.comments),
      written,
      writtenTotal,
      alreadyImported,
      skipped,
      orphans: num(threads?.orphans),
      queuedForScoring: 0,
    },
    landing: landingRows.map((r) => ({ key: r.key, url: r.url, comments: num(r.n), isNew: r.is_new === true })),
    landingTotal: total,
    collisions: collisionRows.map((r) => ({ key: r.key, urls: r.urls })),
    collisionsTotal: num(collisionRows[0]?.total),
    missingParents: missingRows.map((r) => ({ ref: r.ref, parentRef: r.parent_ref, key: r.key })),
    unusableThreads: unusableRows,
    unknownStaff: staffRows.map((r) => r.email),
    reportsRead: num(threads?.reports),
    bansRead: num(threads?.bans),
    authorsRead: num(threads?.authors),
  };
}

/** Creates the articles the run's comments land on that do not exist yet; returns how many. */
export async function writeArticles(deps: WriterDeps, runId: number, siteId: number): Promise<number> {
  const rows = rowsOf(
    await importTransaction(deps, (tx) => tx.execute(sql`
      with firsts as (
        select key, min(created_at) as first_at from import_items
        where run_id = ${runId} and kind = 'comment' and skip is null group by key
      )
      insert into articles as a (site_id, key, url, title, closed, premod, created_at, updated_at, import_ref)
      select ${siteId}, t.key, t.data->>'url', t.data->>'title', coalesce((t.data->>'closed')::boolean, false),
        coalesce((t.data->>'premod')::boolean, false),
        coalesce(t.created_at, f.first_at, now()), now(), t.import_ref
      from (
        select distinct on (key) * from import_items
        where run_id = ${runId} and kind = 'thread' and key is not null order by key, seq
      ) t
      join firsts f on f.key = t.key
      order by t.key
      on conflict (site_id, key) do nothing
      returning a.id`)),
  );
  return rows.length;
}

const COMMENT_FIELDS = sql.raw(`status text, body text, author_name text, author_email text, author_website text, ip_hash text,
  user_agent text, reasons jsonb, scores jsonb, score_state text, report_count integer, reported_at timestamptz,
  updated_at timestamptz, edited_at timestamptz, moderated_at timestamptz, moderated_by_email text, moderator_email text,
  featured_at timestamptz, featured_by_email text`);

export interface BatchResult {
  written: number;
  byStatus: Record<string, number>;
  queued: number;
  articles: number;
}

/**
 * Writes the comments ordered [lo, hi) in one transaction: level by level (a reply's parent is always
 * at a lower level, so it exists when the reply is inserted), then bumps each touched article once
 * and publishes its event.
 */
export async function writeCommentBatch(deps: WriterDeps, runId: number, siteId: number, lo: number, hi: number): Promise<BatchResult> {
  return importTransaction(deps, async (tx) => {
    // Two imports into one site take turns batch by batch, so a reply never misses a parent the other is writing.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`parley:import:${siteId}`}, 0))`);
    const levels = rowsOf<{ level: unknown }>(
      await tx.execute(sql`
        select distinct level from import_items
        where run_id = ${runId} and kind = 'comment' and skip is null and ord >= ${lo} and ord < ${hi} order by level`),
    ).map((r) => num(r.level));
    // Per article: the approved comments this batch wrote (they change its public thread).
    const touched = new Map<number, number[]>();
    const result: BatchResult = { written: 0, byStatus: {}, queued: 0, articles: 0 };
    for (const level of levels) {
      const rows = rowsOf<{ id: unknown; article_id: unknown; status: string; queued: boolean }>(await insertLevel(tx, runId, siteId, lo, hi, level));
      for (const r of rows) {
        const article = num(r.article_id);
        const approved = touched.get(article) ?? [];
        if (r.status === 'approved') approved.push(num(r.id));
        touched.set(article, approved);
        bump(result.byStatus, r.status);
        result.written++;
        if (r.queued) result.queued++;
      }
    }
    // Sorted, so two writers lock articles in one order. parley_bump_article NOTIFYs every process;
    // announcing runs this process's own listeners (its caches) at once.
    const versions: Array<{ article: number; version: number }> = [];
    for (const [articleId, approved] of [...touched].sort((a, b) => a[0] - b[0])) {
      const version = await bumpArticle(tx, articleId, approved.length, null);
      deps.bus.announce({ type: 'article', siteId, articleId, version });
      if (approved.length > 0) versions.push({ article: articleId, version });
    }
    // Each approved comment records the version that published it, as a posted one does (migration 0008).
    if (versions.length > 0) {
      await tx.execute(sql`
        update comments c set article_version = v.version
        from jsonb_to_recordset(${JSON.stringify(versions)}::jsonb) as v(article bigint, version integer)
        where c.site_id = ${siteId} and c.article_id = v.article and c.status = 'approved' and c.article_version is null
          and c.id = any(${`{${[...touched.values()].flat().join(',')}}`}::bigint[])`);
    }
    result.articles = touched.size;
    return result;
  });
}

function insertLevel(tx: Queryable, runId: number, siteId: number, lo: number, hi: number, level: number) {
  return tx.execute(sql`
    with ins as (
      insert into comments (site_id, article_id, parent_id, root_id, depth, author_name, author_email, author_website,
        moderator_id, body, status, reasons, scores, score_state, ip_hash, user_agent, report_count, reported_at,
        created_at, updated_at, edited_at, moderated_at, moderated_by, featured_at, featured_by, import_ref)
      select ${siteId}, a.id, p.id, coalesce(p.root_id, 0), coalesce(p.depth + 1, 0), d.author_name, d.author_email, d.author_website,
        (select m.id from moderators m where m.email = d.moderator_email), d.body, d.status, coalesce(d.reasons, '[]'::jsonb), d.scores,
        d.score_state, d.ip_hash, d.user_agent, coalesce(d.report_count, 0), d.reported_at,
        coalesce(i.created_at, now()), coalesce(d.updated_at, i.created_at, now()), d.edited_at, d.moderated_at,
        (select m.id from moderators m where m.email = d.moderated_by_email), d.featured_at,
        (select m.id from moderators m where m.email = d.featured_by_email), i.import_ref
      from import_items i
      cross join lateral jsonb_to_record(i.data) as d(${COMMENT_FIELDS})
      join articles a on a.site_id = ${siteId} and a.key = i.key
      left join lateral (
        select pi.import_ref from import_items pi
        where i.parent_ref is not null and pi.run_id = ${runId} and pi.kind = 'comment' and pi.ref = i.parent_ref
        order by pi.seq limit 1
      ) pi on true
      left join comments p on i.parent_ref is not null and p.site_id = ${siteId} and p.article_id = a.id
        and p.import_ref = coalesce(pi.import_ref, i.parent_ref)
      where i.run_id = ${runId} and i.kind = 'comment' and i.skip is null and i.ord >= ${lo} and i.ord < ${hi} and i.level = ${level}
      order by i.ord
      on conflict (site_id, import_ref) where import_ref is not null do nothing
      returning id, article_id, status, score_state
    ), queued as (
      insert into jobs (kind, comment_id, run_at)
      select 'rescore', ins.id, now() from ins where ins.score_state = 'unscored' and ins.status in ('approved', 'pending')
      on conflict do nothing
      returning comment_id
    )
    select ins.id, ins.article_id, ins.status, exists (select 1 from queued q where q.comment_id = ins.id) as queued from ins`);
}

/**
 * Writes the run's reports (on comments now stored), bans and author states; returns how many of each.
 * An author the site already has a state for keeps it (nothing existing is changed).
 */
export async function writeReportsBansAuthors(
  deps: WriterDeps,
  runId: number,
  siteId: number,
): Promise<{ reports: number; bans: number; authors: number }> {
  return importTransaction(deps, async (tx) => {
    const reports = rowsOf(
      await tx.execute(sql`
        insert into comment_reports (comment_id, reason, note, reporter_hash, created_at, import_ref)
        select c.id, d.reason, d.note, coalesce(d.reporter_hash, 'imported:' || i.import_ref), coalesce(i.created_at, now()), i.import_ref
        from import_items i
        cross join lateral jsonb_to_record(i.data) as d(reason text, note text, reporter_hash text)
        left join lateral (
          select pi.import_ref from import_items pi where pi.run_id = ${runId} and pi.kind = 'comment' and pi.ref = i.parent_ref order by pi.seq limit 1
        ) pi on true
        join comments c on c.site_id = ${siteId} and c.import_ref = coalesce(pi.import_ref, i.parent_ref)
        where i.run_id = ${runId} and i.kind = 'report'
        order by i.seq
        on conflict (comment_id, reporter_hash) do nothing
        returning id`),
    ).length;
    const bans = rowsOf(
      await tx.execute(sql`
        insert into bans (site_id, kind, value, reason, message, expires_at, created_by, created_at, import_ref)
        select ${siteId}, d.kind, d.value, d.reason, d.message, d.expires_at, (select m.id from moderators m where m.email = d.created_by_email),
          coalesce(i.created_at, now()), i.import_ref
        from import_items i
        cross join lateral jsonb_to_record(i.data) as d(kind text, value text, reason text, message text, expires_at timestamptz, created_by_email text)
        where i.run_id = ${runId} and i.kind = 'ban'
        order by i.seq
        on conflict (site_id, import_ref) where import_ref is not null do nothing
        returning id`),
    ).length;
    const authors = rowsOf(
      await tx.execute(sql`
        insert into author_states (site_id, author_key, mode, suspended_until, suspension_message, warning, warned_at, warning_seen_at, updated_at, updated_by)
        select ${siteId}, d.author_key, d.mode, d.suspended_until, d.suspension_message, d.warning, d.warned_at, d.warning_seen_at,
          coalesce(i.created_at, now()), (select m.id from moderators m where m.email = d.updated_by_email)
        from import_items i
        cross join lateral jsonb_to_record(i.data) as d(author_key text, mode text, suspended_until timestamptz, suspension_message text,
          warning text, warned_at timestamptz, warning_seen_at timestamptz, updated_by_email text)
        where i.run_id = ${runId} and i.kind = 'author'
        order by i.seq
        on conflict (site_id, author_key) do nothing
        returning author_key`),
    ).length;
    return { reports, bans, authors };
  });
}

/** Drops a run's staging rows. */
export async function clearStaging(deps: Pick<WriterDeps, 'db'>, runId: number): Promise<void> {
  await deps.db.execute(sql`delete from import_items where run_id = ${runId}`);
}
