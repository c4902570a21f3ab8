// <parley-comments>: the reader-facing thread and the WordPress-style "Leave a Reply" form.
// One element on purpose: the form moves under the comment being answered, and the thread, the
// form and the live updates share state that separate elements would have to pass around.
// Written for size (the embed has a gzip budget): every feature here is one the issue asks for.
import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { request, type ApiError, type PublicComment, type SiteConfig, type ThreadPage } from '../shared/api.js';
import { renderText, safeHttpUrl } from '../shared/text.js';
import { en, fmt, loadHindi, messages, pickLocale, type Locale, type Messages } from './i18n.js';
import { styles } from './styles.js';
import { buildTree, type CommentNode } from './tree.js';
import type { Lit, Report } from './extra.js';

type Extra = typeof import('./extra.js');
// Lit's tag and sentinel for the on-demand templates (extra.ts shares no code with this file).
const lit: Lit = { html, nothing };

type Field = 'body' | 'name' | 'email' | 'website';
type Values = Record<Field, string>;
type Errors = Partial<Record<Field, string>>;

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 31536000],
  ['month', 2592000],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];
const TOKEN_HEADER = 'x-parley-author-token';
// extra.ts writes it when a comment is posted.
const IDENTITY_KEY = 'parley-identity';
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// The embed is served by the Parley server itself, so its own URL says where the API is.
const DEFAULT_SERVER = new URL(import.meta.url).origin;

const noop = (): void => {};
const enc = encodeURIComponent;
const S = { state: true };

// localStorage can throw (privacy modes, sandboxed frames); the reader is then just not remembered.
function readStore(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function writeStore(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    /* see readStore */
  }
}

