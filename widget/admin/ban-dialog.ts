// <parley-ban-dialog>: bans a comment's author. Defaults that spare other readers: the email, for 30
// days, with a message the author is shown. Banning the address says how many other authors used it
// lately and asks again when any did (mobile carriers and offices put many readers behind one).
import { html, nothing, type TemplateResult } from 'lit';
import { ApiError, type CommentDetail, type ModeratorComment } from './api.js';
import { ParleyDialog, emit, type OpenOptions, type UndoableDetail } from './dialog.js';
import { errorText, fmt, plural } from './i18n.js';
import { withName } from '../shared/text.js';

const DAY = 86_400_000;
/** Ban lengths offered, in days; 0 is for good. */
export const BAN_DAYS = [1, 7, 30, 90, 365, 0] as const;
export const DEFAULT_BAN_DAYS = 30;

export class ParleyBanDialog extends ParleyDialog {
  static override properties = {
    ...ParleyDialog.properties,
    comment: { state: true },
    detail: { state: true },
    error: { state: true },
    busy: { state: true },
    confirming: { state: true },
  };

  comment: ModeratorComment | null = null;
  detail: CommentDetail | null = null;
  error = '';
  busy = false;
  /** Other authors on the address, when the moderator must confirm banning them too. */
  confirming: number | null = null;
  private form: FormData | null = null;

  /** Opens the dialog for a comment's author; the detail (shared-address count) is fetched if not given. */
  async open(comment: ModeratorComment, detail?: CommentDetail | null, options: OpenOptions = {}): Promise<void> {
    this.comment = comment;
    this.detail = detail ?? null;
    this.error = '';
    this.confirming = null;
    this.form = null;
    this.renderRoot.querySelector('form')?.reset();
    await this.showDialog(options, comment.authorEmail ? '#ban-days' : '#ban-ip');
    if (!detail) {
      try {
        const d = await this.client.comment(comment.id);
        if (this.comment?.id === comment.id) this.detail = d;
      } catch {
        // The count is advice; the server checks the address again when it is banned.
      }
    }
  }

  protected override closed(): void {
    this.comment = null;
    this.detail = null;
    this.confirming = null;
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const c = this.comment;
    if (!c || this.busy) return;
    const data = new FormData(e.target as HTMLFormElement);
    const byEmail = data.get('byEmail') === 'on' && !!c.authorEmail;
    const byIp = data.get('byIp') === 'on' && !!c.ipHash;
    if (!byEmail && !byIp) {
      this.error = this.t.banPickOne;
      return;
    }
    const shared = this.detail?.sharedAddress ?? 0;
    if (byIp && shared > 0) {
      // Asked again, in so many words, before anyone else is shut out.
      this.form = data;
      this.confirming = shared;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#ban-confirm')?.focus();
      return;
    }
    await this.send(data, false);
  }

