// Rarely used parts of the widget, loaded on demand like the Hindi strings (built as
// embed-extra.<hash>.js): sending a comment and showing the outcome (the element checks the form
// first, and starts loading this file as the reader types), the report form, editing and deleting
// one's own comment, the toxicity nudge, opening a permalink, and the message a publisher sees when
// this page's origin is not allowed. Types only are imported, and the element hands over Lit's html
// and nothing, so nothing is shared with embed.js (each bundle stays one file) and most readers
// download none of it.
import type { html as Html, nothing as Nothing, TemplateResult } from 'lit';
import type { ApiError, PostResult, PublicComment, ThreadPage } from '../shared/api.js';
import type { Messages } from './i18n.js';

export const REASONS = ['spam', 'abusive', 'off-topic', 'other'] as const;
export type Reason = (typeof REASONS)[number];

const strings = {
  en: {
    title: 'Report this comment',
    spam: 'Spam or advertising',
    abusive: 'Abusive, hateful or threatening',
    'off-topic': 'Off-topic',
    other: 'Something else',
    note: 'Note for the moderators',
    optional: 'Optional, up to 500 characters. Required for “Something else”.',
    needNote: 'Please say what is wrong with this comment.',
    send: 'Send report',
    cancel: 'Cancel',
    sent: 'Thank you. Your report was sent to the moderators.',
    refused: 'Comments cannot load on this page: its address {origin} is not allowed for the site “{site}”.',
    fix: 'Publisher: add {origin} to the site’s allowed origins in Parley’s admin view ({admin}, Sites). Readers see this until then.',
    warning: 'A message from the moderators:',
    save: 'Save',
    confirmDel: 'Delete this comment?',
    yesDel: 'Yes, delete',
    deleted: 'Your comment was deleted.',
    editClosed: 'The time for changing this comment has passed.',
    nudge: 'Your comment may come across as hurtful to others. Would you like to revise it?',
    nudgeReject: 'Your comment looks likely to break this site’s rules. Would you like to revise it?',
    revise: 'Edit my comment',
    anyway: 'Post anyway for a moderator to review',
    anywayReject: 'Post anyway (most likely not published)',
    closedDraft: 'The discussion closed before your comment was posted. Your text is kept here so you can copy it.',
    draft: 'Your comment (not posted)',
  },
  hi: {
    title: 'इस टिप्पणी की शिकायत करें',
    spam: 'स्पैम या विज्ञापन',
    abusive: 'अपमानजनक, नफ़रत भरी या धमकी भरी',
    'off-topic': 'विषय से हटकर',
    other: 'कुछ और',
    note: 'मॉडरेटर के लिए टिप्पणी',
    optional: 'वैकल्पिक, 500 अक्षरों तक। “कुछ और” चुनने पर ज़रूरी।',
    needNote: 'कृपया बताएँ कि इस टिप्पणी में क्या ग़लत है।',
    send: 'शिकायत भेजें',
    cancel: 'रद्द करें',
    sent: 'धन्यवाद। आपकी शिकायत मॉडरेटर को भेज दी गई।',
    refused: 'इस पेज पर टिप्पणियाँ लोड नहीं हो सकतीं: इसका पता {origin} साइट “{site}” के लिए अनुमत नहीं है।',
    fix: 'प्रकाशक: Parley के एडमिन ({admin}, Sites) में साइट के allowed origins में {origin} जोड़ें। तब तक पाठकों को यही दिखेगा।',
    warning: 'मॉडरेटरों का संदेश:',
    save: 'सहेजें',
    confirmDel: 'यह टिप्पणी हटाएँ?',
    yesDel: 'हाँ, हटाएँ',
    deleted: 'आपकी टिप्पणी हटा दी गई।',
    editClosed: 'इस टिप्पणी को बदलने का समय निकल चुका है।',
    nudge: 'आपकी टिप्पणी दूसरों को आहत कर सकती है। क्या आप इसे बदलना चाहेंगे?',
    nudgeReject: 'आपकी टिप्पणी इस साइट के नियमों के ख़िलाफ़ लगती है। क्या आप इसे बदलना चाहेंगे?',
    revise: 'अपनी टिप्पणी बदलें',
    anyway: 'फिर भी भेजें, मॉडरेटर समीक्षा करेंगे',
    anywayReject: 'फिर भी भेजें (शायद प्रकाशित नहीं होगी)',
    closedDraft: 'आपकी टिप्पणी भेजे जाने से पहले चर्चा बंद हो गई। आपका लिखा यहाँ रखा है ताकि आप उसे कॉपी कर सकें।',
    draft: 'आपकी टिप्पणी (भेजी नहीं गई)',
  },
};

