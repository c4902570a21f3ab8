// The pages the links in notification emails open: confirm a subscription, unsubscribe (one click:
// the link itself, and RFC 8058's POST from a mail client's "Unsubscribe" button), subscribe again.
// Plain server-rendered HTML in the site's language, everything escaped, no scripts.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { eq } from 'drizzle-orm';
import { moderators, sites } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { setCadence } from '../notifications/alerts.js';
import { confirmSubscriber, findSubscriber, resubscribe, unsubscribe } from '../notifications/subscriptions.js';
import { escapeHtml, mailLocale, type MailLocale } from '../notifications/templates.js';
import { readLinkToken, type LinkToken } from '../notifications/tokens.js';

type Deps = Pick<AppDeps, 'db' | 'hasher' | 'now' | 'config'>;

const PAGE_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex',
};

const TEXT = {
  en: {
    confirmTitle: 'Confirm reply notifications',
    confirmText: 'Email {email} when someone replies to my comments on {site}.',
    confirmButton: 'Confirm',
    confirmed: 'Done: {email} will get an email when someone replies to its comments on {site}.',
    unsubscribedThread: 'Done: no more emails about this discussion will be sent to {email}.',
    unsubscribedSite: 'Done: {site} will send no more emails to {email}.',
    alertsOff: 'Done: you will get no more alerts for {site}. You can choose again in the admin view.',
    undo: 'Subscribe again',
    resubscribed: 'You are subscribed again.',
    invalid: 'This link is not valid. It may be incomplete: try copying the whole address from the email.',
  },
  hi: {
    confirmTitle: 'जवाबों की सूचनाएँ पक्की करें',
    confirmText: '{site} पर मेरी टिप्पणियों का जवाब आने पर {email} पर ईमेल भेजें।',
    confirmButton: 'पक्का करें',
    confirmed: 'हो गया: {site} पर टिप्पणियों के जवाब आने पर {email} पर ईमेल आएगी।',
    unsubscribedThread: 'हो गया: इस चर्चा के बारे में {email} पर अब कोई ईमेल नहीं आएगी।',
    unsubscribedSite: 'हो गया: {site} अब {email} पर कोई ईमेल नहीं भेजेगा।',
    alertsOff: 'हो गया: {site} की सूचनाएँ अब नहीं आएँगी। एडमिन व्यू में फिर से चुन सकते हैं।',
    undo: 'फिर से सदस्यता लें',
    resubscribed: 'आपकी सदस्यता फिर से शुरू हो गई।',
    invalid: 'यह लिंक सही नहीं है। शायद अधूरा है: ईमेल से पूरा पता कॉपी करके देखें।',
  },
} as const;

type Key = keyof (typeof TEXT)['en'];

/**
 * Largest form these pages read: a link token (200 characters at most) or RFC 8058's
 * "List-Unsubscribe=One-Click". Anyone can POST here, and parseBody holds the whole body in memory.
 */
export const NOTIFY_BODY_LIMIT_BYTES = 16 * 1024;

function say(locale: MailLocale, key: Key, vars: Record<string, string> = {}): string {
  return TEXT[locale][key].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}

