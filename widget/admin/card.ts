// One comment in the moderation queue, as a template function rather than an element: the queue
// owns focus, selection and actions, and a plain template keeps keyboard focus in one shadow root.
import { css, html, nothing, type TemplateResult } from 'lit';
import { attributeLabel, describeReason } from '../../server/moderation/reasons.js';
import { renderText, safeHttpUrl, withName } from '../shared/text.js';
import type { Action, AuthorSummary, CommentDetail, ModeratorComment, Queue } from './api.js';
import { excerpt, formatAge, formatDate, headline, severity } from './format.js';
import { fmt, plural, type Locale, type Messages } from './i18n.js';

export interface CardContext {
  t: Messages;
  locale: Locale;
  queue: Queue;
  selected: boolean;
  current: boolean;
  busy: boolean;
  detail: CommentDetail | undefined;
  /** Every score is shown, not only those at or above SCORE_FLOOR. */
  allScores?: boolean;
  /** The moderator works on several sites: each card names its own (the site's name, or its slug). */
  siteName?: string;
  onAction(c: ModeratorComment, action: Action): void;
  onSelect(c: ModeratorComment, selected: boolean): void;
  onBan(c: ModeratorComment): void;
  onReply(c: ModeratorComment): void;
  onAuthor?(c: ModeratorComment): void;
  onThread?(c: ModeratorComment): void;
  onToggleScores?(c: ModeratorComment): void;
}

/** Scores under this are noise on a card (a clean comment has six near-zero ones): shown on demand. */
export const SCORE_FLOOR = 0.5;

/**
 * Which buttons a card offers in a queue: never the action that would leave it where it is. Delete
 * (kept for the audit log, gone from every queue) is offered only for what is already refused.
 */
export function actionsFor(queue: Queue): Action[] {
  switch (queue) {
    case 'approved':
      return ['reject', 'spam'];
    case 'spam':
    case 'rejected':
      return ['restore', 'approve', queue === 'spam' ? 'reject' : 'spam', 'delete'];
    default:
      return ['approve', 'reject', 'spam'];
  }
}

/** The queue whose buttons fit a comment as it is now (a comment opened on its own, in a thread, by an author). */
export function queueOf(c: Pick<ModeratorComment, 'status' | 'reportedAt'>): Queue {
  if (c.reportedAt && (c.status === 'approved' || c.status === 'pending')) return 'reported';
  return c.status === 'deleted' ? 'rejected' : c.status;
}

export const cardStyles = css`
  .card {
    border: 1px solid var(--_border);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
    padding: 0.75rem;
    margin: 0 0 0.75rem;
    background: var(--_bg);
    overflow-wrap: anywhere;
  }
  .card.current {
    border-color: var(--_accent);
    box-shadow: 0 0 0 1px var(--_accent);
  }
  .card.selected {
    background: var(--_selected);
  }
  .card-head {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    align-items: baseline;
  }
  .card-head h2 {
    font-size: 1rem;
    margin: 0;
    margin-inline-end: auto;
  }
  .card-head h2 bdi {
    unicode-bidi: isolate;
  }
  .badge {
    border-radius: 999px;
    padding: 0 0.5rem;
    font-size: 0.8em;
    border: 1px solid var(--_border);
    background: var(--_soft);
    white-space: nowrap;
  }
  .badge.pick {
    background: var(--_pick-bg);
    color: var(--_pick-fg);
    border-color: var(--_pick-fg);
  }
  .badge.warn {
    background: var(--_mid-bg);
    color: var(--_mid-fg);
    border-color: var(--_mid-border);
  }
  .badge.bad {
    background: var(--_high-bg);
    color: var(--_high-fg);
    border-color: var(--_high-border);
  }
  .meta,
  .author-line {
    font-size: 0.9em;
    color: var(--_muted);
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.15rem 0.75rem;
    margin: 0.15rem 0;
  }
  .body p {
    margin: 0.5rem 0;
  }
  .parent {
    border-inline-start: 3px solid var(--_border);
    padding-inline-start: 0.5rem;
    margin: 0.5rem 0;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .reasons {
    margin: 0.25rem 0;
    padding-inline-start: 1.25rem;
  }
  .scores {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.35rem;
    margin: 0.25rem 0;
  }
  .score {
    border-radius: 999px;
    padding: 0 0.5rem;
    font-size: 0.85em;
    border: 1px solid var(--_border);
    background: var(--_soft);
  }
  .score.high {
    background: var(--_high-bg);
    border-color: var(--_high-border);
    color: var(--_high-fg);
  }
  .score.medium {
    background: var(--_mid-bg);
    border-color: var(--_mid-border);
    color: var(--_mid-fg);
  }
  .raw {
    font-size: 0.85em;
    color: var(--_muted);
  }
  .raw p {
    margin: 0.25rem 0;
  }
  .reports {
    border: 1px solid var(--_high-border);
    border-radius: var(--_radius);
    padding: 0.35rem 0.6rem;
    margin: 0.5rem 0;
  }
  .reports h3 {
    font-size: 0.95em;
    color: var(--_high-fg);
    margin: 0 0 0.25rem;
  }
  .reports ul {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .reports q {
    quotes: '“' '”';
  }
  button.link {
    font-size: inherit;
  }
  .actions {
    margin-top: 0.5rem;
  }
  .actions .select {
    margin-inline-end: auto;
  }
`;

