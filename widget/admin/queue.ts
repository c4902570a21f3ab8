// <parley-admin-queue>: the moderation queue. Tabs per queue with counts, filters, cards, bulk
// selection, keyboard shortcuts (j k a r s x ?), bans, and live updates from the admin event stream.
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import {
  ApiError,
  QUEUES,
  inQueue,
  type Action,
  type AdminApi,
  type CommentDetail,
  type Counts,
  type Filters,
  type ModeratorComment,
  type Queue,
  type QueueEvent,
  type SiteRef,
  type Sort,
} from './api.js';
import { describeReason } from '../../server/moderation/reasons.js';
import { actionsFor, cardStyles, renderCard } from './card.js';
import { excerpt, formatCount } from './format.js';
import { errorText, fmt, type Locale, type Messages } from './i18n.js';
import { styles } from './styles.js';
import { css } from 'lit';
import { announce } from './announce.js';

const PAGE = 25;
// Replies need their parent's text; fetching those details a few at a time keeps a page of 25
// from firing 25 requests at once on a busy queue.
const DETAIL_CONCURRENCY = 4;
const SHORTCUT_ACTIONS: Record<string, Action> = { a: 'approve', r: 'reject', s: 'spam' };
const TYPING_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color']);

/** True when a key press belongs to a text field, so shortcuts must leave it alone. */
export function isTyping(target: EventTarget | undefined): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !TYPING_INPUTS.has(target.type);
}


/** Client-side copy of the server's filters, so a live comment only appears where it would be listed. */
export function matchesFilters(c: ModeratorComment, f: Filters): boolean {
  if (f.site && c.site !== f.site) return false;
  if (f.email && (c.authorEmail ?? '').toLowerCase() !== f.email.toLowerCase()) return false;
  if (f.article && c.articleKey !== f.article) return false;
  if (f.q && !c.body.toLowerCase().includes(f.q.toLowerCase())) return false;
  return true;
}

function sortKey(c: ModeratorComment, queue: Queue): string {
  return (queue === 'reported' && c.reportedAt) || c.createdAt;
}

