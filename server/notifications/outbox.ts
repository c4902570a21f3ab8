// The notifications worker: the durable outbox's delivery side. Any number of server processes run
// it; each claims work with FOR UPDATE SKIP LOCKED and a lease (like re-scoring), so nothing is sent
// by two processes at once, a crashed process's claims are taken over when their lease ends, and an
// SMTP or endpoint outage only delays (retries with backoff). Three stages, each its own transaction:
//   1. events (written by triggers with the change) -> emails and webhook deliveries, then deleted;
//   2. due emails -> SMTP (batched per reader thread and per moderator, capped per address);
//   3. due webhook deliveries -> signed POSTs.
import { performance as nodePerformance } from 'node:perf_hooks';
import { and, asc, eq, inArray, lte, or, sql, isNull } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import {
  articles,
  comments,
  instanceSettings,
  mails,
  moderatorSites,
  moderators,
  notificationEvents,
  sites,
  subscribers,
  threadSubscriptions,
  webhookDeliveries,
  webhookEndpoints,
  type DeliveryAttempt,
  type MailItem,
} from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { isUnavailableError } from '../errors.js';
import { readSiteSettings } from '../sites/settings.js';
import { findCadence, type Cadence } from './alerts.js';
import type { Mailer, OutgoingMail } from './mailer.js';
import { createDeliveryAgents, postGuarded } from './net-guard.js';
import { signatureHeaders } from './signing.js';
import { createLinkToken, linkUrl } from './tokens.js';
import {
  mailLocale,
  renderConfirmMail,
  renderModeratorMail,
  renderReaderMail,
  renderScorerMail,
  type RenderedMail,
} from './templates.js';
import { buildPayload, findEnabledEndpoints, type PayloadInput, type WebhookFormat } from './webhooks.js';

type Deps = Pick<AppDeps, 'db' | 'config' | 'logger' | 'hasher' | 'scorer' | 'now' | 'mailer' | 'metrics'>;

const EVENT_BATCH = 500;
const MAIL_BATCH = 20;
const DELIVERY_BATCH = 100;
const DELIVERY_CONCURRENCY = 16;
/** Items one email can collect; later ones are left out (the email links to the queue). */
const MAX_ITEMS = 1000;
/** Least time between two "immediate" alerts to one moderator about one site: a burst is one email. */
export const MODERATOR_ALERT_SPACING_MS = 60_000;
/** Webhook deliveries are retried for this long after the event. */
export const WEBHOOK_RETRY_FOR_MS = 24 * 3_600_000;
/** Emails are retried (SMTP outage) for this long. */
export const MAIL_RETRY_FOR_MS = 3 * 24 * 3_600_000;
/** One scorer alert per this long at most, while the outage lasts. */
const SCORER_ALERT_EVERY_MS = 6 * 3_600_000;
const SCORER_ALERT_KEY = 'scorer_alert_sent_at';
const LOG_ATTEMPTS = 5;
/** Sent emails and finished deliveries are kept this long (per-address caps, the delivery log, exports). */
const KEEP_MS = 30 * 86_400_000;
const CLEANUP_EVERY_MS = 10 * 60_000;
/**
 * Delivery yields to requests: with more work waiting, the next pass starts at once while the
 * process is mostly idle, and only after BUSY_PAUSE_MS while its event loop was busier than this
 * (a posting peak). The backlog then drains once the peak passes.
 */
const BUSY_UTILIZATION = 0.7;
const BUSY_PAUSE_MS = 200;