function renderScores(c: ModeratorComment, ctx: CardContext): TemplateResult | typeof nothing {
  const { t, locale } = ctx;
  // "skipped" means no scorer is configured: saying so on every card would be noise.
  if (c.scoreState === 'unscored') return html`<p class="muted">${t.unscored}</p>`;
  if (!c.scores) return nothing;
  const entries = Object.entries(c.scores).sort((a, b) => b[1] - a[1]);
  if (!entries.length) return nothing;
  const shown = ctx.allScores ? entries : entries.filter(([, v]) => v >= SCORE_FLOOR);
  const hidden = entries.length - shown.length;
  const scorers = Object.entries(c.scorerScores ?? {});
  // With several scorers, each score says which one gave it; one scorer's name on every chip is noise.
  const showSource = scorers.length > 1;
  const toggle = ctx.onToggleScores;
  return html`<div class="scores" role="group" aria-label=${t.scores}>
      ${shown.length
        ? html`<ul class="scores plain">
            ${shown.map(([name, value]) => {
              const sev = severity(value);
              const source = showSource ? c.scoreSources?.[name] : undefined;
              return html`<li class="score ${sev}">
                ${attributeLabel(name, locale)} ${value.toFixed(2)}${source ? ` · ${source}` : nothing}${sev === 'low'
                  ? nothing
                  : html`<span class="sr"> (${sev === 'high' ? t.sevHigh : t.sevMedium})</span>`}
              </li>`;
            })}
          </ul>`
        : nothing}
      ${toggle && (hidden > 0 || ctx.allScores)
        ? html`<button type="button" class="link" aria-expanded=${ctx.allScores ? 'true' : 'false'} @click=${() => toggle(c)}>
            ${ctx.allScores ? t.hideLowScores : plural(t.showScores, hidden, locale)}
          </button>`
        : nothing}
    </div>
    ${c.scoreState === 'partial' ? html`<p class="muted">${t.partial}</p>` : nothing}
    ${ctx.allScores && (scorers.some(([, own]) => Object.keys(own).some((k) => k !== k.toUpperCase())) || showSource)
      ? html`<details class="raw">
          <summary>${t.scorerScores}</summary>
          ${scorers.map(
            ([scorer, own]) =>
              html`<p>
                <strong>${scorer}</strong>:
                ${Object.entries(own)
                  .sort((a, b) => b[1] - a[1])
                  .map(([k, v]) => `${k} ${v.toFixed(2)}`)
                  .join(', ')}
              </p>`,
          )}
        </details>`
      : nothing}`;
}

