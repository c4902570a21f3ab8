// <parley-thread-dialog>: a comment in its thread, every status shown as moderators see it: the
// comments it answers, its neighbours under the same parent, its replies, and its link on the page.
import { css, html, nothing, type TemplateResult } from 'lit';
import { renderText } from '../shared/text.js';
import type { ModeratorComment, ThreadView } from './api.js';
import { ParleyDialog, emit, type OpenOptions } from './dialog.js';
import { formatAge, formatDate, headline } from './format.js';
import { errorText, plural } from './i18n.js';

export class ParleyThreadDialog extends ParleyDialog {
  static override styles = [
    ...ParleyDialog.styles,
    css`
      dialog {
        width: min(48rem, calc(100vw - 2rem));
      }
      ol.thread {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .item {
        border-inline-start: 3px solid var(--_border);
        padding: 0.25rem 0.5rem;
        margin: 0 0 0.5rem;
      }
      .item.here {
        border-inline-start-color: var(--_accent);
        background: var(--_selected);
      }
      /* Not a <header>: outside a sectioning element that is a second banner landmark (axe). */
      .item .item-head {
        display: flex;
        flex-wrap: wrap;
        gap: 0 0.75rem;
        align-items: baseline;
        font-size: 0.9em;
      }
      .item .body p {
        margin: 0.25rem 0;
      }
      .status {
        font-size: 0.8em;
        border: 1px solid var(--_border);
        border-radius: 999px;
        padding: 0 0.4rem;
      }
      h3 {
        margin: 0.75rem 0 0.35rem;
      }
    `,
  ];

  static override properties = {
    ...ParleyDialog.properties,
    view: { state: true },
    error: { state: true },
  };

  view: ThreadView | null = null;
  error = '';

  async open(commentId: number, options: OpenOptions = {}): Promise<void> {
    this.view = null;
    this.error = '';
    await this.showDialog(options, '#thread-close');
    try {
      this.view = await this.client.thread(commentId);
    } catch (err) {
      this.error = errorText(err, this.t);
    }
  }

  protected override closed(): void {
    this.view = null;
  }

  private item(c: ModeratorComment, here = false): TemplateResult {
    const t = this.t;
    return html`<li class="item ${here ? 'here' : ''}" aria-current=${here ? 'true' : nothing}>
      <div class="item-head">
        <strong><bdi>${c.authorName}</bdi></strong>
        <span class="status">${t.statusLabels[c.status]}</span>
        ${c.featuredAt ? html`<span class="status">${t.editorsPick}</span>` : nothing}
        <time datetime=${c.createdAt} title=${formatDate(c.createdAt, this.locale)}>${formatAge(c.createdAt, this.locale)}</time>
        <button
          type="button"
          class="link"
          @click=${() => {
            this.close();
            emit(this, 'parley-open-author', { ref: { comment: c.id } });
          }}
        >
          ${t.openAuthor}<span class="sr"> <bdi>${c.authorName}</bdi></span>
        </button>
      </div>
      <div class="body">${renderText(c.body)}</div>
    </li>`;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const v = this.view;
    return html`<dialog aria-labelledby="thread-title" @close=${this.handleClose}>
      <div class="dialog-head">
        <h2 id="thread-title">${t.threadTitle}</h2>
        <button id="thread-close" type="button" @click=${() => this.close()}>${t.close}</button>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${!v && !this.error ? html`<p class="muted" role="status">${t.loading}</p>` : nothing}
      ${v
        ? html`<p class="muted">
              ${t.on} ${headline(v.comment.articleTitle) || v.comment.articleKey}
              ${v.permalink ? html` · <a href=${v.permalink} target="_blank" rel="nofollow ugc noopener">${t.openOnPage}</a>` : nothing}
            </p>
            ${v.ancestors.length
              ? html`<h3>${t.threadAnswers}</h3>
                  <ol class="thread">
                    ${v.ancestors.map((c) => this.item(c))}
                  </ol>`
              : nothing}
            <h3>${v.comment.parentId ? t.threadAround : t.threadTop}</h3>
            <ol class="thread">
              ${v.siblingsBefore.map((c) => this.item(c))} ${this.item(v.comment, true)} ${v.siblingsAfter.map((c) => this.item(c))}
            </ol>
            <h3>${v.replies.length ? plural(t.repliesN, v.replies.length, this.locale) : t.noReplies}</h3>
            ${v.replies.length
              ? html`<ol class="thread">
                  ${v.replies.map((c) => this.item(c))}
                </ol>`
              : nothing}`
        : nothing}
    </dialog>`;
  }
}

if (!customElements.get('parley-thread-dialog')) customElements.define('parley-thread-dialog', ParleyThreadDialog);

declare global {
  interface HTMLElementTagNameMap {
    'parley-thread-dialog': ParleyThreadDialog;
  }
}