/** The article's default key: the canonical URL, else the page address without its fragment. */
function pageUrl(): string {
  const link = document.querySelector<HTMLLinkElement>('link[rel~="canonical"]');
  return link?.href || location.href.replace(/#.*/, '');
}

/**
 * What focus is on: an element's own id, else the id of the comment it sits in, else the heading
 * (the place focus goes when a control without either, such as Try again, is gone).
 */
function focusKey(el: Element | null | undefined): string | undefined {
  return el ? el.id || el.closest('article')?.id || 'h' : undefined;
}

/** '' for empty, null for invalid; a bare "example.com" gets https:// as WordPress readers expect. */
function normalizeWebsite(raw: string): string | null {
  const s = raw.trim();
  return s ? safeHttpUrl(/^[a-z][a-z\d+.-]*:/i.test(s) ? s : `https://${s}`) : '';
}

/** A sentence naming a reader ("Reply to {name}"), the name in a <bdi> so it cannot reorder the words around it. */
const named = (template: string, name: string): TemplateResult => {
  const [before, after] = template.split('{name}');
  return html`${before}<bdi>${name}</bdi>${after}`;
};

export class ParleyComments extends LitElement {
  static override styles = styles;
  static override properties: PropertyDeclarations = {
    site: {},
    article: {},
    server: {},
    theme: { reflect: true },
    // Private state is _-prefixed: the build shortens those names (esbuild mangleProps), keys included.
    _config: S, _comments: S, _count: S, _closed: S, _cursor: S, _phase: S, _more: S, _sort: S, _values: S,
    _remember: S, _errors: S, _notice: S, _sending: S, _replyTo: S, _editId: S, _editBody: S, _editError: S,
    _confirmId: S, _live: S, _notify: S, _report: S, _reported: S, _counts: S, _liked: S, _hl: S, _refused: S, _fail: S,
  };

  /** Site slug (required). */
  site = '';
  /** Article key; defaults to the canonical URL. */
  article = '';
  /** Parley origin; defaults to the origin embed.js was loaded from. */
  server = '';
  /** 'light' | 'dark'; unset follows prefers-color-scheme. */
  theme?: string;

  private _config: SiteConfig | null = null;
  private _comments: PublicComment[] = [];
  private _count = 0;
  private _closed = false;
  private _cursor: string | null = null;
  /** The reader's own top-level comments shown after the loaded pages while more pages are to come. */
  private _ahead = new Set<number>();
  /** New comments counted but not shown (past the loaded pages). */
  _counted = new Set<number>();
  private _phase: 'loading' | 'ready' | 'failed' = 'loading';
  private _more = false;
  private _sort: 'oldest' | 'newest' | 'best' | 'picks' = 'oldest';
  /** Set once the site's default order was applied (or the reader chose one). */
  private _sorted = false;
  /** Reaction counts by comment id, and the comments this browser reacted to. */
  private _counts: Record<number, number> = {};
  private _liked: number[] = [];
  private _values: Values = { body: '', name: '', email: '', website: '' };
  private _remember = false;
  private _errors: Errors = {};
  private _notice = '';
  private _sending = false;
  private _replyTo: PublicComment | null = null;
  private _editId: number | null = null;
  private _editBody = '';
  private _editError = '';
  private _confirmId: number | null = null;
  private _live = '';
  private _notify = false;
  /** The open report form (extra.ts), if any. */
  private _report: Report | null = null;
  /** Comments this browser reported (remembered per server and site, the newest 200). */
  private _reported: number[] = [];
  /** The comment a permalink pointed at, highlighted once shown. */
  private _hl = 0;
  /** A failed request's message, shown where it failed: under comment [0], or under Load more (0). */
  private _fail: [number, string] | null = null;
  /** Set when this page's origin is refused: what the publisher is told. */
  private _refused: string[] | null = null;
  /** The on-demand part (extra.ts), once loaded. */
  private _x?: Extra;

  private _key = '';
  private _configFor = '';
  private _life = new AbortController();
  private _thread = new AbortController();
  // Not _-prefixed, so its name survives the build: the browser tests wait on its readyState.
  private events: EventSource | null = null;
  private _tokenReq: Promise<string> | null = null;
  private _clock?: ReturnType<typeof setInterval>;
  private _placed = false;
  private _focusKey?: string;
  private _loc?: Locale;
  private _m: Messages = en;
  private _rtf!: Intl.RelativeTimeFormat;
  private _dtf!: Intl.DateTimeFormat;
  private _nf!: Intl.NumberFormat;

  // lang is a global attribute, not a Lit property; watch it so a page switching language re-renders.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._life = new AbortController();
    try {
      const saved = JSON.parse(readStore(IDENTITY_KEY) ?? 'null') as Partial<Values> | null;
      if (saved) {
        this._values = { ...this._values, ...saved, body: this._values.body };
        this._remember = true;
      }
    } catch {
      writeStore(IDENTITY_KEY, null);
    }
    // A permalink followed on this page (or a link to another comment) opens that comment.
    addEventListener('hashchange', () => this._reveal(), { signal: this._life.signal });
    // Relative times ("5 minutes ago") and edit windows age while the page stays open.
    this._clock = setInterval(() => this.requestUpdate(), 60_000);
    // Re-attached after a removal (SPA re-render): the old connection was closed, so start again.
    if (this.hasUpdated) this._load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._stop();
    this._life.abort();
    clearInterval(this._clock);
  }

  protected override willUpdate(changed: PropertyValues): void {
    // The closest lang wins: a Hindi page may carry an English article, and the widget follows the article.
    const want = pickLocale(
      this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || this._config?.locale,
    );
    const m = messages[want];
    // Hindi strings come in their own file: until it arrives the widget keeps its current language
    // (or shows nothing yet, rather than a flash of English). Failing that file, Hindi falls back to en.
    if (!m) void loadHindi().then(() => this.requestUpdate());
    const loc = m === en ? 'en' : want;
    if (m && loc !== this._loc) {
      this._loc = loc;
      this._m = m;
      this._rtf = new Intl.RelativeTimeFormat(loc, { numeric: 'auto' });
      this._dtf = new Intl.DateTimeFormat(loc, { dateStyle: 'long', timeStyle: 'short' });
      this._nf = new Intl.NumberFormat(loc);
    }
    if (changed.has('site') || changed.has('article') || changed.has('server')) this._load();
    this._focusKey = focusKey(this.shadowRoot?.activeElement);
  }

  // Lists render by index (Lit's keyed repeat() cost ~0.9 kB gzip of the budget), so a live comment
  // inserted above, or one removed, can slide another comment's content under the focused element
  // or re-create the reply form. Put focus back where the reader was, by element or comment id; when
  // that is gone (Try again, a closed article's form), on the heading rather than the page's <body>.
  protected override updated(): void {
    const key = this._focusKey;
    if (key && focusKey(this.shadowRoot?.activeElement) !== key)
      (this.renderRoot.querySelector<HTMLElement>(`#${key}`) ?? this.renderRoot.querySelector<HTMLElement>('#h'))?.focus();
  }

  private get _api(): string {
    return `${(this.server || DEFAULT_SERVER).replace(/\/+$/, '')}/api/v1/sites/${enc(this.site)}`;
  }

  private get _url(): string {
    return `${this._api}/articles/${enc(this._key)}`;
  }

  private get _tokenKey(): string {
    return `parley-token:${this._api}`;
  }

  /** Loads the on-demand part (extra.ts) once. */
  private async _extra(): Promise<Extra> {
    return (this._x ??= await import('./extra.js'));
  }

  private _send<T>(path: string, method = 'GET', body?: unknown, signal = this._life.signal): Promise<T> {
    const token = readStore(this._tokenKey);
    // A read is asked of the server by ETag (a 304 when nothing changed), never answered from a stale browser
    // copy: the answer's stale-while-revalidate is for shared caches, and a browser would use it too, so a reader
    // reloading to see a new comment got the page from before it (no live event tells a page about the past).
    const cache = method === 'GET' ? 'no-cache' : undefined;
    return request<T>(this._url + path, { method, body, signal, cache, headers: token ? { [TOKEN_HEADER]: token } : {} });
  }

  private _stop(): void {
    this._thread.abort();
    this.events?.close();
    this.events = null;
  }

  /** (Re)loads config and the first page; called when site, article, server or sort change. */
  private _load(): void {
    this._stop();
    const ctl = (this._thread = new AbortController());
    const api = this._api;
    const key = this.article || pageUrl();
    // Another story (a single-page app's next article): a draft written for the last one stays behind.
    if (this._key && key !== this._key) this._values = { ...this._values, body: '' };
    this._key = key;
    this._comments = [];
    this._ahead.clear();
    this._counted.clear();
    this._cursor = this._replyTo = this._editId = this._confirmId = this._report = this._refused = this._fail = null;
    this._reported = JSON.parse(readStore(`parley-reported:${api}`) ?? '[]') as number[];
    this._liked = JSON.parse(readStore(`parley-liked:${api}`) ?? '[]') as number[];
    // _count stays until the page arrives: the order menu shows while n > 1, and a reader changing the
    // order with the keyboard keeps focus on it (and can go on to the next option).
    this._closed = false;
    this._notice = '';
    this._phase = 'loading';
    if (this._configFor !== api) this._tokenReq = null;
    const config =
      this._configFor === api && this._config
        ? this._config
        : request<{ site: SiteConfig }>(`${api}/config`, { signal: ctl.signal }).then((r) => r.site);
    Promise.all([config, this._page(null, ctl.signal)]).then(
      ([site, page]) => {
        if (ctl.signal.aborted) return;
        this._config = site;
        this._configFor = api;
        // The site's first order: read again in it (config comes with the first page, not before it).
        if (!this._sorted && (this._sorted = true) && site.defaultSort != this._sort) {
          this._sort = site.defaultSort;
          return this._load();
        }
        this._phase = 'ready';
        if (site.reactions != 'off')
          request<{ counts: Record<number, number> }>(`${this._url}/reactions`, { signal: ctl.signal, cache: 'no-cache' }).then((r) => (this._counts = r.counts), noop);
        this._apply(page);
        // The stream works before the article exists, so the first comment anyone posts shows up.
        this._listen();
        // Fetched as soon as the form shows: the server treats posts sooner than 2 s after it as spam
        // (a failure is caught in _formToken, and posting asks again).
        void this._formToken();
        // What moderators told this browser's author (extra.ts): only for a reader who has commented.
        const token = readStore(this._tokenKey);
        if (token)
          this._extra().then((x) => x.notices(this as never, request(`${api}/notices`, { signal: ctl.signal, headers: { [TOKEN_HEADER]: token } }), ctl.signal), noop);
        void this._reveal();
      },
      (err: ApiError) => {
        if (ctl.signal.aborted) return;
        this._phase = 'failed';
        // The server says this page's origin is not allowed: tell the publisher what to do.
        if (err.code === 'ORIGIN_NOT_ALLOWED')
          void this._extra().then((x) => (this._refused = x.refusedOrigin(this._loc!, this.site, location.origin, `${new URL(api).origin}/admin`)));
      },
    );
  }

  /** One page of the thread (empty, not an error, when nobody has commented yet). */
  private _page(cursor: string | null, signal: AbortSignal): Promise<ThreadPage> {
    return this._send<ThreadPage>(`/comments?sort=${this._sort}&limit=50${cursor ? `&cursor=${enc(cursor)}` : ''}`, 'GET', undefined, signal);
  }

  private _apply(page: ThreadPage): void {
    // A page goes before the reader's own comments posted past the loaded pages; one the page holds
    // takes its place in it (the local copy, with its author-only fields).
    const ahead = this._ahead;
    const mine = new Map(this._comments.map((c) => [c.id, c]));
    const kept = this._comments.filter((c) => !ahead.has(c.id));
    const seen = new Set(kept.map((c) => c.id));
    const fresh = page.comments.filter((c) => !seen.has(c.id)).map((c) => (ahead.delete(c.id), mine.get(c.id) ?? c));
    this._comments = [...kept, ...fresh, ...this._comments.filter((c) => ahead.has(c.id))];
    if (!page.nextCursor) ahead.clear();
    this._cursor = page.nextCursor;
    this._count = page.article.commentCount;
    this._closed = page.article.closed;
  }

  private _formToken(): Promise<string> {
    if (!this._tokenReq) {
      const req = request<{ token: string }>(`${this._api}/form-token`, { signal: this._life.signal }).then((r) => r.token);
      req.catch(() => {
        if (this._tokenReq === req) this._tokenReq = null;
      });
      this._tokenReq = req;
    }
    return this._tokenReq;
  }

  private _listen(again?: 1): void {
    if (this.events) return;
    const es = (this.events = new EventSource(`${this._url}/events`));
    // Refused (429 or 503: a busy shared address, a restart), EventSource gives up for good: try again
    // after a while, on the same thread (a new _load closes it and takes over).
    es.onerror = () => {
      if (es.readyState != 2) return;
      const thread = this._thread;
      setTimeout(() => {
        if (this.events == es && !thread.signal.aborted) {
          this.events = null;
          this._listen(1);
        }
      }, 5e3 + Math.random() * 25e3);
    };
    const on = (type: string, fn: (data: PublicComment) => void): void =>
      es.addEventListener(type, (e) => {
        try {
          fn(JSON.parse((e as MessageEvent<string>).data) as PublicComment);
        } catch {
          /* a malformed event is dropped; the next load shows the truth */
        }
      });
    on('comment', (c) => this._handleLive(c));
    on('removed', (c) => this._drop(c.id));
    on('reaction', (r) => (this._counts = { ...this._counts, [r.id]: (r as unknown as { n: number }).n }));
    // The server ends streams after a while and EventSource reconnects. What changed in between is caught
    // up on by reading the first page again (asked of the server by ETag, as every page is): a page that
    // is the whole thread replaces it (removals included); of a longer one, what is new or changed is merged.
    // Opened again after a refusal, it catches up on what it missed at once.
    // A version event comes with every change the comment events carry, and alone when the article
    // closes or opens: only a reader with text at stake reads the page again for its closed flag, at
    // most every 30 s (extra.ts, asked for here too in case its load since the reader's first keystroke
    // has not finished: every open page doing so would cost a request per comment), so the draft stays
    // on screen when it closes.
    let opens = again ?? 0;
    const catchUp = (): unknown =>
      this._page(null, this._thread.signal).then((page) => {
        if (page.nextCursor) page.comments.map(this._handleLive, this);
        else this._comments = page.comments;
        this._count = page.article.commentCount;
        this._closed = page.article.closed;
      }, noop);
    es.onopen = () => opens++ && catchUp();
    on('version', () => this._values.body && this._extra().then((x) => x.recheck(this as never), noop));
  }

  private _handleLive(c: PublicComment): void {
    const old = this._comments.find((x) => x.id === c.id);
    if (old) {
      // Our own held comment was approved (or an edit landed): keep the author-only fields.
      if (old.status !== 'approved' && c.status === 'approved') this._count++;
      this._patch(c.id, c);
    } else if (c.status === 'approved' && !this._counted.has(c.id)) {
      // Counted once, whether the live event or the post's own answer comes first.
      this._counted.add(c.id);
      this._count++;
      // A reply into a thread that is not loaded, or a comment past the loaded pages, arrives with
      // "Load more"; only the count changes now.
      if (c.parentId !== null ? this._comments.some((x) => x.id === c.parentId) : this._sort === 'newest' || !this._cursor) {
        this._insert(c);
        this._live = fmt(this._m._newComment, { name: c.authorName });
      }
    }
  }

  private _insert(c: PublicComment): void {
    if (c.parentId === null && this._sort !== 'newest' && this._cursor) this._ahead.add(c.id);
    const rest = this._comments.filter((x) => x.id !== c.id);
    // The tree keeps list order among siblings, so a reply appended at the end lands last under its parent.
    this._comments = c.parentId === null && this._sort === 'newest' ? [c, ...rest] : [...rest, c];
  }

  private _patch(id: number, fields: Partial<PublicComment>): void {
    this._comments = this._comments.map((x) => (x.id === id ? { ...x, ...fields } : x));
  }

  /** Marks a comment removed; the tree keeps it as a tombstone only while it has visible replies. */
  private _drop(id: number): void {
    if (this._comments.find((x) => x.id === id)?.status === 'approved') this._count--;
    this._patch(id, { status: 'removed', body: '' });
  }

  private async _focusLater(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private async _handleMore(): Promise<void> {
    if (this._more) return;
    this._more = true;
    this._fail = null;
    const had = new Set(this._comments.map((c) => c.id));
    try {
      this._apply(await this._page(this._cursor, this._thread.signal));
      // Continue where the reader was: on the first comment that just arrived.
      const first = this._comments.find((c) => !had.has(c.id));
      if (first) void this._focusLater(`#c-${first.id}`);
    } catch (err) {
      // Said under the button (and announced), focus back on it: disabled while loading, it lost focus.
      if (!this._thread.signal.aborted) this._extra().then((x) => x.fail(this as never, 0, err), noop);
    } finally {
      this._more = false;
    }
  }

  private _handleInput(e: Event): void {
    const t = e.target as HTMLInputElement;
    // Whoever types is likely to post: fetch the part that sends the form (extra.ts) now.
    this._extra().catch(noop);
    const f = t.name as Field;
    // Kept in place, with no render: the field already shows what was typed, and rendering a long
    // thread on every keystroke lagged the typing (25 ms a key with 1,000 comments shown). A render
    // for anything else sets each field to its kept value, the same text. Only a field's error
    // message, cleared as the reader corrects it, asks for one.
    this._values[f] = t.value;
    this._errors[f] &&= (this.requestUpdate(), '');
  }

  private _focusFirstError(): boolean {
    const any = Object.values(this._errors).some(Boolean);
    // The first field marked invalid in the form, in the order the reader sees them.
    if (any) void this._focusLater('form [aria-invalid=true]');
    return any;
  }

  private _bodyError(body: string): string {
    const max = this._config?.maxBodyChars ?? Infinity;
    return !body ? this._m._errBody : body.length > max ? fmt(this._m._errLong, { n: this._nf.format(max) }) : '';
  }

  /**
   * Checks the form at once, here; sending it and showing the outcome are in extra.ts, which starts
   * loading with the reader's first keystroke in the form.
   */
  private async _handleSubmit(e?: Event, acknowledgeNudge?: true): Promise<void> {
    e?.preventDefault();
    if (this._sending) return;
    const m = this._m;
    const v = this._values;
    const body = v.body.trim();
    const name = v.name.trim();
    const email = v.email.trim();
    const website = normalizeWebsite(v.website);
    this._errors = {
      body: this._bodyError(body),
      name: name ? '' : m._errName,
      email: (email ? !EMAIL_RE.test(email) : this._config?.requireEmail) ? m._errEmail : '',
      website: website === null ? m._errUrl : '',
    };
    this._notice = '';
    if (this._focusFirstError()) return;
    this._sending = true;
    try {
      // website is not null here: that is an error, and the form stops above.
      await (await this._extra()).post(this as never, { body, name, email, website: website! }, pageUrl(), acknowledgeNudge);
    } catch {
      // Only extra.ts failing to load ends here (post() answers its own errors): an outage.
      this._notice = this._m.SERVICE_UNAVAILABLE;
      void this._focusLater('.notice');
    } finally {
      this._sending = false;
    }
  }

  private _startReply(c: PublicComment | null): void {
    const was = this._replyTo;
    this._replyTo = c;
    this._notice = '';
    this._errors = {};
    // Into the form when replying; back to the comment's Reply button when cancelling.
    void this._focusLater(c ? '#f-body' : `#r-${was?.id}`);
  }

  /** Opens the comment a #parley-comment-ID permalink names (extra.ts, loaded only for such a link). */
  private _reveal(): void {
    if (/^#parley-comment-\d/.test(location.hash)) this._extra().then((x) => x.reveal(this as never), noop);
  }

  /** One reaction per comment: shown at once, then the server's count (which counts a reader once). */
  private async _react(c: PublicComment): Promise<void> {
    if (this._liked.includes(c.id)) return;
    this._fail = null;
    this._liked = [...this._liked, c.id].slice(-500);
    this._counts = { ...this._counts, [c.id]: (this._counts[c.id] ?? 0) + 1 };
    try {
      const r = await this._send<{ count: number }>(`/comments/${c.id}/reactions`, 'POST');
      this._counts = { ...this._counts, [c.id]: r.count };
      writeStore(`parley-liked:${this._api}`, JSON.stringify(this._liked));
    } catch (err) {
      this._liked = this._liked.filter((x) => x !== c.id);
      this._counts = { ...this._counts, [c.id]: this._counts[c.id]! - 1 };
      // Worded and shown under the comment by extra.ts; not reaching that file is an outage.
      this._extra().then((x) => x.fail(this as never, c.id, err), () => (this._live = this._m.SERVICE_UNAVAILABLE));
    }
  }

  private _link(c: PublicComment): string {
    return `${location.href.replace(/#.*/, '')}#parley-comment-${c.id}`;
  }

  private _ago(iso: string): string {
    const s = (Date.parse(iso) - Date.now()) / 1000;
    for (const [unit, secs] of UNITS) if (Math.abs(s) >= secs) return this._rtf.format(Math.round(s / secs), unit);
    // Intl's Hindi for "now" is अब; readers expect अभी.
    return this._m._now;
  }

  protected override render(): TemplateResult | typeof nothing {
    if (!this._loc) return nothing;
    const m = this._m;
    const n = this._count;
    this._placed = false;
    const tree = buildTree(this._comments);
    const ready = this._phase === 'ready';
    return html`<section class="base" part="base" lang=${this._loc!} aria-labelledby="h">
      <div class="head">
        <h2 id="h" part="heading" tabindex="-1">
          ${!ready
            ? this._phase === 'failed'
              ? m._loadFailed
              : m._loading
            : n
              ? fmt(n === 1 ? m._one : m._other, { n: this._nf.format(n) })
              : this._comments.length
                ? fmt(m._other, { n: this._nf.format(0) })
                : m._zero}
        </h2>
        ${this._refused
          ? nothing
          : this._phase === 'failed'
          ? html`<button type="button" class="link" @click=${this._load}>${m._retry}</button>`
          : n > 1
            ? html`<label
                >${m._sort}
                <select
                  part="sort"
                  @change=${(e: Event) => {
                    this._sort = (e.target as HTMLSelectElement).value as 'oldest';
                    this._sorted = true;
                    this._load();
                  }}
                >
                  <option value="oldest" ?selected=${this._sort === 'oldest'}>${m._oldest}</option>
                  <option value="newest" ?selected=${this._sort === 'newest'}>${m._newest}</option>
                  <option value="best" ?selected=${this._sort === 'best'}>${m._best}</option>
                  ${this._config?.picksTab ? html`<option value="picks" ?selected=${this._sort === 'picks'}>${m._pick}</option>` : nothing}
                </select></label
              >`
            : nothing}
      </div>
      ${this._refused?.map((line) => html`<p class="notice" part="refused">${line}</p>`)}
      <ol class="thread" part="thread">
        ${tree.map(this._renderNode)}
      </ol>
      ${ready && this._sort === 'picks' && !tree.length ? html`<p class="notice" part="empty">${m._noPicks}</p>` : nothing}
      ${this._cursor
        ? html`<button type="button" class="more" part="more" ?disabled=${this._more} @click=${this._handleMore}>
            ${m._more}
          </button>`
        : nothing}
      ${this._fail?.[0] === 0 ? html`<p class="err" part="error">${this._fail[1]}</p>` : nothing}
      ${this._closed
        ? html`<p id="closed" class="notice" part="closed" tabindex="-1">${m.COMMENTS_CLOSED}</p>
            ${this._x?.draft(this as never, lit)}`
        : ready && !this._placed
          ? this._renderForm()
          : nothing}
      <div class="sr" role="status">${this._live}</div>
    </section>`;
  }

  // An arrow so map() can call it unbound.
  private _renderNode = ({ c, kids }: CommentNode): TemplateResult => {
    const m = this._m;
    const href = safeHttpUrl(c.authorWebsite);
    const pending = c.status === 'pending';
    // depth is 0-based and maxDepth counts levels, so the deepest level gets no Reply button.
    const canReply = !this._closed && c.status === 'approved' && c.depth + 1 < (this._config?.maxDepth ?? 99);
    const own = c.mine && Date.parse(c.editableUntil ?? '') > Date.now() && this._editId !== c.id;
    const button = (label: string, onClick: () => void, id?: string, aria?: string): TemplateResult =>
      html`<button type="button" class="link" id=${id ?? nothing} aria-label=${aria ?? nothing} @click=${onClick}>
        ${label}
      </button>`;
    return html`<li>
      <article
        id=${`c-${c.id}`}
        part=${`comment ${c.status}`}
        class=${c.id === this._hl ? 'hl' : ''}
        tabindex="-1"
      >
        ${c.status === 'removed'
          ? html`<p class="tomb">${m._removed}</p>`
          : html`<header>
                <bdi class="author" part="author"
                  >${href
                    ? html`<a href=${href} rel="nofollow ugc noopener" part="author-link">${c.authorName}</a>`
                    : c.authorName}</bdi
                >
                ${c.staff ? html`<span class="muted staff" part="staff">${m._staff}</span>` : nothing}
                ${c.featured ? html`<span class="muted pick" part="pick">★ ${m._pick}</span>` : nothing}
                <a class="time" href=${this._link(c)}
                  ><time datetime=${c.createdAt} title=${this._dtf.format(new Date(c.createdAt))}>${this._ago(c.createdAt)}</time></a
                >
                ${c.editedAt ? html`<span class="muted">(${m._edited})</span>` : nothing}
              </header>
              ${pending || c.status == 'rejected' ? html`<p class="pending" part="awaiting">${pending ? m._awaiting : m._rejected}</p>` : nothing}
              ${this._editId === c.id
                ? this._x!.editForm(this as never, lit, c)
                : html`<div class="body" part="body">${renderText(c.body)}</div>`}
              <div class="bar" part="actions">
                ${canReply ? button(m._reply, () => this._startReply(c), `r-${c.id}`, fmt(m._replyTo, { name: c.authorName })) : nothing}
                ${own && this._confirmId !== c.id
                  ? html`${button(m._edit, () => this._extra().then((x) => x.edit(this as never, c), noop))}
                    ${button(m._del, () => this._extra().then((x) => x.askDelete(this as never, c), noop))}`
                  : nothing}
                ${this._confirmId === c.id ? this._x!.confirmDelete(this as never, lit, c) : nothing}
                ${c.status !== 'approved' || this._config?.reactions == 'off'
                  ? nothing
                  : html`<button type="button" class="link" aria-pressed=${this._liked.includes(c.id)} @click=${() => this._react(c)}>
                      ${this._config?.reactions == 'like' ? m._like : m._respect} ${this._counts[c.id] ? this._nf.format(this._counts[c.id]!) : ''}
                    </button>`}
                ${c.status !== 'approved'
                  ? nothing
                  : button(m._copy, () => {
                      const link = this._link(c);
                      // No clipboard on a plain-http page, or the browser said no: the link to copy by hand.
                      (navigator.clipboard ? navigator.clipboard.writeText(link) : Promise.reject()).then(
                        () => (this._live = m._copied),
                        () => prompt(m._copy, link),
                      );
                    })}
                ${c.mine || c.status !== 'approved'
                  ? nothing
                  : this._reported.includes(c.id)
                    ? html`<span class="muted">${m._reportedMark}</span>`
                    : this._report?.id === c.id
                      ? nothing
                      : button(m._report, () => this._extra().then((x) => x.openReport(this as never, html, c), noop), `p-${c.id}`)}
              </div>
              ${this._fail?.[0] === c.id ? html`<p class="err" part="error">${this._fail[1]}</p>` : nothing} ${this._report?.id === c.id ? this._report.render() : nothing}`}
      </article>
      ${this._replyTo?.id === c.id && !this._closed ? this._renderForm() : nothing}
      ${kids.length
        ? html`<ol class="replies" part="replies">
            ${kids.map(this._renderNode)}
          </ol>`
        : nothing}
    </li>`;
  };

  private _renderField(name: Field, required: boolean, hint?: string): TemplateResult {
    const id = `f-${name}`;
    const err = this._errors[name];
    const describedBy = [hint && `${id}-hint`, err && `${id}-err`].filter(Boolean).join(' ') || nothing;
    return html`<p>
      <label for=${id}>${this._m[name]}${required ? html` <span aria-hidden="true">*</span>` : nothing}</label>
      ${name === 'body'
        ? html`<textarea
            id=${id}
            name=${name}
            rows="6"
            required
            aria-invalid=${!!err}
            aria-describedby=${describedBy}
            .value=${this._values[name]}
            @input=${this._handleInput}
          ></textarea>`
        : html`<input
            id=${id}
            name=${name}
            type=${name === 'name' ? 'text' : name === 'email' ? 'email' : 'url'}
            autocomplete=${name === 'website' ? 'url' : name}
            ?required=${required}
            aria-invalid=${!!err}
            aria-describedby=${describedBy}
            .value=${this._values[name]}
            @input=${this._handleInput}
          />`}
      ${hint ? html`<span class="hint" id=${`${id}-hint`}>${hint}</span>` : nothing}
      ${err ? html`<span class="err" id=${`${id}-err`}>${err}</span>` : nothing}
    </p>`;
  }

  private _renderForm(): TemplateResult {
    this._placed = true;
    const m = this._m;
    const r = this._replyTo;
    return html`<div class="respond" part="respond">
      <form part="form" novalidate aria-labelledby="rt" @submit=${this._handleSubmit}>
        <div class="bar">
          <h3 id="rt" part="form-heading">${r ? named(m._replyTo, r.authorName) : m._leave}</h3>
          ${r ? html`<button type="button" class="link" @click=${() => this._startReply(null)}>${m._cancelReply}</button>` : nothing}
        </div>
        <p class="hint">${m._requiredNote}</p>
        ${this._renderField('body', true)} ${this._renderField('name', true)}
        ${this._renderField('email', !!this._config?.requireEmail, m._emailHint)} ${this._renderField('website', false)}
        <input class="hp" id="f-hp" name="homepage" tabindex="-1" autocomplete="off" aria-hidden="true" />
        <div class="check">
          <input
            type="checkbox"
            id="f-remember"
            .checked=${this._remember}
            @change=${(e: Event) => (this._remember = (e.target as HTMLInputElement).checked)}
          />
          <label for="f-remember">${m._remember}</label>
        </div>
        ${this._config?.notify
          ? html`<div class="check">
              <input
                type="checkbox"
                id="f-notify"
                .checked=${this._notify}
                @change=${(e: Event) => (this._notify = (e.target as HTMLInputElement).checked)}
              />
              <label for="f-notify">${m._notify}</label>
            </div>`
          : nothing}
        ${this._notice
          ? html`<div class="notice" part="notice" tabindex="-1">
              <p>${this._notice}</p>
              ${this._x?.nudgeBar(this as never, lit) ?? nothing}
            </div>`
          : nothing}
        <p><button type="submit" class="btn" part="submit" ?disabled=${this._sending}>${m._post}</button></p>
      </form>
    </div>`;
  }
}
