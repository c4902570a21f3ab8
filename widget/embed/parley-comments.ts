// <parley-comments>: the reader-facing thread and the WordPress-style "Leave a Reply" form.
// One element on purpose: the form moves under the comment being answered, and the thread, the
// form and the live updates share state that separate elements would have to pass around.
// Written for size (the embed has a gzip budget): every feature here is one the issue asks for.
import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { ApiError, request, type PostResult, type PublicComment, type SiteConfig, type ThreadPage } from '../shared/api.js';
import { renderText, safeHttpUrl } from '../shared/text.js';
import { fmt, messages, pickLocale, type Locale, type Messages } from './i18n.js';
import { styles } from './styles.js';
import { buildTree, type CommentNode } from './tree.js';

type Field = 'body' | 'name' | 'email' | 'website';
type Values = Record<Field, string>;
type Errors = Partial<Record<Field, string>>;

const FIELDS: readonly Field[] = ['body', 'name', 'email', 'website'];
const FIELD_ERRORS = { body: 'errBody', name: 'errName', email: 'errEmail', website: 'errUrl' } as const;
const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 31536000],
  ['month', 2592000],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];
const TOKEN_HEADER = 'x-parley-author-token';
const IDENTITY_KEY = 'parley-identity';
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// The embed is served by the Parley server itself, so its own URL says where the API is.
const DEFAULT_SERVER = new URL(import.meta.url).origin;

const noop = (): void => {};
const enc = encodeURIComponent;
const state = (names: string): PropertyDeclarations =>
  Object.fromEntries(names.split(' ').map((n) => [n, { state: true }]));

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

/** What focus is on: an element's own id, else the id of the comment it sits in. */
function focusKey(el: Element | null | undefined): string | undefined {
  return el ? el.id || el.closest('article')?.id : undefined;
}

/** '' for empty, null for invalid; a bare "example.com" gets https:// as WordPress readers expect. */
function normalizeWebsite(raw: string): string | null {
  const s = raw.trim();
  return s ? safeHttpUrl(/^[a-z][a-z\d+.-]*:/i.test(s) ? s : `https://${s}`) : '';
}

export class ParleyComments extends LitElement {
  static override styles = styles;
  static override properties: PropertyDeclarations = {
    site: {},
    article: {},
    server: {},
    theme: { reflect: true },
    ...state('config comments count closed cursor phase more sort values remember errors notice sending replyTo editId editBody editError confirmId live'),
  };

  /** Site slug (required). */
  site = '';
  /** Article key; defaults to the canonical URL. */
  article = '';
  /** Parley origin; defaults to the origin embed.js was loaded from. */
  server = '';
  /** 'light' | 'dark'; unset follows prefers-color-scheme. */
  theme?: string;

  private config: SiteConfig | null = null;
  private comments: PublicComment[] = [];
  private count = 0;
  private closed = false;
  private cursor: string | null = null;
  private phase: 'loading' | 'ready' | 'failed' = 'loading';
  private more = false;
  private sort: 'oldest' | 'newest' = 'oldest';
  private values: Values = { body: '', name: '', email: '', website: '' };
  private remember = false;
  private errors: Errors = {};
  private notice = '';
  private sending = false;
  private replyTo: PublicComment | null = null;
  private editId: number | null = null;
  private editBody = '';
  private editError = '';
  private confirmId: number | null = null;
  private live = '';

