// <parley-admin-audit>: the audit log, newest first, in sentences: who did what to what (the
// comment's author, its first words, its story and its link), for settings only the fields that
// changed with old and new values. Filters: action (from a list), moderator, story, dates, site.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { describeReason } from '../../server/moderation/reasons.js';
import type { AdminApi, AuditEntry, SiteRef } from './api.js';
import { announce } from './announce.js';
import { emit } from './dialog.js';
import { formatDate, headline } from './format.js';
import { AUDIT_ACTIONS, actionLabel, errorText, fieldLabel, fmt, plural, settingValue, type Locale, type Messages } from './i18n.js';
import { siteFilterField } from './filters.js';
import { styles } from './styles.js';
import { safeHttpUrl, withName } from '../shared/text.js';

interface AuditFilters {
  site?: string;
  action?: string;
  actor?: string;
  article?: string;
  from?: string;
  to?: string;
}

/** A yyyy-mm-dd date input as the start of that day here, and the day after it for an inclusive end. */
function dayStart(value: string | undefined, plusDays = 0): string | undefined {
  if (!value) return undefined;
  const d = new Date(`${value}T00:00:00`);
  if (Number.isNaN(d.getTime())) return undefined;
  d.setDate(d.getDate() + plusDays);
  return d.toISOString();
}