/** Badges for what the desk decided about an author: held, trusted, suspended, warned. */
export function renderAuthorBadges(a: AuthorSummary | undefined, t: Messages, locale: Locale): TemplateResult | typeof nothing {
  if (!a) return nothing;
  return html`${a.mode === 'hold' ? html`<span class="badge warn">${t.badgeHeld}</span>` : nothing}
  ${a.mode === 'trust' ? html`<span class="badge">${t.badgeTrusted}</span>` : nothing}
  ${a.suspendedUntil ? html`<span class="badge bad">${fmt(t.badgeSuspended, { t: formatDate(a.suspendedUntil, locale) })}</span>` : nothing}
  ${a.warned ? html`<span class="badge warn">${t.badgeWarned}</span>` : nothing}`;
}

/** "3 published · 1 held · 0 rejected · 1 spam · first seen 2 Dec": who this is, on every card. */
export function authorLine(a: AuthorSummary, t: Messages, locale: Locale): string {
  const c = a.counts;
  const total = c.approved + c.pending + c.rejected + c.spam + c.deleted;
  const counts = fmt(t.authorCounts, { a: c.approved, p: c.pending, r: c.rejected, s: c.spam });
  if (total <= 1) return t.firstComment;
  return a.firstSeen ? `${counts} · ${fmt(t.firstSeen, { t: formatAge(a.firstSeen, locale) })}` : counts;
}

function renderReports(c: ModeratorComment, ctx: CardContext): TemplateResult | typeof nothing {
  const { t, locale } = ctx;
  const r = c.reports;
  if (!r || r.open === 0) {
    return c.reportCount > 0 ? html`<p class="reports">${plural(t.reportsN, c.reportCount, locale)}</p>` : nothing;
  }
  return html`<section class="reports" aria-labelledby="card-${c.id}-reports">
    <h3 id="card-${c.id}-reports">${plural(t.reporters, r.reporters, locale)}</h3>
    <ul>
      ${r.groups.map(
        (g) =>
          html`<li>
            <strong>${t.reportReasons[g.reason as keyof Messages['reportReasons']] ?? g.reason}</strong> (${g.count})${g.notes.length
              ? html`: ${g.notes.map((n, i) => html`${i ? '; ' : ''}<q>${n}</q>`)}`
              : nothing}
          </li>`,
      )}
    </ul>
  </section>`;
}

