// Readers' subscriptions: "Notify me of replies by email" stores the address for the site and the
// thread; the first time, one confirmation email goes out, and nothing else is ever sent to an
// address before it confirms. Every step a stranger can trigger is capped.
import { and, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../db/client.js';
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

/** Subscribes an address to a thread; queues the confirmation email in the same transaction. */
export async function subscribe(db: Db, input: SubscribeInput): Promise<SubscribeOutcome> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(subscribers)
      .values({ siteId: input.siteId, email: input.email, createdAt: input.now })
      .onConflictDoUpdate({ target: [subscribers.siteId, subscribers.email], set: { email: sql`excluded.email` } })
      .returning();
    let sub = row!;
    if (sub.unsubscribedAt) {
      // Unsubscribed from the whole site: opting in again (perhaps by someone else typing the
      // address) needs a fresh confirmation before anything is sent.
      [sub] = await tx
        .update(subscribers)
        .set({ unsubscribedAt: null, confirmedAt: null })
        .where(eq(subscribers.id, sub.id))
        .returning();
      sub = sub!;
    }
    const [threads] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(threadSubscriptions)
      .where(and(eq(threadSubscriptions.subscriberId, sub.id), isNull(threadSubscriptions.unsubscribedAt)));
    const existing = await tx
      .select({ unsubscribedAt: threadSubscriptions.unsubscribedAt })
      .from(threadSubscriptions)
      .where(and(eq(threadSubscriptions.subscriberId, sub.id), eq(threadSubscriptions.articleId, input.articleId)));
    if (existing.length === 0) {
      if (Number(threads?.n ?? 0) >= MAX_THREADS_PER_SUBSCRIBER) return 'limited';
      // A thread the address left stays left: a later opt-in does not revive it.
      await tx.insert(threadSubscriptions).values({ subscriberId: sub.id, articleId: input.articleId, createdAt: input.now }).onConflictDoNothing();
    }
    if (sub.confirmedAt) return 'active';
    if (sub.confirmSentAt && input.now.getTime() - sub.confirmSentAt.getTime() < CONFIRM_RESEND_MS) return 'confirm';
    if (await confirmsCapped(tx, input)) return 'confirm';
    await tx.insert(mails).values({
      kind: 'confirm',
      siteId: input.siteId,
      toEmail: input.email,
      subscriberId: sub.id,
      articleId: input.articleId,
      ipHash: input.ipHash,
      sendAfter: input.now,
      createdAt: input.now,
    });
    await tx.update(subscribers).set({ confirmSentAt: input.now }).where(eq(subscribers.id, sub.id));
    return 'confirm';
  });
}

async function confirmsCapped(tx: Queryable, input: SubscribeInput): Promise<boolean> {
  const day = new Date(input.now.getTime() - 86_400_000);
  const hour = new Date(input.now.getTime() - 3_600_000);
  const [counts] = await tx
    .select({
      address: sql<number>`count(*) filter (where ${mails.toEmail} = ${input.email} and ${mails.createdAt} > ${day.toISOString()})::int`,
      client: sql<number>`count(*) filter (where ${mails.ipHash} = ${input.ipHash} and ${mails.createdAt} > ${hour.toISOString()})::int`,
    })
    .from(mails)
    .where(and(eq(mails.kind, 'confirm'), gt(mails.createdAt, day), sql`(${mails.toEmail} = ${input.email} or ${mails.ipHash} = ${input.ipHash})`));
  return Number(counts?.address ?? 0) >= MAX_CONFIRMS_PER_ADDRESS_DAY || Number(counts?.client ?? 0) >= MAX_CONFIRMS_PER_CLIENT_HOUR;
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
  `exists (select 1 from subscribers s where s.site_id = ${siteIdExpr} and s.email = ${emailExpr} and s.confirmed_at is not null)`;
