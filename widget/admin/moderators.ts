// <parley-admin-moderators>: admins list moderator accounts, create them, assign sites, change
// roles or passwords, and disable or re-enable an account.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { ApiError, type AdminApi, type ModeratorAccount, type Role, type SiteRef } from './api.js';
import { announce } from './announce.js';
import { errorText, fmt, type Locale, type Messages } from './i18n.js';
import { styles } from './styles.js';

function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (err instanceof ApiError) for (const f of err.fields) out[f.field.split('.')[0] ?? f.field] = f.message;
  return out;
}

export class ParleyAdminModerators extends LitElement {
  static override styles = [
    styles,
    css`
      .mod-head {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.75rem;
        align-items: baseline;
      }
      .badge {
        border: 1px solid var(--_border);
        border-radius: 999px;
        padding: 0 0.5rem;
        font-size: 0.85em;
      }
      .disabled {
        border-style: dashed;
      }
      fieldset {
        border: none;
        padding: 0;
        margin: 0 0 0.75rem;
      }
      legend {
        padding: 0;
        margin-bottom: 0.25rem;
      }
    `,
  ];

  static override properties = {
    client: { attribute: false },
    t: { attribute: false },
    locale: { attribute: false },
    moderators: { state: true },
    allSites: { state: true },
    loadError: { state: true },
    errors: { state: true },
  };