export type Lang = keyof typeof strings;

// The key the element reads the remembered name, email and website from when it connects.
const IDENTITY_KEY = 'parley-identity';

/** As the element's writeStore: a browser that refuses storage (null removes) just does not remember. */
function store(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    /* not remembered */
  }
}

const fill = (t: string, vars: Record<string, string>): string => t.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');

export interface Report {
  id: number;
  render(): TemplateResult;
}

/**
 * The report form under a comment: a group of reasons, an optional note, Send and Cancel; Escape
 * cancels. Native radio buttons and labels, so keyboards and screen readers need nothing extra. A
 * report already recorded for this reader (409) reads as sent: the reader learns nothing more.
 */
export function openReport(h: Host, html: typeof Html, c: PublicComment): void {
  const s = strings[h._loc];
  let busy = false;
  let needNote = false;
  // A failed send, shown in the form above its buttons (and announced), not only to screen readers.
  let failed = '';
  const close = (sent?: string) => {
    h._report = null;
    if (sent) {
      h._reported = [...h._reported, c.id].slice(-200);
      store(`parley-reported:${h._api}`, JSON.stringify(h._reported));
      h._live = sent;
    }
    void h._focusLater(sent ? `#c-${c.id}` : `#p-${c.id}`);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const data = new FormData(e.target as HTMLFormElement);
    busy = true;
    needNote = false;
    failed = '';
    h.requestUpdate();
    try {
      const note = String(data.get('note') ?? '').trim();
      await h._send(`/comments/${c.id}/reports`, 'POST', { reason: data.get('reason') as Reason, note: note || undefined }).catch((err: { code?: string }) => {
        if (err.code !== 'ALREADY_REPORTED') throw err;
      });
      close(s.sent);
    } catch (err) {
      if ((err as { fields?: Array<{ field: string }> }).fields?.some((f) => f.field === 'note')) {
        needNote = true;
        void h._focusLater('#rp-note');
      } else {
        h._live = failed = errorText(h, err);
        void h._focusLater('#rp-send');
      }
    } finally {
      busy = false;
      h.requestUpdate();
    }
  };
  const cancel = () => close();
  h._report = {
    id: c.id,
    render: () => html`<form id="rp" class="report" part="report" @submit=${submit} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && cancel()}>
      <fieldset>
        <legend>${s.title}</legend>
        ${REASONS.map(
          (r, i) => html`<div class="check"><input type="radio" id=${`rp-${r}`} name="reason" value=${r} ?checked=${!i} /><label for=${`rp-${r}`}>${s[r]}</label></div>`,
        )}
      </fieldset>
      <p>
        <label for="rp-note">${s.note}</label>
        <textarea id="rp-note" name="note" rows="2" maxlength="500" aria-describedby="rp-hint" aria-invalid=${needNote}></textarea>
        <span class=${needNote ? 'err' : 'hint'} id="rp-hint">${needNote ? s.needNote : s.optional}</span>
      </p>
      ${failed ? html`<p id="rp-err" class="err">${failed}</p>` : ''}
      <div class="bar">
        <button type="submit" class="btn" id="rp-send" aria-describedby=${failed ? 'rp-err' : ''} ?disabled=${busy}>${s.send}</button>
        <button type="button" class="link" @click=${cancel}>${s.cancel}</button>
      </div>
    </form>`,
  };
  void h._focusLater('#rp input');
}

/**
 * The publisher's diagnosis of a refused embed: the sentences the widget shows in place of the
 * thread, and one console message naming the origin and the fix.
 */
