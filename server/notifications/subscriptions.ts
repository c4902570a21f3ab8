// Readers' subscriptions: "Notify me of replies by email" stores the address for the site and the
// thread; the first time, one confirmation email goes out, and nothing else is ever sent to an
// address before it confirms. Every step a stranger can trigger is capped.
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database, Db, Queryable } from '../db/client.js';
import { mails, subscribers, threadSubscriptions } from '../db/schema.js';

/** Threads one address may follow on one site. */
export const MAX_THREADS_PER_SUBSCRIBER = 200;
/** A site sends an unconfirmed address another confirmation only after this long. */
export const CONFIRM_RESEND_MS = 30 * 86_400_000;
/** Confirmation emails to one address per day, all sites together. */
export const MAX_CONFIRMS_PER_ADDRESS_DAY = 3;
/** Confirmation emails asked for from one client address per hour. */
export const MAX_CONFIRMS_PER_CLIENT_HOUR = 5;

/**
 * 'confirm': the address must confirm (a confirmation email is on its way, or was sent before);
 * 'active': replies will be emailed; 'limited': too many threads, nothing changed.
 */
export type SubscribeOutcome = 'confirm' | 'active' | 'limited';

export interface SubscribeInput {
  siteId: number;
  email: string;
  articleId: number;
  ipHash: string;
  now: Date;
}

/**
 * Subscribes an address to a thread and, the first time, queues its confirmation email: one
 * statement (parley_subscribe, migration *_subscribe_function, which holds the rule), one round trip.
 */
export async function subscribe(database: Pick<Database, 'query'>, input: SubscribeInput): Promise<SubscribeOutcome> {
  const [row] = await database.query<{ outcome: SubscribeOutcome }>(
    'select parley_subscribe($1, $2, $3, $4, $5, $6, $7::interval, $8, $9) as outcome',
    [
      input.siteId,
      input.email,
      input.articleId,
      input.ipHash,
      input.now.toISOString(),
      MAX_THREADS_PER_SUBSCRIBER,
      `${CONFIRM_RESEND_MS / 1000} seconds`,
      MAX_CONFIRMS_PER_ADDRESS_DAY,
      MAX_CONFIRMS_PER_CLIENT_HOUR,
    ],
  );
  return row!.outcome;
}

export interface SubscriberRef {
  id: number;
  siteId: number;
  email: string;
  confirmedAt: Date | null;
  unsubscribedAt: Date | null;
}

export async function findSubscriber(db: Queryable, id: number): Promise<SubscriberRef | null> {
  const [row] = await db.select().from(subscribers).where(eq(subscribers.id, id)).limit(1);
  return row ?? null;
}

/** Confirms an address (the link in the confirmation email). */
export async function confirmSubscriber(db: Queryable, id: number, now: Date): Promise<SubscriberRef | null> {
  const [row] = await db
    .update(subscribers)
    .set({ confirmedAt: sql`coalesce(${subscribers.confirmedAt}, ${now.toISOString()}::timestamptz)`, unsubscribedAt: null })
    .where(eq(subscribers.id, id))
    .returning();
  return row ?? null;
}

/** Unsubscribes from one thread, or (articleId 0) from everything on the site. Idempotent. */
export async function unsubscribe(db: Db, id: number, articleId: number, now: Date): Promise<SubscriberRef | null> {
  return db.transaction(async (tx) => {
    const sub = await findSubscriber(tx, id);
    if (!sub) return null;
    if (articleId === 0) {
      await tx.update(subscribers).set({ unsubscribedAt: now }).where(and(eq(subscribers.id, id), isNull(subscribers.unsubscribedAt)));
    } else {
      await tx
        .insert(threadSubscriptions)
        .values({ subscriberId: id, articleId, createdAt: now, unsubscribedAt: now })
        .onConflictDoUpdate({
          target: [threadSubscriptions.subscriberId, threadSubscriptions.articleId],
          set: { unsubscribedAt: sql`coalesce(${threadSubscriptions.unsubscribedAt}, excluded.unsubscribed_at)` },
        });
    }
    // Emails already queued for what was left are dropped now rather than checked at sending.
    await tx
      .update(mails)
      .set({ status: 'dropped', lastError: 'unsubscribed', lockedUntil: null })
      .where(
        and(
          eq(mails.subscriberId, id),
          sql`${mails.status} in ('open', 'sending')`,
          articleId === 0 ? undefined : eq(mails.articleId, articleId),
        ),
      );
    return sub;
  });
}

/** Undoes an unsubscribe made from an email link (the "subscribe again" button on its page). */
export async function resubscribe(db: Queryable, id: number, articleId: number): Promise<void> {
  if (articleId === 0) {
    await db.update(subscribers).set({ unsubscribedAt: null }).where(and(eq(subscribers.id, id), isNotNull(subscribers.confirmedAt)));
  } else {
    await db
      .update(threadSubscriptions)
      .set({ unsubscribedAt: null })
      .where(and(eq(threadSubscriptions.subscriberId, id), eq(threadSubscriptions.articleId, articleId)));
  }
}

/**
 * True when the address confirmed a subscription on the site by the emailed link: it proves the
 * writer controls the address, which the trust rule can accept as proof of authorship.
 */
export async function isConfirmedEmail(db: Queryable, siteId: number, email: string): Promise<boolean> {
  const [row] = await db
    .select({ id: subscribers.id })
    .from(subscribers)
    .where(and(eq(subscribers.siteId, siteId), eq(subscribers.email, email), isNotNull(subscribers.confirmedAt)))
    .limit(1);
  return row !== undefined;
}

/** The SQL condition for the same fact, for queries that decide trust in one round trip. */
export const CONFIRMED_EMAIL_SQL = (siteIdExpr: string, emailExpr: string) =>
  `coalesce((select true from subscribers s where s.site_id = ${siteIdExpr} and s.email = ${emailExpr} and s.confirmed_at is not null limit 1), false)`;
