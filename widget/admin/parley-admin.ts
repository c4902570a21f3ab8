// <parley-admin>: the moderator view's shell. It owns the session (login, logout, the CSRF token
// inside the api client), the UI language and theme, the page (from location.hash, so Back works),
// the one aria-live region every page announces through with its Undo, and the dialogs any page may
// open (an author, a comment in its thread, a ban).
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ApiError, createAdminApi, type AdminApi, type AuthorRef, type CommentDetail, type ModeratorComment, type Queue, type Session, type Sort } from './api.js';
import type { ParleyAuthorView } from './author-view.js';
import './author-view.js';
import type { ParleyBanDialog } from './ban-dialog.js';
import './ban-dialog.js';
import './bans.js';
import { deepActiveElement, anyDialogOpen, type OpenOptions, type UndoableDetail } from './dialog.js';
import { formatDuration } from './format.js';
import { errorText, fmt, messages, pickLocale, plural, storedLocale, storeLocale, type Locale, type Messages } from './i18n.js';
import './audit.js';
import './moderators.js';
import { importMessages } from './imports.js';
import { notifyMessages } from './notifications.js';
import { isTyping, type QueueRoute } from './queue.js';
import './queue.js';
import './sites.js';
import './stories.js';
import { styles } from './styles.js';
import { storedTheme, storeTheme, themeStyles, type Theme } from './theme.js';
import type { ParleyThreadDialog } from './thread-dialog.js';
import './thread-dialog.js';

/** How long an action can be undone from the toast (and with z). */
export const UNDO_MS = 15_000;
const SAID_MS = 8000;

/** The detail of `parley-announce`: a sentence for screen readers (and the visible status line). */
export type AnnounceEvent = CustomEvent<string>;

interface Route {
  page: string;
  params: URLSearchParams;
}

