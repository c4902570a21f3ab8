// One comment in the moderation queue, as a template function rather than an element: the queue
// owns focus, selection and actions, and a plain template keeps keyboard focus in one shadow root.
import { css, html, nothing, type TemplateResult } from 'lit';
import { attributeLabel, describeReason } from '../../server/moderation/reasons.js';
import { renderText, safeHttpUrl } from '../shared/text.js';
import type { Action, CommentDetail, ModeratorComment, Queue } from './api.js';
import { excerpt, formatAge, formatDate, severity } from './format.js';
import { fmt, type Locale, type Messages } from './i18n.js';

export interface CardContext {
  t: Messages;
  locale: Locale;
  queue: Queue;
  selected: boolean;
  current: boolean;
  busy: boolean;
  detail: CommentDetail | undefined;
  onAction(c: ModeratorComment, action: Action): void;
  onSelect(c: ModeratorComment, selected: boolean): void;
  onBan(c: ModeratorComment): void;
  onReply(c: ModeratorComment): void;
}

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
    background: #eef4ff;
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
  .meta {
    font-size: 0.9em;
    color: var(--_muted);
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75rem;
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
    background: #fde7e9;
    border-color: #b3261e;
    color: #8c1d18;
  }
  .score.medium {
    background: #fff1dc;
    border-color: #b25e00;
    color: #7a3f00;
  }
  .raw {
    font-size: 0.85em;
    color: var(--_muted);
  }
  .raw p {
    margin: 0.25rem 0;
  }
  .reports {
    color: #8c1d18;
    font-weight: 600;
  }
  .actions {
    margin-top: 0.5rem;
  }
  .actions .select {
    margin-inline-end: auto;
  }
`;

function renderScores(c: ModeratorComment, ctx: CardContext): TemplateResult | typeof nothing {
  const { t } = ctx;
  // "skipped" means no scorer is configured: saying so on every card would be noise.
  if (c.scoreState === 'unscored') return html`<p class="muted">${t.unscored}</p>`;
  if (!c.scores) return nothing;
  const entries = Object.entries(c.scores).sort((a, b) => b[1] - a[1]);
  if (!entries.length) return nothing;
  const scorers = Object.entries(c.scorerScores ?? {});
  // With several scorers, each score says which one gave it; one scorer's name on every chip is noise.
  const showSource = scorers.length > 1;
  return html`<ul class="scores plain" aria-label=${t.scores}>
      ${entries.map(([name, value]) => {
        const sev = severity(value);
        const source = showSource ? c.scoreSources?.[name] : undefined;
        return html`<li class="score ${sev}">
          ${attributeLabel(name, ctx.locale)} ${value.toFixed(2)}${source ? ` · ${source}` : nothing}${sev === 'low'
            ? nothing
            : html`<span class="sr"> (${sev === 'high' ? t.sevHigh : t.sevMedium})</span>`}
        </li>`;
      })}
    </ul>
    ${c.scoreState === 'partial' ? html`<p class="muted">${t.partial}</p>` : nothing}
    ${scorers.some(([, own]) => Object.keys(own).some((k) => k !== k.toUpperCase())) || showSource
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

/** Renders one card; `id="card-<id>"` is what the queue focuses for j/k. */
export function renderCard(c: ModeratorComment, ctx: CardContext): TemplateResult {
  const { t, locale } = ctx;
  const website = safeHttpUrl(c.authorWebsite);
  const articleUrl = safeHttpUrl(c.articleUrl);
  const parent = ctx.detail?.parent;
  const history = ctx.detail?.history;
  const headId = `card-${c.id}-h`;
  return html`<article
    id="card-${c.id}"
    class="card ${ctx.current ? 'current' : ''} ${ctx.selected ? 'selected' : ''}"
    tabindex="-1"
    aria-labelledby=${headId}
    aria-busy=${ctx.busy ? 'true' : 'false'}
  >
    <div class="card-head">
      <h2 id=${headId}>${c.authorName}</h2>
      <time datetime=${c.createdAt} title=${formatDate(c.createdAt, locale)}>${formatAge(c.createdAt, locale)}</time>
    </div>
    <div class="meta">
      ${c.authorEmail ? html`<span>${c.authorEmail}</span>` : nothing}
      ${website ? html`<a href=${website} rel="nofollow ugc noopener" target="_blank">${c.authorWebsite}</a>` : nothing}
      <span
        >${t.on}
        ${articleUrl
          ? html`<a href=${articleUrl} target="_blank" rel="nofollow ugc noopener">${c.articleTitle || c.articleKey}</a>`
          : html`<span>${c.articleTitle || c.articleKey}</span>`}</span
      >
      ${c.editedAt ? html`<span>${t.edited}</span>` : nothing}
    </div>
    ${c.parentId
      ? html`<p class="parent">
          ${parent ? html`${fmt(t.inReplyTo, { name: parent.authorName })}: “${excerpt(parent.body)}”` : t.reply}
        </p>`
      : nothing}
    <div class="body">${renderText(c.body)}</div>
    ${c.reasons.length
      ? html`<ul class="reasons" aria-label=${t.reasons}>
          ${c.reasons.map((r) => html`<li>${describeReason(r, locale)}</li>`)}
        </ul>`
      : nothing}
    ${renderScores(c, ctx)}
    ${c.reportCount > 0 ? html`<p class="reports">${fmt(t.reportCount, { n: c.reportCount })}</p>` : nothing}
    ${history
      ? html`<p class="muted">
          ${fmt(t.history, { a: history.approved, p: history.pending, r: history.rejected, s: history.spam })}
        </p>`
      : nothing}
    <div class="actions row">
      <label class="select row"
        ><input
          type="checkbox"
          .checked=${ctx.selected}
          @change=${(e: Event) => ctx.onSelect(c, (e.target as HTMLInputElement).checked)}
        /><span>${t.select}<span class="sr"> ${fmt(t.commentBy, { name: c.authorName })}</span></span></label
      >
      ${actionsFor(ctx.queue).map(
        (a) =>
          html`<button
            type="button"
            class=${a === 'approve' || a === 'restore' ? 'primary' : a === 'spam' || a === 'reject' || a === 'delete' ? 'danger' : ''}
            ?disabled=${ctx.busy}
            @click=${() => ctx.onAction(c, a)}
          >
            ${t[a]}<span class="sr"> ${fmt(t.commentBy, { name: c.authorName })}</span>
          </button>`,
      )}
      ${c.status === 'approved' || c.status === 'pending'
        ? html`<button type="button" ?disabled=${ctx.busy} @click=${() => ctx.onReply(c)}>
            ${c.status === 'pending' ? t.approveReply : t.replyTo}<span class="sr"> ${fmt(t.commentBy, { name: c.authorName })}</span>
          </button>`
        : nothing}
      <button type="button" ?disabled=${ctx.busy} @click=${() => ctx.onBan(c)}>
        ${t.banAuthor}<span class="sr"> ${c.authorName}</span>
      </button>
    </div>
  </article>`;
}