/** Negative when `a` is listed before `b` in this queue and order. */
export function compareComments(a: ModeratorComment, b: ModeratorComment, queue: Queue, sort: Sort): number {
  const ka = Date.parse(sortKey(a, queue));
  const kb = Date.parse(sortKey(b, queue));
  const d = ka - kb || a.id - b.id;
  return sort === 'newest' ? -d : d;
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
      .bulk {
        position: sticky;
        top: 0;
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
        background: #8c959f;
      }
      .live.on::before {
        background: #1a7f37;
      }
      dl.keys {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.35rem 1rem;
      }
      dl.keys dd {
        margin: 0;
      }
      @media (max-width: 480px) {
        main,
        .panel {
          padding: 0.5rem;
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
    queue: { state: true },
    filters: { state: true },
    comments: { state: true },
    nextCursor: { state: true },
    counts: { state: true },
    cap: { state: true },
    loading: { state: true },
    loadError: { state: true },
    selected: { state: true },
    current: { state: true },
    busyIds: { state: true },
    details: { state: true },
    live: { state: true },
    banTarget: { state: true },
    banError: { state: true },
    replyTarget: { state: true },
    replyError: { state: true },
    replyBusy: { state: true },
  };

  client!: AdminApi;
  t!: Messages;
  locale: Locale = 'en';
  sites: SiteRef[] = [];
  eventsUrl = '/api/v1/admin/events';

  queue: Queue = 'pending';
  filters: Omit<Filters, 'queue'> = { sort: 'oldest' };
  comments: ModeratorComment[] = [];
  nextCursor: string | null = null;
  counts: Counts | null = null;
  cap = 10_000;
  loading = false;
  loadError = '';
  selected = new Set<number>();
  /** Index of the card j/k/a/r/s act on; -1 before the first j. */
  current = -1;
  busyIds = new Set<number>();
  details = new Map<number, CommentDetail>();
  live: 'connecting' | 'on' | 'off' = 'connecting';
  banTarget: ModeratorComment | null = null;
  banError = '';
  /** The comment the reply dialog answers; a pending one is approved first. */
  replyTarget: ModeratorComment | null = null;
  replyError = '';
  replyBusy = false;

  private source: EventSource | null = null;
  private opened = false;
  private loadSeq = 0;
  private countsTimer: number | undefined;
  private detailQueue: number[] = [];
  private detailsInFlight = 0;
  /** This moderator's own replies: their live arrival is not news to announce. */
  private readonly ownReplies = new Set<number>();
  private readonly onKey = (e: KeyboardEvent) => this.handleKey(e);

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this.onKey);
    void this.refreshCounts();
    // The list loads once the event stream is open (or has failed), so nothing created between
    // the list query and the stream's subscription can be missed.
    this.connectEvents();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.onKey);
    this.source?.close();
    this.source = null;
    clearTimeout(this.countsTimer);
  }

  private get activeFilters(): Filters {
    return { ...this.filters, queue: this.queue };
  }

  private connectEvents(): void {
    if (typeof EventSource === 'undefined') {
      this.live = 'off';
      void this.load();
      return;
    }
    const source = new EventSource(this.eventsUrl);
    this.source = source;
    source.addEventListener('open', () => {
      this.live = 'on';
      // First open: the initial load. Later opens are reconnects that may have missed events.
      if (!this.opened) {
        this.opened = true;
        void this.load();
      } else {
        void this.load({ keepFocus: true });
        this.refreshCountsSoon();
      }
    });
    source.addEventListener('error', () => {
      this.live = source.readyState === EventSource.CLOSED ? 'off' : 'connecting';
      if (!this.opened) {
        this.opened = true;
        void this.load();
      }
      // A closed stream usually means the session ended; /me says so and triggers the login page.
      if (source.readyState === EventSource.CLOSED) void this.client.me().catch(() => undefined);
    });
    source.addEventListener('queue', (e) => {
      let data: QueueEvent;
      try {
        data = JSON.parse((e as MessageEvent<string>).data) as QueueEvent;
      } catch {
        return;
      }
      void this.handleQueueEvent(data);
    });
  }

  /** Loads the first page for the current queue and filters; `keepFocus` keeps the current card. */
  async load(opts: { keepFocus?: boolean } = {}): Promise<void> {
    const seq = ++this.loadSeq;
    const keepId = opts.keepFocus ? this.comments[this.current]?.id : undefined;
    this.loading = true;
    this.loadError = '';
    try {
      const page = await this.client.comments(this.activeFilters, null, PAGE);
      if (seq !== this.loadSeq) return;
      this.comments = page.comments;
      this.nextCursor = page.nextCursor;
      const keep = keepId === undefined ? -1 : this.comments.findIndex((c) => c.id === keepId);
      this.current = keep;
      const ids = new Set(this.comments.map((c) => c.id));
      this.selected = new Set([...this.selected].filter((id) => ids.has(id)));
      this.queueDetails(this.comments);
    } catch (err) {
      if (seq === this.loadSeq) this.loadError = errorText(err, this.t);
    } finally {
      if (seq === this.loadSeq) this.loading = false;
    }
  }

  private async loadMore(): Promise<void> {
    if (!this.nextCursor) return;
    const seq = this.loadSeq;
    this.loading = true;
    try {
      const page = await this.client.comments(this.activeFilters, this.nextCursor, PAGE);
      if (seq !== this.loadSeq) return;
      const have = new Set(this.comments.map((c) => c.id));
      const fresh = page.comments.filter((c) => !have.has(c.id));
      const first = this.comments.length;
      this.comments = [...this.comments, ...fresh];
      this.nextCursor = page.nextCursor;
      this.queueDetails(fresh);
      announce(this, fmt(this.t.loadedMore, { n: fresh.length }));
      // Focus the first new card so keyboard users continue where the new page starts.
      if (fresh.length) void this.focusCard(first);
    } catch (err) {
      announce(this, errorText(err, this.t));
    } finally {
      if (seq === this.loadSeq) this.loading = false;
    }
  }

  async refreshCounts(): Promise<void> {
    try {
      const r = await this.client.counts(this.filters.site);
      this.counts = r.counts;
      this.cap = r.cap;
    } catch {
      // Counts are a convenience; the list shows the real error if the server is down.
    }
  }

  /** Coalesces the count refreshes of a burst of events or a bulk action into one request. */
  private refreshCountsSoon(): void {
    clearTimeout(this.countsTimer);
    this.countsTimer = window.setTimeout(() => void this.refreshCounts(), 250);
  }

  private queueDetails(list: ModeratorComment[]): void {
    for (const c of list) if (c.parentId && !this.details.has(c.id)) this.detailQueue.push(c.id);
    this.pumpDetails();
  }

  private pumpDetails(): void {
    while (this.detailsInFlight < DETAIL_CONCURRENCY && this.detailQueue.length) {
      const id = this.detailQueue.shift()!;
      if (this.details.has(id) || !this.comments.some((c) => c.id === id)) continue;
      this.detailsInFlight++;
      void this.fetchDetail(id).finally(() => {
        this.detailsInFlight--;
        this.pumpDetails();
      });
    }
  }

  /** The card being worked on shows the author's history; fetched when it becomes current. */
  private prefetchCurrent(): void {
    const c = this.comments[this.current];
    if (c && !this.details.has(c.id) && !this.detailQueue.includes(c.id)) {
      this.detailQueue.unshift(c.id);
      this.pumpDetails();
    }
  }

  private async fetchDetail(id: number): Promise<CommentDetail | null> {
    try {
      const d = await this.client.comment(id);
      this.details = new Map(this.details).set(id, d);
      return d;
    } catch {
      return null;
    }
  }

  private async handleQueueEvent(ev: QueueEvent): Promise<void> {
    this.refreshCountsSoon();
    if (this.filters.site && ev.site !== this.filters.site) return;
    const listed = this.comments.some((c) => c.id === ev.commentId);
    let detail: CommentDetail;
    try {
      detail = await this.client.comment(ev.commentId);
    } catch (err) {
      // Deleted, or moved to a site this moderator lost: it cannot stay on screen.
      if (listed && err instanceof ApiError && err.status === 404) this.removeCards([ev.commentId], false);
      return;
    }
    this.details = new Map(this.details).set(ev.commentId, detail);
    const c = detail.comment;
    const index = this.comments.findIndex((x) => x.id === c.id);
    if (!inQueue(c, this.queue) || !matchesFilters(c, this.activeFilters)) {
      // Another moderator (or a job) moved it out of this queue.
      if (index >= 0) this.removeCards([c.id], false);
      return;
    }
    if (index >= 0) {
      this.comments = this.comments.map((x) => (x.id === c.id ? c : x));
      return;
    }
    const sort = this.filters.sort ?? 'oldest';
    let at = this.comments.findIndex((x) => compareComments(c, x, this.queue, sort) < 0);
    if (at < 0) {
      // Past the end of what is loaded: if more pages exist, "Load more" will bring it in order.
      if (this.nextCursor) return;
      at = this.comments.length;
    }
    this.comments = [...this.comments.slice(0, at), c, ...this.comments.slice(at)];
    if (at <= this.current) this.current++;
    if (!this.ownReplies.has(c.id)) announce(this, fmt(this.t.arrived, { name: c.authorName, queue: this.t[this.queue] }));
  }

  /** Drops cards; with `moveFocus` the card now at the current position gets keyboard focus. */
  private removeCards(ids: number[], moveFocus: boolean): void {
    const drop = new Set(ids);
    const currentId = this.comments[this.current]?.id;
    const before = this.comments.slice(0, Math.max(this.current, 0)).filter((c) => drop.has(c.id)).length;
    this.comments = this.comments.filter((c) => !drop.has(c.id));
    this.selected = new Set([...this.selected].filter((id) => !drop.has(id)));
    if (currentId !== undefined && drop.has(currentId)) {
      // The next card slides into the removed one's place; at the end, step back one.
      this.current = Math.min(this.current - before, this.comments.length - 1);
      if (moveFocus) void this.focusCard(this.current);
    } else if (currentId !== undefined) {
      this.current = this.comments.findIndex((c) => c.id === currentId);
    }
  }

  private async focusCard(index: number): Promise<void> {
    this.current = index;
    this.prefetchCurrent();
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

  private async act(c: ModeratorComment, action: Action): Promise<void> {
    if (this.busyIds.has(c.id)) return;
    const index = this.comments.findIndex((x) => x.id === c.id);
    if (index >= 0) this.current = index;
    this.busyIds = new Set(this.busyIds).add(c.id);
    try {
      await this.client.act(c.id, action);
      this.removeCards([c.id], true);
      this.refreshCountsSoon();
      announce(this, fmt(this.t.done[action], { name: c.authorName }));
    } catch (err) {
      announce(this, errorText(err, this.t));
      if (err instanceof ApiError && (err.code === 'COMMENT_NOT_FOUND' || err.status === 409)) void this.load({ keepFocus: true });
    } finally {
      const next = new Set(this.busyIds);
      next.delete(c.id);
      this.busyIds = next;
    }
  }

  private async bulk(action: Action): Promise<void> {
    const ids = [...this.selected];
    if (!ids.length) return;
    try {
      const r = await this.client.bulk(ids, action);
      const skipped = new Set(r.skipped);
      this.removeCards(ids.filter((id) => !skipped.has(id)), true);
      this.refreshCountsSoon();
      announce(this, fmt(this.t.bulkDone, { n: r.updated, m: skipped.size, action: this.t[action] }));
      // Skipped ones changed under us (another moderator); reload to show where they really are.
      if (skipped.size) void this.load({ keepFocus: true });
    } catch (err) {
      announce(this, errorText(err, this.t));
    }
  }

  private handleKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (isTyping(e.composedPath()[0])) return;
    if (this.renderRoot.querySelector('dialog[open]')) return;
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
      const next = key === 'j' ? Math.min(this.current + 1, n - 1) : Math.max(this.current - 1, 0);
      void this.focusCard(next);
      return;
    }
    const c = this.comments[this.current];
    const action = SHORTCUT_ACTIONS[key];
    if (action || key === 'x') {
      e.preventDefault();
      if (e.repeat) return;
      if (!c) {
        announce(this, this.t.noCurrent);
        return;
      }
      if (key === 'x') this.toggleSelect(c, !this.selected.has(c.id));
      else if (actionsFor(this.queue).includes(action)) void this.act(c, action);
    }
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

  private openHelp(): void {
    this.renderRoot.querySelector<HTMLDialogElement>('#help')?.showModal();
  }

  private switchQueue(q: Queue, focusTab = false): void {
    if (q === this.queue) return;
    this.queue = q;
    this.current = -1;
    this.selected = new Set();
    this.comments = [];
    this.nextCursor = null;
    void this.load();
    if (focusTab) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${q}`)?.focus());
  }

  private handleTabKey(e: KeyboardEvent): void {
    // The ARIA tabs pattern: arrows move between tabs, Home/End jump to the ends.
    const i = QUEUES.indexOf(this.queue);
    const to =
      e.key === 'ArrowRight' ? (i + 1) % QUEUES.length
      : e.key === 'ArrowLeft' ? (i - 1 + QUEUES.length) % QUEUES.length
      : e.key === 'Home' ? 0
      : e.key === 'End' ? QUEUES.length - 1
      : -1;
    if (to < 0) return;
    e.preventDefault();
    this.switchQueue(QUEUES[to], true);
  }

  private handleFilters(e: SubmitEvent): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const get = (k: string) => String(data.get(k) ?? '').trim() || undefined;
    const siteChanged = get('site') !== this.filters.site;
    this.filters = { site: get('site'), q: get('q'), email: get('email'), sort: (get('sort') as Sort | undefined) ?? 'oldest' };
    this.current = -1;
    void this.load();
    if (siteChanged) void this.refreshCounts();
  }

  private openBan(c: ModeratorComment): void {
    this.banTarget = c;
    this.banError = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLDialogElement>('#ban')?.showModal());
  }

  private closeBan(): void {
    this.renderRoot.querySelector<HTMLDialogElement>('#ban')?.close();
  }

  private handleBanClose(): void {
    const c = this.banTarget;
    this.banTarget = null;
    // Back to the card the dialog was opened from, as a modal dialog should.
    if (c) {
      const i = this.comments.findIndex((x) => x.id === c.id);
      if (i >= 0) void this.focusCard(i);
    }
  }

  private async submitBan(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const c = this.banTarget;
    if (!c) return;
    const data = new FormData(e.target as HTMLFormElement);
    const byEmail = data.get('byEmail') === 'on' && !!c.authorEmail;
    const byIp = data.get('byIp') === 'on' && !!c.ipHash;
    if (!byEmail && !byIp) {
      this.banError = this.t.banPickOne;
      return;
    }
    const days = Number(data.get('expiry') ?? 0);
    const reason = String(data.get('reason') ?? '').trim();
    try {
      const r = await this.client.ban({
        site: c.site,
        // commentId bans both of the comment's identities; one alone goes by its own field.
        ...(byEmail && byIp ? { commentId: c.id } : byEmail ? { email: c.authorEmail! } : { ipHash: c.ipHash! }),
        reason: reason || undefined,
        expiresAt: days > 0 ? new Date(Date.now() + days * 86_400_000).toISOString() : undefined,
        rejectPending: data.get('rejectPending') === 'on',
      });
      this.closeBan();
      announce(this, fmt(this.t.banned, { name: c.authorName, n: r.rejected ?? 0 }));
      if (r.rejected) {
        void this.load({ keepFocus: true });
        this.refreshCountsSoon();
      }
    } catch (err) {
      this.banError = errorText(err, this.t);
    }
  }

  private openReply(c: ModeratorComment): void {
    this.replyTarget = c;
    this.replyError = '';
    void this.updateComplete.then(() => {
      const dialog = this.renderRoot.querySelector<HTMLDialogElement>('#reply');
      const form = dialog?.querySelector('form');
      form?.reset();
      dialog?.showModal();
    });
  }

  private closeReply(): void {
    this.renderRoot.querySelector<HTMLDialogElement>('#reply')?.close();
  }

  private handleReplyClose(): void {
    const c = this.replyTarget;
    this.replyTarget = null;
    if (!c) return;
    // Back to the card it was opened from; approved away from Pending, the card now in its place.
    const i = this.comments.findIndex((x) => x.id === c.id);
    if (i >= 0) void this.focusCard(i);
    // removeCards has already moved `current` onto the card that took the removed one's place.
    else if (this.comments.length) void this.focusCard(Math.max(this.current, 0));
  }

  private async submitReply(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const c = this.replyTarget;
    if (!c || this.replyBusy) return;
    const body = String(new FormData(e.target as HTMLFormElement).get('body') ?? '').trim();
    if (!body) {
      this.replyError = this.t.replyEmpty;
      return;
    }
    this.replyBusy = true;
    this.replyError = '';
    try {
      if (c.status === 'pending') {
        const { comment } = await this.client.act(c.id, 'approve');
        // A retry after a failed reply must not approve again.
        this.replyTarget = comment;
        if (!inQueue(comment, this.queue)) this.removeCards([c.id], false);
        this.refreshCountsSoon();
      }
      const { comment: reply } = await this.client.reply(c.id, body);
      this.ownReplies.add(reply.id);
      this.closeReply();
      announce(
        this,
        reply.status === 'approved'
          ? fmt(this.t.replied, { name: c.authorName })
          : fmt(this.t.replyHeld, { name: c.authorName, reasons: reply.reasons.map((r) => describeReason(r, this.locale)).join('; ') }),
      );
    } catch (err) {
      this.replyError = errorText(err, this.t);
    } finally {
      this.replyBusy = false;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A stale "current" index (after a reload) must not point past the list.
    if (changed.has('comments') && this.current >= this.comments.length) this.current = this.comments.length - 1;
  }

  private renderTabs(): TemplateResult {
    const t = this.t;
    return html`<div role="tablist" aria-label=${t.queues} @keydown=${this.handleTabKey}>
      ${QUEUES.map((q) => {
        const n = this.counts?.[q];
        const selected = q === this.queue;
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
          ${n === undefined ? nothing : html` <span class="count">${formatCount(n, this.cap, this.locale)}</span>`}
        </button>`;
      })}
    </div>`;
  }

  private renderFilters(): TemplateResult {
    const t = this.t;
    const f = this.filters;
    return html`<form class="filters" role="search" aria-label=${t.filters} @submit=${this.handleFilters}>
      ${this.sites.length > 1
        ? html`<div class="field">
            <label for="f-site">${t.site}</label>
            <select id="f-site" name="site">
              <option value="">${t.allSites}</option>
              ${this.sites.map((s) => html`<option value=${s.slug} .selected=${f.site === s.slug}>${s.name}</option>`)}
            </select>
          </div>`
        : nothing}
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
      <span aria-live="polite">${fmt(t.selectedN, { n })}</span>
      ${actionsFor(this.queue).map(
        (a) => html`<button type="button" ?disabled=${n === 0} @click=${() => this.bulk(a)}>${t[a]}</button>`,
      )}
    </div>`;
  }

  private renderHelp(): TemplateResult {
    const t = this.t;
    const keys: Array<[string, string]> = [
      ['j', t.keyNext],
      ['k', t.keyPrev],
      ['a', t.approve],
      ['r', t.reject],
      ['s', t.spam],
      ['x', t.keySelect],
      ['?', t.keyHelp],
    ];
    return html`<dialog id="help" aria-labelledby="help-title">
      <h2 id="help-title">${t.shortcuts}</h2>
      <dl class="keys">
        ${keys.map(([k, label]) => html`<dt><kbd>${k}</kbd></dt><dd>${label}</dd>`)}
      </dl>
      <p class="muted">${t.keysNote}</p>
      <form method="dialog"><button class="primary" autofocus>${t.close}</button></form>
    </dialog>`;
  }

  private renderBan(): TemplateResult {
    const t = this.t;
    const c = this.banTarget;
    return html`<dialog id="ban" aria-labelledby="ban-title" @close=${this.handleBanClose}>
      ${c
        ? html`<h2 id="ban-title">${fmt(t.banTitle, { name: c.authorName })}</h2>
            <form @submit=${this.submitBan}>
              <div class="field inline">
                <input id="ban-email" name="byEmail" type="checkbox" ?checked=${!!c.authorEmail} ?disabled=${!c.authorEmail} />
                <label for="ban-email">${t.banEmail} ${c.authorEmail ?? ''}</label>
              </div>
              <div class="field inline">
                <input id="ban-ip" name="byIp" type="checkbox" ?checked=${!!c.ipHash} ?disabled=${!c.ipHash} />
                <label for="ban-ip">${t.banIp}</label>
              </div>
              <div class="field">
                <label for="ban-expiry">${t.banExpiry}</label>
                <select id="ban-expiry" name="expiry">
                  <option value="0">${t.never}</option>
                  <option value="1">${t.oneDay}</option>
                  <option value="7">${t.sevenDays}</option>
                  <option value="30">${t.thirtyDays}</option>
                  <option value="365">${t.oneYear}</option>
                </select>
              </div>
              <div class="field">
                <label for="ban-reason">${t.reasonOptional}</label>
                <input id="ban-reason" name="reason" maxlength="500" />
              </div>
              <div class="field inline">
                <input id="ban-reject" name="rejectPending" type="checkbox" checked />
                <label for="ban-reject">${t.banRejectHeld}</label>
              </div>
              ${this.banError ? html`<p class="error" role="alert">${this.banError}</p>` : nothing}
              <div class="row">
                <button type="submit" class="danger">${t.banAuthor}</button>
                <button type="button" @click=${this.closeBan}>${t.cancel}</button>
              </div>
            </form>`
        : html`<h2 id="ban-title">${t.banAuthor}</h2>`}
    </dialog>`;
  }

  private renderReply(): TemplateResult {
    const t = this.t;
    const c = this.replyTarget;
    const approveFirst = c?.status === 'pending';
    return html`<dialog id="reply" aria-labelledby="reply-title" @close=${this.handleReplyClose}>
      ${c
        ? html`<h2 id="reply-title">${fmt(t.replyTitle, { name: c.authorName })}</h2>
            <blockquote class="muted">${excerpt(c.body)}</blockquote>
            ${approveFirst ? html`<p>${t.replyApprovesFirst}</p>` : nothing}
            <form @submit=${this.submitReply}>
              <div class="field">
                <label for="reply-body">${t.replyBody}</label>
                <textarea id="reply-body" name="body" rows="5" autofocus></textarea>
              </div>
              ${this.replyError ? html`<p class="error" role="alert">${this.replyError}</p>` : nothing}
              <div class="row">
                <button type="submit" class="primary" ?disabled=${this.replyBusy}>${approveFirst ? t.approveReply : t.postReply}</button>
                <button type="button" @click=${this.closeReply}>${t.cancel}</button>
              </div>
            </form>`
        : html`<h2 id="reply-title">${t.replyTo}</h2>`}
    </dialog>`;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    return html`<div class="top">
        <h1>${t.queueTitle}</h1>
        <div class="row">
          <span class="live ${this.live === 'on' ? 'on' : ''}" data-live=${this.live}
            >${this.live === 'on' ? t.liveOn : this.live === 'off' ? t.liveOff : t.liveConnecting}</span
          >
          <button type="button" @click=${this.openHelp} aria-keyshortcuts="?">${t.shortcuts}</button>
        </div>
      </div>
      ${this.renderTabs()}
      <section id="panel" role="tabpanel" aria-labelledby="tab-${this.queue}">
        ${this.renderFilters()} ${this.renderBulk()}
        ${this.loadError
          ? html`<div class="panel error" role="alert">
              <p>${this.loadError}</p>
              <button type="button" @click=${() => this.load()}>${t.retry}</button>
            </div>`
          : nothing}
        ${!this.loading && !this.loadError && !this.comments.length
          ? html`<p class="panel muted">${t.empty[this.queue]}</p>`
          : nothing}
        <div class="cards" aria-busy=${this.loading ? 'true' : 'false'} @focusin=${this.handleFocusIn}>
          ${repeat(
            this.comments,
            (c) => c.id,
            (c, i) =>
              renderCard(c, {
                t,
                locale: this.locale,
                queue: this.queue,
                selected: this.selected.has(c.id),
                current: i === this.current,
                busy: this.busyIds.has(c.id),
                detail: this.details.get(c.id),
                onAction: (x, a) => void this.act(x, a),
                onSelect: (x, on) => this.toggleSelect(x, on),
                onBan: (x) => this.openBan(x),
                onReply: (x) => this.openReply(x),
              }),
          )}
        </div>
        ${this.loading ? html`<p class="muted" role="status">${t.loading}</p>` : nothing}
        ${this.nextCursor && !this.loading
          ? html`<button type="button" @click=${this.loadMore}>${t.loadMore}</button>`
          : nothing}
      </section>
      ${this.renderHelp()} ${this.renderBan()} ${this.renderReply()}`;
  }

  private handleFocusIn(e: FocusEvent): void {
    // Tabbing into a card's buttons makes it the card the shortcuts act on.
    const card = (e.target as HTMLElement).closest?.('article.card');
    if (!card) return;
    const id = Number(card.id.slice(5));
    const i = this.comments.findIndex((c) => c.id === id);
    if (i >= 0 && i !== this.current) {
      this.current = i;
      this.prefetchCurrent();
    }
  }
}

if (!customElements.get('parley-admin-queue')) customElements.define('parley-admin-queue', ParleyAdminQueue);

declare global {
  interface HTMLElementTagNameMap {
    'parley-admin-queue': ParleyAdminQueue;
  }
}
