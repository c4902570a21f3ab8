// <parley-admin-audit>: the audit log, newest first, filterable by site, comment, actor and action.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { describeReason } from '../../server/moderation/reasons.js';
import type { AdminApi, AuditEntry, SiteRef } from './api.js';
import { announce } from './announce.js';
import { formatDate } from './format.js';
import { errorText, fmt, type Locale, type Messages } from './i18n.js';
import { styles } from './styles.js';

type AuditFilters = { site?: string; commentId?: string; actor?: string; action?: string };

function reasonText(r: AuditEntry['reasons'], locale: Locale): string {
  return (r ?? []).map((x) => describeReason(x, locale)).join('; ');
}

export class ParleyAdminAudit extends LitElement {
  static override styles = [
    styles,
    css`
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
        margin-bottom: 0.75rem;
      }
      .filters .field {
        margin: 0;
        flex: 1 1 9rem;
      }
      .entry {
        border-bottom: 1px solid var(--_border);
        padding: 0.5rem 0;
        overflow-wrap: anywhere;
      }
      .entry p {
        margin: 0.15rem 0;
      }
    `,
  ];

  static override properties = {
    client: { attribute: false },
    t: { attribute: false },
    locale: { attribute: false },
    sites: { attribute: false },
    entries: { state: true },
    nextCursor: { state: true },
    loading: { state: true },
    loadError: { state: true },
  };

  client!: AdminApi;
  t!: Messages;
  locale: Locale = 'en';
  sites: SiteRef[] = [];
  entries: AuditEntry[] | null = null;
  nextCursor: string | null = null;
  loading = false;
  loadError = '';
  private filters: AuditFilters = {};
  private seq = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(false);
  }

  private async load(more: boolean): Promise<void> {
    const seq = more ? this.seq : ++this.seq;
    this.loading = true;
    this.loadError = '';
    try {
      const page = await this.client.audit(this.filters, more ? this.nextCursor : null);
      if (seq !== this.seq) return;
      this.entries = more ? [...(this.entries ?? []), ...page.entries] : page.entries;
      this.nextCursor = page.nextCursor;
      if (more) announce(this, fmt(this.t.loadedMore, { n: page.entries.length }));
    } catch (err) {
      if (seq === this.seq) this.loadError = errorText(err, this.t);
    } finally {
      if (seq === this.seq) this.loading = false;
    }
  }

  private handleFilters(e: SubmitEvent): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const get = (k: string) => String(data.get(k) ?? '').trim() || undefined;
    this.filters = { site: get('site'), commentId: get('commentId'), actor: get('actor'), action: get('action') };
    void this.load(false);
  }

  private renderEntry(e: AuditEntry): TemplateResult {
    const t = this.t;
    const who = e.actor.email ?? (e.actor.type === 'system' ? t.system : e.actor.type);
    const change = e.fromStatus || e.toStatus ? `${e.fromStatus ?? '—'} → ${e.toStatus ?? '—'}` : '';
    const reasons = reasonText(e.reasons, this.locale);
    return html`<li class="entry">
      <p>
        <strong>${e.action}</strong>
        ${e.commentId ? html`<span>${fmt(t.commentN, { n: e.commentId })}</span>` : nothing}
        ${change ? html`<span>${change}</span>` : nothing}
      </p>
      <p class="muted">
        ${who} · ${e.site ?? ''} · <time datetime=${e.createdAt}>${formatDate(e.createdAt, this.locale)}</time>
      </p>
      ${reasons ? html`<p>${t.reasons}: ${reasons}</p>` : nothing} ${e.note ? html`<p>${e.note}</p>` : nothing}
    </li>`;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const f = this.filters;
    return html`<h1>${t.navAudit}</h1>
      <form class="filters" role="search" aria-label=${t.filters} @submit=${this.handleFilters}>
        <div class="field">
          <label for="a-site">${t.site}</label>
          <select id="a-site" name="site">
            <option value="">${t.allSites}</option>
            ${this.sites.map((s) => html`<option value=${s.slug} .selected=${f.site === s.slug}>${s.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="a-comment">${t.commentId}</label>
          <input id="a-comment" name="commentId" inputmode="numeric" pattern="[0-9]*" .value=${f.commentId ?? ''} />
        </div>
        <div class="field">
          <label for="a-actor">${t.actor}</label>
          <input id="a-actor" name="actor" .value=${f.actor ?? ''} />
        </div>
        <div class="field">
          <label for="a-action">${t.action}</label>
          <input id="a-action" name="action" list="a-actions" .value=${f.action ?? ''} />
          <datalist id="a-actions">
            ${['approve', 'reject', 'spam', 'restore', 'delete', 'ban', 'unban', 'erase', 'site.create', 'site.update', 'moderator.create', 'moderator.update'].map(
              (a) => html`<option value=${a}></option>`,
            )}
          </datalist>
        </div>
        <button type="submit">${t.apply}</button>
      </form>
      ${this.loadError
        ? html`<div class="panel error" role="alert">
            <p>${this.loadError}</p>
            <button type="button" @click=${() => this.load(false)}>${t.retry}</button>
          </div>`
        : nothing}
      ${this.entries && !this.entries.length && !this.loading ? html`<p class="muted">${t.noEntries}</p>` : nothing}
      <ol class="plain" aria-busy=${this.loading ? 'true' : 'false'}>
        ${(this.entries ?? []).map((e) => this.renderEntry(e))}
      </ol>
      ${this.loading ? html`<p class="muted" role="status">${t.loading}</p>` : nothing}
      ${this.nextCursor && !this.loading
        ? html`<button type="button" @click=${() => this.load(true)}>${t.loadMore}</button>`
        : nothing}`;
  }
}

if (!customElements.get('parley-admin-audit')) customElements.define('parley-admin-audit', ParleyAdminAudit);

declare global {
  interface HTMLElementTagNameMap {
    'parley-admin-audit': ParleyAdminAudit;
  }
}
