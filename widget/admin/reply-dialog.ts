// <parley-reply-dialog>: a moderator's reply, published under their name (a held comment is approved
// first, so the reply can sit under it).
import { html, nothing, type TemplateResult } from 'lit';
import { describeReason } from '../../server/moderation/reasons.js';
import { ApiError, type ModeratorComment } from './api.js';
import { ParleyDialog, emit, type OpenOptions } from './dialog.js';
import { excerpt } from './format.js';
import { errorText, fmt } from './i18n.js';
import { withName } from '../shared/text.js';

export interface ReplyHooks extends OpenOptions {
  /** The held comment was approved on the way (the queue moves its card). */
  approved?(comment: ModeratorComment): void;
  /** The reply exists: its live arrival is the moderator's own news, not something to announce. */
  replied?(reply: ModeratorComment): void;
}

export class ParleyReplyDialog extends ParleyDialog {
  static override properties = {
    ...ParleyDialog.properties,
    target: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  target: ModeratorComment | null = null;
  error = '';
  busy = false;
  private hooks: ReplyHooks = {};

  async open(c: ModeratorComment, hooks: ReplyHooks = {}): Promise<void> {
    this.target = c;
    this.hooks = hooks;
    this.error = '';
    this.renderRoot.querySelector('form')?.reset();
    await this.showDialog(hooks, '#reply-body');
  }

  protected override closed(): void {
    this.target = null;
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const c = this.target;
    if (!c || this.busy) return;
    const t = this.t;
    const body = String(new FormData(e.target as HTMLFormElement).get('body') ?? '').trim();
    if (!body) {
      this.error = t.replyEmpty;
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      if (c.status === 'pending') {
        const { comment } = await this.client.act(c.id, 'approve', undefined, 'pending');
        // A retry after a failed reply must not approve again.
        this.target = comment;
        this.hooks.approved?.(comment);
      }
      const { comment: reply } = await this.client.reply(c.id, body);
      this.hooks.replied?.(reply);
      this.close();
      emit(
        this,
        'parley-announce',
        reply.status === 'approved'
          ? fmt(t.replied, { name: c.authorName })
          : fmt(t.replyHeld, { name: c.authorName, reasons: reply.reasons.map((r) => describeReason(r, this.locale)).join('; ') }),
      );
    } catch (err) {
      // The reply form has one field: say what is wrong with it rather than point at a highlight.
      const fields = err instanceof ApiError && err.code === 'VALIDATION_FAILED' ? err.fields.map((f) => f.message).filter(Boolean) : [];
      this.error = fields.length > 0 ? fields.join(' ') : errorText(err, t);
    } finally {
      this.busy = false;
    }
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const c = this.target;
    const approveFirst = c?.status === 'pending';
    return html`<dialog aria-labelledby="reply-title" @close=${this.handleClose}>
      <h2 id="reply-title">${c ? withName(t.replyTitle, c.authorName) : t.replyTo}</h2>
      ${c
        ? html`<blockquote class="muted">${excerpt(c.body)}</blockquote>
            ${approveFirst ? html`<p>${t.replyApprovesFirst}</p>` : nothing}
            <form @submit=${this.submit}>
              <div class="field">
                <label for="reply-body">${t.replyBody}</label>
                <textarea id="reply-body" name="body" rows="5"></textarea>
              </div>
              ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
              <div class="row">
                <button type="submit" class="primary" ?disabled=${this.busy}>${approveFirst ? t.approveReply : t.postReply}</button>
                <button type="button" @click=${() => this.close()}>${t.cancel}</button>
              </div>
            </form>`
        : nothing}
    </dialog>`;
  }
}

/** <parley-help-dialog>: the keyboard shortcuts. */
export class ParleyHelpDialog extends ParleyDialog {
  async open(options: OpenOptions = {}): Promise<void> {
    await this.showDialog(options, 'button');
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const keys: Array<[string, string]> = [
      ['j', t.keyNext],
      ['k', t.keyPrev],
      ['a', t.approve],
      ['r', t.reject],
      ['s', t.spam],
      ['x', t.keySelect],
      ['u', t.keyAuthor],
      ['t', t.keyThread],
      ['o', t.keyOpen],
      ['f', t.keyFeature],
      ['d', t.keyDismiss],
      ['b', t.keyBan],
      ['z', t.keyUndo],
      ['?', t.keyHelp],
    ];
    return html`<dialog aria-labelledby="help-title" @close=${this.handleClose}>
      <h2 id="help-title">${t.shortcuts}</h2>
      <dl class="keys">
        ${keys.map(([k, label]) => html`<dt><kbd>${k}</kbd></dt><dd>${label}</dd>`)}
      </dl>
      <p class="muted">${t.keysNote}</p>
      <form method="dialog"><button class="primary">${t.close}</button></form>
    </dialog>`;
  }
}

for (const [name, ctor] of [
  ['parley-reply-dialog', ParleyReplyDialog],
  ['parley-help-dialog', ParleyHelpDialog],
] as const) {
  if (!customElements.get(name)) customElements.define(name, ctor);
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-reply-dialog': ParleyReplyDialog;
    'parley-help-dialog': ParleyHelpDialog;
  }
}
