// <parley-author-view>: one author on one site, opened from any card (u) or the audit log. Their
// comments in every status, counts, first and last seen, the bans that reach them and what moderators
// did; and the desk's decisions: always hold, trust, suspend for a while with a message the widget
// shows them, warn (shown on their next visit), ban. Every change can be undone from the toast.
import { css, html, nothing, type TemplateResult } from 'lit';
import { renderText, withName } from '../shared/text.js';
import type { AuthorAction, AuthorRef, AuthorView, Ban, ModeratorComment } from './api.js';
import { authorLine } from './card.js';
import { ChangeListener, ParleyDialog, emit, type OpenOptions, type UndoableDetail } from './dialog.js';
import { formatAge, formatDate, headline } from './format.js';
import { actionLabel, banTarget, errorText, fmt, plural } from './i18n.js';

/** Suspension lengths offered, in days. */
export const SUSPEND_DAYS = [1, 3, 7, 30] as const;

export class ParleyAuthorView extends ParleyDialog {
  static override styles = [
    ...ParleyDialog.styles,
    css`
      dialog {
        width: min(52rem, calc(100vw - 2rem));
      }
      section {
        margin: 0 0 1rem;
      }
      h3 {
        font-size: 1rem;
        margin: 0.75rem 0 0.35rem;
      }
      dl.facts {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.15rem 1rem;
        margin: 0;
      }
      dl.facts dd {
        margin: 0;
      }
      .decisions {
        display: grid;
        gap: 0.75rem;
        grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr));
      }
      fieldset .field:last-child {
        margin-bottom: 0;
      }
      ol.comments {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      ol.comments li {
        border-inline-start: 3px solid var(--_border);
        padding: 0.25rem 0.5rem;
        margin: 0 0 0.5rem;
      }
      ol.comments header {
        display: flex;
        flex-wrap: wrap;
        gap: 0 0.75rem;
        font-size: 0.9em;
        color: var(--_muted);
      }
      ol.comments .body p {
        margin: 0.25rem 0;
      }
      .status {
        font-size: 0.85em;
        border: 1px solid var(--_border);
        border-radius: 999px;
        padding: 0 0.4rem;
        color: var(--_fg);
      }
      ul.plain li {
        margin: 0 0 0.35rem;
      }
    `,
  ];

  static override properties = {
    ...ParleyDialog.properties,
    view: { state: true },
    error: { state: true },
    busy: { state: true },
    formError: { state: true },
  };

  view: AuthorView | null = null;
  error = '';
  busy = false;
  formError = '';
  private ref: AuthorRef | null = null;

  private readonly changes = new ChangeListener(this, () => {
    if (this.isOpen && this.ref) void this.reload();
  });

  async open(ref: AuthorRef, options: OpenOptions = {}): Promise<void> {
    this.ref = ref;
    this.view = null;
    this.error = '';
    this.formError = '';
    await this.showDialog(options, '#author-close');
    await this.reload();
  }

  protected override closed(): void {
    this.view = null;
    this.ref = null;
  }

  private async reload(): Promise<void> {
    if (!this.ref) return;
    try {
      this.view = await this.client.author(this.ref);
      this.error = '';
    } catch (err) {
      this.error = errorText(err, this.t);
    }
  }

  private async loadMore(): Promise<void> {
    if (!this.ref || !this.view?.nextCursor) return;
    try {
      const more = await this.client.author(this.ref, this.view.nextCursor);
      this.view = { ...this.view, comments: [...this.view.comments, ...more.comments], nextCursor: more.nextCursor };
    } catch (err) {
      emit(this, 'parley-announce', errorText(err, this.t));
    }
  }

  private get name(): string {
    return this.view?.author.names[0] ?? this.view?.author.email ?? '';
  }