  client!: AdminApi;
  t!: Messages;
  locale: Locale = 'en';
  moderators: ModeratorAccount[] | null = null;
  allSites: SiteRef[] = [];
  loadError = '';
  /** Field errors per form: "new" or a moderator id. */
  errors: Record<string, Record<string, string>> = {};

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.loadError = '';
    try {
      const [mods, sites] = await Promise.all([this.client.moderators(), this.client.sites()]);
      this.moderators = mods.moderators;
      this.allSites = sites.sites.map((s) => ({ slug: s.slug, name: s.name }));
    } catch (err) {
      this.loadError = errorText(err, this.t);
    }
  }

  private setErrors(key: string, err: unknown): void {
    this.errors = { ...this.errors, [key]: { ...fieldErrors(err), _: errorText(err, this.t) } };
  }

  private replace(m: ModeratorAccount): void {
    this.moderators = (this.moderators ?? []).map((x) => (x.id === m.id ? { ...x, ...m } : x));
  }

  private async create(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    if (!form.reportValidity()) return;
    const data = new FormData(form);
    const str = (k: string) => String(data.get(k) ?? '').trim();
    try {
      const { moderator } = await this.client.createModerator({
        email: str('email'),
        name: str('name'),
        password: String(data.get('password') ?? ''),
        role: str('role') as Role,
        sites: data.getAll('sites').map(String),
      });
      form.reset();
      this.errors = { ...this.errors, new: {} };
      announce(this, fmt(this.t.created, { name: moderator?.email ?? str('email') }));
      await this.load();
    } catch (err) {
      this.setErrors('new', err);
    }
  }

  private async save(m: ModeratorAccount, e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    if (!form.reportValidity()) return;
    const data = new FormData(form);
    const password = String(data.get('password') ?? '');
    try {
      const { moderator } = await this.client.patchModerator(m.id, {
        name: String(data.get('name') ?? '').trim(),
        role: String(data.get('role')) as Role,
        sites: data.getAll('sites').map(String),
        ...(password ? { password } : {}),
      });
      if (moderator) this.replace(moderator);
      else await this.load();
      this.errors = { ...this.errors, [m.id]: {} };
      announce(this, fmt(this.t.saved, { name: m.email }));
    } catch (err) {
      this.setErrors(String(m.id), err);
    }
  }

  private async toggleDisabled(m: ModeratorAccount): Promise<void> {
    try {
      const { moderator } = await this.client.patchModerator(m.id, { disabled: !m.disabled });
      this.replace(moderator ?? { ...m, disabled: !m.disabled });
      announce(this, fmt(m.disabled ? this.t.enabledMod : this.t.disabledMod, { name: m.email }));
    } catch (err) {
      announce(this, errorText(err, this.t));
    }
  }

  private async clearThrottle(m: ModeratorAccount): Promise<void> {
    try {
      const { moderator } = await this.client.clearLoginThrottle(m.id);
      this.replace(moderator);
      announce(this, fmt(this.t.throttleCleared, { name: m.email }));
    } catch (err) {
      announce(this, errorText(err, this.t));
    }
  }

  private renderFields(key: string, m: ModeratorAccount | null): TemplateResult {
    const t = this.t;
    const e = this.errors[key] ?? {};
    const id = (f: string) => `${f}-${key}`;
    const err = (f: string) => (e[f] ? html`<small class="error">${e[f]}</small>` : nothing);
    return html`${m
        ? nothing
        : html`<div class="field">
            <label for=${id('email')}>${t.email}</label>
            <input id=${id('email')} name="email" type="email" required autocomplete="off" />${err('email')}
          </div>`}
      <div class="field">
        <label for=${id('name')}>${t.name}</label>
        <input id=${id('name')} name="name" required maxlength="200" .value=${m?.name ?? ''} />${err('name')}
      </div>
      <div class="field">
        <label for=${id('role')}>${t.role}</label>
        <select id=${id('role')} name="role">
          <option value="moderator" .selected=${m?.role !== 'admin'}>${t.roleModerator}</option>
          <option value="admin" .selected=${m?.role === 'admin'}>${t.roleAdmin}</option>
        </select>
      </div>
      <fieldset>
        <legend>${t.assignedSites}</legend>
        ${this.allSites.map(
          (s) => html`<div class="field inline">
            <input id=${id(`site-${s.slug}`)} type="checkbox" name="sites" value=${s.slug} .checked=${!!m?.sites.includes(s.slug)} />
            <label for=${id(`site-${s.slug}`)}>${s.name}</label>
          </div>`,
        )}
        ${err('sites')}
      </fieldset>
      <div class="field">
        <label for=${id('password')}>${m ? t.newPassword : t.password}</label>
        <input
          id=${id('password')}
          name="password"
          type="password"
          autocomplete="new-password"
          minlength="8"
          ?required=${!m}
          aria-describedby=${id('password-hint')}
        />
        <small id=${id('password-hint')}>${m ? t.newPasswordHint : t.passwordHint}</small>${err('password')}
      </div>
      ${e._ ? html`<p class="error" role="alert">${e._}</p>` : nothing}`;
  }

  private renderModerator(m: ModeratorAccount): TemplateResult {
    const t = this.t;
    const siteNames = m.sites.map((slug) => this.allSites.find((s) => s.slug === slug)?.name ?? slug);
    return html`<li class="panel ${m.disabled ? 'disabled' : ''}">
      <div class="mod-head">
        <h2>${m.name || m.email}</h2>
        <span>${m.email}</span>
        <span class="badge">${m.role === 'admin' ? t.roleAdmin : t.roleModerator}</span>
        ${m.disabled ? html`<span class="badge">${t.disabled}</span>` : nothing}
      </div>
      <p class="muted">
        ${m.role === 'admin' ? t.allSitesNote : siteNames.length ? siteNames.join(', ') : t.noSitesAssigned}
      </p>
      ${m.loginFailures > 0 ? html`<p class="login-failures">${fmt(t.loginFailures, { n: String(m.loginFailures) })}</p>` : nothing}
      <div class="row">
        <details>
          <summary>${t.edit}<span class="sr"> ${m.email}</span></summary>
          <form @submit=${(e: SubmitEvent) => this.save(m, e)}>
            ${this.renderFields(String(m.id), m)}
            <button class="primary" type="submit">${t.save}</button>
          </form>
        </details>
        <button type="button" class=${m.disabled ? '' : 'danger'} @click=${() => this.toggleDisabled(m)}>
          ${m.disabled ? t.enable : t.disable}<span class="sr"> ${m.email}</span>
        </button>
        <button type="button" @click=${() => this.clearThrottle(m)}>${t.clearThrottle}<span class="sr"> ${m.email}</span></button>
      </div>
    </li>`;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<h1>${t.navModerators}</h1>
      ${this.loadError
        ? html`<div class="panel error" role="alert">
            <p>${this.loadError}</p>
            <button type="button" @click=${() => this.load()}>${t.retry}</button>
          </div>`
        : this.moderators === null
          ? html`<p class="muted" role="status">${t.loading}</p>`
          : html`<ul class="plain">
              ${this.moderators.map((m) => this.renderModerator(m))}
            </ul>`}
      <details class="panel">
        <summary>${t.addModerator}</summary>
        <form @submit=${this.create}>
          ${this.renderFields('new', null)}
          <button class="primary" type="submit">${t.create}</button>
        </form>
      </details>`;
  }
}

if (!customElements.get('parley-admin-moderators')) customElements.define('parley-admin-moderators', ParleyAdminModerators);

declare global {
  interface HTMLElementTagNameMap {
    'parley-admin-moderators': ParleyAdminModerators;
  }
}