/** Exponential backoff after the nth failed webhook attempt: 30 s, 1, 2, 4 ... minutes, at most 4 hours. */
export function webhookBackoffMs(attempts: number): number {
  return Math.min(4 * 3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/** Backoff after the nth failed email attempt: 30 s doubling, at most 15 minutes (an outage clears soon after). */
export function mailBackoffMs(attempts: number): number {
  return Math.min(15 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

const HOUR = 3_600_000;
/** When an alert of this cadence queued now is sent (the start of the next hour, the next 00:00 UTC). */
export function digestTime(cadence: 'hourly' | 'daily', now: Date): Date {
  const unit = cadence === 'hourly' ? HOUR : 24 * HOUR;
  return new Date(Math.floor(now.getTime() / unit) * unit + unit);
}

export interface OutboxPass {
  events: number;
  mails: number;
  deliveries: number;
}

export interface NotificationWorker {
  /** One pass over every stage; returns how much it handled. */
  runOnce(): Promise<OutboxPass>;
  start(intervalMs: number): void;
  /** Runs a pass soon (a test event was queued, say) instead of at the next interval. */
  wake(): void;
  stop(): Promise<void>;
}

export function createNotificationWorker(deps: Deps): NotificationWorker {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = false;
  let interval = 1000;
  let scorerDownSince: Date | null = null;
  let lastCleanup = 0;
  const lease = () => new Date(deps.now().getTime() + deps.config.PARLEY_OUTBOX_LEASE_SECONDS * 1000);
  const agents = createDeliveryAgents();

  // ------------------------------------------------------------------------------------------
  // Stage 1: events -> emails and deliveries.

  async function expandEvents(): Promise<number> {
    return deps.db.transaction(async (tx) => {
      // Without a mailer only webhooks make anything of an event, so the events of sites without an
      // enabled endpoint are deleted unread, in one statement: nothing of theirs is loaded for nothing.
      const hasEndpoint = sql`exists (select 1 from ${webhookEndpoints} w where w.site_id = ${notificationEvents.siteId} and w.disabled_at is null)`;
      let dropped = 0;
      if (!deps.mailer.enabled) {
        const [row] = rowsOf<{ n: number | string }>(
          await tx.execute(sql`with gone as (
            delete from ${notificationEvents} where id in (
              select id from ${notificationEvents} where not ${hasEndpoint}
              order by id limit ${EVENT_BATCH} for update skip locked)
            returning 1)
          select count(*)::int as n from gone`),
        );
        dropped = Number(row?.n ?? 0);
      }
      const events = await tx
        .select()
        .from(notificationEvents)
        .where(deps.mailer.enabled ? undefined : hasEndpoint)
        .orderBy(asc(notificationEvents.id))
        .limit(EVENT_BATCH)
        .for('update', { skipLocked: true });
      if (events.length === 0) return dropped;
      const now = deps.now();
      const endpoints = await findEnabledEndpoints(tx, [...new Set(events.map((e) => e.siteId))]);
      // Without a mailer, an endpoint disabled since the statement above leaves its site's events nothing to make.
      const withEndpoint = new Set(endpoints.map((ep) => ep.siteId));
      const expanded = deps.mailer.enabled ? events : events.filter((e) => withEndpoint.has(e.siteId));
      const ctx = await loadEventContext(tx, expanded, endpoints);
      const deliveries: Array<typeof webhookDeliveries.$inferInsert> = [];
      const groups = new Map<string, MailGroup>();
      for (const event of expanded) {
        const site = ctx.sites.get(event.siteId);
        if (!site) continue;
        const comment = event.commentId ? ctx.comments.get(event.commentId) : undefined;
        if (event.commentId && !comment) continue;
        const article = ctx.articles.get(event.articleId);
        for (const ep of ctx.endpoints.get(event.siteId) ?? []) {
          if (!ep.events.includes(event.type)) continue;
          deliveries.push({
            endpointId: ep.id,
            messageId: `msg_${event.id}`,
            type: event.type,
            commentId: event.commentId,
            payload: buildPayload(ep.format as WebhookFormat, eventPayload(event, site, article, comment)),
            nextAttemptAt: now,
            createdAt: now,
          });
        }
        if (!deps.mailer.enabled || !comment) continue;
        const alert = alertKind(event);
        if (alert) {
          for (const r of ctx.alertRecipients.get(event.siteId) ?? []) {
            addItem(groups, `mod:${r.moderatorId}:${event.siteId}:${r.cadence}`, { c: comment.id, k: alert }, () => ({
              kind: 'moderator',
              siteId: event.siteId,
              toEmail: r.email,
              moderatorId: r.moderatorId,
              cadence: r.cadence,
            }));
          }
        }
        const nowApproved = event.status === 'approved' && (event.type === 'comment.created' || event.type === 'comment.approved');
        if (!nowApproved) continue;
        const parent = comment.parentId ? ctx.parents.get(comment.parentId) : undefined;
        if (parent?.authorEmail && parent.authorEmail !== comment.authorEmail) {
          const sub = ctx.readers.get(`${event.siteId}|${parent.authorEmail}|${comment.articleId}`);
          if (sub) addItem(groups, `sub:${sub}:${comment.articleId}`, { c: comment.id, k: 'reply' }, () => readerGroup(event.siteId, parent.authorEmail!, sub, comment.articleId));
        }
        if (event.type === 'comment.approved' && event.previous === 'pending' && site.settings.notifyOnApproval && comment.authorEmail) {
          const sub = ctx.readers.get(`${event.siteId}|${comment.authorEmail}|${comment.articleId}`);
          if (sub) addItem(groups, `sub:${sub}:${comment.articleId}`, { c: comment.id, k: 'approved' }, () => readerGroup(event.siteId, comment.authorEmail!, sub, comment.articleId));
        }
      }
      for (let i = 0; i < deliveries.length; i += 500) await tx.insert(webhookDeliveries).values(deliveries.slice(i, i + 500));
      await queueMails(tx, groups, now);
      await tx.delete(notificationEvents).where(inArray(notificationEvents.id, events.map((e) => e.id)));
      return dropped + events.length;
    });
  }

  interface MailGroup {
    kind: 'reader' | 'moderator';
    siteId: number;
    toEmail: string;
    subscriberId?: number;
    moderatorId?: number;
    articleId?: number;
    cadence?: Cadence;
    items: MailItem[];
  }

  const readerGroup = (siteId: number, toEmail: string, subscriberId: number, articleId: number): Omit<MailGroup, 'items'> => ({
    kind: 'reader',
    siteId,
    toEmail,
    subscriberId,
    articleId,
  });

  function addItem(groups: Map<string, MailGroup>, key: string, item: MailItem, make: () => Omit<MailGroup, 'items'>) {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ...make(), items: [] }));
    if (!g.items.some((x) => x.c === item.c && x.k === item.k)) g.items.push(item);
  }

  /** Adds each group's items to its open email, or opens one due after the group's spacing. */
  async function queueMails(tx: Tx, groups: Map<string, MailGroup>, now: Date) {
    if (groups.size === 0) return;
    const keys = [...groups.keys()];
    const last = await tx
      .select({ key: mails.groupKey, at: sql<string>`max(coalesce(${mails.sentAt}, ${mails.sendAfter}))` })
      .from(mails)
      .where(and(inArray(mails.groupKey, keys), sql`${mails.status} in ('sent', 'sending')`))
      .groupBy(mails.groupKey);
    const lastSent = new Map(last.map((r) => [r.key!, new Date(r.at).getTime()]));
    const threadMs = deps.config.PARLEY_MAIL_THREAD_MINUTES * 60_000;
    const rows = keys.sort().map((key) => {
      const g = groups.get(key)!;
      const previous = lastSent.get(key) ?? 0;
      const sendAfter =
        g.kind === 'reader'
          ? new Date(Math.max(now.getTime(), previous + threadMs))
          : g.cadence === 'hourly' || g.cadence === 'daily'
            ? digestTime(g.cadence, now)
            : new Date(Math.max(now.getTime(), previous + MODERATOR_ALERT_SPACING_MS));
      return {
        kind: g.kind,
        siteId: g.siteId,
        toEmail: g.toEmail,
        subscriberId: g.subscriberId ?? null,
        moderatorId: g.moderatorId ?? null,
        articleId: g.articleId ?? null,
        groupKey: key,
        items: g.items.slice(0, MAX_ITEMS),
        sendAfter,
        createdAt: now,
      };
    });
    await tx
      .insert(mails)
      .values(rows)
      .onConflictDoUpdate({
        target: mails.groupKey,
        targetWhere: sql`status = 'open'`,
        set: { items: sql`case when jsonb_array_length(${mails.items}) < ${MAX_ITEMS} then ${mails.items} || excluded.items else ${mails.items} end` },
      });
  }

  function eventPayload(
    event: typeof notificationEvents.$inferSelect,
    site: ContextSite,
    article: ContextArticle | undefined,
    comment: ContextComment | undefined,
  ): PayloadInput {
    const base = deps.config.publicUrl;
    const articleData = article ? { id: article.id, key: article.key, url: article.url, title: article.title } : { id: event.articleId };
    const title = article?.title ?? article?.url ?? article?.key ?? String(event.articleId);
    if (!comment) {
      return {
        type: event.type,
        at: event.createdAt,
        data: { site: site.slug, article: articleData },
        text: `Comments are closed on “${title}” (${site.name}).`,
        link: article?.url ? { url: article.url, label: 'Open the article' } : undefined,
      };
    }
    const adminUrl = `${base}/admin#comment/${comment.id}`;
    // Only what the public thread would show: text and name only while the comment is published.
    const visible = comment.status === 'approved';
    const commentData: Record<string, unknown> = {
      id: comment.id,
      parentId: comment.parentId,
      depth: comment.depth,
      status: comment.status,
      previousStatus: event.previous,
      createdAt: comment.createdAt.toISOString(),
      ...(visible
        ? {
            authorName: comment.authorName,
            authorWebsite: comment.authorWebsite,
            body: comment.body,
            editedAt: comment.editedAt?.toISOString() ?? null,
            staff: comment.moderatorId !== null,
          }
        : {}),
    };
    const texts: Record<string, string> = {
      'comment.created': visible ? `New comment by ${comment.authorName} on “${title}”.` : `A new comment on “${title}” is waiting for moderation.`,
      'comment.approved': `A comment by ${comment.authorName} was approved on “${title}”.`,
      'comment.rejected': `Comment ${comment.id} on “${title}” was rejected.`,
      'comment.spam': `Comment ${comment.id} on “${title}” was marked as spam.`,
      'comment.deleted': `Comment ${comment.id} on “${title}” was deleted.`,
      'comment.reported': `Readers reported comment ${comment.id} on “${title}”.`,
    };
    return {
      type: event.type,
      at: event.createdAt,
      data: { site: site.slug, article: articleData, comment: commentData, adminUrl },
      text: `${texts[event.type] ?? event.type} (${site.name})`,
      link: visible && article?.url ? { url: article.url, label: 'Read it' } : { url: adminUrl, label: 'Review' },
    };
  }

  // ------------------------------------------------------------------------------------------
  // Stage 2: emails.

  async function claimMails(): Promise<Array<typeof mails.$inferSelect>> {
    const now = deps.now();
    const perHour = deps.config.PARLEY_MAIL_PER_HOUR;
    return deps.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: mails.id, toEmail: mails.toEmail, kind: mails.kind })
        .from(mails)
        .where(
          and(
            sql`${mails.status} in ('open', 'sending')`,
            lte(mails.sendAfter, now),
            or(isNull(mails.lockedUntil), lte(mails.lockedUntil, now)),
          ),
        )
        .orderBy(asc(mails.sendAfter))
        .limit(MAIL_BATCH)
        .for('update', { skipLocked: true });
      if (due.length === 0) return [];
      const addresses = [...new Set(due.map((d) => d.toEmail))].sort();
      // Two processes claiming emails for one address take turns, so together they keep its cap.
      for (const a of addresses) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`parley:mail:${a}`}, 0))`);
      const hourAgo = new Date(now.getTime() - HOUR);
      const recent = await tx
        .select({ to: mails.toEmail, n: sql<number>`count(*)::int`, oldest: sql<string | null>`min(${mails.sentAt})` })
        .from(mails)
        .where(
          and(
            inArray(mails.toEmail, addresses),
            or(and(eq(mails.status, 'sent'), sql`${mails.sentAt} > ${hourAgo.toISOString()}`), and(eq(mails.status, 'sending'), sql`${mails.lockedUntil} > ${now.toISOString()}`)),
          ),
        )
        .groupBy(mails.toEmail);
      const counts = new Map(recent.map((r) => [r.to, { n: Number(r.n), oldest: r.oldest ? new Date(r.oldest) : null }]));
      const claim: number[] = [];
      for (const d of due) {
        const c = counts.get(d.toEmail) ?? { n: 0, oldest: null };
        if (d.kind !== 'confirm' && c.n >= perHour) {
          // Over the hourly cap: wait (still open, so more items can join) until the oldest leaves the hour.
          const until = new Date(Math.max(now.getTime() + 60_000, (c.oldest?.getTime() ?? now.getTime()) + HOUR));
          await tx.update(mails).set({ sendAfter: until }).where(eq(mails.id, d.id));
          continue;
        }
        counts.set(d.toEmail, { ...c, n: c.n + 1 });
        claim.push(d.id);
      }
      if (claim.length === 0) return [];
      return tx
        .update(mails)
        .set({ status: 'sending', lockedUntil: lease(), attempts: sql`${mails.attempts} + 1` })
        .where(inArray(mails.id, claim))
        .returning();
    });
  }

  async function sendMails(): Promise<number> {
    const claimed = await claimMails();
    let next = 0;
    const worker = async () => {
      while (next < claimed.length) {
        const mail = claimed[next++]!;
        try {
          await sendMail(mail);
        } catch (err) {
          if (!isUnavailableError(err)) deps.logger.error({ err, mailId: mail.id }, 'sending an email failed');
        }
      }
    };
    await Promise.all([worker(), worker()]);
    return claimed.length;
  }

  async function finishMail(id: number, set: Partial<typeof mails.$inferInsert>) {
    await deps.db.update(mails).set({ lockedUntil: null, ...set }).where(eq(mails.id, id));
  }

  async function sendMail(mail: typeof mails.$inferSelect) {
    const composed = await composeMail(mail);
    if (!composed) {
      await finishMail(mail.id, { status: 'dropped', lastError: 'nothing to send any more' });
      return;
    }
    const result = await deps.mailer.send(composed);
    const now = deps.now();
    if (result.ok) {
      await finishMail(mail.id, { status: 'sent', sentAt: now, lastError: null });
      deps.logger.info({ mailId: mail.id, kind: mail.kind, items: mail.items.length }, 'email sent');
      return;
    }
    const givingUp = result.permanent || now.getTime() - mail.createdAt.getTime() > MAIL_RETRY_FOR_MS;
    deps.logger.warn({ mailId: mail.id, attempts: mail.attempts, error: result.error, givingUp }, 'email not sent');
    await finishMail(
      mail.id,
      givingUp
        ? { status: 'dropped', lastError: result.error }
        : { sendAfter: new Date(now.getTime() + mailBackoffMs(mail.attempts)), lastError: result.error },
    );
  }

  function messageId(mailId: number): string {
    const domain = /@([^>\s]+)>?\s*$/.exec(deps.config.mailFrom)?.[1] ?? 'parley.invalid';
    return `<parley.mail.${mailId}@${domain}>`;
  }

  const link = (action: 'confirm' | 'unsubscribe', token: Parameters<typeof createLinkToken>[1]) =>
    linkUrl(deps.config.publicUrl, action, createLinkToken(deps.hasher, token));

  /** The email to send now, built from the current state; null when nothing in it should go out any more. */
  async function composeMail(mail: typeof mails.$inferSelect): Promise<OutgoingMail | null> {
    const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' };
    const out = (rendered: RenderedMail, unsubscribe?: string): OutgoingMail => ({
      to: mail.toEmail,
      ...rendered,
      messageId: messageId(mail.id),
      headers: unsubscribe ? { ...headers, 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : headers,
    });
    if (mail.kind === 'scorer') {
      const [admin] = await deps.db.select().from(moderators).where(eq(moderators.id, mail.moderatorId ?? -1));
      if (!admin || admin.disabledAt || admin.role !== 'admin') return null;
      const health = deps.scorer.health?.();
      return out(
        renderScorerMail({
          locale: mailLocale(admin.locale),
          scorer: deps.scorer.name,
          minutes: deps.config.PARLEY_SCORER_ALERT_MINUTES,
          detail: health?.detail ?? mail.lastError ?? 'no answer',
          adminUrl: `${deps.config.publicUrl}/admin`,
        }),
      );
    }
    const [site] = await deps.db.select().from(sites).where(eq(sites.id, mail.siteId ?? -1));
    if (!site) return null;
    if (mail.kind === 'confirm' || mail.kind === 'reader') {
      const [sub] = await deps.db.select().from(subscribers).where(eq(subscribers.id, mail.subscriberId ?? -1));
      if (!sub || sub.unsubscribedAt) return null;
      const [article] = mail.articleId ? await deps.db.select().from(articles).where(eq(articles.id, mail.articleId)) : [];
      const siteUnsub = link('unsubscribe', { kind: 'unsubscribe', subscriberId: sub.id, articleId: 0 });
      const locale = mailLocale(site.locale);
      if (mail.kind === 'confirm') {
        if (sub.confirmedAt) return null;
        return out(
          renderConfirmMail({
            locale,
            siteName: site.name,
            articleTitle: article?.title ?? null,
            confirmUrl: link('confirm', { kind: 'confirm', subscriberId: sub.id }),
            unsubscribeSiteUrl: siteUnsub,
          }),
          siteUnsub,
        );
      }
      // Nothing but the confirmation ever goes to an address that has not confirmed.
      if (!sub.confirmedAt || !mail.articleId) return null;
      const [thread] = await deps.db
        .select()
        .from(threadSubscriptions)
        .where(and(eq(threadSubscriptions.subscriberId, sub.id), eq(threadSubscriptions.articleId, mail.articleId)));
      if (!thread || thread.unsubscribedAt) return null;
      const rows = await loadComments(mail.items.map((i) => i.c));
      const items = mail.items.flatMap((i) => {
        const c = rows.get(i.c);
        // A reply removed after it was approved is not mailed.
        return c && c.status === 'approved' ? [{ kind: i.k as 'reply' | 'approved', authorName: c.authorName, body: c.body }] : [];
      });
      if (items.length === 0) return null;
      return out(
        renderReaderMail({
          locale,
          siteName: site.name,
          articleTitle: article?.title ?? null,
          articleUrl: article?.url ?? null,
          items,
          unsubscribeThreadUrl: link('unsubscribe', { kind: 'unsubscribe', subscriberId: sub.id, articleId: mail.articleId }),
          unsubscribeSiteUrl: siteUnsub,
        }),
        siteUnsub,
      );
    }
    // A moderator's alert: only if they still want it, still moderate the site, and items still wait.
    const [mod] = await deps.db.select().from(moderators).where(eq(moderators.id, mail.moderatorId ?? -1));
    if (!mod || mod.disabledAt) return null;
    if (mod.role !== 'admin') {
      const [assigned] = await deps.db
        .select()
        .from(moderatorSites)
        .where(and(eq(moderatorSites.moderatorId, mod.id), eq(moderatorSites.siteId, site.id)));
      if (!assigned) return null;
    }
    const cadence = await findCadence(deps.db, mod.id, site.id);
    if (cadence === 'never') return null;
    const rows = await loadComments(mail.items.map((i) => i.c));
    const titles = await loadTitles([...new Set([...rows.values()].map((c) => c.articleId))]);
    const items = mail.items.flatMap((i) => {
      const c = rows.get(i.c);
      if (!c) return [];
      const waiting = i.k === 'held' ? c.status === 'pending' : c.reportedAt !== null && (c.status === 'approved' || c.status === 'pending');
      if (!waiting) return [];
      return [{ kind: i.k as 'held' | 'reported', authorName: c.authorName, body: c.body, articleTitle: titles.get(c.articleId) ?? null, reviewUrl: `${deps.config.publicUrl}/admin#comment/${c.id}` }];
    });
    if (items.length === 0) return null;
    const groupCadence = (mail.groupKey?.split(':')[3] ?? 'immediate') as 'immediate' | 'hourly' | 'daily';
    const unsub = link('unsubscribe', { kind: 'alerts', moderatorId: mod.id, siteId: site.id });
    return out(
      renderModeratorMail({
        locale: mailLocale(mod.locale),
        siteName: site.name,
        cadence: groupCadence,
        items,
        settingsUrl: `${deps.config.publicUrl}/admin#alerts`,
        unsubscribeUrl: unsub,
      }),
      unsub,
    );
  }

  async function loadComments(ids: number[]) {
    if (ids.length === 0) return new Map<number, typeof comments.$inferSelect>();
    const rows = await deps.db.select().from(comments).where(inArray(comments.id, [...new Set(ids)]));
    return new Map(rows.map((r) => [r.id, r]));
  }

  async function loadTitles(ids: number[]) {
    if (ids.length === 0) return new Map<number, string | null>();
    const rows = await deps.db.select({ id: articles.id, title: articles.title, url: articles.url, key: articles.key }).from(articles).where(inArray(articles.id, ids));
    return new Map(rows.map((r) => [r.id, r.title ?? r.url ?? r.key]));
  }

  // ------------------------------------------------------------------------------------------
  // Stage 3: webhook deliveries.

  async function claimDeliveries() {
    const now = deps.now();
    return deps.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(
          and(
            eq(webhookDeliveries.status, 'pending'),
            lte(webhookDeliveries.nextAttemptAt, now),
            or(isNull(webhookDeliveries.lockedUntil), lte(webhookDeliveries.lockedUntil, now)),
          ),
        )
        .orderBy(asc(webhookDeliveries.nextAttemptAt))
        .limit(DELIVERY_BATCH)
        .for('update', { skipLocked: true });
      if (due.length === 0) return [];
      return tx
        .update(webhookDeliveries)
        .set({ lockedUntil: lease(), attempts: sql`${webhookDeliveries.attempts} + 1` })
        .where(inArray(webhookDeliveries.id, due.map((d) => d.id)))
        .returning();
    });
  }

  async function deliverWebhooks(): Promise<number> {
    const claimed = await claimDeliveries();
    if (claimed.length === 0) return 0;
    const endpoints = await deps.db
      .select()
      .from(webhookEndpoints)
      .where(inArray(webhookEndpoints.id, [...new Set(claimed.map((d) => d.endpointId))]));
    const byId = new Map(endpoints.map((e) => [e.id, e]));
    // Outcomes are recorded as they come, the ones that arrive while a statement runs together in the
    // next: an endpoint that hangs holds back only its own record, so a crash meanwhile re-sends only
    // what was really in flight (under the same webhook-id, which receivers de-duplicate).
    const pending: DeliveryOutcome[] = [];
    let recording: Promise<void> | null = null;
    let failed: unknown;
    const recordPending = async () => {
      while (pending.length > 0) await recordOutcomes(pending.splice(0));
    };
    let next = 0;
    const worker = async () => {
      while (next < claimed.length) {
        const d = claimed[next++]!;
        pending.push(await deliver(d, byId.get(d.endpointId)));
        // A failed statement is raised once the batch is through (its rows' leases lapse, and they go again).
        recording ??= recordPending()
          .catch((err: unknown) => {
            failed ??= err;
          })
          .finally(() => {
            recording = null;
          });
      }
    };
    await Promise.all(Array.from({ length: Math.min(DELIVERY_CONCURRENCY, claimed.length) }, worker));
    await recording;
    if (failed !== undefined) throw failed;
    await recordPending();
    return claimed.length;
  }

  /** One statement records a group of outcomes. */
  async function recordOutcomes(outcomes: DeliveryOutcome[]): Promise<void> {
    await deps.db.execute(sql`
      update webhook_deliveries d set
        status = o.status,
        delivered_at = o.delivered_at,
        next_attempt_at = coalesce(o.next_attempt_at, d.next_attempt_at),
        locked_until = null,
        log = o.log
      from jsonb_to_recordset(${JSON.stringify(outcomes)}::jsonb) as o(id bigint, status text, delivered_at timestamptz, next_attempt_at timestamptz, log jsonb)
      where d.id = o.id`);
  }

  interface DeliveryOutcome {
    id: number;
    status: 'pending' | 'delivered' | 'failed';
    delivered_at: string | null;
    next_attempt_at: string | null;
    log: DeliveryAttempt[];
  }

  async function deliver(d: typeof webhookDeliveries.$inferSelect, endpoint: typeof webhookEndpoints.$inferSelect | undefined): Promise<DeliveryOutcome> {
    const started = deps.now();
    if (!endpoint || endpoint.disabledAt) {
      const attempt: DeliveryAttempt = { at: started.toISOString(), status: null, error: 'endpoint disabled', response: null, ms: 0 };
      return { id: d.id, status: 'failed', delivered_at: null, next_attempt_at: null, log: [attempt, ...d.log].slice(0, LOG_ATTEMPTS) };
    }
    const secrets = [endpoint.secret];
    if (endpoint.previousSecret && endpoint.previousUntil && endpoint.previousUntil > started) secrets.push(endpoint.previousSecret);
    const headers = signatureHeaders(secrets, d.messageId, Math.floor(started.getTime() / 1000), d.payload);
    const result = await postGuarded(endpoint.url, d.payload, headers, {
      development: deps.config.development,
      timeoutMs: deps.config.PARLEY_WEBHOOK_TIMEOUT_MS,
      agents,
    });
    const attempt: DeliveryAttempt = { at: started.toISOString(), status: result.status, error: result.error, response: result.response?.slice(0, 500) ?? null, ms: result.ms };
    const log = [attempt, ...d.log].slice(0, LOG_ATTEMPTS);
    const now = deps.now();
    if (result.error === null) return { id: d.id, status: 'delivered', delivered_at: now.toISOString(), next_attempt_at: null, log };
    const nextAt = new Date(now.getTime() + webhookBackoffMs(d.attempts));
    const givingUp = result.blocked || nextAt.getTime() - d.createdAt.getTime() > WEBHOOK_RETRY_FOR_MS;
    deps.logger.warn({ deliveryId: d.id, endpointId: endpoint.id, attempts: d.attempts, status: result.status, error: result.error, givingUp }, 'webhook delivery failed');
    return { id: d.id, status: givingUp ? 'failed' : 'pending', delivered_at: null, next_attempt_at: givingUp ? null : nextAt.toISOString(), log };
  }

  // ------------------------------------------------------------------------------------------
  // The scorer watch: admins hear about an outage longer than PARLEY_SCORER_ALERT_MINUTES.

  async function watchScorer(): Promise<void> {
    const minutes = deps.config.PARLEY_SCORER_ALERT_MINUTES;
    const health = deps.scorer.health?.();
    const now = deps.now();
    if (!health || health.ok) {
      scorerDownSince = null;
      return;
    }
    scorerDownSince ??= now;
    if (minutes === 0 || !deps.mailer.enabled || now.getTime() - scorerDownSince.getTime() < minutes * 60_000) return;
    await deps.db.transaction(async (tx) => {
      // One alert per outage window across every process: the first to get here records it.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('parley:scorer_alert', 0))`);
      const [last] = await tx.select().from(instanceSettings).where(eq(instanceSettings.key, SCORER_ALERT_KEY));
      if (last && now.getTime() - new Date(last.value).getTime() < SCORER_ALERT_EVERY_MS) return;
      await tx
        .insert(instanceSettings)
        .values({ key: SCORER_ALERT_KEY, value: now.toISOString() })
        .onConflictDoUpdate({ target: instanceSettings.key, set: { value: now.toISOString() } });
      const admins = await tx
        .select({ id: moderators.id, email: moderators.email })
        .from(moderators)
        .where(and(eq(moderators.role, 'admin'), isNull(moderators.disabledAt)));
      if (admins.length === 0) return;
      await tx.insert(mails).values(
        admins.map((a) => ({ kind: 'scorer', toEmail: a.email, moderatorId: a.id, sendAfter: now, createdAt: now, lastError: health.detail ?? null })),
      );
      deps.logger.warn({ scorer: deps.scorer.name, minutes, admins: admins.length }, 'scorer unavailable: admins alerted');
    });
  }

  async function cleanUp(): Promise<void> {
    const now = deps.now().getTime();
    if (now - lastCleanup < CLEANUP_EVERY_MS) return;
    lastCleanup = now;
    const before = new Date(now - KEEP_MS);
    await deps.db.delete(mails).where(and(sql`${mails.status} in ('sent', 'dropped')`, lte(mails.createdAt, before)));
    await deps.db.delete(webhookDeliveries).where(and(sql`${webhookDeliveries.status} in ('delivered', 'failed')`, lte(webhookDeliveries.createdAt, before)));
  }

  async function runOnce(): Promise<OutboxPass> {
    const events = await expandEvents();
    // Side by side: a slow SMTP server must not hold webhooks back, nor a slow endpoint the emails.
    const [sent, deliveries] = await Promise.all([deps.mailer.enabled ? sendMails() : 0, deliverWebhooks()]);
    await watchScorer();
    await cleanUp();
    return { events, mails: sent, deliveries };
  }

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, ms);
    timer.unref();
  };

  let loop = nodePerformance.eventLoopUtilization();
  function tick() {
    if (stopped) return;
    if (running) {
      schedule(interval);
      return;
    }
    let more = false;
    running = runOnce()
      .then((pass) => {
        // A full batch means more is waiting: go again soon rather than after the interval.
        more = pass.events >= EVENT_BATCH || pass.mails >= MAIL_BATCH || pass.deliveries >= DELIVERY_BATCH;
      })
      .catch((err) => {
        deps.metrics.workerFailed('notifications', err);
        if (!isUnavailableError(err)) deps.logger.error({ err }, 'notifications pass failed');
      })
      .finally(() => {
        running = undefined;
        const now = nodePerformance.eventLoopUtilization();
        const busy = nodePerformance.eventLoopUtilization(now, loop).utilization > BUSY_UTILIZATION;
        loop = now;
        schedule(more ? (busy ? BUSY_PAUSE_MS : 0) : interval);
      });
  }

  return {
    runOnce,
    start(intervalMs) {
      interval = intervalMs;
      schedule(intervalMs);
    },
    wake() {
      schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => {});
      agents.destroy();
    },
  };
}

