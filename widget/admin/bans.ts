// <parley-admin-bans>: the bans in force on the moderator's sites, each with a readable target (an
// email, a domain, or "an address used by N authors"), its end, who made it and why, and what the
// author is told; a ban is lifted here (undoable), and an email or a domain banned directly.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { AdminApi, Ban, SiteRef } from './api.js';
import { announce } from './announce.js';
import { BAN_DAYS, DEFAULT_BAN_DAYS } from './ban-dialog.js';
import { ChangeListener, emit, type UndoableDetail } from './dialog.js';
import { formatDate } from './format.js';
import { banTarget, errorText, fmt, plural, type Locale, type Messages } from './i18n.js';
import { styles } from './styles.js';

const DAY = 86_400_000;

export class ParleyAdminBans extends LitElement {
  static override styles = [
    styles,
    css`
      ol.bans {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .ban {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.5rem 0.75rem;
        margin: 0 0 0.5rem;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        align-items: baseline;
        overflow-wrap: anywhere;
      }
      .ban h2 {
        font-size: 1rem;
        margin: 0;
        flex: 1 1 16rem;
      }
      .ban p {
        margin: 0;
        flex-basis: 100%;
        color: var(--_muted);
        font-size: 0.9em;
      }
      .add {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
      }
      .add .field {
        margin: 0;
        flex: 1 1 12rem;
      }
    `,
  ];

  static override properties = {
    client: { attribute: false },
    t: { attribute: false },
    locale: { attribute: false },
    sites: { attribute: false },
    bans: { state: true },
    site: { state: true },
    loadError: { state: true },
    formError: { state: true },
  };

  client!: AdminApi;
  t!: Messages;
  locale: Locale = 'en';
  sites: SiteRef[] = [];
  bans: Ban[] | null = null;
  site = '';
  loadError = '';
  formError = '';
  private readonly changes = new ChangeListener(this, () => this.load());

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.bans = (await this.client.bans(this.site || undefined)).bans;
      this.loadError = '';
    } catch (err) {
      this.loadError = errorText(err, this.t);
    }
  }

  private async lift(b: Ban, index: number): Promise<void> {
    try {
      const r = await this.client.unban(b.id);
      emit<UndoableDetail>(this, 'parley-undoable', { batch: r.undo, text: fmt(this.t.unbanned, { target: banTarget(b, this.t, this.locale) }) });
      await this.load();
      // Focus moves to the ban that took this one's place, or the form when none is left.
      await this.updateComplete;
      const buttons = this.renderRoot.querySelectorAll<HTMLElement>('.ban button');
      (buttons[Math.min(index, buttons.length - 1)] ?? this.renderRoot.querySelector<HTMLElement>('#b-value'))?.focus();
    } catch (err) {
      announce(this, errorText(err, this.t));
    }
  }

  private async add(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const value = String(data.get('value') ?? '').trim();
    const site = String(data.get('site') ?? this.sites[0]?.slug ?? '');
    const days = Number(data.get('days') ?? DEFAULT_BAN_DAYS);
    if (!value) {
      this.formError = this.t.banValueMissing;
      return;
    }
    this.formError = '';
    try {
      const r = await this.client.ban({
        site,
        ...(value.includes('@') && !value.startsWith('@') ? { email: value } : { domain: value }),
        reason: String(data.get('reason') ?? '').trim() || undefined,
        message: String(data.get('message') ?? '').trim() || undefined,
        expiresAt: days > 0 ? new Date(Date.now() + days * DAY).toISOString() : undefined,
      });
      emit<UndoableDetail>(this, 'parley-undoable', { batch: r.undo, text: fmt(this.t.bannedTarget, { target: r.bans.map((b) => banTarget(b, this.t, this.locale)).join(', ') }) });
      form.reset();
      await this.load();
      this.renderRoot.querySelector<HTMLElement>('#b-value')?.focus();
    } catch (err) {
      this.formError = errorText(err, this.t);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#b-value')?.focus();
    }
  }

  private renderBan(b: Ban, index: number): TemplateResult {
    const t = this.t;
    const target = banTarget(b, t, this.locale);
    return html`<li class="ban">
      <h2>${target}</h2>
      <span>${b.expiresAt ? fmt(t.until, { t: formatDate(b.expiresAt, this.locale) }) : t.forGood}</span>
      <button type="button" @click=${() => void this.lift(b, index)}>${t.unban}<span class="sr"> ${target}</span></button>
      <p>
        ${this.sites.length > 1 ? html`${b.site} · ` : nothing}${b.by ? fmt(t.bannedBy, { name: b.by.name || b.by.email, t: formatDate(b.createdAt, this.locale) }) : formatDate(b.createdAt, this.locale)}
        ${b.reason ? html` · ${fmt(t.banWhy, { reason: b.reason })}` : nothing}
      </p>
      ${b.message ? html`<p>${fmt(t.banToldThem, { message: b.message })}</p>` : nothing}
    </li>`;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<h1>${t.bansTitle}</h1>
      ${this.sites.length > 1
        ? html`<div class="field">
            <label for="b-site-filter">${t.site}</label>
            <select
              id="b-site-filter"
              @change=${(e: Event) => {
                this.site = (e.target as HTMLSelectElement).value;
                void this.load();
              }}
            >
              <option value="">${t.allSites}</option>
              ${this.sites.map((s) => html`<option value=${s.slug} .selected=${this.site === s.slug}>${s.name}</option>`)}
            </select>
          </div>`
        : nothing}
      ${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : nothing}
      ${this.bans ? html`<p class="muted">${plural(t.bansN, this.bans.length, this.locale)}</p>` : html`<p class="muted" role="status">${t.loading}</p>`}
      <ol class="bans">
        ${(this.bans ?? []).map((b, i) => this.renderBan(b, i))}
      </ol>
      <h2>${t.addBan}</h2>
      <form class="add" @submit=${this.add}>
        ${this.sites.length > 1
          ? html`<div class="field">
              <label for="b-site">${t.site}</label>
              <select id="b-site" name="site">
                ${this.sites.map((s) => html`<option value=${s.slug} .selected=${this.site === s.slug}>${s.name}</option>`)}
              </select>
            </div>`
          : nothing}
        <div class="field">
          <label for="b-value">${t.banEmailOrDomain}</label>
          <input id="b-value" name="value" aria-describedby=${this.formError ? 'b-error' : nothing} />
        </div>
        <div class="field">
          <label for="b-days">${t.banExpiry}</label>
          <select id="b-days" name="days">
            ${BAN_DAYS.map((d) => html`<option value=${d} ?selected=${d === DEFAULT_BAN_DAYS}>${d === 0 ? t.forGood : plural(t.daysN, d, this.locale)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="b-message">${t.banMessage}</label>
          <input id="b-message" name="message" maxlength="500" />
        </div>
        <div class="field">
          <label for="b-reason">${t.banReason}</label>
          <input id="b-reason" name="reason" maxlength="500" />
        </div>
        <button type="submit" class="danger">${t.banButton}</button>
      </form>
      ${this.formError ? html`<p id="b-error" class="error" role="alert">${this.formError}</p>` : nothing}`;
  }
}

if (!customElements.get('parley-admin-bans')) customElements.define('parley-admin-bans', ParleyAdminBans);

declare global {
  interface HTMLElementTagNameMap {
    'parley-admin-bans': ParleyAdminBans;
  }
}