export function refusedOrigin(lang: Lang, site: string, origin: string, admin: string): string[] {
  const s = strings[lang];
  const lines = [fill(s.refused, { origin, site }), fill(s.fix, { origin, admin })];
  console.error(
    `Parley: the site "${site}" does not allow the origin ${origin}, so the comments were refused (ORIGIN_NOT_ALLOWED). ` +
      `Fix: add ${origin} to the site's allowed origins in the admin view at ${admin} (Sites > ${site} > Allowed origins; ` +
      `recently refused origins are listed there with an Allow button).`,
  );
  return lines;
}

/** Lit's template tag and sentinel, handed over by the element. */
export interface Lit {
  html: typeof Html;
  nothing: typeof Nothing;
}

/**
 * The element's members these parts use. Its private _-prefixed members get the same short names in
 * this file as in embed.js (one build, one mangle cache), so the parts below work on them directly;
 * the element passes itself `as never` because TypeScript hides private members from an interface.
 */
export interface Host {
  _m: Messages;
  _loc: Lang;
  _comments: PublicComment[];
  _count: number;
  _closed: boolean;
  _values: Fields;
  _errors: Partial<Fields>;
  _remember: boolean;
  _notify: boolean;
  _replyTo: PublicComment | null;
  _tokenReq: Promise<string> | null;
  _counted: Set<number>;
  _tokenKey: string;
  _cursor: string | null;
  _phase: string;
  _thread: AbortController;
  _hl: number;
  _sending: boolean;
  _editId: number | null;
  _editBody: string;
  _editError: string;
  _confirmId: number | null;
  _live: string;
  _notice: string;
  _api: string;
  _dtf: Intl.DateTimeFormat;
  _report: Report | null;
  _reported: number[];
  _fail: [number, string] | null;
  requestUpdate(): void;
  updateComplete: Promise<boolean>;
  renderRoot: HTMLElement | DocumentFragment;
  _send<T>(path: string, method?: string, body?: unknown): Promise<T>;
  _page(cursor: string | null, signal: AbortSignal): Promise<ThreadPage>;
  _apply(page: ThreadPage): void;
  _insert(c: PublicComment): void;
  _formToken(): Promise<string>;
  _focusFirstError(): boolean;
  _patch(id: number, fields: Partial<PublicComment>): void;
  _drop(id: number): void;
  _focusLater(selector: string): Promise<void>;
  _bodyError(body: string): string;
  _handleSubmit(e?: Event, acknowledgeNudge?: true): Promise<void>;
}

/** The server's default minimum between showing a form and sending it is 2 s; a little over it. */
const MIN_TOKEN_AGE_MS = 2_300;

/** The reply form's fields, trimmed and checked by the element (website normalized, or ''). */
type Fields = Record<'body' | 'name' | 'email' | 'website', string>;

/**
 * Sends a comment the element has checked (pageUrl: the article's address) and shows the outcome:
 * the comment in the thread, or why not in the form. Every error is answered here.
 */