// ------------------------------------------------------------------------------------------------
// What stage 1 needs about a batch of events, in a handful of queries.

interface ContextSite {
  id: number;
  slug: string;
  name: string;
  locale: string;
  settings: ReturnType<typeof readSiteSettings>;
}
interface ContextArticle {
  id: number;
  key: string;
  url: string | null;
  title: string | null;
}
type ContextComment = typeof comments.$inferSelect;

function alertKind(event: typeof notificationEvents.$inferSelect): 'held' | 'reported' | null {
  if (event.type === 'comment.reported') return 'reported';
  if ((event.type === 'comment.created' && event.status === 'pending') || event.type === 'comment.held') return 'held';
  return null;
}

/** What stage 1 needs about `events`, given the enabled webhook endpoints of their sites. */
async function loadEventContext(tx: Tx, events: Array<typeof notificationEvents.$inferSelect>, endpoints: Awaited<ReturnType<typeof findEnabledEndpoints>>) {
  const siteIds = [...new Set(events.map((e) => e.siteId))];
  const articleIds = [...new Set(events.map((e) => e.articleId))];
  const commentIds = [...new Set(events.flatMap((e) => (e.commentId ? [e.commentId] : [])))];
  const [siteRows, articleRows, commentRows] = await Promise.all([
    siteIds.length ? tx.select().from(sites).where(inArray(sites.id, siteIds)) : Promise.resolve([]),
    articleIds.length
      ? tx.select({ id: articles.id, key: articles.key, url: articles.url, title: articles.title }).from(articles).where(inArray(articles.id, articleIds))
      : Promise.resolve([]),
    commentIds.length ? tx.select().from(comments).where(inArray(comments.id, commentIds)) : Promise.resolve([]),
  ]);
  const commentMap = new Map(commentRows.map((c) => [c.id, c]));
  const parentIds = [...new Set(commentRows.flatMap((c) => (c.parentId ? [c.parentId] : [])))];
  const parentRows = parentIds.length
    ? await tx.select({ id: comments.id, authorEmail: comments.authorEmail }).from(comments).where(inArray(comments.id, parentIds))
    : [];
  const parents = new Map(parentRows.map((p) => [p.id, p]));

  const alertSites = [...new Set(events.filter((e) => alertKind(e)).map((e) => e.siteId))];
  const alertRows = alertSites.length
    ? await tx.execute<{ moderator_id: number; site_id: number; cadence: Cadence; email: string }>(sql`
        select ma.moderator_id, ma.site_id, ma.cadence, m.email from moderator_alerts ma
        join moderators m on m.id = ma.moderator_id
        where ma.site_id in ${alertSites} and ma.cadence <> 'never' and m.disabled_at is null
          and (m.role = 'admin' or exists (select 1 from moderator_sites ms where ms.moderator_id = m.id and ms.site_id = ma.site_id))`)
    : [];
  const alertRecipients = new Map<number, Array<{ moderatorId: number; email: string; cadence: Cadence }>>();
  for (const r of rowsOf<{ moderator_id: number | string; site_id: number | string; cadence: Cadence; email: string }>(alertRows)) {
    const siteId = Number(r.site_id);
    const list = alertRecipients.get(siteId) ?? [];
    list.push({ moderatorId: Number(r.moderator_id), email: r.email, cadence: r.cadence });
    alertRecipients.set(siteId, list);
  }

  // Confirmed readers following the threads of this batch, keyed site|email|article.
  const emails = new Set<string>();
  for (const c of commentRows) {
    if (c.status !== 'approved') continue;
    if (c.authorEmail) emails.add(c.authorEmail);
    const p = c.parentId ? parents.get(c.parentId) : undefined;
    if (p?.authorEmail) emails.add(p.authorEmail);
  }
  const readers = new Map<string, number>();
  if (emails.size > 0) {
    const rows = await tx
      .select({ id: subscribers.id, siteId: subscribers.siteId, email: subscribers.email, articleId: threadSubscriptions.articleId })
      .from(subscribers)
      .innerJoin(threadSubscriptions, eq(threadSubscriptions.subscriberId, subscribers.id))
      .where(
        and(
          inArray(subscribers.siteId, siteIds),
          inArray(subscribers.email, [...emails]),
          inArray(threadSubscriptions.articleId, articleIds),
          sql`${subscribers.confirmedAt} is not null`,
          isNull(subscribers.unsubscribedAt),
          isNull(threadSubscriptions.unsubscribedAt),
        ),
      );
    for (const r of rows) readers.set(`${r.siteId}|${r.email}|${r.articleId}`, r.id);
  }

  const endpointMap = new Map<number, typeof endpoints>();
  for (const ep of endpoints) endpointMap.set(ep.siteId, [...(endpointMap.get(ep.siteId) ?? []), ep]);
  return {
    sites: new Map<number, ContextSite>(siteRows.map((s) => [s.id, { id: s.id, slug: s.slug, name: s.name, locale: s.locale, settings: readSiteSettings(s.settings) }])),
    articles: new Map<number, ContextArticle>(articleRows.map((a) => [a.id, a])),
    comments: commentMap,
    parents,
    endpoints: endpointMap,
    alertRecipients,
    readers,
  };
}

