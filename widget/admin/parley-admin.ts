// <parley-admin>: the moderator view's shell. It owns the session (login, logout, the CSRF token
// inside the api client), the UI language, the page (from location.hash, so Back works) and the
// one aria-live region every page announces through.
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { ApiError, createAdminApi, type AdminApi, type Session } from './api.js';
import { fmt, messages, pickLocale, storedLocale, storeLocale, type Locale, type Messages } from './i18n.js';
import { formatDuration } from './format.js';
import { styles } from './styles.js';
import { css } from 'lit';
import './queue.js';
import './sites.js';
import './moderators.js';
import './audit.js';
import { notifyMessages } from './notifications.js';
import { importMessages } from './imports.js';

type Page = 'queue' | 'sites' | 'moderators' | 'audit' | 'alerts' | 'webhooks' | 'imports' | 'comment';
const ADMIN_PAGES: readonly Page[] = ['sites', 'moderators', 'audit', 'webhooks', 'imports'];
const SAID_MS = 8000;

/** The detail of `parley-announce`: a sentence for screen readers (and the visible status line). */
export type AnnounceEvent = CustomEvent<string>;

function pageFromHash(): Page {
  const h = location.hash.replace(/^#\/?/, '');
  // #comment/<id>: one comment, as the links in alert emails open it.
  if (/^comment\/\d+$/.test(h)) return 'comment';
  return h === 'sites' || h === 'moderators' || h === 'audit' || h === 'alerts' || h === 'webhooks' || h === 'imports' ? h : 'queue';
}

function commentFromHash(): number {
  return Number(/^#\/?comment\/(\d+)$/.exec(location.hash)?.[1] ?? 0);
}

export class ParleyAdmin extends LitElement {
  static override styles = [
    styles,
    css`
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
        padding: 0.5rem 1rem;
        border-bottom: 1px solid var(--_border);
        background: var(--_soft);
      }
      .brand {
        font-weight: 700;
        margin-inline-end: auto;
      }
      nav ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        list-style: none;
        margin: 0;
        padding: 0;
      }
      nav a[aria-current='page'] {
        font-weight: 700;
        text-decoration-thickness: 3px;
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
      .status-line {
        position: sticky;
        bottom: 0;
        margin: 0.5rem 0 0;
        padding: 0.35rem 0.75rem;
        background: var(--_fg);
        color: var(--_bg);
        border-radius: var(--_radius);
      }
      .status-line:empty {
        padding: 0;
      }
    `,
  ];

  static override properties = {
    api: {},
    phase: { state: true },
    session: { state: true },
    locale: { state: true },
    page: { state: true },
    loginError: { state: true },
    busy: { state: true },
    said: { state: true },
  };

  /** Base path of the admin API (same origin, so the session cookie travels). */
  api = '/api/v1/admin';
  phase: 'loading' | 'login' | 'ready' = 'loading';
  session: Session | null = null;
  locale: Locale = 'en';
  page: Page = 'queue';
  loginError = '';
  busy = false;
  said = '';

  private client: AdminApi | null = null;
  private clearTimer: number | undefined;
  private readonly onHash = () => {
    this.page = pageFromHash();
    // #comment/1 -> #comment/2 keeps the page: render again for the new id.
    this.requestUpdate();
  };
  private readonly onAnnounce = (e: Event) => this.announce((e as AnnounceEvent).detail);

  get t(): Messages {
    return messages[this.locale];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Explicit choice first, then the element's own lang (the page's is usually just "en"), then
    // the browser; the moderator's own locale applies after login unless a choice was stored.
    this.locale = storedLocale() ?? pickLocale(this.getAttribute('lang') || navigator.language);
    this.page = pageFromHash();
    window.addEventListener('hashchange', this.onHash);
    this.addEventListener('parley-announce', this.onAnnounce);
    this.client = createAdminApi(this.api, () => this.expire());
    void this.restore();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
    this.removeEventListener('parley-announce', this.onAnnounce);
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

  announce(text: string): void {
    // Clearing first makes screen readers repeat an identical sentence ("Approved." twice).
    this.said = '';
    clearTimeout(this.clearTimer);
    void this.updateComplete.then(() => {
      this.said = text;
      // The visible copy is a toast over the page: it goes away once it has been read.
      this.clearTimer = window.setTimeout(() => (this.said = ''), SAID_MS);
    });
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
  }

  private handleLocale(e: Event): void {
    this.locale = pickLocale((e.target as HTMLSelectElement).value);
    storeLocale(this.locale);
  }

  private renderLocale(): TemplateResult {
    return html`<label class="row"
      ><span>${this.t.language}</span>
      <select @change=${this.handleLocale}>
        <option value="en" lang="en" .selected=${this.locale === 'en'}>English</option>
        <option value="hi" lang="hi" .selected=${this.locale === 'hi'}>हिन्दी</option>
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

  private renderPage(): TemplateResult {
    const s = this.session!;
    const t = this.t;
    const admin = s.moderator.role === 'admin';
    const page = !admin && ADMIN_PAGES.includes(this.page) ? 'queue' : this.page;
    switch (page) {
      case 'sites':
        return html`<parley-admin-sites .client=${this.client} .t=${t} .locale=${this.locale}></parley-admin-sites>`;
      case 'moderators':
        return html`<parley-admin-moderators .client=${this.client} .t=${t} .locale=${this.locale}></parley-admin-moderators>`;
      case 'audit':
        return html`<parley-admin-audit .client=${this.client} .t=${t} .locale=${this.locale} .sites=${s.sites}></parley-admin-audit>`;
      case 'alerts':
        return html`<parley-admin-alerts .client=${this.client} .t=${t} .locale=${this.locale}></parley-admin-alerts>`;
      case 'webhooks':
        return html`<parley-admin-webhooks .client=${this.client} .t=${t} .locale=${this.locale}></parley-admin-webhooks>`;
      case 'imports':
        return html`<parley-admin-imports .client=${this.client} .locale=${this.locale} .sites=${s.sites}></parley-admin-imports>`;
      case 'comment':
        return html`<parley-admin-comment .client=${this.client} .t=${t} .locale=${this.locale} .commentId=${commentFromHash()}></parley-admin-comment>`;
      default:
        return html`<parley-admin-queue
          .client=${this.client}
          .t=${t}
          .locale=${this.locale}
          .sites=${s.sites}
          .eventsUrl=${`${this.api}/events`}
        ></parley-admin-queue>`;
    }
  }

  private renderNav(): TemplateResult | typeof nothing {
    const s = this.session;
    if (!s) return nothing;
    const t = this.t;
    const n = notifyMessages[this.locale];
    const links: Array<[Page, string]> = [['queue', t.navQueue], ['alerts', n.navAlerts]];
    if (s.moderator.role === 'admin') {
      links.push(['sites', t.navSites], ['moderators', t.navModerators], ['audit', t.navAudit], ['webhooks', n.navWebhooks], ['imports', importMessages[this.locale].navImports]);
    }
    return html`<nav aria-label=${t.navLabel}>
        <ul>
          ${links.map(
            ([p, label]) =>
              html`<li><a href="#${p}" aria-current=${this.page === p ? 'page' : nothing}>${label}</a></li>`,
          )}
        </ul>
      </nav>
      <span class="muted">${s.moderator.email}</span>
      <button type="button" @click=${this.handleLogout}>${t.logOut}</button>`;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<div lang=${this.locale}>
      <header>
        <span class="brand">${t.brand}</span>
        ${this.renderNav()} ${this.renderLocale()}
      </header>
      <main>
        ${this.phase === 'loading'
          ? html`<h1>${t.brand}</h1><p role="status">${t.loading}</p>`
          : this.phase === 'login'
            ? this.renderLogin()
            : this.renderPage()}
        <p class="status-line" role="status" aria-live="polite" aria-atomic="true">${this.said}</p>
      </main>
    </div>`;
  }
}