export async function post(h: Host, f: Fields, pageUrl: string, acknowledgeNudge?: true): Promise<void> {
  const m = h._m;
  try {
    // The form's timing token is asked for as the form shows. If that request failed (a flaky
    // connection at page load), one is fetched now, and a comment sent with a token this new would be
    // taken for a bot's: it waits out the site's minimum first (MIN_TOKEN_AGE_MS).
    const fresh = !h._tokenReq;
    const asked = Date.now();
    const formToken = await h._formToken();
    if (fresh) await new Promise((r) => setTimeout(r, Math.max(0, MIN_TOKEN_AGE_MS - (Date.now() - asked))));
    const res = await h._send<PostResult>('/comments', 'POST', {
      ...f,
      website: f.website || undefined,
      parentId: h._replyTo?.id,
      // The headline, not the page's whole <title> ("… | World | Site name").
      article: {
        url: pageUrl,
        title: document.querySelector<HTMLMetaElement>('meta[property="og:title"]')?.content || document.querySelector('h1')?.textContent?.trim() || document.title,
      },
      hp: h.renderRoot.querySelector<HTMLInputElement>('#f-hp')?.value,
      formToken,
      acknowledgeNudge,
      notify: h._notify || undefined,
    });
    store(h._tokenKey, res.authorToken);
    store(IDENTITY_KEY, h._remember ? JSON.stringify({ name: f.name, email: f.email, website: f.website }) : null);
    const c: PublicComment = { ...res.comment, mine: true };
    // A fresh token for the next comment, fetched now so its 2 s minimum has passed by then.
    h._tokenReq = null;
    h._formToken().catch(() => {});
    // Rejected for toxicity: said plainly, and the text stays in the form to be revised.
    if (c.status == 'rejected') {
      h._notice = m._rejected;
      return void h._focusLater('.notice');
    }
    // The live stream may have delivered this comment before the response: count it once.
    if (c.status === 'approved' && !h._comments.some((x) => x.id === c.id) && !h._counted.has(c.id)) h._count++;
    h._insert(c);
    h._values = { ...h._values, body: '' };
    h._replyTo = null;
    h._live = c.status === 'approved' ? m._published : m._awaiting;
    // Each comment's opt-in is its own choice: the box starts unticked again.
    if (h._notify) h._notice = m._notifyNote;
    h._notify = false;
    void h._focusLater(`#c-${c.id}`);
  } catch (err) {
    if ((err as Error).name === 'AbortError') return;
    const code = (err as ApiError).code;
    if (code === 'VALIDATION_FAILED') {
      const errors: Partial<Fields> = {};
      const local: Fields = { body: m._errBody, name: m._errName, email: m._errEmail, website: m._errUrl };
      // Hindi wording for the server's particular refusals (embed-hi.js has them); else the field's own.
      const coded = m as Messages & Partial<Record<string, string>>;
      for (const { field, code, message } of (err as ApiError).fields) {
        // Server messages are English; Hindi readers get the local wording for the field.
        if (field in local) errors[field as keyof Fields] = h._loc === 'en' ? message : (coded[`_err:${field}.${code}`] ?? local[field as keyof Fields]);
        if (field === 'formToken') h._tokenReq = null;
      }
      h._errors = errors;
      if (h._focusFirstError()) return;
      // The page's own address refused (its canonical link on an origin the site does not allow): no
      // reader can fix that; the publisher learns what to do from the console.
      const page = (err as ApiError).fields.find((f) => f.field.startsWith('article.'));
      if (page) {
        console.warn(`Parley: comments cannot be posted from this page: ${page.message} (${page.field}: ${page.code}). Add the page's origin to the site's allowed origins, or set the widget's article attribute.`);
        h._notice =
          h._loc === 'en'
            ? 'Comments cannot be posted on this page yet: its address is not set up for them. Please try again later.'
            : 'इस पेज पर अभी टिप्पणी नहीं की जा सकती: इसका पता टिप्पणियों के लिए तैयार नहीं है। कृपया बाद में फिर कोशिश करें।';
        return void h._focusLater('.notice');
      }
    }
    if (code === 'COMMENTS_CLOSED') {
      h._closed = true;
      return void h._focusLater('#closed');
    }
    // In the nudge's reject band: posting anyway will most likely not be published.
    h._notice = code == 'TOXIC_NUDGE' ? nudgeText(h, (err as ApiError).nudge?.band) : errorText(h, err);
    void h._focusLater('.notice');
  }
}

const link = ({ html, nothing }: Lit, label: string, onClick: () => void, id?: string): TemplateResult =>
  html`<button type="button" class="link" id=${id ?? nothing} @click=${onClick}>${label}</button>`;

/** Opens the edit form for the reader's own comment, or closes it (focus back on the comment). */
export function edit(h: Host, c: PublicComment | null, id = h._editId): void {
  h._editId = c?.id ?? null;
  h._editBody = c?.body ?? '';
  h._editError = '';
  h._confirmId = null;
  void h._focusLater(c ? '#e-body' : `#c-${id}`);
}

/** Asks before deleting the reader's own comment. */
export function askDelete(h: Host, c: PublicComment): void {
  h._confirmId = c.id;
  h._editError = '';
  void h._focusLater(`#d-${c.id}`);
}