function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : (((result as { rows?: T[] }).rows ?? []) as T[]);
}

// ------------------------------------------------------------------------------------------------

export interface OutboxBacklog {
  /** Changes not yet turned into emails and deliveries. */
  events: number;
  /** Emails waiting (including digests that are not due yet). */
  mails: number;
  /** Emails due now and not yet sent. */
  mailsDue: number;
  /** Webhook deliveries waiting (including retries). */
  deliveries: number;
  /** Age in seconds of the oldest due item, or 0. */
  oldestSeconds: number;
}

/** The outbox backlog for /readyz. */
export async function countOutboxBacklog(deps: Pick<AppDeps, 'db' | 'now'>): Promise<OutboxBacklog> {
  const now = deps.now().toISOString();
  const result = await deps.db.execute<Record<string, unknown>>(sql`
    select
      (select count(*) from notification_events)::int as events,
      (select extract(epoch from (${now}::timestamptz - min(created_at))) from notification_events) as events_age,
      (select count(*) from mails where status in ('open', 'sending'))::int as mails,
      (select count(*) from mails where status in ('open', 'sending') and send_after <= ${now}::timestamptz)::int as mails_due,
      (select extract(epoch from (${now}::timestamptz - min(send_after))) from mails where status in ('open', 'sending') and send_after <= ${now}::timestamptz) as mails_age,
      (select count(*) from webhook_deliveries where status = 'pending')::int as deliveries,
      (select extract(epoch from (${now}::timestamptz - min(next_attempt_at))) from webhook_deliveries where status = 'pending' and next_attempt_at <= ${now}::timestamptz) as deliveries_age`);
  const r = rowsOf<Record<string, unknown>>(result)[0] ?? {};
  const age = Math.max(0, ...[r.events_age, r.mails_age, r.deliveries_age].map((v) => (v === null || v === undefined ? 0 : Number(v))));
  return {
    events: Number(r.events ?? 0),
    mails: Number(r.mails ?? 0),
    mailsDue: Number(r.mails_due ?? 0),
    deliveries: Number(r.deliveries ?? 0),
    oldestSeconds: Math.round(age),
  };
}