function page(c: Context, locale: MailLocale, title: string, paragraphs: string[], form?: { action: string; token: string; button: string }, status: 200 | 404 = 200) {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  const formHtml = form
    ? `<form method="post" action="${escapeHtml(form.action)}"><input type="hidden" name="t" value="${escapeHtml(form.token)}"><button type="submit">${escapeHtml(form.button)}</button></form>`
    : '';
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36em;margin:3em auto;padding:0 1em;line-height:1.5;color:#1f2328}button{font:inherit;padding:.5em 1em;border-radius:6px;border:1px solid #0b57d0;background:#0b57d0;color:#fff;cursor:pointer}</style>
</head><body><main><h1>${escapeHtml(title)}</h1>
${body}
${formHtml}</main></body></html>`;
  for (const [k, v] of Object.entries(PAGE_HEADERS)) c.header(k, v);
  return c.html(html, status);
}

async function tokenFrom(c: Context): Promise<string> {
  const q = c.req.query('t');
  if (q) return q;
  if (c.req.method !== 'POST') return '';
  const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const t = (form as Record<string, unknown>).t;
  return typeof t === 'string' ? t : '';
}

export function createNotifyRouter(deps: Deps) {
  const app = new Hono();
  app.use(
    '/notify/*',
    bodyLimit({
      maxSize: NOTIFY_BODY_LIMIT_BYTES,
      onError: () => {
        throw new AppError('PAYLOAD_TOO_LARGE', `The request body is larger than ${NOTIFY_BODY_LIMIT_BYTES} bytes.`);
      },
    }),
  );

  const siteOf = async (siteId: number) => {
    const [site] = await deps.db.select({ name: sites.name, locale: sites.locale }).from(sites).where(eq(sites.id, siteId));
    return site ? { name: site.name, locale: mailLocale(site.locale) } : null;
  };

  const invalid = (c: Context) => page(c, 'en', say('en', 'invalid'), [say('hi', 'invalid')], undefined, 404);

  /** Reads and checks the link token for one kind of link; null answers the "not valid" page. */
  async function read<K extends LinkToken['kind']>(c: Context, kind: K): Promise<Extract<LinkToken, { kind: K }> | null> {
    const token = readLinkToken(deps.hasher, await tokenFrom(c));
    return token && token.kind === kind ? (token as Extract<LinkToken, { kind: K }>) : null;
  }

  // GET shows a button, POST confirms: mail scanners that open links must not confirm for the reader.
  app.get('/notify/confirm', async (c) => {
    const token = await read(c, 'confirm');
    const sub = token && (await findSubscriber(deps.db, token.subscriberId));
    const site = sub && (await siteOf(sub.siteId));
    if (!sub || !site) return invalid(c);
    const l = site.locale;
    if (sub.confirmedAt && !sub.unsubscribedAt) return page(c, l, say(l, 'confirmTitle'), [say(l, 'confirmed', { email: sub.email, site: site.name })]);
    return page(c, l, say(l, 'confirmTitle'), [say(l, 'confirmText', { email: sub.email, site: site.name })], {
      action: '/notify/confirm',
      token: c.req.query('t') ?? '',
      button: say(l, 'confirmButton'),
    });
  });

  app.post('/notify/confirm', async (c) => {
    const token = await read(c, 'confirm');
    const sub = token && (await confirmSubscriber(deps.db, token.subscriberId, deps.now()));
    const site = sub && (await siteOf(sub.siteId));
    if (!sub || !site) return invalid(c);
    const l = site.locale;
    return page(c, l, say(l, 'confirmTitle'), [say(l, 'confirmed', { email: sub.email, site: site.name })]);
  });

  // One click: following the link unsubscribes (a "subscribe again" button undoes it), and a mail
  // client's List-Unsubscribe-Post request (RFC 8058) does the same without a page.
  const handleUnsubscribe = async (c: Context) => {
    const raw = await tokenFrom(c);
    const token = readLinkToken(deps.hasher, raw);
    if (!token || token.kind === 'confirm') return invalid(c);
    if (token.kind === 'alerts') {
      const [mod] = await deps.db.select({ id: moderators.id }).from(moderators).where(eq(moderators.id, token.moderatorId));
      const site = mod && (await siteOf(token.siteId));
      if (!site) return invalid(c);
      await setCadence(deps.db, token.moderatorId, token.siteId, 'never');
      return page(c, site.locale, site.name, [say(site.locale, 'alertsOff', { site: site.name })]);
    }
    const sub = await unsubscribe(deps.db, token.subscriberId, token.articleId, deps.now());
    const site = sub && (await siteOf(sub.siteId));
    if (!sub || !site) return invalid(c);
    const l = site.locale;
    const done = say(l, token.articleId === 0 ? 'unsubscribedSite' : 'unsubscribedThread', { email: sub.email, site: site.name });
    const canUndo = token.articleId !== 0 || sub.confirmedAt !== null;
    return page(c, l, site.name, [done], canUndo ? { action: '/notify/resubscribe', token: raw, button: say(l, 'undo') } : undefined);
  };
  app.get('/notify/unsubscribe', handleUnsubscribe);
  app.post('/notify/unsubscribe', handleUnsubscribe);

  app.post('/notify/resubscribe', async (c) => {
    const token = await read(c, 'unsubscribe');
    const sub = token && (await findSubscriber(deps.db, token.subscriberId));
    const site = sub && (await siteOf(sub.siteId));
    if (!token || !sub || !site) return invalid(c);
    await resubscribe(deps.db, sub.id, token.articleId);
    return page(c, site.locale, site.name, [say(site.locale, 'resubscribed')]);
  });

  return app;
}