/** The edit form in place of the reader's own comment's text. */
export function editForm(h: Host, lit: Lit, c: PublicComment): TemplateResult {
  const { html, nothing } = lit;
  return html`<label for="e-body">${h._m.body}</label>
    <textarea
      id="e-body"
      .value=${h._editBody}
      aria-invalid=${!!h._editError}
      aria-describedby=${h._editError ? 'e-err' : nothing}
      @input=${(e: Event) => (h._editBody = (e.target as HTMLTextAreaElement).value)}
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && edit(h, null)}
    ></textarea>
    ${h._editError ? html`<p id="e-err" class="err">${h._editError}</p>` : nothing}
    <div class="bar">
      <button
        type="button"
        class="btn"
        id="e-save"
        aria-describedby=${h._editError ? 'e-err' : nothing}
        ?disabled=${h._sending}
        @click=${() => changeOwn(h, c, 'PATCH')}
      >
        ${strings[h._loc].save}
      </button>
      ${link(lit, strings[h._loc].cancel, () => edit(h, null))}
    </div>`;
}

/** "Delete this comment?" with Yes and Cancel, in place of Edit and Delete. */
export function confirmDelete(h: Host, lit: Lit, c: PublicComment): TemplateResult {
  const s = strings[h._loc];
  // Escape anywhere in the question cancels it, as it does the edit and report forms.
  // A failed delete is said after the question (and announced); focus stays on Yes.
  return lit.html`<span @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && edit(h, null, c.id)}
    ><span>${s.confirmDel}</span> ${link(lit, s.yesDel, () => changeOwn(h, c, 'DELETE'), `d-${c.id}`)}
    ${link(lit, s.cancel, () => edit(h, null, c.id))}
    ${h._editError ? lit.html`<span class="err" part="error">${h._editError}</span>` : lit.nothing}</span
  >`;
}

/** PATCH (save an edit) or DELETE on the reader's own comment, authorised by the author token. */
async function changeOwn(h: Host, c: PublicComment, method: 'PATCH' | 'DELETE'): Promise<void> {
  const body = h._editBody.trim();
  if (method === 'PATCH' && (h._editError = h._bodyError(body))) return;
  if (h._sending) return;
  h._sending = true;
  try {
    const res = await h._send<{ comment: PublicComment } | undefined>(`/comments/${c.id}`, method, method === 'PATCH' ? { body } : undefined);
    if (res) {
      h._patch(c.id, { ...res.comment, mine: true });
      edit(h, null);
    } else {
      h._drop(c.id);
      h._live = strings[h._loc].deleted;
      void h._focusLater('#h');
    }
  } catch (err) {
    const closed = (err as ApiError).code === 'EDIT_WINDOW_CLOSED';
    // Shown in the form or after the question, and announced; Save was disabled while sending and
    // lost focus, so focus goes back to the button the reader used.
    h._live = h._editError = closed ? strings[h._loc].editClosed : errorText(h, err);
    if (closed) h._patch(c.id, { editableUntil: undefined });
    void h._focusLater(method === 'PATCH' ? '#e-save' : `#d-${c.id}`);
  } finally {
    h._sending = false;
  }
}

/** The reader-facing text for a failed request, looked up by the server's error code. */
export function errorText(h: Host, err: unknown): string {
  const m = h._m as Messages & Record<string, string>;
  // Anything but an ApiError (a TypeError, say) has no status and reads as an outage.
  const e = err as Partial<ApiError>;
  const code = !e.status || e.status >= 500 ? 'SERVICE_UNAVAILABLE' : e.status === 413 ? 'PAYLOAD_TOO_LARGE' : e.code!;
  const s = e.retryAfter ?? 60;
  const t = new Intl.NumberFormat(h._loc, { style: 'unit', unit: s < 90 ? 'second' : 'minute', unitDisplay: 'long' });
  return say(h, /^[A-Z_]+$/.test(code) ? (m[code] ?? m._failed) : m._failed, e.details ?? {}, t.format(Math.ceil(s < 90 ? s : s / 60)));
}

/** A sentence with when a suspension or ban ends and the moderators' own words to the author. */
function say(h: Host, text: string, d: { until?: unknown; note?: unknown }, t = ''): string {
  const s = fill(text, { t, until: typeof d.until == 'string' ? h._dtf.format(new Date(d.until)) : '' });
  return typeof d.note == 'string' && d.note ? `${s} ${d.note}` : s;
}

/** The nudge's sentence for the server's band: 'reject' says the comment will most likely not be published. */
function nudgeText(h: Host, band?: string): string {
  return strings[h._loc][band == 'reject' ? 'nudgeReject' : 'nudge'];
}