  /** Runs an author action; the toast offers its undo. `focus` is what keeps focus after the re-render. */
  private async act(action: AuthorAction, extra: { days?: number; message?: string } = {}, focus?: string): Promise<void> {
    if (!this.ref || this.busy) return;
    this.busy = true;
    this.formError = '';
    try {
      const r = await this.client.actOnAuthor(this.ref, { action, ...extra });
      const until = r.state.suspendedUntil ? formatDate(r.state.suspendedUntil, this.locale) : '';
      const text = fmt(this.t.authorDone[action], { name: this.name, t: until });
      if (r.undo) emit<UndoableDetail>(this, 'parley-undoable', { batch: r.undo, text });
      else emit(this, 'parley-announce', text);
      emit(this, 'parley-changed', { author: true });
      await this.reload();
    } catch (err) {
      this.formError = errorText(err, this.t);
    } finally {
      this.busy = false;
    }
    // Only once the controls are enabled again: a disabled control cannot take focus, which then fell to <body>.
    if (focus) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(focus)?.focus();
    }
  }

  private handleMode(e: Event): void {
    const value = (e.target as HTMLInputElement).value as 'normal' | 'hold' | 'trust';
    void this.act(value, {}, `#mode-${value}`);
  }

  private handleSuspend(e: SubmitEvent): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    void this.act('suspend', { days: Number(data.get('days')), message: String(data.get('message') ?? '') }, '#unsuspend');
  }

  private handleWarn(e: SubmitEvent): void {
    e.preventDefault();
    const message = String(new FormData(e.target as HTMLFormElement).get('message') ?? '').trim();
    if (!message) {
      this.formError = this.t.warnEmpty;
      return;
    }
    void this.act('warn', { message }, '#warn-message');
  }

  private async lift(b: Ban): Promise<void> {
    try {
      const r = await this.client.unban(b.id);
      emit<UndoableDetail>(this, 'parley-undoable', { batch: r.undo, text: fmt(this.t.unbanned, { target: banTarget(b, this.t, this.locale) }) });
      emit(this, 'parley-changed', { unbanned: b.id });
      await this.reload();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#author-ban')?.focus();
    } catch (err) {
      this.formError = errorText(err, this.t);
    }
  }

  private ban(): void {
    const latest = this.view?.comments[0];
    if (!latest) return;
    this.close();
    emit(this, 'parley-open-ban', { comment: latest });
  }

  private renderComment(c: ModeratorComment): TemplateResult {
    const t = this.t;
    return html`<li>
      <header>
        <span class="status">${t.statusLabels[c.status]}</span>
        ${c.featuredAt ? html`<span class="status">${t.editorsPick}</span>` : nothing}
        <time datetime=${c.createdAt} title=${formatDate(c.createdAt, this.locale)}>${formatAge(c.createdAt, this.locale)}</time>
        <span>${t.on} ${headline(c.articleTitle) || c.articleKey}</span>
        <a href="#comment/${c.id}" @click=${() => this.close()}>${t.openComment}</a>
      </header>
      <div class="body">${renderText(c.body)}</div>
    </li>`;
  }

  private renderDecisions(v: AuthorView): TemplateResult {
    const t = this.t;
    const s = v.state;
    const mode = s.mode ?? 'normal';
    return html`<section aria-labelledby="decisions-title">
      <h3 id="decisions-title">${t.decisions}</h3>
      ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
      <div class="decisions">
        <fieldset>
          <legend>${t.authorMode}</legend>
          ${(['normal', 'hold', 'trust'] as const).map(
            (m) => html`<div class="field inline">
              <input id="mode-${m}" type="radio" name="mode" value=${m} .checked=${mode === m} ?disabled=${this.busy} @change=${this.handleMode} />
              <label for="mode-${m}">${t.modeLabels[m]}</label>
            </div>`,
          )}
        </fieldset>
        <fieldset>
          <legend>${t.suspendTitle}</legend>
          ${s.suspendedUntil
            ? html`<p>${fmt(t.suspendedUntil, { t: formatDate(s.suspendedUntil, this.locale) })}</p>
                ${s.suspensionMessage ? html`<p class="muted">“${s.suspensionMessage}”</p>` : nothing}
                <button id="unsuspend" type="button" ?disabled=${this.busy} @click=${() => void this.act('unsuspend', {}, '#suspend-days')}>${t.unsuspend}</button>`
            : html`<form @submit=${this.handleSuspend}>
                <div class="field">
                  <label for="suspend-days">${t.suspendFor}</label>
                  <select id="suspend-days" name="days">
                    ${SUSPEND_DAYS.map((d) => html`<option value=${d} ?selected=${d === 3}>${plural(t.daysN, d, this.locale)}</option>`)}
                  </select>
                </div>
                <div class="field">
                  <label for="suspend-message">${t.suspendMessage}</label>
                  <textarea id="suspend-message" name="message" rows="3" maxlength="1000" .defaultValue=${t.suspendDefault}></textarea>
                </div>
                <button type="submit" class="danger" ?disabled=${this.busy}>${t.suspendButton}</button>
              </form>`}
        </fieldset>
        <fieldset>
          <legend>${t.warnTitle}</legend>
          ${s.warning
            ? html`<p class="muted">
                ${s.warningSeenAt
                  ? fmt(t.warnedSeen, { t: formatDate(s.warningSeenAt, this.locale), message: s.warning })
                  : fmt(t.warnedPending, { message: s.warning })}
              </p>`
            : nothing}
          <form @submit=${this.handleWarn}>
            <div class="field">
              <label for="warn-message">${t.warnMessage}</label>
              <textarea id="warn-message" name="message" rows="3" maxlength="1000" .defaultValue=${t.warnDefault}></textarea>
            </div>
            <button type="submit" ?disabled=${this.busy}>${t.warnButton}</button>
          </form>
        </fieldset>
      </div>
    </section>`;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const v = this.view;
    const a = v?.author;
    return html`<dialog aria-labelledby="author-title" @close=${this.handleClose}>
      <div class="dialog-head">
        <h2 id="author-title">${v ? withName(t.authorTitle, this.name) : t.openAuthor}</h2>
        <button id="author-close" type="button" @click=${() => this.close()}>${t.close}</button>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${!v && !this.error ? html`<p class="muted" role="status">${t.loading}</p>` : nothing}
      ${v && a
        ? html`<section aria-label=${t.authorFacts}>
              <dl class="facts">
                <dt>${t.email}</dt>
                <dd>${a.email ?? t.noEmail}</dd>
                ${a.names.length > 1 ? html`<dt>${t.alsoAs}</dt><dd>${a.names.slice(1).map((n, i) => html`${i ? ', ' : ''}<bdi>${n}</bdi>`)}</dd>` : nothing}
                <dt>${t.onThisSite}</dt>
                <dd>${authorLine(a.summary, t, this.locale)}</dd>
                ${a.summary.firstSeen && a.summary.lastSeen
                  ? html`<dt>${t.seen}</dt>
                      <dd>${fmt(t.seenRange, { first: formatDate(a.summary.firstSeen, this.locale), last: formatDate(a.summary.lastSeen, this.locale) })}</dd>`
                  : nothing}
                <dt>${t.address}</dt>
                <dd>${a.sharedAddress > 0 ? plural(t.banShared, a.sharedAddress, this.locale) : t.banAddressAlone}</dd>
              </dl>
            </section>
            ${this.renderDecisions(v)}
            <section aria-labelledby="bans-title">
              <h3 id="bans-title">${t.authorBans}</h3>
              ${v.bans.length
                ? html`<ul class="plain">
                    ${v.bans.map(
                      (b) => html`<li>
                        ${banTarget(b, t, this.locale)} · ${b.expiresAt ? fmt(t.until, { t: formatDate(b.expiresAt, this.locale) }) : t.forGood}
                        <button type="button" @click=${() => void this.lift(b)}>${t.unban}<span class="sr"> ${banTarget(b, t, this.locale)}</span></button>
                      </li>`,
                    )}
                  </ul>`
                : html`<p class="muted">${t.notBanned}</p>`}
              <button id="author-ban" type="button" class="danger" ?disabled=${!v.comments.length} @click=${this.ban}>${t.banAuthor}</button>
            </section>
            ${v.history.length
              ? html`<section aria-labelledby="history-title">
                  <h3 id="history-title">${t.authorHistory}</h3>
                  <ul class="plain">
                    ${v.history.map(
                      (h) => html`<li>
                        <time datetime=${h.createdAt}>${formatDate(h.createdAt, this.locale)}</time> · ${actionLabel(h.action, t)}${h.action === 'undo' && h.note
                          ? html` (${actionLabel(h.note, t)})`
                          : nothing}${h.by ? html` · ${h.by}` : nothing}${h.note && h.action !== 'undo' ? html` · “${h.note}”` : nothing}
                      </li>`,
                    )}
                  </ul>
                </section>`
              : nothing}
            <section aria-labelledby="comments-title">
              <h3 id="comments-title">${t.authorComments}</h3>
              <ol class="comments">
                ${v.comments.map((c) => this.renderComment(c))}
              </ol>
              ${v.nextCursor ? html`<button type="button" @click=${this.loadMore}>${t.loadMore}</button>` : nothing}
            </section>`
        : nothing}
    </dialog>`;
  }
}

if (!customElements.get('parley-author-view')) customElements.define('parley-author-view', ParleyAuthorView);

declare global {
  interface HTMLElementTagNameMap {
    'parley-author-view': ParleyAuthorView;
  }
}