function routeFromHash(): Route {
  const h = location.hash.replace(/^#\/?/, '');
  // #comment/<id>: one comment, as the links in alert emails open it.
  const comment = /^comment\/(\d+)$/.exec(h);
  if (comment) return { page: 'comment', params: new URLSearchParams({ id: comment[1]! }) };
  const [page = '', query = ''] = h.split('?');
  return { page: page || 'queue', params: new URLSearchParams(query) };
}

interface PageContext {
  client: AdminApi;
  t: Messages;
  locale: Locale;
  session: Session;
  route: Route;
  eventsUrl: string;
}

/**
 * The pages, in navigation order. A page is a label, who sees it, and what it renders; a new page
 * (imports, say) is one more entry here.
 */
interface PageDef {
  id: string;
  label(t: Messages, locale: Locale): string;
  /** Only administrators see it (the API refuses others anyway). */
  admin?: boolean;
  /** Reachable by its address but not listed in the navigation. */
  hidden?: boolean;
  render(ctx: PageContext): TemplateResult;
}

const PAGES: readonly PageDef[] = [
  {
    id: 'queue',
    label: (t) => t.navQueue,
    render: (c) => {
      const p = c.route.params;
      const route: QueueRoute = {
        queue: (p.get('queue') as Queue | null) ?? undefined,
        site: p.get('site') ?? undefined,
        article: p.get('article') ?? undefined,
        email: p.get('email') ?? undefined,
        q: p.get('q') ?? undefined,
        sort: (p.get('sort') as Sort | null) ?? undefined,
      };
      return html`<parley-admin-queue
        .client=${c.client}
        .t=${c.t}
        .locale=${c.locale}
        .sites=${c.session.sites}
        .eventsUrl=${c.eventsUrl}
        .route=${route}
      ></parley-admin-queue>`;
    },
  },
  {
    id: 'stories',
    label: (t) => t.navStories,
    render: (c) => html`<parley-admin-stories .client=${c.client} .t=${c.t} .locale=${c.locale} .sites=${c.session.sites}></parley-admin-stories>`,
  },
  {
    id: 'bans',
    label: (t) => t.navBans,
    render: (c) => html`<parley-admin-bans .client=${c.client} .t=${c.t} .locale=${c.locale} .sites=${c.session.sites}></parley-admin-bans>`,
  },
  {
    id: 'audit',
    label: (t) => t.navAudit,
    render: (c) => html`<parley-admin-audit .client=${c.client} .t=${c.t} .locale=${c.locale} .sites=${c.session.sites}></parley-admin-audit>`,
  },
  {
    id: 'alerts',
    label: (_t, locale) => notifyMessages[locale].navAlerts,
    render: (c) => html`<parley-admin-alerts .client=${c.client} .t=${c.t} .locale=${c.locale}></parley-admin-alerts>`,
  },
  {
    id: 'sites',
    label: (t) => t.navSites,
    admin: true,
    render: (c) => html`<parley-admin-sites .client=${c.client} .t=${c.t} .locale=${c.locale}></parley-admin-sites>`,
  },
  {
    id: 'moderators',
    label: (t) => t.navModerators,
    admin: true,
    render: (c) => html`<parley-admin-moderators .client=${c.client} .t=${c.t} .locale=${c.locale}></parley-admin-moderators>`,
  },
  {
    id: 'webhooks',
    label: (_t, locale) => notifyMessages[locale].navWebhooks,
    admin: true,
    render: (c) => html`<parley-admin-webhooks .client=${c.client} .t=${c.t} .locale=${c.locale}></parley-admin-webhooks>`,
  },
  {
    id: 'imports',
    label: (_t, locale) => importMessages[locale].navImports,
    admin: true,
    render: (c) => html`<parley-admin-imports .client=${c.client} .locale=${c.locale} .sites=${c.session.sites}></parley-admin-imports>`,
  },
  {
    id: 'comment',
    label: (t) => t.openComment,
    hidden: true,
    render: (c) =>
      html`<parley-admin-comment .client=${c.client} .t=${c.t} .locale=${c.locale} .commentId=${Number(c.route.params.get('id') ?? 0)}></parley-admin-comment>`,
  },
];

export class ParleyAdmin extends LitElement {
  static override styles = [
    styles,
    themeStyles,
    css`
      header {
        border-bottom: 1px solid var(--_border);
        background: var(--_soft);
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.35rem 0.75rem;
        padding: 0.4rem 1rem;
      }
      .brand {
        font-weight: 700;
        margin-inline-end: auto;
        white-space: nowrap;
      }
      .who {
        max-width: 16rem;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .bar label.row {
        gap: 0.25rem;
      }
      nav {
        padding: 0 1rem;
        /* One line that scrolls sideways on a phone, instead of wrapping into a ragged block. */
        overflow-x: auto;
        scrollbar-width: thin;
      }
      nav ul {
        display: flex;
        gap: 0 1.1rem;
        list-style: none;
        margin: 0;
        padding: 0;
        white-space: nowrap;
      }
      nav a {
        display: inline-block;
        padding: 0.45rem 0 0.35rem;
        text-decoration: none;
        border-bottom: 3px solid transparent;
      }
      nav a:hover {
        text-decoration: underline;
      }
      nav a[aria-current='page'] {
        font-weight: 700;
        color: var(--_fg);
        border-bottom-color: var(--_accent);
      }
      main {
        padding: 1rem;
        max-width: 60rem;
        margin: 0 auto;
      }
      .login {
        max-width: 24rem;
      }
      .login input {
        width: 100%;
      }
      /* Stays in view at the bottom of a long queue, so the result of an action is seen where it happened. */
      .toast {
        position: sticky;
        bottom: 0;
        margin: 0.5rem 0 0;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 0.75rem;
        background: var(--_fg);
        color: var(--_bg);
        border-radius: var(--_radius);
        padding: 0.35rem 0.75rem;
      }
      .toast:not(.shown) {
        padding: 0;
      }
      .toast p {
        margin: 0;
        flex: 1 1 12rem;
      }
      .toast button {
        background: var(--_bg);
        color: var(--_fg);
        border-color: var(--_bg);
        font-weight: 600;
      }
      @media (max-width: 767px) {
        .who {
          display: none;
        }
      }
      @media (max-width: 480px) {
        .bar {
          padding: 0.35rem 0.5rem;
        }
        .bar .label-text {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip-path: inset(50%);
        }
        nav {
          padding: 0 0.5rem;
        }
        main {
          padding: 0.5rem;
        }
      }
    `,
  ];

  static override properties = {
    api: {},
    theme: { reflect: true },
    phase: { state: true },
    session: { state: true },
    locale: { state: true },
    route: { state: true },
    loginError: { state: true },
    busy: { state: true },
    said: { state: true },
    news: { state: true },
    undoBatch: { state: true },
  };

  /** Base path of the admin API (same origin, so the session cookie travels). */
  api = '/api/v1/admin';
  /** 'light' or 'dark' when the moderator picked one; absent follows the system. */
  theme: 'light' | 'dark' | undefined;
  phase: 'loading' | 'login' | 'ready' = 'loading';
  session: Session | null = null;
  locale: Locale = 'en';
  route: Route = { page: 'queue', params: new URLSearchParams() };
  loginError = '';
  busy = false;
  said = '';
  /** The last piece of news told while the toast offered Undo (screen readers only). */
  news = '';
  /** The action the toast can undo, until UNDO_MS after it. */
  undoBatch: string | null = null;

  private client: AdminApi | null = null;
  /**
   * Keeps --pa-toast-space on <main> at the shown toast's height (unset when none): a page's sticky bar
   * (the queue's bulk actions) keeps that much room at the bottom, so neither covers the other.
   */
  private readonly toastSpace = new ResizeObserver(([entry]) => {
    const main = this.renderRoot.querySelector<HTMLElement>('main');
    const height = entry?.target.getBoundingClientRect().height ?? 0;
    if (height > 0) main?.style.setProperty('--pa-toast-space', `${Math.ceil(height) + 4}px`);
    else main?.style.removeProperty('--pa-toast-space');
  });
  private observedToast: Element | null = null;
  private clearTimer: number | undefined;
  private undoTimer: number | undefined;
  private readonly onHash = () => {
    this.route = routeFromHash();
  };
  private readonly onAnnounce = (e: Event) => this.announce((e as AnnounceEvent).detail);
  /** News while an undo is on offer goes to a region of its own, so the toast keeps its Undo. */
  private readonly onNews = (e: Event) => {
    const text = (e as AnnounceEvent).detail;
    if (!this.undoBatch) return this.announce(text);
    this.news = '';
    void this.updateComplete.then(() => (this.news = text));
  };
  private readonly onUndoable = (e: Event) => this.offerUndo((e as CustomEvent<UndoableDetail>).detail);
  private readonly onOpenAuthor = (e: Event) => {
    const d = (e as CustomEvent<{ ref: AuthorRef } & OpenOptions>).detail;
    void this.dialog<ParleyAuthorView>('parley-author-view')?.open(d.ref, d);
  };
  private readonly onOpenThread = (e: Event) => {
    const d = (e as CustomEvent<{ id: number } & OpenOptions>).detail;
    void this.dialog<ParleyThreadDialog>('parley-thread-dialog')?.open(d.id, d);
  };
  private readonly onOpenBan = (e: Event) => {
    const d = (e as CustomEvent<{ comment: ModeratorComment; detail?: CommentDetail } & OpenOptions>).detail;
    void this.dialog<ParleyBanDialog>('parley-ban-dialog')?.open(d.comment, d.detail, d);
  };
  private readonly onKey = (e: KeyboardEvent) => {
    // z (or Ctrl/Cmd+Z outside a field) undoes what the toast offers.
    const z = e.key === 'z' || e.key === 'Z';
    if (!z || !this.undoBatch || e.altKey || e.shiftKey || e.defaultPrevented) return;
    if (isTyping(e.composedPath()[0]) || anyDialogOpen()) return;
    e.preventDefault();
    void this.undo();
  };

  get t(): Messages {
    return messages[this.locale];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Explicit choice first, then the element's own lang (the page's is usually just "en"), then
    // the browser; the moderator's own locale applies after login unless a choice was stored.
    this.locale = storedLocale() ?? pickLocale(this.getAttribute('lang') || navigator.language);
    const theme = storedTheme();
    this.theme = theme === 'system' ? undefined : theme;
    this.route = routeFromHash();
    window.addEventListener('hashchange', this.onHash);
    document.addEventListener('keydown', this.onKey);
    this.addEventListener('parley-announce', this.onAnnounce);
    this.addEventListener('parley-news', this.onNews);
    this.addEventListener('parley-undoable', this.onUndoable);
    this.addEventListener('parley-open-author', this.onOpenAuthor);
    this.addEventListener('parley-open-thread', this.onOpenThread);
    this.addEventListener('parley-open-ban', this.onOpenBan);
    this.client = createAdminApi(this.api, () => this.expire());
    void this.restore();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
    document.removeEventListener('keydown', this.onKey);
    this.removeEventListener('parley-announce', this.onAnnounce);
    this.removeEventListener('parley-news', this.onNews);
    this.removeEventListener('parley-undoable', this.onUndoable);
    this.removeEventListener('parley-open-author', this.onOpenAuthor);
    this.removeEventListener('parley-open-thread', this.onOpenThread);
    this.removeEventListener('parley-open-ban', this.onOpenBan);
    clearTimeout(this.clearTimer);
    clearTimeout(this.undoTimer);
    this.toastSpace.disconnect();
    this.observedToast = null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('locale')) this.titlePage();
    // The toast stays in the page (its live region must, to be heard): observed once per connection.
    const toast = this.renderRoot.querySelector('.toast');
    if (toast && toast !== this.observedToast) {
      this.toastSpace.observe(toast);
      this.observedToast = toast;
    }
  }

  /**
   * The page's title and language follow the UI's, known only here (a stored choice, the moderator's
   * locale): the server sends one static shell. A page of someone else's title is left alone.
   */
  private titlePage(): void {
    const ours = Object.values(messages).map((m) => m.pageTitle);
    if (!ours.includes(document.title)) return;
    document.title = this.t.pageTitle;
    document.documentElement.lang = this.locale;
  }

  private dialog<T extends Element>(tag: string): T | null {
    return this.renderRoot.querySelector<T & Element>(tag);
  }

  private async restore(): Promise<void> {
    try {
      this.adopt(await this.client!.me());
    } catch {
      // 401 already switched to the login page; anything else (server down) lands there too,
      // where the login attempt reports the real error.
      if (this.phase === 'loading') this.phase = 'login';
    }
  }

  private adopt(session: Session): void {
    this.session = session;
    if (!storedLocale() && !this.getAttribute('lang')) this.locale = pickLocale(session.moderator.locale);
    this.phase = 'ready';
    this.loginError = '';
  }

  /** The session ended under us (expired, logged out elsewhere): back to the login form. */
  private expire(): void {
    if (this.phase === 'ready') this.loginError = this.t.expired;
    this.session = null;
    this.phase = 'login';
  }

  announce(text: string, keepUndo = false): void {
    // Clearing first makes screen readers repeat an identical sentence ("Approved." twice).
    this.said = '';
    if (!keepUndo) this.clearUndo();
    clearTimeout(this.clearTimer);
    void this.updateComplete.then(() => {
      this.said = text;
      // The visible copy is a toast over the page: it goes away once it has been read (or undone).
      this.clearTimer = window.setTimeout(() => (this.said = ''), keepUndo ? UNDO_MS : SAID_MS);
    });
  }

  private offerUndo(d: UndoableDetail): void {
    this.announce(d.text, true);
    this.undoBatch = d.batch;
    clearTimeout(this.undoTimer);
    this.undoTimer = window.setTimeout(() => this.clearUndo(), UNDO_MS);
  }

  private clearUndo(): void {
    clearTimeout(this.undoTimer);
    this.undoBatch = null;
  }

  private async undo(): Promise<void> {
    const batch = this.undoBatch;
    if (!batch) return;
    // Focus is on the Undo button when it was clicked: it goes away, so focus returns to the page.
    const fromToast = deepActiveElement()?.id === 'undo';
    this.clearUndo();
    const t = this.t;
    try {
      const r = await this.client!.undo(batch);
      const parts = [r.restored ? plural(t.undoneN, r.restored, this.locale) : t.undoGone];
      if (r.skipped && r.restored) parts.push(plural(t.undoSkipped, r.skipped, this.locale));
      this.announce(parts.join(' '));
      window.dispatchEvent(new CustomEvent('parley-changed', { detail: { undone: batch } }));
    } catch (err) {
      this.announce(errorText(err, t));
    }
    // The page puts focus on what came back (the queue: the restored card); until then, on the page.
    if (fromToast) this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }

  private async handleLogin(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!email || !password) {
      this.loginError = this.t.loginMissing;
      return;
    }
    this.busy = true;
    this.loginError = '';
    try {
      await this.client!.login(email, password);
      // /me also lists the moderator's sites, which the queue's site filter needs.
      this.adopt(await this.client!.me());
      this.announce(fmt(this.t.welcome, { name: this.session!.moderator.name || email }));
    } catch (err) {
      this.loginError = this.loginMessage(err);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#password')?.select();
    } finally {
      this.busy = false;
    }
  }

  private loginMessage(err: unknown): string {
    const t = this.t;
    if (!(err instanceof ApiError)) return t.failed;
    if (err.code === 'INVALID_CREDENTIALS') return t.badLogin;
    if (err.code === 'LOGIN_LOCKED') return fmt(t.locked, { t: formatDuration(err.retryAfter ?? 900, this.locale) });
    if (err.code === 'ACCOUNT_DISABLED') return t.disabledAccount;
    if (err.status === 0 || err.status >= 500) return t.down;
    return err.message || t.failed;
  }

  private async handleLogout(): Promise<void> {
    try {
      await this.client!.logout();
    } catch {
      // The cookie may already be gone; either way the session is over for this view.
    }
    this.session = null;
    this.phase = 'login';
    this.announce(this.t.loggedOut);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#email')?.focus();
  }

  private handleLocale(e: Event): void {
    this.locale = pickLocale((e.target as HTMLSelectElement).value);
    storeLocale(this.locale);
    // The toast's sentence was written in the old language: it goes rather than stay, untranslated.
    clearTimeout(this.clearTimer);
    this.said = '';
  }

  private handleTheme(e: Event): void {
    const value = (e.target as HTMLSelectElement).value as Theme;
    storeTheme(value);
    this.theme = value === 'system' ? undefined : value;
  }

  private renderSettings(): TemplateResult {
    const t = this.t;
    const theme = this.theme ?? 'system';
    return html`<label class="row"
        ><span class="label-text">${t.language}</span>
        <select @change=${this.handleLocale}>
          <option value="en" lang="en" .selected=${this.locale === 'en'}>English</option>
          <option value="hi" lang="hi" .selected=${this.locale === 'hi'}>हिन्दी</option>
        </select></label
      >
      <label class="row"
        ><span class="label-text">${t.theme}</span>
        <select @change=${this.handleTheme}>
          ${(['system', 'light', 'dark'] as const).map((v) => html`<option value=${v} .selected=${theme === v}>${t.themes[v]}</option>`)}
        </select></label
      >`;
  }

  private renderLogin(): TemplateResult {
    const t = this.t;
    return html`<div class="login">
      <h1>${t.loginTitle}</h1>
      <form @submit=${this.handleLogin} novalidate aria-describedby=${this.loginError ? 'login-error' : nothing}>
        <div class="field">
          <label for="email">${t.email}</label>
          <input id="email" name="email" type="email" autocomplete="username" required />
        </div>
        <div class="field">
          <label for="password">${t.password}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </div>
        ${this.loginError ? html`<p id="login-error" class="error" role="alert">${this.loginError}</p>` : nothing}
        <button class="primary" type="submit" ?disabled=${this.busy}>${t.logIn}</button>
      </form>
    </div>`;
  }

  private visiblePages(): readonly PageDef[] {
    const admin = this.session?.moderator.role === 'admin';
    return PAGES.filter((p) => admin || !p.admin);
  }

  private renderPage(): TemplateResult {
    const s = this.session!;
    const pages = this.visiblePages();
    const page = pages.find((p) => p.id === this.route.page) ?? pages[0]!;
    return page.render({ client: this.client!, t: this.t, locale: this.locale, session: s, route: this.route, eventsUrl: `${this.api}/events` });
  }

  private renderNav(): TemplateResult | typeof nothing {
    if (!this.session) return nothing;
    const current = this.visiblePages().some((p) => p.id === this.route.page) ? this.route.page : 'queue';
    return html`<nav aria-label=${this.t.navLabel}>
      <ul>
        ${this.visiblePages()
          .filter((p) => !p.hidden)
          .map(
            (p) =>
              html`<li><a href="#${p.id}" aria-current=${current === p.id ? 'page' : nothing}>${p.label(this.t, this.locale)}</a></li>`,
          )}
      </ul>
    </nav>`;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const s = this.session;
    const ready = this.phase === 'ready' && s;
    return html`<div lang=${this.locale}>
      <header>
        <div class="bar">
          <span class="brand">${t.brand}</span>
          ${s ? html`<span class="muted who" title=${s.moderator.email}>${s.moderator.email}</span>` : nothing} ${this.renderSettings()}
          ${s ? html`<button type="button" @click=${this.handleLogout}>${t.logOut}</button>` : nothing}
        </div>
        ${this.renderNav()}
      </header>
      <main tabindex="-1">
        ${this.phase === 'loading'
          ? html`<h1>${t.brand}</h1><p role="status">${t.loading}</p>`
          : this.phase === 'login'
            ? this.renderLogin()
            : this.renderPage()}
        <div class="toast ${this.said ? 'shown' : ''}">
          <p role="status" aria-live="polite" aria-atomic="true">${this.said}</p>
          ${this.undoBatch && this.said
            ? html`<button id="undo" type="button" aria-keyshortcuts="z" @click=${this.undo}>${t.undo}</button>`
            : nothing}
        </div>
        <p class="sr news" role="status" aria-live="polite" aria-atomic="true">${this.news}</p>
      </main>
      ${ready
        ? html`<parley-author-view .client=${this.client} .t=${t} .locale=${this.locale}></parley-author-view>
            <parley-thread-dialog .client=${this.client} .t=${t} .locale=${this.locale}></parley-thread-dialog>
            <parley-ban-dialog .client=${this.client} .t=${t} .locale=${this.locale}></parley-ban-dialog>`
        : nothing}
    </div>`;
  }
}