/** The nudge's two choices under its sentence (nothing when the notice is not a nudge). */
export function nudgeBar(h: Host, lit: Lit): TemplateResult | typeof Nothing {
  const s = strings[h._loc];
  if (h._notice != s.nudge && h._notice != s.nudgeReject) return lit.nothing;
  return lit.html`<div class="bar">
    <button
      type="button"
      class="btn"
      @click=${() => {
        h._notice = '';
        void h._focusLater('#f-body');
      }}
    >
      ${s.revise}
    </button>
    <button type="button" class="link" @click=${() => h._handleSubmit(undefined, true)}>${h._notice == s.nudge ? s.anyway : s.anywayReject}</button>
  </div>`;
}

/**
 * Opens the comment a #parley-comment-ID permalink names: loads pages until it is there (a reply
 * arrives with its thread; at most 20 pages), then scrolls to it inside the shadow root, focuses
 * and highlights it.
 */
export async function reveal(h: Host): Promise<void> {
  const id = Number(/^#parley-comment-(\d+)$/.exec(location.hash)?.[1]);
  const signal = h._thread.signal;
  if (!id || h._phase !== 'ready') return;
  try {
    for (let i = 0; i < 20 && h._cursor && !h._comments.some((c) => c.id === id); i++) h._apply(await h._page(h._cursor, signal));
  } catch (err) {
    // The pages failed to load: said under Load more, as its own failure is.
    if (!signal.aborted) fail(h, 0, err);
    return;
  }
  h._hl = id;
  await h.updateComplete;
  const el = h.renderRoot.querySelector<HTMLElement>(`#c-${id}`);
  el?.scrollIntoView({ block: 'center' });
  el?.focus({ preventScroll: true });
}

/**
 * What moderators told this browser's author (a suspension, a ban, a warning shown once), above the
 * form; the element asks the server only when this browser has an author token.
 */
export async function notices(h: Host, req: Promise<unknown>, signal: AbortSignal): Promise<void> {
  const m = h._m as Messages & Record<string, string>;
  try {
    const { notices } = (await req) as { notices: Array<{ type: string; until?: string; note?: string }> };
    const text = notices.map((n) => say(h, n.type == 'warning' ? strings[h._loc].warning : (m[`AUTHOR_${n.type.toUpperCase()}`] ?? ''), n)).join(' ');
    if (text && !signal.aborted) h._notice = text;
  } catch {
    /* no notice is better than a broken form */
  }
}

/**
 * A failed request's message shown where it failed (under comment `at`, or under Load more for 0)
 * and announced; after Load more, focus goes back to it (disabled while loading, it lost focus).
 */
export function fail(h: Host, at: number, err: unknown): void {
  h._fail = [at, (h._live = errorText(h, err))];
  if (!at) void h._focusLater('.more');
}

/** When each widget last read its page again for a version event (see recheck). */
const rechecked = new WeakMap<object, number>();

/**
 * A version event (extra.ts is loaded once the reader types): while the reader has text in the form,
 * read the first page again for its closed flag alone, at most once in 30 s per widget. A hot story
 * sends a version with every comment, and a reader who has posted reads their own view from the
 * database, so without the limit each typing reader would cost a database read per new comment. Only
 * the flag is taken: the comments stay as the live events and the reader's own posts left them (a
 * page read while the reader's first comment was being stored would lack it).
 */
export function recheck(h: Host): void {
  const now = Date.now();
  if (!h._values.body || now - (rechecked.get(h) ?? -Infinity) < 30_000) return;
  rechecked.set(h, now);
  h._page(null, h._thread.signal).then((page) => void (h._closed = page.article.closed), () => {});
}

/**
 * The reader's unsent text when the article closed while they wrote (the post refused, or the page
 * read again): kept on screen, read-only, to be copied. Its id is the form's, so a reader who was
 * typing keeps focus on their text.
 */
export function draft(h: Host, lit: Lit): TemplateResult | typeof Nothing {
  const s = strings[h._loc];
  return h._values.body
    ? lit.html`<div class="respond" part="draft">
        <p id="f-note">${s.closedDraft}</p>
        <label for="f-body">${s.draft}</label>
        <textarea id="f-body" rows="6" readonly aria-describedby="closed f-note" .value=${h._values.body}></textarea>
      </div>`
    : lit.nothing;
}
