// <parley-admin-queue>: the moderation queue's view. Tabs per queue with counts, filters (site,
// story, text, author), cards, bulk selection and keyboard shortcuts; its data and live updates are
// the QueueController's, its dialogs are elements of their own (reply and help here; ban, author and
// thread at the shell, since other pages open them too).
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { QUEUES, type Action, type ModeratorComment, type AdminApi, type Queue, type SiteRef, type Sort } from './api.js';
import { announce, tell } from './announce.js';
import { normalizeArticleKey } from '../../server/comments/article-key.js';
import { actionsFor, cardStyles, renderCard } from './card.js';
import { ChangeListener, deepActiveElement, emit, anyDialogOpen, type UndoableDetail } from './dialog.js';
import { formatCount, headline } from './format.js';
import { errorText, fmt, plural, type Locale, type Messages } from './i18n.js';
import { QueueController } from './queue-controller.js';
import type { ParleyHelpDialog, ParleyReplyDialog } from './reply-dialog.js';
import './reply-dialog.js';
import { siteFilterField } from './filters.js';
import { styles } from './styles.js';

const SHORTCUT_ACTIONS: Record<string, Action> = { a: 'approve', r: 'reject', s: 'spam' };
const TYPING_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color']);

/** True when a key press belongs to a text field, so shortcuts must leave it alone. */
export function isTyping(target: EventTarget | undefined): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !TYPING_INPUTS.has(target.type);
}

/** True when focus is nowhere useful: the page itself, or the shell's main area. */
function focusLost(): boolean {
  const el = deepActiveElement();
  return !el || el === document.body || el.tagName === 'MAIN' || el.tagName === 'PARLEY-ADMIN';
}

/** The queue's place in the address (#queue?queue=reported&site=demo&article=…), so Back and links work. */
export interface QueueRoute {
  queue?: Queue;
  site?: string;
  article?: string;
  email?: string;
  q?: string;
  sort?: Sort;
}

export function queueHash(r: QueueRoute): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(r)) if (v && !(k === 'queue' && v === 'pending') && !(k === 'sort' && v === 'oldest')) p.set(k, v);
  const s = p.toString();
  return s ? `#queue?${s}` : '#queue';
}

export class ParleyAdminQueue extends LitElement {
  static override styles = [
    styles,
    cardStyles,
    css`
      [role='tablist'] {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        border-bottom: 1px solid var(--_border);
        margin-bottom: 0.75rem;
      }
      [role='tab'] {
        border-radius: var(--_radius) var(--_radius) 0 0;
        border-bottom: none;
        background: var(--_soft);
      }
      [role='tab'][aria-selected='true'] {
        background: var(--_bg);
        font-weight: 700;
        border-color: var(--_accent);
        box-shadow: inset 0 3px 0 var(--_accent);
      }
      .count {
        display: inline-block;
        min-width: 1.5em;
        padding: 0 0.35em;
        border-radius: 999px;
        background: var(--_fg);
        color: var(--_bg);
        font-size: 0.8em;
        text-align: center;
      }
      .story {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: baseline;
        margin: 0 0 0.75rem;
      }
      .bulk {
        position: sticky;
        top: 0;
        /* Above the shell's toast while it shows (on a phone the bar's own place is often under it). */
        bottom: var(--pa-toast-space, auto);
        z-index: 1;
        background: var(--_soft);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.4rem 0.5rem;
        margin-bottom: 0.75rem;
      }
      .top {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: baseline;
        gap: 0.5rem;
      }
      .live::before {
        content: '';
        display: inline-block;
        width: 0.6em;
        height: 0.6em;
        border-radius: 50%;
        margin-inline-end: 0.35em;
        background: var(--_border);
      }
      .live.on::before {
        background: var(--_ok);
      }
      @media (max-width: 480px) {
        .filters .field {
          flex-basis: 100%;
        }
      }
    `,
  ];

