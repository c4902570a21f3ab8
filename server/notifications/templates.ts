// Notification emails: a plain-text and an HTML body from the same parts, in English or Hindi.
// Everything from users or sites is escaped in the HTML; nothing is loaded from elsewhere (no images,
// no remote styles), so opening an email tells nobody anything.

export type MailLocale = 'en' | 'hi';

export const mailLocale = (locale: string | null | undefined): MailLocale => (locale === 'hi' ? 'hi' : 'en');

const STRINGS = {
  en: {
    confirmSubject: 'Confirm reply notifications from {site}',
    confirmIntro: 'Someone, we hope you, asked {site} to email this address when someone replies to their comment on “{title}”.',
    confirmAction: 'Confirm notifications',
    confirmIgnore: 'If it was not you, ignore this email: nothing more will be sent to you.',
    replySubjectOne: 'New reply to your comment on “{title}”',
    replySubjectMany: '{n} new replies to your comments on “{title}”',
    approvedSubject: 'Your comment on “{title}” is published',
    replyLine: '{name} replied to your comment:',
    approvedLine: 'Your comment is now published:',
    readThread: 'Read the discussion',
    unsubThread: 'Stop emails about this discussion',
    unsubSite: 'Stop all emails from {site}',
    heldSubjectOne: 'A comment on {site} needs review',
    heldSubjectMany: '{n} comments on {site} need review',
    digestHourly: 'Hourly summary: {n} comments on {site} need review',
    digestDaily: 'Daily summary: {n} comments on {site} need review',
    held: 'Held',
    reported: 'Reported',
    review: 'Review in the admin view',
    more: 'and {n} more in the queue',
    alertSettings: 'Choose how you get these alerts',
    unsubAlerts: 'Stop these alerts for {site}',
    scorerSubject: 'Comment scoring has been unavailable for {n} minutes',
    scorerBody: 'The toxicity scorer ({scorer}) has not answered for {n} minutes ({detail}). New comments are kept and handled by each site’s failure policy; they are scored again when it recovers.',
    openAdmin: 'Open the admin view',
    footer: 'Sent by {site} through Parley.',
    erased: '(this comment was removed)',
    untitled: 'an article',
  },
  hi: {
    confirmSubject: '{site} से जवाबों की ईमेल सूचनाएँ पक्की करें',
    confirmIntro: 'किसी ने, उम्मीद है आपने, {site} से कहा कि “{title}” पर उनकी टिप्पणी का जवाब आने पर इस पते पर ईमेल भेजी जाए।',
    confirmAction: 'सूचनाएँ पक्की करें',
    confirmIgnore: 'अगर यह आपने नहीं किया, तो इस ईमेल को अनदेखा करें: आपको आगे कुछ नहीं भेजा जाएगा।',
    replySubjectOne: '“{title}” पर आपकी टिप्पणी का नया जवाब',
    replySubjectMany: '“{title}” पर आपकी टिप्पणियों के {n} नए जवाब',
    approvedSubject: '“{title}” पर आपकी टिप्पणी प्रकाशित हो गई',
    replyLine: '{name} ने आपकी टिप्पणी का जवाब दिया:',
    approvedLine: 'आपकी टिप्पणी अब प्रकाशित है:',
    readThread: 'चर्चा पढ़ें',
    unsubThread: 'इस चर्चा की ईमेल बंद करें',
    unsubSite: '{site} की सारी ईमेल बंद करें',
    heldSubjectOne: '{site} पर एक टिप्पणी समीक्षा के लिए रुकी है',
    heldSubjectMany: '{site} पर {n} टिप्पणियाँ समीक्षा के लिए रुकी हैं',
    digestHourly: 'घंटे का सारांश: {site} पर {n} टिप्पणियाँ समीक्षा के लिए',
    digestDaily: 'दिन का सारांश: {site} पर {n} टिप्पणियाँ समीक्षा के लिए',
    held: 'रुकी हुई',
    reported: 'शिकायत मिली',
    review: 'एडमिन व्यू में देखें',
    more: 'और {n} कतार में',
    alertSettings: 'ये सूचनाएँ कैसे मिलें, चुनें',
    unsubAlerts: '{site} की ये सूचनाएँ बंद करें',
    scorerSubject: 'टिप्पणी स्कोरिंग {n} मिनट से उपलब्ध नहीं है',
    scorerBody: 'टॉक्सिसिटी स्कोरर ({scorer}) ने {n} मिनट से जवाब नहीं दिया ({detail})। नई टिप्पणियाँ रखी जाती हैं और हर साइट की नीति के अनुसार संभाली जाती हैं; ठीक होने पर उन्हें फिर से जाँचा जाएगा।',
    openAdmin: 'एडमिन व्यू खोलें',
    footer: '{site} ने Parley के ज़रिए भेजा।',
    erased: '(यह टिप्पणी हटा दी गई)',
    untitled: 'एक लेख',
  },
} as const;

