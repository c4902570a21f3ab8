// The moderation queue's data: the page of comments for a queue and its filters, the counts, the
// parents replies need, the live event stream, and the actions with their undo batches. A Lit
// ReactiveController: it lives as long as its host view is connected and asks it to render when
// anything here changes; the view keeps what is purely on screen (focus, selection).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError, inQueue, type Action, type AdminApi, type CommentDetail, type Counts, type Filters, type ModeratorComment, type Queue, type QueueEvent, type Sort } from './api.js';

export const PAGE = 25;
/** Pages a reload fetches beyond the first to keep what "Load more" had brought. */
const MAX_RELOAD_PAGES = 20;
// Replies need their parent's text; fetching those details a few at a time keeps a page of 25
// from firing 25 requests at once on a busy queue.
const DETAIL_CONCURRENCY = 4;

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
  const d = Date.parse(sortKey(a, queue)) - Date.parse(sortKey(b, queue)) || a.id - b.id;
  return sort === 'newest' ? -d : d;
}

/** What the view hears about: cards leaving (with whether focus should follow) and arriving. */
export interface QueueViewHooks {
  /** Comments left the list (acted on here, elsewhere, or deleted). */
  removed(ids: number[], moveFocus: boolean): void;
  /** A comment arrived live at `index`. */
  arrived(c: ModeratorComment, index: number): void;
  /** A (re)load finished; `keepId` is the comment the view had current, if it asked to keep it. */
  loaded(keepId: number | undefined): void;
}

/** A bulk action's outcome as the view tells it. */
export interface BulkResult {
  updated: number;
  skipped: number;
  taken: Array<{ id: number; authorName: string; status: ModeratorComment['status']; moderatedBy: string | null }>;
  undo: string | null;
}

export type ActResult = { ok: true; undo: string | null; comment: ModeratorComment } | { ok: false; error: unknown };

export class QueueController implements ReactiveController {
  queue: Queue = 'pending';
  filters: Omit<Filters, 'queue'> = { sort: 'oldest' };
  comments: ModeratorComment[] = [];
  nextCursor: string | null = null;
  counts: Counts | null = null;
  cap = 10_000;
  loading = false;
  loadError: unknown = null;
  live: 'connecting' | 'on' | 'off' = 'connecting';
  busyIds = new Set<number>();
  details = new Map<number, CommentDetail>();
  /** This moderator's own replies: their live arrival is not news. */
  readonly ownReplies = new Set<number>();

