// <parley-admin-sites>: admins edit a site's origins, locale and moderation policy, copy its embed
// snippet (its bans are on the Bans page), and create new sites.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { ApiError, type AdminApi, type InstanceWarning, type Site, type SiteSettings } from './api.js';
import { announce } from './announce.js';
import { errorText, fmt, type Locale, type Messages, type SettingKey } from './i18n.js';
import { styles } from './styles.js';

type NumberKey = { [K in keyof SiteSettings]: SiteSettings[K] extends number ? K : never }[keyof SiteSettings];
type BoolKey = { [K in keyof SiteSettings]: SiteSettings[K] extends boolean ? K : never }[keyof SiteSettings];

// Bounds mirror server/sites/settings.ts so the browser catches typos before a round trip.
const NUMBERS: Array<[NumberKey, number, number, number]> = [
  ['toxicityHold', 0, 1, 0.01],
  ['toxicityReject', 0, 1, 0.01],
  ['linkLimit', 0, 100, 1],
  ['trustAfterApproved', 0, 10_000, 1],
  ['reportThreshold', 1, 1000, 1],
  ['editWindowSeconds', 0, 86_400, 1],
  ['maxDepth', 1, 10, 1],
  ['closeAfterDays', 0, 3650, 1],
  ['maxBodyChars', 1, 100_000, 1],
  ['floodSeconds', 0, 3600, 1],
  ['duplicateWindowHours', 0, 720, 1],
  ['minSubmitSeconds', 0, 600, 1],
];
const BOOLS: BoolKey[] = ['requireEmail', 'nudge', 'reportedVisible'];

const lines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

/** The server reports "settings.toxicityHold" or "toxicityHold"; inputs are named by the last part. */
function fieldName(path: string): string {
  return path.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? path;
}

export class ParleyAdminSites extends LitElement {
  static override styles = [
    styles,
    css`
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
        gap: 0 1rem;
      }
      textarea[readonly] {
        font-family: ui-monospace, monospace;
        font-size: 0.85em;
        background: var(--_soft);
      }
      fieldset {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        margin: 0 0 1rem;
      }
      legend {
        font-weight: 600;
        padding: 0 0.25rem;
      }
    `,
  ];

  static override properties = {
    client: { attribute: false },
    t: { attribute: false },
    locale: { attribute: false },
    sites: { state: true },
    warnings: { state: true },
    slug: { state: true },
    errors: { state: true },
    formError: { state: true },
    loadError: { state: true },
    saving: { state: true },
    createErrors: { state: true },
  };

  client!: AdminApi;
  t!: Messages;
  locale: Locale = 'en';
  sites: Site[] | null = null;
  /** The server's configuration warnings (admins only). */
  warnings: InstanceWarning[] = [];
  slug = '';
  errors: Record<string, string> = {};
  formError = '';
  loadError = '';
  saving = false;
  createErrors: Record<string, string> = {};

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get site(): Site | undefined {
    return this.sites?.find((s) => s.slug === this.slug);
  }

  private renderWarnings() {
    if (this.warnings.length === 0) return nothing;
    const t = this.t;
    const text = { PUBLIC_URL_UNSET: t.warnPublicUrl, PROXY_HOPS_UNTRUSTED: t.warnProxyHops, SECRET_GENERATED: t.warnSecret } as const;
    return html`<section class="panel warning" part="warnings" aria-labelledby="server-warnings">
      <h2 id="server-warnings">${t.serverWarnings}</h2>
      <ul>
        ${this.warnings.map((w) => html`<li data-code=${w.code}>${text[w.code] ?? w.message}</li>`)}
      </ul>
    </section>`;
  }

  private async load(select?: string): Promise<void> {
    this.loadError = '';
    try {
      const answer = await this.client.sites();
      this.sites = answer.sites;
      this.warnings = answer.warnings ?? [];
      this.slug = select ?? (this.site ? this.slug : (this.sites[0]?.slug ?? ''));
    } catch (err) {
      this.loadError = errorText(err, this.t);
    }
  }

  private fieldErrors(err: unknown): Record<string, string> {
    const out: Record<string, string> = {};
    if (err instanceof ApiError) for (const f of err.fields) out[fieldName(f.field)] = f.message;
    return out;
  }