  private async send(data: FormData, confirmShared: boolean): Promise<void> {
    const c = this.comment!;
    const byEmail = data.get('byEmail') === 'on' && !!c.authorEmail;
    const byIp = data.get('byIp') === 'on' && !!c.ipHash;
    const days = Number(data.get('days') ?? DEFAULT_BAN_DAYS);
    this.busy = true;
    this.error = '';
    try {
      const r = await this.client.ban({
        site: c.site,
        commentId: c.id,
        by: [...(byEmail ? ['email' as const] : []), ...(byIp ? ['ip' as const] : [])],
        reason: String(data.get('reason') ?? '').trim() || undefined,
        message: String(data.get('message') ?? '').trim() || undefined,
        expiresAt: days > 0 ? new Date(Date.now() + days * DAY).toISOString() : undefined,
        rejectPending: data.get('rejectPending') === 'on',
        confirmShared,
      });
      const text = plural(this.t.bannedN, r.rejected, this.locale, { name: c.authorName });
      emit<UndoableDetail>(this, 'parley-undoable', { batch: r.undo, text });
      emit(this, 'parley-changed', { banned: c.id });
      this.close();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'SHARED_ADDRESS' && !confirmShared) {
        // The server counted more than the dialog knew (a comment arrived meanwhile): ask with its count.
        this.form = data;
        this.confirming = Number(err.details.others ?? 1) || 1;
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('#ban-confirm')?.focus();
      } else {
        this.error = errorText(err, this.t);
      }
    } finally {
      this.busy = false;
    }
  }

  private back(): void {
    this.confirming = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#ban-ip')?.focus());
  }

  private renderConfirm(): TemplateResult {
    const t = this.t;
    const n = this.confirming!;
    return html`<div class="panel" role="alertdialog" aria-labelledby="ban-confirm-text">
      <p id="ban-confirm-text"><strong>${plural(t.banShared, n, this.locale)}</strong></p>
      <div class="row">
        <button id="ban-confirm" type="button" class="danger" ?disabled=${this.busy} @click=${() => void this.send(this.form!, true)}>
          ${plural(t.banAnyway, n, this.locale)}
        </button>
        <button type="button" @click=${this.back}>${t.banBack}</button>
      </div>
    </div>`;
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const c = this.comment;
    const shared = this.detail?.sharedAddress;
    return html`<dialog aria-labelledby="ban-title" @close=${this.handleClose}>
      <h2 id="ban-title">${c ? withName(t.banTitle, c.authorName) : t.banAuthor}</h2>
      ${c
        ? html`<form @submit=${this.submit} ?hidden=${this.confirming !== null}>
              <fieldset>
                <legend>${t.banWhat}</legend>
                <div class="field inline">
                  <input id="ban-email" name="byEmail" type="checkbox" ?checked=${!!c.authorEmail} ?disabled=${!c.authorEmail} />
                  <label for="ban-email">${c.authorEmail ? fmt(t.banByEmail, { email: c.authorEmail }) : t.banNoEmail}</label>
                </div>
                <div class="field inline">
                  <input id="ban-ip" name="byIp" type="checkbox" ?checked=${!c.authorEmail && !!c.ipHash} ?disabled=${!c.ipHash} aria-describedby="ban-ip-note" />
                  <label for="ban-ip">${t.banByAddress}</label>
                </div>
                <p id="ban-ip-note" class="muted">
                  ${shared === undefined ? t.banCounting : shared > 0 ? plural(t.banShared, shared, this.locale) : t.banAddressAlone}
                </p>
              </fieldset>
              <div class="field">
                <label for="ban-days">${t.banExpiry}</label>
                <select id="ban-days" name="days">
                  ${BAN_DAYS.map((d) => html`<option value=${d} ?selected=${d === DEFAULT_BAN_DAYS}>${d === 0 ? t.forGood : plural(t.daysN, d, this.locale)}</option>`)}
                </select>
              </div>
              <div class="field">
                <label for="ban-message">${t.banMessage}</label>
                <textarea id="ban-message" name="message" rows="3" maxlength="500" aria-describedby="ban-message-hint" .defaultValue=${t.banMessageDefault}></textarea>
                <small id="ban-message-hint">${t.banMessageHint}</small>
              </div>
              <div class="field">
                <label for="ban-reason">${t.banReason}</label>
                <input id="ban-reason" name="reason" maxlength="500" />
              </div>
              <div class="field inline">
                <input id="ban-reject" name="rejectPending" type="checkbox" checked />
                <label for="ban-reject">${t.banRejectHeld}</label>
              </div>
              ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
              <div class="row">
                <button type="submit" class="danger" ?disabled=${this.busy}>${t.banAuthor}</button>
                <button type="button" @click=${() => this.close()}>${t.cancel}</button>
              </div>
            </form>
            ${this.confirming !== null ? this.renderConfirm() : nothing}`
        : nothing}
    </dialog>`;
  }
}

if (!customElements.get('parley-ban-dialog')) customElements.define('parley-ban-dialog', ParleyBanDialog);

declare global {
  interface HTMLElementTagNameMap {
    'parley-ban-dialog': ParleyBanDialog;
  }
}