  private key = '';
  private configFor = '';
  private life = new AbortController();
  private thread = new AbortController();
  private events: EventSource | null = null;
  private tokenReq: Promise<string> | null = null;
  private clock?: ReturnType<typeof setInterval>;
  private placed = false;
  private focusKey?: string;
  private loc?: Locale;
  private m: Messages = messages.en;
  private rtf!: Intl.RelativeTimeFormat;
  private dtf!: Intl.DateTimeFormat;
  private nf!: Intl.NumberFormat;

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
    this.life = new AbortController();
    try {
      const saved = JSON.parse(readStore(IDENTITY_KEY) ?? 'null') as Partial<Values> | null;
      if (saved) {
        this.values = { ...this.values, ...saved, body: this.values.body };
        this.remember = true;
      }
    } catch {
      writeStore(IDENTITY_KEY, null);
    }
    // Relative times ("5 minutes ago") and edit windows age while the page stays open.
    this.clock = setInterval(() => this.requestUpdate(), 60_000);
    // Re-attached after a removal (SPA re-render): the old connection was closed, so start again.
    if (this.hasUpdated) this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
    this.life.abort();
    clearInterval(this.clock);
  }

  protected override willUpdate(changed: PropertyValues): void {
    // The closest lang wins: a Hindi page may carry an English article, and the widget follows the article.
    const loc = pickLocale(
      this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || this.config?.locale,
    );
    if (loc !== this.loc) {
      this.loc = loc;
      this.m = messages[loc];
      this.rtf = new Intl.RelativeTimeFormat(loc, { numeric: 'auto' });
      this.dtf = new Intl.DateTimeFormat(loc, { dateStyle: 'long', timeStyle: 'short' });
      this.nf = new Intl.NumberFormat(loc);
    }
    if (changed.has('site') || changed.has('article') || changed.has('server')) this.load();
    this.focusKey = focusKey(this.shadowRoot?.activeElement);
  }

  // Lists render by index (Lit's keyed repeat() cost ~0.9 kB gzip of the budget), so a live comment
  // inserted above, or one removed, can slide another comment's content under the focused element
  // or re-create the reply form. Put focus back where the reader was, by element or comment id.
  protected override updated(): void {
    const key = this.focusKey;
    if (key && focusKey(this.shadowRoot?.activeElement) !== key)
      this.renderRoot.querySelector<HTMLElement>(`#${key}`)?.focus();
  }

  private get api(): string {
    return `${(this.server || DEFAULT_SERVER).replace(/\/+$/, '')}/api/v1/sites/${enc(this.site)}`;
  }

  private get url(): string {
    return `${this.api}/articles/${enc(this.key)}`;
  }

  private get tokenKey(): string {
    return `parley-token:${this.api}`;
  }

  private send<T>(path: string, method = 'GET', body?: unknown, signal = this.life.signal): Promise<T> {
    const token = readStore(this.tokenKey);
    return request<T>(this.url + path, { method, body, signal, headers: token ? { [TOKEN_HEADER]: token } : {} });
  }

  private stop(): void {
    this.thread.abort();
    this.events?.close();
    this.events = null;
  }

  /** (Re)loads config and the first page; called when site, article, server or sort change. */
  private load(): void {
    this.stop();
    const ctl = (this.thread = new AbortController());
    const api = this.api;
    this.key = this.article || pageUrl();
    this.comments = [];
    this.cursor = this.replyTo = this.editId = this.confirmId = null;
    this.count = 0;
    this.closed = false;
    this.notice = '';
    this.phase = 'loading';
    if (this.configFor !== api) this.tokenReq = null;
    const config =
      this.configFor === api && this.config
        ? this.config
        : request<{ site: SiteConfig }>(`${api}/config`, { signal: ctl.signal }).then((r) => r.site);
    Promise.all([config, this.page(null, ctl.signal)]).then(
      ([site, page]) => {
        if (ctl.signal.aborted) return;
        this.config = site;
        this.configFor = api;
        this.phase = 'ready';
        this.apply(page);
        // The stream works before the article exists, so the first comment anyone posts shows up.
        this.listen();
        // Fetched as soon as the form shows: the server treats posts sooner than 2 s after it as spam.
        this.formToken().catch(noop);
      },
      () => {
        if (!ctl.signal.aborted) this.phase = 'failed';
      },
    );
  }

  /** One page of the thread; null when nobody has commented yet (the first post creates the article). */
  private async page(cursor: string | null, signal: AbortSignal): Promise<ThreadPage | null> {
    try {
      return await this.send<ThreadPage>(
        `/comments?sort=${this.sort}&limit=50${cursor ? `&cursor=${enc(cursor)}` : ''}`,
        'GET',
        undefined,
        signal,
      );
    } catch (err) {
      if ((err as ApiError).code === 'ARTICLE_NOT_FOUND') return null;
      throw err;
    }
  }

  private apply(page: ThreadPage | null): void {
    if (!page) return;
    const seen = new Set(this.comments.map((c) => c.id));
    this.comments = [...this.comments, ...page.comments.filter((c) => !seen.has(c.id))];
    this.cursor = page.nextCursor;
    this.count = page.article.commentCount;
    this.closed = page.article.closed;
  }

  private formToken(): Promise<string> {
    if (!this.tokenReq) {
      const req = request<{ token: string }>(`${this.api}/form-token`, { signal: this.life.signal }).then((r) => r.token);
      req.catch(() => {
        if (this.tokenReq === req) this.tokenReq = null;
      });
      this.tokenReq = req;
    }
    return this.tokenReq;
  }

  private listen(): void {
    if (this.events) return;
    const es = (this.events = new EventSource(`${this.url}/events`));
    const on = (type: string, fn: (data: PublicComment) => void): void =>
      es.addEventListener(type, (e) => {
        try {
          fn(JSON.parse((e as MessageEvent<string>).data) as PublicComment);
        } catch {
          /* a malformed event is dropped; the next load shows the truth */
        }
      });
    on('comment', (c) => this.handleLive(c));
    on('removed', (c) => this.drop(c.id));
  }

  private handleLive(c: PublicComment): void {
    const old = this.comments.find((x) => x.id === c.id);
    if (old) {
      // Our own held comment was approved (or an edit landed): keep the author-only fields.
      if (old.status !== 'approved' && c.status === 'approved') this.count++;
      this.comments = this.comments.map((x) => (x === old ? { ...x, ...c } : x));
    } else if (c.status === 'approved') {
      this.count++;
      // A reply into a thread that is not loaded, or a comment past the loaded pages, arrives with
      // "Load more"; only the count changes now.
      if (c.parentId !== null ? this.comments.some((x) => x.id === c.parentId) : this.sort === 'newest' || !this.cursor) {
        this.insert(c);
        this.live = fmt(this.m.newComment, { name: c.authorName });
      }
    }
  }

  private insert(c: PublicComment): void {
    const rest = this.comments.filter((x) => x.id !== c.id);
    // The tree keeps list order among siblings, so a reply appended at the end lands last under its parent.
    this.comments = c.parentId === null && this.sort === 'newest' ? [c, ...rest] : [...rest, c];
  }

  /** Marks a comment removed; the tree keeps it as a tombstone only while it has visible replies. */
  private drop(id: number): void {
    this.comments = this.comments.map((x) => {
      if (x.id !== id) return x;
      if (x.status === 'approved') this.count--;
      return { ...x, status: 'removed', body: '' };
    });
  }

  private async focusLater(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private async handleMore(): Promise<void> {
    if (this.more) return;
    this.more = true;
    const n = this.comments.length;
    try {
      this.apply(await this.page(this.cursor, this.thread.signal));
      // Continue where the reader was: on the first comment that just arrived.
      const first = this.comments[n];
      if (first) void this.focusLater(`#c-${first.id}`);
    } catch {
      if (!this.thread.signal.aborted) this.live = this.m.loadFailed;
    } finally {
      this.more = false;
    }
  }

  private handleInput(e: Event): void {
    const t = e.target as HTMLInputElement;
    const f = t.name as Field;
    this.values = { ...this.values, [f]: t.value };
    this.errors = { ...this.errors, [f]: '' };
  }

  private focusFirstError(): boolean {
    const f = FIELDS.find((k) => this.errors[k]);
    if (f) void this.focusLater(`#f-${f}`);
    return !!f;
  }

  private bodyError(body: string): string {
    const max = this.config?.maxBodyChars ?? Infinity;
    return !body ? this.m.errBody : body.length > max ? fmt(this.m.errLong, { n: this.nf.format(max) }) : '';
  }

  /** The reader-facing text for a failed request, looked up by the server's error code. */
  private errorText(err: unknown): string {
    const m = this.m as Messages & Record<string, string>;
    const e = err instanceof ApiError ? err : new ApiError(0, '', '');
    const code = !e.status || e.status >= 500 ? 'SERVICE_UNAVAILABLE' : e.status === 413 ? 'PAYLOAD_TOO_LARGE' : e.code;
    const s = e.retryAfter ?? 60;
    const t = new Intl.NumberFormat(this.loc, { style: 'unit', unit: s < 90 ? 'second' : 'minute', unitDisplay: 'long' });
    return fmt(/^[A-Z_]+$/.test(code) ? (m[code] ?? m.failed) : m.failed, { t: t.format(Math.ceil(s < 90 ? s : s / 60)) });
  }

  private async handleSubmit(e?: Event, acknowledgeNudge?: true): Promise<void> {
    e?.preventDefault();
    if (this.sending) return;
    const m = this.m;
    const v = this.values;
    const body = v.body.trim();
    const name = v.name.trim();
    const email = v.email.trim();
    const website = normalizeWebsite(v.website);
    this.errors = {
      body: this.bodyError(body),
      name: name ? '' : m.errName,
      email: (email ? !EMAIL_RE.test(email) : this.config?.requireEmail) ? m.errEmail : '',
      website: website === null ? m.errUrl : '',
    };
    this.notice = '';
    if (this.focusFirstError()) return;
    this.sending = true;
    try {
      const res = await this.send<PostResult>('/comments', 'POST', {
        body,
        name,
        email,
        website: website || undefined,
        parentId: this.replyTo?.id,
        article: { url: pageUrl(), title: document.title },
        hp: this.renderRoot.querySelector<HTMLInputElement>('#f-hp')?.value,
        formToken: await this.formToken(),
        acknowledgeNudge,
      });
      writeStore(this.tokenKey, res.authorToken);
      writeStore(IDENTITY_KEY, this.remember ? JSON.stringify({ name, email, website }) : null);
      const c: PublicComment = { ...res.comment, mine: true };
      // The live stream may have delivered this comment before the response: count it once.
      if (c.status === 'approved' && !this.comments.some((x) => x.id === c.id)) this.count++;
      this.insert(c);
      this.values = { ...v, body: '' };
      this.replyTo = null;
      this.live = c.status === 'approved' ? m.published : m.awaiting;
      // A fresh token for the next comment, fetched now so its 2 s minimum has passed by then.
      this.tokenReq = null;
      this.formToken().catch(noop);
      void this.focusLater(`#c-${c.id}`);
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      const code = (err as ApiError).code;
      if (code === 'VALIDATION_FAILED') {
        const errors: Errors = {};
        for (const f of (err as ApiError).fields) {
          const k = f.field as Field;
          // Server messages are English; Hindi readers get the local wording for the field.
          if (k in FIELD_ERRORS) errors[k] = this.loc === 'en' ? f.message : m[FIELD_ERRORS[k]];
          if (f.field === 'formToken') this.tokenReq = null;
        }
        this.errors = errors;
        if (this.focusFirstError()) return;
      }
      if (code === 'COMMENTS_CLOSED') {
        this.closed = true;
        void this.focusLater('#closed');
        return;
      }
      this.notice = this.errorText(err);
      void this.focusLater('.notice');
    } finally {
      this.sending = false;
    }
  }

  private startReply(c: PublicComment | null): void {
    const was = this.replyTo;
    this.replyTo = c;
    this.notice = '';
    this.errors = {};
    // Into the form when replying; back to the comment's Reply button when cancelling.
    void this.focusLater(c ? '#f-body' : `#r-${was?.id}`);
  }

  private edit(c: PublicComment | null, id = this.editId): void {
    this.editId = c?.id ?? null;
    this.editBody = c?.body ?? '';
    this.editError = '';
    this.confirmId = null;
    void this.focusLater(c ? '#e-body' : `#c-${id}`);
  }

  /** PATCH (save an edit) or DELETE on the reader's own comment, authorised by the author token. */
  private async changeOwn(c: PublicComment, method: 'PATCH' | 'DELETE'): Promise<void> {
    const body = this.editBody.trim();
    if (method === 'PATCH' && (this.editError = this.bodyError(body))) return;
    if (this.sending) return;
    this.sending = true;
    try {
      const res = await this.send<{ comment: PublicComment } | undefined>(
        `/comments/${c.id}`,
        method,
        method === 'PATCH' ? { body } : undefined,
      );
      if (res) {
        this.comments = this.comments.map((x) => (x.id === c.id ? { ...x, ...res.comment, mine: true } : x));
        this.edit(null);
      } else {
        this.drop(c.id);
        this.live = this.m.deleted;
        void this.focusLater('#h');
      }
    } catch (err) {
      const text = this.errorText(err);
      if ((err as ApiError).code === 'EDIT_WINDOW_CLOSED')
        this.comments = this.comments.map((x) => (x.id === c.id ? { ...x, editableUntil: undefined } : x));
      if (method === 'PATCH') this.editError = text;
      else this.live = text;
    } finally {
      this.sending = false;
    }
  }

  private ago(iso: string): string {
    const s = (Date.parse(iso) - Date.now()) / 1000;
    for (const [unit, secs] of UNITS) if (Math.abs(s) >= secs) return this.rtf.format(Math.round(s / secs), unit);
    return this.rtf.format(0, 'second');
  }

  protected override render(): TemplateResult {
    const m = this.m;
    const n = this.count;
    this.placed = false;
    const tree = buildTree(this.comments);
    const ready = this.phase === 'ready';
    return html`<section class="base" part="base" lang=${this.loc!} aria-labelledby="h">
      <div class="head">
        <h2 id="h" part="heading" tabindex="-1">
          ${!ready
            ? m[this.phase === 'failed' ? 'loadFailed' : 'loading']
            : n
              ? fmt(n === 1 ? m.one : m.other, { n: this.nf.format(n) })
              : m.zero}
        </h2>
        ${this.phase === 'failed'
          ? html`<button type="button" class="link" @click=${this.load}>${m.retry}</button>`
          : this.comments.length > 1 || this.cursor
            ? html`<label
                >${m.sort}
                <select
                  part="sort"
                  @change=${(e: Event) => {
                    this.sort = (e.target as HTMLSelectElement).value as 'oldest';
                    this.load();
                  }}
                >
                  <option value="oldest" ?selected=${this.sort === 'oldest'}>${m.oldest}</option>
                  <option value="newest" ?selected=${this.sort === 'newest'}>${m.newest}</option>
                </select></label
              >`
            : nothing}
      </div>
      <ol class="thread" part="thread">
        ${tree.map(this.renderNode)}
      </ol>
      ${this.cursor
        ? html`<button type="button" class="more" part="more" ?disabled=${this.more} @click=${this.handleMore}>
            ${m.more}
          </button>`
        : nothing}
      ${this.closed
        ? html`<p id="closed" class="notice" part="closed" tabindex="-1">${m.COMMENTS_CLOSED}</p>`
        : ready && !this.placed
          ? this.renderForm()
          : nothing}
      <div class="sr" role="status">${this.live}</div>
    </section>`;
  }

  // An arrow so map() can call it unbound.
  private renderNode = ({ c, kids }: CommentNode): TemplateResult => {
    const m = this.m;
    const href = safeHttpUrl(c.authorWebsite);
    const pending = c.status === 'pending';
    // depth is 0-based and maxDepth counts levels, so the deepest level gets no Reply button.
    const canReply = !this.closed && c.status === 'approved' && c.depth + 1 < (this.config?.maxDepth ?? 99);
    const own = c.mine && Date.parse(c.editableUntil ?? '') > Date.now() && this.editId !== c.id;
    const button = (label: string, onClick: () => void, id?: string, aria?: string): TemplateResult =>
      html`<button type="button" class="link" id=${id ?? nothing} aria-label=${aria ?? nothing} @click=${onClick}>
        ${label}
      </button>`;
    return html`<li>
      <article
        id=${`c-${c.id}`}
        part=${`comment ${c.status}`}
        tabindex="-1"
      >
        ${c.status === 'removed'
          ? html`<p class="tomb">${m.removed}</p>`
          : html`<header>
                <span class="author" part="author"
                  >${href
                    ? html`<a href=${href} rel="nofollow ugc noopener" part="author-link">${c.authorName}</a>`
                    : c.authorName}</span
                >
                <time datetime=${c.createdAt} title=${this.dtf.format(new Date(c.createdAt))}>${this.ago(c.createdAt)}</time>
                ${c.editedAt ? html`<span class="muted">(${m.edited})</span>` : nothing}
              </header>
              ${pending ? html`<p class="pending" part="awaiting">${m.awaiting}</p>` : nothing}
              ${this.editId === c.id
                ? html`<label for="e-body">${m.body}</label>
                    <textarea
                      id="e-body"
                      .value=${this.editBody}
                      aria-invalid=${!!this.editError}
                      aria-describedby=${this.editError ? 'e-err' : nothing}
                      @input=${(e: Event) => (this.editBody = (e.target as HTMLTextAreaElement).value)}
                    ></textarea>
                    ${this.editError ? html`<p id="e-err" class="err">${this.editError}</p>` : nothing}
                    <div class="bar">
                      <button type="button" class="btn" ?disabled=${this.sending} @click=${() => this.changeOwn(c, 'PATCH')}>
                        ${m.save}
                      </button>
                      ${button(m.cancel, () => this.edit(null))}
                    </div>`
                : html`<div class="body" part="body">${renderText(c.body)}</div>`}
              <div class="bar" part="actions">
                ${canReply ? button(m.reply, () => this.startReply(c), `r-${c.id}`, fmt(m.replyTo, { name: c.authorName })) : nothing}
                ${own && this.confirmId !== c.id
                  ? html`${button(m.edit, () => this.edit(c))}
                    ${button(m.del, () => {
                      this.confirmId = c.id;
                      void this.focusLater(`#d-${c.id}`);
                    })}`
                  : nothing}
                ${this.confirmId === c.id
                  ? html`<span>${m.confirmDel}</span> ${button(m.yesDel, () => this.changeOwn(c, 'DELETE'), `d-${c.id}`)}
                    ${button(m.cancel, () => this.edit(null, c.id))}`
                  : nothing}
              </div>`}
      </article>
      ${this.replyTo?.id === c.id && !this.closed ? this.renderForm() : nothing}
      ${kids.length
        ? html`<ol class="replies" part="replies">
            ${kids.map(this.renderNode)}
          </ol>`
        : nothing}
    </li>`;
  };

  private renderField(name: Field, required: boolean, hint?: string): TemplateResult {
    const id = `f-${name}`;
    const err = this.errors[name];
    const describedBy = [hint && `${id}-hint`, err && `${id}-err`].filter(Boolean).join(' ') || nothing;
    return html`<p>
      <label for=${id}>${this.m[name]}${required ? html` <span aria-hidden="true">*</span>` : nothing}</label>
      ${name === 'body'
        ? html`<textarea
            id=${id}
            name=${name}
            rows="6"
            required
            aria-invalid=${!!err}
            aria-describedby=${describedBy}
            .value=${this.values[name]}
            @input=${this.handleInput}
          ></textarea>`
        : html`<input
            id=${id}
            name=${name}
            type=${name === 'name' ? 'text' : name === 'email' ? 'email' : 'url'}
            autocomplete=${name === 'website' ? 'url' : name}
            ?required=${required}
            aria-invalid=${!!err}
            aria-describedby=${describedBy}
            .value=${this.values[name]}
            @input=${this.handleInput}
          />`}
      ${hint ? html`<span class="hint" id=${`${id}-hint`}>${hint}</span>` : nothing}
      ${err ? html`<span class="err" id=${`${id}-err`}>${err}</span>` : nothing}
    </p>`;
  }

  private renderForm(): TemplateResult {
    this.placed = true;
    const m = this.m;
    const r = this.replyTo;
    return html`<div class="respond" part="respond">
      <form part="form" novalidate aria-labelledby="rt" @submit=${this.handleSubmit}>
        <div class="bar">
          <h3 id="rt" part="form-heading">${r ? fmt(m.replyTo, { name: r.authorName }) : m.leave}</h3>
          ${r ? html`<button type="button" class="link" @click=${() => this.startReply(null)}>${m.cancelReply}</button>` : nothing}
        </div>
        <p class="hint">${m.requiredNote}</p>
        ${this.renderField('body', true)} ${this.renderField('name', true)}
        ${this.renderField('email', !!this.config?.requireEmail, m.emailHint)} ${this.renderField('website', false)}
        <input class="hp" id="f-hp" name="homepage" tabindex="-1" autocomplete="off" aria-hidden="true" />
        <div class="check">
          <input
            type="checkbox"
            id="f-remember"
            .checked=${this.remember}
            @change=${(e: Event) => (this.remember = (e.target as HTMLInputElement).checked)}
          />
          <label for="f-remember">${m.remember}</label>
        </div>
        ${this.notice
          ? html`<div class="notice" part="notice" tabindex="-1">
              <p>${this.notice}</p>
              ${this.notice === m.TOXIC_NUDGE
                ? html`<div class="bar">
                    <button
                      type="button"
                      class="btn alt"
                      @click=${() => {
                        this.notice = '';
                        void this.focusLater('#f-body');
                      }}
                    >
                      ${m.revise}
                    </button>
                    <button type="button" class="btn" @click=${() => this.handleSubmit(undefined, true)}>${m.anyway}</button>
                  </div>`
                : nothing}
            </div>`
          : nothing}
        <p><button type="submit" class="btn" part="submit" ?disabled=${this.sending}>${m.post}</button></p>
      </form>
    </div>`;
  }
}
