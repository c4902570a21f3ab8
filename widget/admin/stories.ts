// <parley-admin-stories>: the stories with comments in the last 30 days or waiting for review, the
// latest commented first, with their held and reported counts. A story opens its own queue; its
// switches close comments or pre-moderate it (each undoable from the toast).
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { ApiError, type AdminApi, type Article, type SiteRef } from './api.js';
import { announce } from './announce.js';
import { ChangeListener, emit, type UndoableDetail } from './dialog.js';
import { formatAge, formatDate, headline } from './format.js';
import { errorText, fmt, plural, type Locale, type Messages } from './i18n.js';
import { queueHash } from './queue.js';
import { siteFilterField } from './filters.js';
import { styles } from './styles.js';
import { safeHttpUrl } from '../shared/text.js';

export class ParleyAdminStories extends LitElement {
  static override styles = [
    styles,
    css`
      .filters .field {
        flex-basis: 12rem;
      }
      ol.stories {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .story {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.6rem 0.75rem;
        margin: 0 0 0.6rem;
        display: grid;
        gap: 0.25rem 1rem;
        grid-template-columns: 1fr auto;
      }
      .story h2 {
        font-size: 1rem;
        margin: 0;
        overflow-wrap: anywhere;
      }
      .story .meta {
        color: var(--_muted);
        font-size: 0.9em;
      }
      .counts {
        display: flex;
        flex-wrap: wrap;
        gap: 0.35rem;
        align-items: center;
      }
      .pill {
        border-radius: 999px;
        padding: 0 0.5rem;
        border: 1px solid var(--_border);
        font-size: 0.85em;
      }
      .pill.held {
        background: var(--_mid-bg);
        color: var(--_mid-fg);
        border-color: var(--_mid-border);
      }
      .pill.reported {
        background: var(--_high-bg);
        color: var(--_high-fg);
        border-color: var(--_high-border);
      }
      .correct {
        grid-column: 1 / -1;
      }
      .switches {
        grid-column: 1 / -1;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1.25rem;
        align-items: center;
      }
      @media (max-width: 600px) {
        .story {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  static override properties = {
    client: { attribute: false },
    t: { attribute: false },
    locale: { attribute: false },
    sites: { attribute: false },
    articles: { state: true },
    loading: { state: true },
    loadError: { state: true },
    busy: { state: true },
    fieldErrors: { state: true },
  };

  client!: AdminApi;
  t!: Messages;
  locale: Locale = 'en';
  sites: SiteRef[] = [];
  articles: Article[] | null = null;
  loading = false;
  loadError = '';
  busy = new Set<number>();
  /** Per story, the correction form's errors by field ('_': not about a field). */
  fieldErrors: Record<number, Record<string, string>> = {};
  private filters: { site?: string; q?: string } = {};
  private seq = 0;
  private readonly changes = new ChangeListener(this, () => this.load());

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    const seq = ++this.seq;
    this.loading = true;
    this.loadError = '';
    try {
      const r = await this.client.articles({ ...this.filters, limit: 100 });
      if (seq === this.seq) this.articles = r.articles;
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
    this.filters = { site: get('site'), q: get('q') };
    void this.load();
  }

  private async toggle(a: Article, field: 'closed' | 'premod', on: boolean): Promise<void> {
    if (this.busy.has(a.id)) return;
    this.busy = new Set(this.busy).add(a.id);
    const title = headline(a.title) || a.key;
    try {
      const r = await this.client.patchArticle(a.id, { [field]: on });
      this.articles = (this.articles ?? []).map((x) => (x.id === a.id ? r.article : x));
      const t = this.t;
      const text = fmt(field === 'closed' ? (on ? t.storyClosed : t.storyOpened) : on ? t.storyPremod : t.storyPostmod, { title });
      if (r.undo) emit<UndoableDetail>(this, 'parley-undoable', { batch: r.undo, text });
      else announce(this, text);
    } catch (err) {
      announce(this, errorText(err, this.t));
      await this.load();
    } finally {
      const next = new Set(this.busy);
      next.delete(a.id);
      this.busy = next;
      // The switch keeps focus through the re-render (it is the same element).
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#${field}-${a.id}`)?.focus();
    }
  }

  /** A moderator's correction of the story's title and link (the first commenter's, or missing). */
  private async correct(a: Article, e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const title = String(data.get('title') ?? '').trim();
    const url = String(data.get('url') ?? '').trim();
    try {
      const r = await this.client.patchArticle(a.id, { title: title || null, url: url || null });
      this.fieldErrors = { ...this.fieldErrors, [a.id]: {} };
      this.articles = (this.articles ?? []).map((x) => (x.id === a.id ? r.article : x));
      const text = fmt(this.t.storyCorrected, { title: headline(r.article.title) || r.article.key });
      if (r.undo) emit<UndoableDetail>(this, 'parley-undoable', { batch: r.undo, text });
      else announce(this, text);
    } catch (err) {
      const fields: Record<string, string> = {};
      if (err instanceof ApiError) for (const f of err.fields) fields[f.field] = f.message;
      if (Object.keys(fields).length === 0) fields._ = errorText(err, this.t);
      this.fieldErrors = { ...this.fieldErrors, [a.id]: fields };
    }
  }

  private renderCorrection(a: Article): TemplateResult {
    const t = this.t;
    const e = this.fieldErrors[a.id] ?? {};
    const err = (f: string) => (e[f] ? html`<small class="error" id="${f}-error-${a.id}">${e[f]}</small>` : nothing);
    return html`<details class="correct">
      <summary>${t.correctStory}<span class="sr"> ${headline(a.title) || a.key}</span></summary>
      <form @submit=${(ev: SubmitEvent) => this.correct(a, ev)}>
        <div class="field">
          <label for="title-${a.id}">${t.storyTitleLabel}</label>
          <input id="title-${a.id}" name="title" maxlength="300" .value=${a.title ?? ''} aria-invalid=${e.title ? 'true' : 'false'} />${err('title')}
        </div>
        <div class="field">
          <label for="url-${a.id}">${t.storyLinkLabel}</label>
          <input id="url-${a.id}" name="url" type="url" .value=${a.url ?? ''} aria-invalid=${e.url ? 'true' : 'false'} />${err('url')}
        </div>
        ${e._ ? html`<p class="error" role="alert">${e._}</p>` : nothing}
        <button class="primary" type="submit">${t.save}</button>
      </form>
    </details>`;
  }

  private renderStory(a: Article): TemplateResult {
    const t = this.t;
    const title = headline(a.title) || a.key;
    const storyUrl = safeHttpUrl(a.url);
    const queue = queueHash({ site: a.site, article: a.key, queue: a.pending === 0 && a.reported > 0 ? 'reported' : 'pending' });
    return html`<li class="story">
      <div>
        <h2><a href=${queue}>${title}</a></h2>
        <p class="meta">
          ${this.sites.length > 1 ? html`${a.site} · ` : nothing}${plural(t.publishedN, a.commentCount, this.locale)}${a.lastCommentAt
            ? html` · <time datetime=${a.lastCommentAt} title=${formatDate(a.lastCommentAt, this.locale)}>${fmt(t.lastComment, { t: formatAge(a.lastCommentAt, this.locale) })}</time>`
            : nothing}
          ${storyUrl ? html` · <a href=${storyUrl} target="_blank" rel="nofollow ugc noopener">${t.openStory}<span class="sr"> ${title}</span></a>` : nothing}
        </p>
      </div>
      <div class="counts">
        ${a.pending ? html`<a class="pill held" href=${queueHash({ site: a.site, article: a.key })}>${plural(t.heldN, a.pending, this.locale)}</a>` : nothing}
        ${a.reported ? html`<a class="pill reported" href=${queueHash({ site: a.site, article: a.key, queue: 'reported' })}>${plural(t.reportedN, a.reported, this.locale)}</a>` : nothing}
        ${!a.pending && !a.reported ? html`<span class="pill">${t.nothingWaiting}</span>` : nothing}
      </div>
      <div class="switches" role="group" aria-label=${fmt(t.storySwitches, { title })}>
        <label class="row"
          ><input
            id="closed-${a.id}"
            type="checkbox"
            .checked=${a.closed}
            ?disabled=${this.busy.has(a.id)}
            @change=${(e: Event) => void this.toggle(a, 'closed', (e.target as HTMLInputElement).checked)}
          />${t.closeComments}</label
        >
        <label class="row"
          ><input
            id="premod-${a.id}"
            type="checkbox"
            .checked=${a.premod}
            ?disabled=${this.busy.has(a.id)}
            @change=${(e: Event) => void this.toggle(a, 'premod', (e.target as HTMLInputElement).checked)}
          />${t.premodStory}</label
        >
      </div>
      ${this.renderCorrection(a)}
    </li>`;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<h1>${t.storiesTitle}</h1>
      <p class="muted">${t.storiesIntro}</p>
      <form class="filters" role="search" aria-label=${t.filters} @submit=${this.handleFilters}>
        ${siteFilterField('s-site', t, this.sites, this.filters.site)}
        <div class="field">
          <label for="s-q">${t.storySearch}</label>
          <input id="s-q" name="q" type="search" .value=${this.filters.q ?? ''} />
        </div>
        <button type="submit">${t.apply}</button>
      </form>
      ${this.loadError
        ? html`<div class="panel error" role="alert">
            <p>${this.loadError}</p>
            <button type="button" @click=${() => this.load()}>${t.retry}</button>
          </div>`
        : nothing}
      ${this.articles && !this.articles.length && !this.loading ? html`<p class="muted">${t.noStories}</p>` : nothing}
      <ol class="stories" aria-busy=${this.loading ? 'true' : 'false'}>
        ${(this.articles ?? []).map((a) => this.renderStory(a))}
      </ol>
      ${this.loading ? html`<p class="muted" role="status">${t.loading}</p>` : nothing}`;
  }
}

if (!customElements.get('parley-admin-stories')) customElements.define('parley-admin-stories', ParleyAdminStories);

declare global {
  interface HTMLElementTagNameMap {
    'parley-admin-stories': ParleyAdminStories;
  }
}