  static override properties = {
    client: { attribute: false },
    t: { attribute: false },
    locale: { attribute: false },
    sites: { attribute: false },
    eventsUrl: { attribute: false },
    route: { attribute: false },
    selected: { state: true },
    current: { state: true },
    allScores: { state: true },
  };

  client!: AdminApi;
  t!: Messages;
  locale: Locale = 'en';
  sites: SiteRef[] = [];
  eventsUrl = '/api/v1/admin/events';
  /** Where the address says the queue is; the view follows it when it changes (a link from Stories). */
  route: QueueRoute = {};
  selected = new Set<number>();
  /** Index of the card j/k/a/r/s act on; -1 before the first j. */
  current = -1;
  /** Where j goes on from after another moderator took the current card (-1: nowhere in particular). */
  private resumeAt = -1;
  /** Cards showing every score, not only those above the floor. */
  allScores = new Set<number>();

  readonly data = new QueueController(this, () => this.client, () => this.eventsUrl, {
    removed: (ids, moveFocus) => this.handleRemoved(ids, moveFocus),
    arrived: (c, at) => {
      if (at <= this.current) this.current++;
      if (this.resumeAt >= 0 && at <= this.resumeAt) this.resumeAt++;
      // A comment this view acted on that comes back (its undo, mostly) is not new: saying so would talk
      // over the toast's "Undone" (the live event and the undo's answer race).
      if (!this.data.ownReplies.has(c.id) && !this.actedOn.delete(c.id)) tell(this, fmt(this.t.arrived, { name: c.authorName, queue: this.t[this.data.queue] }));
    },
    loaded: (keepId) => {
      const ids = new Set(this.data.comments.map((c) => c.id));
      this.selected = new Set([...this.selected].filter((id) => ids.has(id)));
      this.current = keepId === undefined ? -1 : this.data.comments.findIndex((c) => c.id === keepId);
      this.resumeAt = -1;
    },
  });

  /** Comments this view moved out of the queue: their return is announced by the undo, not as arrivals. */
  private readonly actedOn = new Set<number>();
  private readonly onKey = (e: KeyboardEvent) => this.handleKey(e);
  private readonly changes = new ChangeListener(this, async () => {
    const lost = focusLost();
    await this.data.load({ keep: true, keepId: this.comments[this.current]?.id, atLeast: this.comments.length + 1 });
    this.data.refreshCountsSoon();
    // After an undo from the toast (or a dialog that closed over a card that left), focus returns to the list.
    if (lost || focusLost()) this.focusCurrent();
  });

  get comments(): ModeratorComment[] {
    return this.data.comments;
  }