  private source: EventSource | null = null;
  private opened = false;
  private loadSeq = 0;
  private countsTimer: number | undefined;
  private detailQueue: number[] = [];
  private detailsInFlight = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly client: () => AdminApi,
    private readonly eventsUrl: () => string,
    private readonly view: QueueViewHooks,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    void this.refreshCounts();
    // The list loads once the event stream is open (or has failed), so nothing created between the
    // list query and the stream's subscription can be missed.
    this.connectEvents();
  }

  hostDisconnected(): void {
    this.source?.close();
    this.source = null;
    this.opened = false;
    clearTimeout(this.countsTimer);
  }

  get activeFilters(): Filters {
    return { ...this.filters, queue: this.queue };
  }

  private changed(): void {
    this.host.requestUpdate();
  }

  private connectEvents(): void {
    if (typeof EventSource === 'undefined') {
      this.live = 'off';
      void this.load();
      return;
    }
    const source = new EventSource(this.eventsUrl());
    this.source = source;
    source.addEventListener('open', () => {
      this.live = 'on';
      this.changed();
      // First open: the initial load. Later opens are reconnects that may have missed events.
      if (!this.opened) {
        this.opened = true;
        void this.load();
      } else {
        void this.load({ keepId: undefined, keep: true });
        this.refreshCountsSoon();
      }
    });
    source.addEventListener('error', () => {
      this.live = source.readyState === EventSource.CLOSED ? 'off' : 'connecting';
      this.changed();
      if (!this.opened) {
        this.opened = true;
        void this.load();
      }
      // A closed stream usually means the session ended; /me says so and triggers the login page.
      if (source.readyState === EventSource.CLOSED) void this.client().me().catch(() => undefined);
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

  /** Sets the queue and filters and loads their first page. */
  show(queue: Queue, filters: Omit<Filters, 'queue'>): void {
    const siteChanged = filters.site !== this.filters.site;
    this.queue = queue;
    this.filters = filters;
    this.comments = [];
    this.nextCursor = null;
    void this.load();
    if (siteChanged) void this.refreshCounts();
  }

  /**
   * Loads the first page for the current queue and filters. With `keep`, the view's current card
   * (`keepId`) stays current if it is still listed.
   */
  async load(opts: { keep?: boolean; keepId?: number; atLeast?: number } = {}): Promise<void> {
    const seq = ++this.loadSeq;
    this.loading = true;
    this.loadError = null;
    this.changed();
    try {
      const page = await this.client().comments(this.activeFilters, null, PAGE);
      if (seq !== this.loadSeq) return;
      // A reload after an undo keeps as many cards as were loaded ("Load more" included), so the
      // moderator stays where they were (at most MAX_RELOAD_PAGES more pages).
      for (let pages = 0; opts.atLeast !== undefined && page.nextCursor && page.comments.length < opts.atLeast && pages < MAX_RELOAD_PAGES; pages++) {
        const more = await this.client().comments(this.activeFilters, page.nextCursor, PAGE);
        if (seq !== this.loadSeq) return;
        const have = new Set(page.comments.map((c) => c.id));
        page.comments = [...page.comments, ...more.comments.filter((c) => !have.has(c.id))];
        page.nextCursor = more.nextCursor;
      }
      this.comments = page.comments;
      this.nextCursor = page.nextCursor;
      this.queueDetails(this.comments);
      this.view.loaded(opts.keep ? opts.keepId : undefined);
    } catch (err) {
      if (seq === this.loadSeq) this.loadError = err;
    } finally {
      if (seq === this.loadSeq) this.loading = false;
      this.changed();
    }
  }

  /** The next page; answers how many new comments came, and the index of the first. */
  async loadMore(): Promise<{ added: number; first: number }> {
    if (!this.nextCursor) return { added: 0, first: this.comments.length };
    const seq = this.loadSeq;
    this.loading = true;
    this.changed();
    try {
      const page = await this.client().comments(this.activeFilters, this.nextCursor, PAGE);
      if (seq !== this.loadSeq) return { added: 0, first: this.comments.length };
      const have = new Set(this.comments.map((c) => c.id));
      const fresh = page.comments.filter((c) => !have.has(c.id));
      const first = this.comments.length;
      this.comments = [...this.comments, ...fresh];
      this.nextCursor = page.nextCursor;
      this.queueDetails(fresh);
      return { added: fresh.length, first };
    } finally {
      if (seq === this.loadSeq) this.loading = false;
      this.changed();
    }
  }

  async refreshCounts(): Promise<void> {
    try {
      const r = await this.client().counts(this.filters.site);
      this.counts = r.counts;
      this.cap = r.cap;
      this.changed();
    } catch {
      // Counts are a convenience; the list shows the real error if the server is down.
    }
  }

  /** Coalesces the count refreshes of a burst of events or a bulk action into one request. */
  refreshCountsSoon(): void {
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

  /** The card being worked on: its detail (the ban dialog needs the shared-address count) comes first. */
  prefetch(c: ModeratorComment | undefined): void {
    if (c && !this.details.has(c.id) && !this.detailQueue.includes(c.id)) {
      this.detailQueue.unshift(c.id);
      this.pumpDetails();
    }
  }

  async fetchDetail(id: number): Promise<CommentDetail | null> {
    try {
      const d = await this.client().comment(id);
      this.details = new Map(this.details).set(id, d);
      this.changed();
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
      detail = await this.client().comment(ev.commentId);
    } catch (err) {
      // Deleted, or moved to a site this moderator lost: it cannot stay on screen.
      if (listed && err instanceof ApiError && err.status === 404) this.remove([ev.commentId], false);
      return;
    }
    this.details = new Map(this.details).set(ev.commentId, detail);
    const c = detail.comment;
    const index = this.comments.findIndex((x) => x.id === c.id);
    if (!inQueue(c, this.queue) || !matchesFilters(c, this.activeFilters)) {
      // Another moderator (or a job) moved it out of this queue.
      if (index >= 0) this.remove([c.id], false);
      return;
    }
    if (index >= 0) {
      this.comments = this.comments.map((x) => (x.id === c.id ? c : x));
      this.changed();
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
    this.changed();
    this.view.arrived(c, at);
  }

  /** Drops comments from the list (the view moves focus when asked). */
  remove(ids: number[], moveFocus: boolean): void {
    const drop = new Set(ids);
    this.view.removed(ids, moveFocus);
    this.comments = this.comments.filter((c) => !drop.has(c.id));
    this.changed();
  }

  /** Replaces a comment in place (an action that keeps it in this queue, such as a pick). */
  replace(c: ModeratorComment): void {
    this.comments = this.comments.map((x) => (x.id === c.id ? { ...c, author: c.author ?? x.author, reports: c.reports ?? x.reports } : x));
    this.changed();
  }

  private setBusy(id: number, on: boolean): void {
    const next = new Set(this.busyIds);
    if (on) next.add(id);
    else next.delete(id);
    this.busyIds = next;
    this.changed();
  }

  /** One action; the comment leaves the list when it leaves the queue. */
  async act(c: ModeratorComment, action: Action): Promise<ActResult> {
    if (this.busyIds.has(c.id)) return { ok: false, error: null };
    this.setBusy(c.id, true);
    try {
      const r = await this.client().act(c.id, action, undefined, c.status);
      if (inQueue(r.comment, this.queue) && matchesFilters(r.comment, this.activeFilters)) this.replace(r.comment);
      else this.remove([c.id], true);
      this.refreshCountsSoon();
      return { ok: true, undo: r.undo, comment: r.comment };
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'COMMENT_NOT_FOUND' || err.status === 409)) void this.load({ keep: true, keepId: c.id });
      return { ok: false, error: err };
    } finally {
      this.setBusy(c.id, false);
    }
  }

  /**
   * One action on many, each said from the status it was listed with; skipped ones (changed under us)
   * make the list reload to show where they are. `taken`: those another moderator decided meanwhile,
   * with the author's name as the list had it.
   */
  async bulk(ids: number[], action: Action): Promise<BulkResult> {
    const listed = new Map(this.comments.map((c) => [c.id, c]));
    const from: Record<number, ModeratorComment['status']> = {};
    for (const id of ids) {
      const c = listed.get(id);
      if (c) from[id] = c.status;
    }
    const r = await this.client().bulk(ids, action, undefined, from);
    const skipped = new Set(r.skipped);
    this.remove(ids.filter((id) => !skipped.has(id)), true);
    this.refreshCountsSoon();
    if (skipped.size) void this.load({ keep: true });
    const taken = r.conflicts.map((x) => ({ ...x, authorName: listed.get(x.id)?.authorName ?? '' }));
    return { updated: r.updated, skipped: skipped.size, taken, undo: r.undo };
  }
}