type Key = keyof (typeof STRINGS)['en'];

function t(locale: MailLocale, key: Key, vars: Record<string, string | number> = {}): string {
  return STRINGS[locale][key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A short excerpt of a comment for an email: whitespace collapsed, cut at a word near `max` characters. */
export function excerpt(body: string, max = 300): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A block of an email: a paragraph, a quoted comment, a link, or a small print line. */
type Block =
  | { p: string }
  | { quote: string; by?: string }
  | { link: string; href: string; button?: boolean }
  | { small: string; links?: Array<{ text: string; href: string }> };

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

function render(locale: MailLocale, subject: string, blocks: Block[]): RenderedMail {
  const text: string[] = [];
  const html: string[] = [];
  for (const b of blocks) {
    if ('p' in b) {
      text.push(b.p);
      html.push(`<p>${escapeHtml(b.p)}</p>`);
    } else if ('quote' in b) {
      text.push(`${b.by ? `${b.by}\n` : ''}> ${b.quote.replace(/\n/g, '\n> ')}`);
      html.push(
        `${b.by ? `<p>${escapeHtml(b.by)}</p>` : ''}<blockquote style="margin:0 0 1em;padding:0.5em 1em;border-left:3px solid #8c959f;color:#1f2328">${escapeHtml(b.quote)}</blockquote>`,
      );
    } else if ('link' in b) {
      text.push(`${b.link}: ${b.href}`);
      html.push(
        b.button
          ? `<p><a href="${escapeHtml(b.href)}" style="display:inline-block;padding:0.5em 1em;background:#0b57d0;color:#ffffff;border-radius:6px;text-decoration:none">${escapeHtml(b.link)}</a></p>`
          : `<p><a href="${escapeHtml(b.href)}">${escapeHtml(b.link)}</a></p>`,
      );
    } else {
      text.push(['--', b.small, ...(b.links ?? []).map((l) => `${l.text}: ${l.href}`)].join('\n'));
      const links = (b.links ?? []).map((l) => `<a href="${escapeHtml(l.href)}" style="color:#59636e">${escapeHtml(l.text)}</a>`).join(' · ');
      html.push(`<p style="font-size:0.85em;color:#59636e">${escapeHtml(b.small)}${links ? `<br>${links}` : ''}</p>`);
    }
  }
  return {
    subject,
    text: `${text.join('\n\n')}\n`,
    html: `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2328;max-width:40em">${html.join('\n')}</body></html>`,
  };
}

export interface ConfirmMailInput {
  locale: MailLocale;
  siteName: string;
  articleTitle: string | null;
  confirmUrl: string;
  unsubscribeSiteUrl: string;
}

export function renderConfirmMail(i: ConfirmMailInput): RenderedMail {
  const l = i.locale;
  const site = i.siteName;
  return render(l, t(l, 'confirmSubject', { site }), [
    { p: t(l, 'confirmIntro', { site, title: i.articleTitle ?? t(l, 'untitled') }) },
    { link: t(l, 'confirmAction'), href: i.confirmUrl, button: true },
    { p: t(l, 'confirmIgnore') },
    { small: t(l, 'footer', { site }), links: [{ text: t(l, 'unsubSite', { site }), href: i.unsubscribeSiteUrl }] },
  ]);
}

export interface ReaderMailItem {
  kind: 'reply' | 'approved';
  authorName: string;
  /** null: the comment is gone (removed after it was queued). */
  body: string | null;
}

export interface ReaderMailInput {
  locale: MailLocale;
  siteName: string;
  articleTitle: string | null;
  articleUrl: string | null;
  items: ReaderMailItem[];
  unsubscribeThreadUrl: string;
  unsubscribeSiteUrl: string;
}

const MAX_LISTED = 20;

export function renderReaderMail(i: ReaderMailInput): RenderedMail {
  const l = i.locale;
  const site = i.siteName;
  const title = i.articleTitle ?? t(l, 'untitled');
  const replies = i.items.filter((x) => x.kind === 'reply').length;
  const subject =
    replies === 0 ? t(l, 'approvedSubject', { title }) : replies === 1 ? t(l, 'replySubjectOne', { title }) : t(l, 'replySubjectMany', { title, n: replies });
  const blocks: Block[] = [];
  for (const item of i.items.slice(0, MAX_LISTED)) {
    const by = item.kind === 'reply' ? t(l, 'replyLine', { name: item.authorName }) : t(l, 'approvedLine');
    blocks.push({ by, quote: item.body === null ? t(l, 'erased') : excerpt(item.body) });
  }
  if (i.items.length > MAX_LISTED) blocks.push({ p: t(l, 'more', { n: i.items.length - MAX_LISTED }) });
  if (i.articleUrl) blocks.push({ link: t(l, 'readThread'), href: i.articleUrl, button: true });
  blocks.push({
    small: t(l, 'footer', { site }),
    links: [
      { text: t(l, 'unsubThread'), href: i.unsubscribeThreadUrl },
      { text: t(l, 'unsubSite', { site }), href: i.unsubscribeSiteUrl },
    ],
  });
  return render(l, subject, blocks);
}

export interface ModeratorMailItem {
  kind: 'held' | 'reported';
  authorName: string;
  body: string;
  articleTitle: string | null;
  reviewUrl: string;
}

export interface ModeratorMailInput {
  locale: MailLocale;
  siteName: string;
  cadence: 'immediate' | 'hourly' | 'daily';
  items: ModeratorMailItem[];
  settingsUrl: string;
  unsubscribeUrl: string;
}

export function renderModeratorMail(i: ModeratorMailInput): RenderedMail {
  const l = i.locale;
  const site = i.siteName;
  const n = i.items.length;
  const subject =
    i.cadence === 'hourly'
      ? t(l, 'digestHourly', { site, n })
      : i.cadence === 'daily'
        ? t(l, 'digestDaily', { site, n })
        : n === 1
          ? t(l, 'heldSubjectOne', { site })
          : t(l, 'heldSubjectMany', { site, n });
  const blocks: Block[] = [];
  for (const item of i.items.slice(0, MAX_LISTED)) {
    const label = item.kind === 'held' ? t(l, 'held') : t(l, 'reported');
    blocks.push({ by: `${label}: ${item.authorName} — ${item.articleTitle ?? t(l, 'untitled')}`, quote: excerpt(item.body) });
    blocks.push({ link: t(l, 'review'), href: item.reviewUrl });
  }
  if (n > MAX_LISTED) blocks.push({ p: t(l, 'more', { n: n - MAX_LISTED }) });
  blocks.push({
    small: t(l, 'footer', { site }),
    links: [
      { text: t(l, 'alertSettings'), href: i.settingsUrl },
      { text: t(l, 'unsubAlerts', { site }), href: i.unsubscribeUrl },
    ],
  });
  return render(l, subject, blocks);
}

export interface ScorerMailInput {
  locale: MailLocale;
  scorer: string;
  minutes: number;
  detail: string;
  adminUrl: string;
}

export function renderScorerMail(i: ScorerMailInput): RenderedMail {
  const l = i.locale;
  return render(l, t(l, 'scorerSubject', { n: i.minutes }), [
    { p: t(l, 'scorerBody', { scorer: i.scorer, n: i.minutes, detail: i.detail }) },
    { link: t(l, 'openAdmin'), href: i.adminUrl, button: true },
    { small: t(l, 'footer', { site: 'Parley' }) },
  ]);
}