/** Renders one card; `id="card-<id>"` is what the queue focuses for j/k. */
export function renderCard(c: ModeratorComment, ctx: CardContext): TemplateResult {
  const { t, locale } = ctx;
  const website = safeHttpUrl(c.authorWebsite);
  const articleUrl = safeHttpUrl(c.articleUrl);
  const permalink = articleUrl ? `${articleUrl.replace(/#.*$/, '')}#parley-comment-${c.id}` : null;
  const parent = ctx.detail?.parent;
  const headId = `card-${c.id}-h`;
  const by = html`<span class="sr"> ${fmt(t.commentBy, { name: c.authorName })}</span>`;
  const title = headline(c.articleTitle) || c.articleKey;
  // An approved comment's old hold reason is history, not a reason to act: the audit log keeps it.
  const showReasons = c.reasons.length > 0 && c.status !== 'approved';
  return html`<article
    id="card-${c.id}"
    class="card ${ctx.current ? 'current' : ''} ${ctx.selected ? 'selected' : ''}"
    tabindex="-1"
    aria-labelledby=${headId}
    aria-busy=${ctx.busy ? 'true' : 'false'}
  >
    <div class="card-head">
      <h2 id=${headId}><bdi>${c.authorName}</bdi></h2>
      ${c.featuredAt ? html`<span class="badge pick">${t.editorsPick}</span>` : nothing}
      ${renderAuthorBadges(c.author, t, locale)}
      <time datetime=${c.createdAt} title=${formatDate(c.createdAt, locale)}>${formatAge(c.createdAt, locale)}</time>
    </div>
    <p class="author-line">
      ${c.authorEmail ? html`<span>${c.authorEmail}</span>` : nothing}
      ${website ? html`<a href=${website} rel="nofollow ugc noopener" target="_blank">${c.authorWebsite}</a>` : nothing}
      ${c.author ? html`<span>${authorLine(c.author, t, locale)}</span>` : nothing}
      ${ctx.onAuthor
        ? html`<button type="button" class="link" aria-keyshortcuts="u" @click=${() => ctx.onAuthor!(c)}>
            ${t.openAuthor}<span class="sr"> <bdi>${c.authorName}</bdi></span>
          </button>`
        : nothing}
    </p>
    <p class="meta">
      ${ctx.siteName ? html`<span class="site">${ctx.siteName}</span>` : nothing}
      <span
        >${t.on}
        ${articleUrl
          ? html`<a href=${articleUrl} target="_blank" rel="nofollow ugc noopener" title=${c.articleTitle ?? ''}>${title}</a>`
          : html`<span>${title}</span>`}</span
      >
      ${permalink && (c.status === 'approved' || c.status === 'pending')
        ? html`<a href=${permalink} target="_blank" rel="nofollow ugc noopener" aria-keyshortcuts="o">${t.openOnPage}${by}</a>`
        : nothing}
      ${ctx.onThread
        ? html`<button type="button" class="link" aria-keyshortcuts="t" @click=${() => ctx.onThread!(c)}>${t.openThread}${by}</button>`
        : nothing}
      ${c.editedAt ? html`<span>${t.edited}</span>` : nothing}
    </p>
    ${c.parentId
      ? html`<p class="parent">
          ${parent ? html`${withName(t.inReplyTo, parent.authorName)}: “${excerpt(parent.body)}”` : t.reply}
        </p>`
      : nothing}
    <div class="body">${renderText(c.body)}</div>
    ${showReasons
      ? html`<ul class="reasons" aria-label=${t.reasons}>
          ${c.reasons.map((r) => html`<li>${describeReason(r, locale)}</li>`)}
        </ul>`
      : nothing}
    ${renderReports(c, ctx)} ${renderScores(c, ctx)}
    <div class="actions row">
      <label class="select row"
        ><input
          type="checkbox"
          .checked=${ctx.selected}
          @change=${(e: Event) => ctx.onSelect(c, (e.target as HTMLInputElement).checked)}
        /><span>${t.select}${by}</span></label
      >
      ${actionsFor(ctx.queue).map(
        (a) =>
          html`<button
            type="button"
            class=${a === 'approve' || a === 'restore' ? 'primary' : a === 'spam' || a === 'reject' || a === 'delete' ? 'danger' : ''}
            ?disabled=${ctx.busy}
            @click=${() => ctx.onAction(c, a)}
          >
            ${t[a]}${by}
          </button>`,
      )}
      ${ctx.queue === 'reported' && c.reports && c.reports.open > 0
        ? html`<button type="button" ?disabled=${ctx.busy} aria-keyshortcuts="d" @click=${() => ctx.onAction(c, 'dismiss')}>${t.dismiss}${by}</button>`
        : nothing}
      ${c.status === 'approved' || c.status === 'pending'
        ? html`<button type="button" ?disabled=${ctx.busy} @click=${() => ctx.onReply(c)}>
            ${c.status === 'pending' ? t.approveReply : t.replyTo}${by}
          </button>`
        : nothing}
      ${c.status === 'approved'
        ? html`<button
            type="button"
            ?disabled=${ctx.busy}
            aria-pressed=${c.featuredAt ? 'true' : 'false'}
            aria-keyshortcuts="f"
            @click=${() => ctx.onAction(c, c.featuredAt ? 'unfeature' : 'feature')}
          >
            ${t.editorsPick}${by}
          </button>`
        : nothing}
      <button type="button" ?disabled=${ctx.busy} aria-keyshortcuts="b" @click=${() => ctx.onBan(c)}>
        ${t.banAuthor}<span class="sr"> <bdi>${c.authorName}</bdi></span>
      </button>
    </div>
  </article>`;
}