export class ParleyAdminAudit extends LitElement {
  static override styles = [
    styles,
    css`
      .entry {
        border-bottom: 1px solid var(--_border);
        padding: 0.5rem 0;
        overflow-wrap: anywhere;
      }
      .entry p {
        margin: 0.15rem 0;
      }
      .entry .what {
        color: var(--_muted);
        font-size: 0.9em;
      }
      .entry q {
        quotes: '“' '”';
      }
      ul.changes {
        margin: 0.15rem 0;
        padding-inline-start: 1.25rem;
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
    actors: { state: true },
  };

  client!: AdminApi;
  t!: Messages;
  locale: Locale = 'en';
  sites: SiteRef[] = [];
  entries: AuditEntry[] | null = null;
  nextCursor: string | null = null;
  loading = false;
  loadError = '';
  actors: Array<{ id: number; name: string; email: string }> = [];
  private filters: AuditFilters = {};
  private seq = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(false);
    void this.client
      .auditActors()
      .then((r) => (this.actors = r.actors))
      .catch(() => undefined);
  }

  private query(): Record<string, string | undefined> {
    const f = this.filters;
    return { site: f.site, action: f.action, actor: f.actor, article: f.article, from: dayStart(f.from), to: dayStart(f.to, 1) };
  }

  private async load(more: boolean): Promise<void> {
    const seq = more ? this.seq : ++this.seq;
    this.loading = true;
    this.loadError = '';
    try {
      const page = await this.client.audit(this.query(), more ? this.nextCursor : null);
      if (seq !== this.seq) return;
      this.entries = more ? [...(this.entries ?? []), ...page.entries] : page.entries;
      this.nextCursor = page.nextCursor;
      if (more) announce(this, plural(this.t.loadedMore, page.entries.length, this.locale));
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
    this.filters = { site: get('site'), action: get('action'), actor: get('actor'), article: get('article'), from: get('from'), to: get('to') };
    void this.load(false);
  }

  private who(e: AuditEntry): string {
    const t = this.t;
    if (e.actor.type === 'moderator') return e.actor.name || e.actor.email || t.auditModerator;
    return e.actor.type === 'system' ? t.system : e.actor.type === 'author' ? t.auditAuthor : t.auditReader;
  }

  private renderChanges(e: AuditEntry): TemplateResult | typeof nothing {
    if (!e.changes.length) return nothing;
    const t = this.t;
    return html`<ul class="changes" aria-label=${t.auditChanges}>
      ${e.changes.map(
        (c) => {
          // A story's title and link are text as typed, never a setting's value in words.
          const say = (v: unknown) => (c.field.startsWith('article') ? (typeof v === 'string' && v ? v : t.emptyValue) : settingValue(v, t, this.locale));
          return html`<li>${fieldLabel(c.field, t)}: ${say(c.from)} → ${say(c.to)}</li>`;
        },
      )}
    </ul>`;
  }

  private renderEntry(e: AuditEntry): TemplateResult {
    const t = this.t;
    const c = e.comment;
    const title = e.article ? headline(e.article.title) || e.article.key : '';
    const articleUrl = safeHttpUrl(e.article?.url);
    const reasons = (e.reasons ?? []).map((r) => describeReason(r, this.locale)).join('; ');
    return html`<li class="entry">
      <p>
        <strong>${actionLabel(e.action, t)}</strong>${e.action === 'undo' && e.undoes ? html` (${actionLabel(e.undoes, t)})` : nothing}
        · ${this.who(e)} · <time datetime=${e.createdAt}>${formatDate(e.createdAt, this.locale)}</time>${e.site && this.sites.length > 1 ? html` · ${e.site}` : nothing}
      </p>
      ${c
        ? html`<p class="what">
            ${withName(t.auditComment, c.authorName)}: <q>${c.excerpt}</q> (${t.statusLabels[c.status as keyof Messages['statusLabels']] ?? c.status})
            ${e.permalink ? html` · <a href=${e.permalink} target="_blank" rel="nofollow ugc noopener">${t.openOnPage}</a>` : nothing}
            · <a href="#comment/${c.id}">${t.openComment}</a>
            ·
            <button type="button" class="link" @click=${() => emit(this, 'parley-open-author', { ref: { comment: c.id } })}>
              ${t.openAuthor}<span class="sr"> <bdi>${c.authorName}</bdi></span>
            </button>
          </p>`
        : nothing}
      ${title ? html`<p class="what">${t.on} ${articleUrl ? html`<a href=${articleUrl} target="_blank" rel="nofollow ugc noopener">${title}</a>` : title}</p>` : nothing}
      ${!c && e.author ? html`<p class="what">${fmt(t.auditAboutAuthor, { email: e.author })}</p>` : nothing}
      ${e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus
        ? html`<p class="what">${t.statusLabels[e.fromStatus as keyof Messages['statusLabels']] ?? e.fromStatus} → ${t.statusLabels[e.toStatus as keyof Messages['statusLabels']] ?? e.toStatus}</p>`
        : nothing}
      ${this.renderChanges(e)} ${reasons ? html`<p>${t.reasons}: ${reasons}</p>` : nothing}
      ${e.note && e.action !== 'undo' && !e.changes.length ? html`<p>“${e.note}”</p>` : nothing}
    </li>`;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const f = this.filters;
    return html`<h1>${t.navAudit}</h1>
      <form class="filters" role="search" aria-label=${t.filters} @submit=${this.handleFilters}>
        ${siteFilterField('a-site', t, this.sites, f.site)}
        <div class="field">
          <label for="a-action">${t.action}</label>
          <select id="a-action" name="action">
            <option value="">${t.anyAction}</option>
            ${AUDIT_ACTIONS.map((a) => html`<option value=${a} .selected=${f.action === a}>${actionLabel(a, t)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="a-actor">${t.actor}</label>
          <select id="a-actor" name="actor">
            <option value="">${t.anyone}</option>
            ${this.actors.map((a) => html`<option value=${String(a.id)} .selected=${f.actor === String(a.id)}>${a.name || a.email}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="a-article">${t.storyFilter}</label>
          <input id="a-article" name="article" .value=${f.article ?? ''} />
        </div>
        <div class="field">
          <label for="a-from">${t.fromDate}</label>
          <input id="a-from" name="from" type="date" .value=${f.from ?? ''} />
        </div>
        <div class="field">
          <label for="a-to">${t.toDate}</label>
          <input id="a-to" name="to" type="date" .value=${f.to ?? ''} />
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
      ${this.nextCursor && !this.loading ? html`<button type="button" @click=${() => this.load(true)}>${t.loadMore}</button>` : nothing}`;
  }
}

if (!customElements.get('parley-admin-audit')) customElements.define('parley-admin-audit', ParleyAdminAudit);

declare global {
  interface HTMLElementTagNameMap {
    'parley-admin-audit': ParleyAdminAudit;
  }
}