  override connectedCallback(): void {
    this.applyRoute();
    super.connectedCallback();
    document.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.onKey);
  }

  private applyRoute(): void {
    const r = this.route;
    this.data.queue = r.queue && QUEUES.includes(r.queue) ? r.queue : 'pending';
    this.data.filters = { site: r.site, article: r.article, email: r.email, q: r.q, sort: r.sort ?? 'oldest' };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('route') && changed.get('route') !== undefined) {
      const r = this.route;
      const f = this.data.filters;
      const same = (r.queue ?? 'pending') === this.data.queue && r.site === f.site && r.article === f.article && r.email === f.email && r.q === f.q && (r.sort ?? 'oldest') === f.sort;
      if (!same) {
        this.current = -1;
        this.selected = new Set();
        this.data.show(r.queue ?? 'pending', { site: r.site, article: r.article, email: r.email, q: r.q, sort: r.sort ?? 'oldest' });
      }
    }
    // A stale "current" index (after a reload) must not point past the list.
    if (this.current >= this.comments.length) this.current = this.comments.length - 1;
  }

  /** Shows another queue or other filters, and says so in the address. */
  private go(queue: Queue, filters = this.data.filters): void {
    this.current = -1;
    this.selected = new Set();
    this.data.show(queue, filters);
    // The address follows (a history entry per view, so Back returns to the previous queue or filter),
    // and the shell's route with it: its next render must not take the queue back to the old one.
    const hash = queueHash({ queue, ...filters });
    if (location.hash !== hash) location.hash = hash;
  }

  private handleRemoved(ids: number[], moveFocus: boolean): void {
    const drop = new Set(ids);
    const list = this.comments;
    const currentId = list[this.current]?.id;
    const before = list.slice(0, Math.max(this.current, 0)).filter((c) => drop.has(c.id)).length;
    this.selected = new Set([...this.selected].filter((id) => !drop.has(id)));
    const remaining = list.length - list.filter((c) => drop.has(c.id)).length;
    this.resumeAt = -1;
    if (currentId !== undefined && drop.has(currentId)) {
      // The next card slides into the removed one's place; at the end, step back one.
      const next = Math.min(this.current - before, remaining - 1);
      if (moveFocus) {
        this.current = next;
        void this.focusCard(next);
      } else {
        // Another moderator (or a job) took the card being read: no card the moderator has not seen
        // becomes the one a shortcut acts on. j goes on from where it was.
        const t = this.t;
        const name = list[this.current]?.authorName ?? '';
        this.current = -1;
        this.resumeAt = next;
        tell(this, fmt(t.currentTaken, { name }));
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus());
      }
    } else if (currentId !== undefined) {
      this.current -= before;
    }
  }

  private async focusCard(index: number): Promise<void> {
    this.current = index;
    this.data.prefetch(this.comments[index]);
    await this.updateComplete;
    const c = this.comments[index];
    const el = c ? this.renderRoot.querySelector<HTMLElement>(`#card-${c.id}`) : null;
    if (el) {
      el.focus();
      el.scrollIntoView({ block: 'nearest' });
    } else {
      // Nothing left to focus: put focus somewhere stable instead of losing it to <body>.
      this.renderRoot.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
    }
  }

  /** Focus back on the card being worked on (after a dialog), or the one that took its place. */
  focusCurrent(): void {
    if (this.comments.length) void this.focusCard(Math.max(0, Math.min(this.current, this.comments.length - 1)));
    else this.renderRoot.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
  }

  private async act(c: ModeratorComment, action: Action): Promise<void> {
    const index = this.comments.findIndex((x) => x.id === c.id);
    if (index >= 0) this.current = index;
    const r = await this.data.act(c, action);
    if (!r.ok) {
      if (r.error) announce(this, errorText(r.error, this.t));
      return;
    }
    this.actedOn.add(c.id);
    const text = fmt(this.t.done[action], { name: c.authorName });
    if (r.undo) emit<UndoableDetail>(this, 'parley-undoable', { batch: r.undo, text });
    else announce(this, text);
    // An action that keeps the card here (a pick) keeps focus on it.
    if (this.comments.some((x) => x.id === c.id)) void this.focusCard(this.comments.findIndex((x) => x.id === c.id));
  }

  private async bulk(action: Action): Promise<void> {
    const ids = [...this.selected];
    if (!ids.length) return;
    try {
      const r = await this.data.bulk(ids, action);
      for (const id of ids) this.actedOn.add(id);
      const t = this.t;
      let text = fmt(t.bulkDone, {
        action: t[action],
        updated: plural(t.bulkUpdated, r.updated, this.locale),
        skipped: plural(t.bulkSkipped, r.skipped, this.locale),
      });
      if (r.taken.length) {
        // Which ones another moderator decided first, and what they are now: the moderator may disagree.
        const list = r.taken.map((x) => {
          const vars = { name: x.authorName, status: t.statusLabels[x.status], who: x.moderatedBy ?? '' };
          return fmt(x.moderatedBy ? t.bulkTakenBy : t.bulkTakenItem, vars);
        });
        text += ` ${plural(t.bulkTaken, r.taken.length, this.locale, { list: new Intl.ListFormat(this.locale === 'hi' ? 'hi-IN' : 'en').format(list) })}`;
      }
      if (r.undo) emit<UndoableDetail>(this, 'parley-undoable', { batch: r.undo, text });
      else announce(this, text);
    } catch (err) {
      announce(this, errorText(err, this.t));
    }
  }

  private openAuthor(c: ModeratorComment): void {
    emit(this, 'parley-open-author', { ref: { comment: c.id }, returnFocus: () => this.focusCurrent() });
  }

  private openThread(c: ModeratorComment): void {
    emit(this, 'parley-open-thread', { id: c.id, returnFocus: () => this.focusCurrent() });
  }

  private openBan(c: ModeratorComment): void {
    const i = this.comments.findIndex((x) => x.id === c.id);
    if (i >= 0) this.current = i;
    emit(this, 'parley-open-ban', { comment: c, detail: this.data.details.get(c.id), returnFocus: () => this.focusCurrent() });
  }

  private openReply(c: ModeratorComment): void {
    const i = this.comments.findIndex((x) => x.id === c.id);
    if (i >= 0) this.current = i;
    void this.renderRoot.querySelector<ParleyReplyDialog>('parley-reply-dialog')?.open(c, {
      approved: (comment) => {
        if (!this.comments.some((x) => x.id === comment.id)) return;
        if (this.data.queue === 'pending') this.data.remove([comment.id], false);
        else this.data.replace(comment);
        this.data.refreshCountsSoon();
      },
      replied: (reply) => this.data.ownReplies.add(reply.id),
      returnFocus: () => this.focusCurrent(),
    });
  }

  private openHelp(): void {
    void this.renderRoot.querySelector<ParleyHelpDialog>('parley-help-dialog')?.open();
  }

  private handleKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (isTyping(e.composedPath()[0])) return;
    if (anyDialogOpen()) return;
    const key = e.key;
    if (key === '?') {
      e.preventDefault();
      this.openHelp();
      return;
    }
    if (key === 'j' || key === 'k') {
      e.preventDefault();
      const n = this.comments.length;
      if (!n) return;
      // After the card being read was taken away, j goes to the one that took its place.
      const at = this.current >= 0 ? this.current : this.resumeAt >= 0 ? this.resumeAt - (key === 'j' ? 1 : 0) : -1;
      this.resumeAt = -1;
      const next = key === 'j' ? Math.min(at + 1, n - 1) : Math.max(at - 1, 0);
      void this.focusCard(next);
      return;
    }
    if (!'arsxutofdb'.includes(key) || key.length !== 1) return;
    e.preventDefault();
    if (e.repeat) return;
    const c = this.comments[this.current];
    if (!c) {
      announce(this, this.t.noCurrent);
      return;
    }
    const action = SHORTCUT_ACTIONS[key];
    if (action) {
      if (actionsFor(this.data.queue).includes(action)) void this.act(c, action);
    } else if (key === 'x') this.toggleSelect(c, !this.selected.has(c.id));
    else if (key === 'u') this.openAuthor(c);
    else if (key === 't') this.openThread(c);
    else if (key === 'b') this.openBan(c);
    else if (key === 'f' && c.status === 'approved') void this.act(c, c.featuredAt ? 'unfeature' : 'feature');
    else if (key === 'd' && this.data.queue === 'reported') void this.act(c, 'dismiss');
    else if (key === 'o') this.renderRoot.querySelector<HTMLAnchorElement>(`#card-${c.id} a[aria-keyshortcuts="o"]`)?.click();
  }

  private toggleSelect(c: ModeratorComment, on: boolean): void {
    const next = new Set(this.selected);
    if (on) next.add(c.id);
    else next.delete(c.id);
    this.selected = next;
  }

  private selectAll(on: boolean): void {
    this.selected = on ? new Set(this.comments.map((c) => c.id)) : new Set();
  }

  private toggleScores(c: ModeratorComment): void {
    const next = new Set(this.allScores);
    if (next.has(c.id)) next.delete(c.id);
    else next.add(c.id);
    this.allScores = next;
  }

  private switchQueue(q: Queue, focusTab = false): void {
    if (q === this.data.queue) return;
    this.go(q);
    if (focusTab) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${q}`)?.focus());
  }

  private handleTabKey(e: KeyboardEvent): void {
    // The ARIA tabs pattern: arrows move between tabs, Home/End jump to the ends.
    const i = QUEUES.indexOf(this.data.queue);
    const to =
      e.key === 'ArrowRight' ? (i + 1) % QUEUES.length
      : e.key === 'ArrowLeft' ? (i - 1 + QUEUES.length) % QUEUES.length
      : e.key === 'Home' ? 0
      : e.key === 'End' ? QUEUES.length - 1
      : -1;
    if (to < 0) return;
    e.preventDefault();
    this.switchQueue(QUEUES[to]!, true);
  }

  private handleFilters(e: SubmitEvent): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const get = (k: string) => String(data.get(k) ?? '').trim() || undefined;
    // A pasted link becomes the story's key as the server reads it (tracking parameters and case of the
    // host aside), so the banner finds its headline and live arrivals on the story match it.
    const article = get('article');
    this.go(this.data.queue, {
      site: get('site'),
      article: article && (normalizeArticleKey(article) ?? article),
      q: get('q'),
      email: get('email'),
      sort: (get('sort') as Sort | undefined) ?? 'oldest',
    });
  }

  private clearStory(): void {
    this.go(this.data.queue, { ...this.data.filters, article: undefined });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#f-article')?.focus());
  }

  private renderTabs(): TemplateResult {
    const t = this.t;
    const d = this.data;
    return html`<div role="tablist" aria-label=${t.queues} @keydown=${this.handleTabKey}>
      ${QUEUES.map((q) => {
        const n = d.counts?.[q];
        const selected = q === d.queue;
        return html`<button
          role="tab"
          id="tab-${q}"
          type="button"
          aria-selected=${selected ? 'true' : 'false'}
          aria-controls="panel"
          tabindex=${selected ? '0' : '-1'}
          @click=${() => this.switchQueue(q)}
        >
          ${t[q]}
          ${n === undefined ? nothing : html` <span class="count">${formatCount(n, d.cap, this.locale)}</span>`}
        </button>`;
      })}
    </div>`;
  }

  private renderFilters(): TemplateResult {
    const t = this.t;
    const f = this.data.filters;
    return html`<form class="filters" role="search" aria-label=${t.filters} @submit=${this.handleFilters}>
      ${siteFilterField('f-site', t, this.sites, f.site)}
      <div class="field">
        <label for="f-article">${t.storyFilter}</label>
        <input id="f-article" name="article" .value=${f.article ?? ''} />
      </div>
      <div class="field">
        <label for="f-q">${t.searchText}</label>
        <input id="f-q" name="q" type="search" .value=${f.q ?? ''} />
      </div>
      <div class="field">
        <label for="f-email">${t.authorEmail}</label>
        <input id="f-email" name="email" type="email" .value=${f.email ?? ''} />
      </div>
      <div class="field">
        <label for="f-sort">${t.sort}</label>
        <select id="f-sort" name="sort">
          <option value="oldest" .selected=${f.sort !== 'newest'}>${t.oldest}</option>
          <option value="newest" .selected=${f.sort === 'newest'}>${t.newest}</option>
        </select>
      </div>
      <button type="submit">${t.apply}</button>
    </form>`;
  }

  private renderStory(): TemplateResult | typeof nothing {
    const article = this.data.filters.article;
    if (!article) return nothing;
    const title = headline(this.comments.find((c) => c.articleKey === article)?.articleTitle) || article;
    return html`<p class="story" role="status">
      <strong>${fmt(this.t.onlyStory, { title })}</strong>
      <button type="button" @click=${this.clearStory}>${this.t.allStories}</button>
    </p>`;
  }

  private renderBulk(): TemplateResult | typeof nothing {
    const t = this.t;
    const n = this.selected.size;
    if (!this.comments.length) return nothing;
    const all = n > 0 && n === this.comments.length;
    return html`<div class="bulk row" role="group" aria-label=${t.bulk}>
      <label class="row"
        ><input type="checkbox" .checked=${all} @change=${(e: Event) => this.selectAll((e.target as HTMLInputElement).checked)} />
        ${t.selectAll}</label
      >
      <span aria-live="polite">${plural(t.selectedN, n, this.locale)}</span>
      ${actionsFor(this.data.queue).map((a) => html`<button type="button" ?disabled=${n === 0} @click=${() => this.bulk(a)}>${t[a]}</button>`)}
    </div>`;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const d = this.data;
    return html`<div class="top">
        <h1>${t.queueTitle}</h1>
        <div class="row">
          <span class="live ${d.live === 'on' ? 'on' : ''}" data-live=${d.live}
            >${d.live === 'on' ? t.liveOn : d.live === 'off' ? t.liveOff : t.liveConnecting}</span
          >
          <button type="button" @click=${this.openHelp} aria-keyshortcuts="?">${t.shortcuts}</button>
        </div>
      </div>
      ${this.renderTabs()}
      <section id="panel" role="tabpanel" aria-labelledby="tab-${d.queue}">
        ${this.renderFilters()} ${this.renderStory()} ${this.renderBulk()}
        ${d.loadError
          ? html`<div class="panel error" role="alert">
              <p>${errorText(d.loadError, t)}</p>
              <button type="button" @click=${() => d.load()}>${t.retry}</button>
            </div>`
          : nothing}
        ${!d.loading && !d.loadError && !this.comments.length ? html`<p class="panel muted">${t.empty[d.queue]}</p>` : nothing}
        <div class="cards" aria-busy=${d.loading ? 'true' : 'false'} @focusin=${this.handleFocusIn}>
          ${repeat(
            this.comments,
            (c) => c.id,
            (c, i) =>
              renderCard(c, {
                t,
                locale: this.locale,
                queue: d.queue,
                selected: this.selected.has(c.id),
                current: i === this.current,
                busy: d.busyIds.has(c.id),
                detail: d.details.get(c.id),
                allScores: this.allScores.has(c.id),
                siteName: this.sites.length > 1 ? (this.sites.find((x) => x.slug === c.site)?.name ?? c.site) : undefined,
                onAction: (x, a) => void this.act(x, a),
                onSelect: (x, on) => this.toggleSelect(x, on),
                onBan: (x) => this.openBan(x),
                onReply: (x) => this.openReply(x),
                onAuthor: (x) => this.openAuthor(x),
                onThread: (x) => this.openThread(x),
                onToggleScores: (x) => this.toggleScores(x),
              }),
          )}
        </div>
        ${d.loading ? html`<p class="muted" role="status">${t.loading}</p>` : nothing}
        ${d.nextCursor && !d.loading ? html`<button type="button" @click=${this.handleMore}>${t.loadMore}</button>` : nothing}
      </section>
      <parley-help-dialog .client=${this.client} .t=${t} .locale=${this.locale}></parley-help-dialog>
      <parley-reply-dialog .client=${this.client} .t=${t} .locale=${this.locale}></parley-reply-dialog>`;
  }

  private async handleMore(): Promise<void> {
    try {
      const { added, first } = await this.data.loadMore();
      announce(this, plural(this.t.loadedMore, added, this.locale));
      // Focus the first new card so keyboard users continue where the new page starts.
      if (added) void this.focusCard(first);
    } catch (err) {
      announce(this, errorText(err, this.t));
    }
  }

  private handleFocusIn(e: FocusEvent): void {
    // Tabbing into a card's buttons makes it the card the shortcuts act on.
    const card = (e.target as HTMLElement).closest?.('article.card');
    if (!card) return;
    const id = Number(card.id.slice(5));
    const i = this.comments.findIndex((c) => c.id === id);
    if (i >= 0 && i !== this.current) {
      this.current = i;
      this.data.prefetch(this.comments[i]);
    }
  }
}

if (!customElements.get('parley-admin-queue')) customElements.define('parley-admin-queue', ParleyAdminQueue);

declare global {
  interface HTMLElementTagNameMap {
    'parley-admin-queue': ParleyAdminQueue;
  }
}
