// Login sessions: a random cookie token stored only as a keyed hash, with absolute and idle expiry.
import { and, eq, inArray, lt, ne } from 'drizzle-orm';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config.js';
import type { Queryable } from '../db/client.js';
import { moderators, sessions } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { randomToken } from '../lib/crypto.js';

export const SESSION_COOKIE = 'parley_session';
/** last_seen_at is written at most this often, so reads do not each cost a write. */
const LAST_SEEN_RESOLUTION_MS = 60_000;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

type Deps = Pick<AppDeps, 'db' | 'database' | 'hasher' | 'config' | 'now'>;

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Starts a session for a moderator; the returned token goes into the cookie and nowhere else. */
export async function createSession(
  deps: Pick<AppDeps, 'db' | 'hasher' | 'config' | 'now'>,
  moderatorId: number,
  meta: { ipHash: string | null; userAgent: string | null },
): Promise<NewSession> {
  const now = deps.now();
  const token = randomToken(32);
  const csrfToken = randomToken(32);
  const expiresAt = new Date(now.getTime() + deps.config.PARLEY_SESSION_TTL_HOURS * 3_600_000);
  await deps.db.insert(sessions).values({
    tokenHash: deps.hasher.hashToken(token),
    moderatorId,
    csrfToken,
    ipHash: meta.ipHash,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
  });
  // Housekeeping: the moderator's own dead sessions go when they log in again.
  await deps.db.delete(sessions).where(and(eq(sessions.moderatorId, moderatorId), lt(sessions.expiresAt, now)));
  return { token, csrfToken, expiresAt };
}

/** The account a live session belongs to: what a request's `auth` is made of. */
export interface SessionModerator {
  id: number;
  email: string;
  name: string;
  role: string;
  locale: string;
}

export interface ActiveSession {
  tokenHash: string;
  csrfToken: string;
  moderator: SessionModerator;
  /** The sites a non-admin is assigned to, read with the session; null for an admin. */
  siteIds: number[] | null;
}

// Every admin request starts here, so it is one prepared statement (Database.query): the session, its
// account and the account's sites in one round trip, without the query builder. The expiry and the
// disabled check stay in TypeScript (sessionExpired, shared with findLiveSessions).
const SESSION_SQL = `
select s.csrf_token, s.last_seen_at, s.expires_at, m.id, m.email, m.name, m.role, m.locale, m.disabled_at,
  case when m.role = 'admin' then null
    else coalesce((select json_agg(ms.site_id) from moderator_sites ms where ms.moderator_id = m.id), '[]'::json) end as site_ids
from sessions s join moderators m on m.id = s.moderator_id
where s.token_hash = $1`;

interface SessionSqlRow {
  csrf_token: string;
  last_seen_at: Date | string;
  expires_at: Date | string;
  id: number | string;
  email: string;
  name: string;
  role: string;
  locale: string;
  disabled_at: Date | string | null;
  site_ids: Array<number | string> | string | null;
}

const toDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

/**
 * The live session for a cookie token, or null. A session past its absolute or idle expiry is
 * deleted; one whose account was disabled is refused (and deleted).
 */
export async function findActiveSession(deps: Deps, token: string | undefined): Promise<ActiveSession | null> {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const tokenHash = deps.hasher.hashToken(token);
  const [row] = await deps.database.query<SessionSqlRow>(SESSION_SQL, [tokenHash]);
  if (!row) return null;
  const now = deps.now().getTime();
  const session = { expiresAt: toDate(row.expires_at), lastSeenAt: toDate(row.last_seen_at) };
  if (sessionExpired(session, now, deps.config) || row.disabled_at !== null) {
    await deleteSession(deps.db, tokenHash);
    return null;
  }
  if (now - session.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
    await deps.db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.tokenHash, tokenHash));
  }
  const siteIds = typeof row.site_ids === 'string' ? (JSON.parse(row.site_ids) as Array<number | string>) : row.site_ids;
  return {
    tokenHash,
    csrfToken: row.csrf_token,
    moderator: { id: Number(row.id), email: row.email, name: row.name, role: row.role, locale: row.locale },
    siteIds: siteIds === null ? null : siteIds.map(Number),
  };
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends every session of an account (disabled, password changed, role changed), except `keep` (the caller's own). */
export async function deleteModeratorSessions(db: Queryable, moderatorId: number, keep?: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.moderatorId, moderatorId), keep === undefined ? undefined : ne(sessions.tokenHash, keep)));
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

export function writeSessionCookie(c: Context, config: Pick<Config, 'secureCookies' | 'PARLEY_SESSION_TTL_HOURS'>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: config.secureCookies,
    maxAge: config.PARLEY_SESSION_TTL_HOURS * 3600,
  });
}

export function clearSessionCookie(c: Context, config: Pick<Config, 'secureCookies'>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: config.secureCookies, httpOnly: true, sameSite: 'Strict' });
}

/** Past its absolute expiry, or idle for longer than the configured idle time. */
function sessionExpired(
  session: { expiresAt: Date; lastSeenAt: Date },
  now: number,
  config: Pick<Config, 'PARLEY_SESSION_IDLE_MINUTES'>,
): boolean {
  return session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + config.PARLEY_SESSION_IDLE_MINUTES * 60_000 <= now;
}

export interface LiveSession {
  moderatorId: number;
  role: string;
}

/**
 * Which of these sessions are still valid (not expired, idle or disabled), in one query and without
 * counting as activity: long-lived streams re-check their sessions with this.
 */
export async function findLiveSessions(
  deps: Pick<AppDeps, 'db' | 'config' | 'now'>,
  tokenHashes: readonly string[],
): Promise<Map<string, LiveSession>> {
  const live = new Map<string, LiveSession>();
  if (tokenHashes.length === 0) return live;
  const rows = await deps.db
    .select({
      tokenHash: sessions.tokenHash,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      moderatorId: moderators.id,
      role: moderators.role,
      disabledAt: moderators.disabledAt,
    })
    .from(sessions)
    .innerJoin(moderators, eq(moderators.id, sessions.moderatorId))
    .where(inArray(sessions.tokenHash, [...tokenHashes]));
  const now = deps.now().getTime();
  for (const row of rows) {
    if (row.disabledAt !== null || sessionExpired(row, now, deps.config)) continue;
    live.set(row.tokenHash, { moderatorId: row.moderatorId, role: row.role });
  }
  return live;
}