  private async save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const site = this.site;
    if (!site) return;
    const form = e.target as HTMLFormElement;
    if (!form.reportValidity()) return;
    const data = new FormData(form);
    const str = (k: string) => String(data.get(k) ?? '');
    const settings: Partial<SiteSettings> = {
      mode: str('mode') as SiteSettings['mode'],
      scorerFailurePolicy: str('scorerFailurePolicy') as SiteSettings['scorerFailurePolicy'],
      holdWords: lines(str('holdWords')),
      blockWords: lines(str('blockWords')),
    };
    for (const [key] of NUMBERS) (settings as Record<string, number>)[key] = Number(str(key));
    for (const key of BOOLS) settings[key] = data.get(key) === 'on';
    this.saving = true;
    this.errors = {};
    this.formError = '';
    try {
      const { site: saved } = await this.client.patchSite(site.slug, {
        name: str('name').trim(),
        allowedOrigins: lines(str('allowedOrigins')),
        locale: str('siteLocale'),
        settings: settings as SiteSettings,
      });
      this.sites = this.sites!.map((s) => (s.slug === site.slug ? { ...s, ...saved } : s));
      announce(this, fmt(this.t.saved, { name: saved?.name ?? site.name }));
      // The Save button was disabled while saving, which drops focus to the page: give it back, once it
      // is enabled again (focusing it while still disabled did nothing, and focus stayed on <body>).
      this.saving = false;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#save-settings')?.focus();
    } catch (err) {
      this.errors = this.fieldErrors(err);
      this.formError = errorText(err, this.t);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], #settings-error')?.focus();
    } finally {
      this.saving = false;
    }
  }

  private async create(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    if (!form.reportValidity()) return;
    const data = new FormData(form);
    const str = (k: string) => String(data.get(k) ?? '').trim();
    this.createErrors = {};
    try {
      const { site } = await this.client.createSite({
        slug: str('slug'),
        name: str('name'),
        allowedOrigins: lines(str('allowedOrigins')),
        locale: str('locale') || 'en',
      });
      form.reset();
      announce(this, fmt(this.t.created, { name: site?.name ?? str('name') }));
      await this.load(site?.slug ?? str('slug'));
    } catch (err) {
      this.createErrors = { ...this.fieldErrors(err), _: errorText(err, this.t) };
    }
  }

  private async copy(): Promise<void> {
    const area = this.renderRoot.querySelector<HTMLTextAreaElement>('#snippet');
    if (!area) return;
    try {
      await navigator.clipboard.writeText(area.value);
      announce(this, this.t.copied);
    } catch {
      // Clipboard permission refused (or an http origin): select it so Ctrl+C finishes the job.
      area.focus();
      area.select();
      announce(this, this.t.copyManually);
    }
  }

  private input(key: string, label: string, control: TemplateResult, hint?: string): TemplateResult {
    const err = this.errors[key];
    return html`<div class="field">
      <label for="s-${key}">${label}</label>
      ${control} ${hint ? html`<small id="s-${key}-hint">${hint}</small>` : nothing}
      ${err ? html`<small class="error" id="s-${key}-err">${err}</small>` : nothing}
    </div>`;
  }

  private describedBy(key: string, hint: boolean): string | typeof nothing {
    const ids = [hint ? `s-${key}-hint` : '', this.errors[key] ? `s-${key}-err` : ''].filter(Boolean);
    return ids.length ? ids.join(' ') : nothing;
  }

  private renderSettings(site: Site): TemplateResult {
    const t = this.t;
    const s = site.settings;
    const hint = (k: SettingKey) => t.settingHints[k] as string | undefined;
    const num = ([key, min, max, step]: [NumberKey, number, number, number]) =>
      this.input(
        key,
        t.settingLabels[key],
        html`<input
          id="s-${key}"
          name=${key}
          type="number"
          inputmode=${step < 1 ? 'decimal' : 'numeric'}
          min=${min}
          max=${max}
          step=${step}
          required
          .value=${String(s[key])}
          aria-invalid=${this.errors[key] ? 'true' : 'false'}
          aria-describedby=${this.describedBy(key, !!hint(key))}
        />`,
        hint(key),
      );
    const words = (key: 'holdWords' | 'blockWords') =>
      this.input(
        key,
        t.settingLabels[key],
        html`<textarea
          id="s-${key}"
          name=${key}
          rows="4"
          .value=${s[key].join('\n')}
          aria-invalid=${this.errors[key] ? 'true' : 'false'}
          aria-describedby=${this.describedBy(key, true)}
        ></textarea>`,
        t.onePerLine,
      );
    return html`<form @submit=${this.save} novalidate>
      <fieldset>
        <legend>${t.siteSection}</legend>
        ${this.input('name', t.siteName, html`<input id="s-name" name="name" required .value=${site.name} />`)}
        ${this.input(
          'allowedOrigins',
          t.allowedOrigins,
          html`<textarea
            id="s-allowedOrigins"
            name="allowedOrigins"
            rows="3"
            .value=${site.allowedOrigins.join('\n')}
            aria-invalid=${this.errors.allowedOrigins ? 'true' : 'false'}
            aria-describedby=${this.describedBy('allowedOrigins', true)}
          ></textarea>`,
          t.originsHint,
        )}
        ${this.input(
          'locale',
          t.siteLocale,
          html`<select id="s-locale" name="siteLocale">
            ${[...new Set(['en', 'hi', site.locale])].map(
              (l) => html`<option value=${l} .selected=${l === site.locale}>${l === 'hi' ? 'हिन्दी (hi)' : l === 'en' ? 'English (en)' : l}</option>`,
            )}
          </select>`,
        )}
      </fieldset>
      <fieldset>
        <legend>${t.moderationSection}</legend>
        <div class="grid">
          ${this.input(
            'mode',
            t.settingLabels.mode,
            html`<select id="s-mode" name="mode" aria-describedby="s-mode-hint">
              ${(['pre', 'first-time', 'post'] as const).map(
                (m) => html`<option value=${m} .selected=${s.mode === m}>${t.modes[m]}</option>`,
              )}
            </select>`,
            hint('mode'),
          )}
          ${this.input(
            'scorerFailurePolicy',
            t.settingLabels.scorerFailurePolicy,
            html`<select id="s-scorerFailurePolicy" name="scorerFailurePolicy" aria-describedby="s-scorerFailurePolicy-hint">
              <option value="hold" .selected=${s.scorerFailurePolicy === 'hold'}>${t.policyHold}</option>
              <option value="publish" .selected=${s.scorerFailurePolicy === 'publish'}>${t.policyPublish}</option>
            </select>`,
            hint('scorerFailurePolicy'),
          )}
          ${NUMBERS.map(num)}
        </div>
        ${BOOLS.map(
          (key) => html`<div class="field inline">
            <input id="s-${key}" name=${key} type="checkbox" .checked=${s[key]} />
            <label for="s-${key}">${t.settingLabels[key]}</label>
          </div>`,
        )}
        <div class="grid">${words('holdWords')} ${words('blockWords')}</div>
      </fieldset>
      ${this.formError ? html`<p id="settings-error" class="error" role="alert" tabindex="-1">${this.formError}</p>` : nothing}
      <button id="save-settings" class="primary" type="submit" ?disabled=${this.saving}>${t.save}</button>
    </form>`;
  }

  private renderCreate(): TemplateResult {
    const t = this.t;
    const e = this.createErrors;
    const err = (k: string) => (e[k] ? html`<small class="error">${e[k]}</small>` : nothing);
    return html`<details class="panel">
      <summary>${t.addSite}</summary>
      <form @submit=${this.create}>
        <div class="field">
          <label for="n-slug">${t.slug}</label>
          <input id="n-slug" name="slug" required maxlength="64" aria-describedby="n-slug-hint" />
          <small id="n-slug-hint">${t.slugHint}</small>${err('slug')}
        </div>
        <div class="field">
          <label for="n-name">${t.siteName}</label>
          <input id="n-name" name="name" required maxlength="200" />${err('name')}
        </div>
        <div class="field">
          <label for="n-origins">${t.allowedOrigins}</label>
          <textarea id="n-origins" name="allowedOrigins" rows="2" aria-describedby="n-origins-hint"></textarea>
          <small id="n-origins-hint">${t.originsHint}</small>${err('allowedOrigins')}
        </div>
        <div class="field">
          <label for="n-locale">${t.siteLocale}</label>
          <select id="n-locale" name="locale">
            <option value="en">English (en)</option>
            <option value="hi">हिन्दी (hi)</option>
          </select>
        </div>
        ${e._ ? html`<p class="error" role="alert">${e._}</p>` : nothing}
        <button class="primary" type="submit">${t.create}</button>
      </form>
    </details>`;
  }

  /** Origins the site refused lately, each with one-click "Allow" (added to the allowed origins). */
  private renderRefused(site: Site): TemplateResult {
    const t = this.t;
    const when = new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' });
    return html`<h2 id="refused-h">${t.refusedTitle}</h2>
      <p class="muted">${t.refusedHint}</p>
      <ul aria-labelledby="refused-h" class="refused">
        ${site.refusedOrigins!.map(
          (r) => html`<li>
            <code>${r.origin}</code>
            <span class="muted">${fmt(t.refusedCount, { n: r.count, t: when.format(new Date(r.lastAt)) })}</span>
            <button type="button" ?disabled=${this.saving} @click=${() => this.allow(site, r.origin)}>${fmt(t.allowOrigin, { origin: r.origin })}</button>
          </li>`,
        )}
      </ul>`;
  }

  private async allow(site: Site, origin: string): Promise<void> {
    this.saving = true;
    try {
      await this.client.patchSite(site.slug, { allowedOrigins: [...site.allowedOrigins, origin] });
      announce(this, fmt(this.t.allowed, { origin }));
      await this.load(site.slug);
    } catch (err) {
      this.formError = errorText(err, this.t);
    } finally {
      this.saving = false;
    }
  }

  protected override render(): TemplateResult {
    const t = this.t;
    if (this.loadError) {
      return html`<h1>${t.navSites}</h1>
        <div class="panel error" role="alert">
          <p>${this.loadError}</p>
          <button type="button" @click=${() => this.load()}>${t.retry}</button>
        </div>`;
    }
    if (!this.sites) return html`<h1>${t.navSites}</h1><p class="muted" role="status">${t.loading}</p>`;
    const site = this.site;
    return html`<h1>${t.navSites}</h1>
      ${this.renderWarnings()}
      <div class="field">
        <label for="pick-site">${t.site}</label>
        <select
          id="pick-site"
          @change=${(e: Event) => {
            this.slug = (e.target as HTMLSelectElement).value;
            this.errors = {};
            this.formError = '';
                }}
        >
          ${this.sites.map((s) => html`<option value=${s.slug} .selected=${s.slug === this.slug}>${s.name} (${s.slug})</option>`)}
        </select>
      </div>
      ${site
        ? html`<h2>${t.embedSnippet}</h2>
            <div class="field">
              <label for="snippet">${t.embedHint}</label>
              <textarea id="snippet" readonly rows="3" .value=${site.embedSnippet}></textarea>
            </div>
            ${/\/\/(localhost|127\.0\.0\.1)[:/]/.test(site.embedSnippet)
              ? html`<p class="panel" role="note">${fmt(t.localhostWarning, { url: /src="([^"]*)"/.exec(site.embedSnippet)?.[1] ?? '' })}</p>`
              : nothing}
            <button type="button" @click=${this.copy}>${t.copy}</button>
            ${site.refusedOrigins?.length ? this.renderRefused(site) : nothing}
            <h2>${t.settings}</h2>
            ${keyed(site.slug, this.renderSettings(site))}
            <p><a href="#bans">${t.siteBans}</a></p>`
        : html`<p class="muted">${t.noSites}</p>`}
      ${this.renderCreate()}`;
  }
}

if (!customElements.get('parley-admin-sites')) customElements.define('parley-admin-sites', ParleyAdminSites);

declare global {
  interface HTMLElementTagNameMap {
    'parley-admin-sites': ParleyAdminSites;
  }
}
