// What every admin dialog element shares: a modal <dialog> in its own shadow root, the strings of
// the view, and focus given back where it came from when it closes (the opener, or what the opener
// asked for when it is gone, such as the card that took a removed card's place).
import { LitElement, css, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { AdminApi } from './api.js';
import type { Locale, Messages } from './i18n.js';
import { styles } from './styles.js';

/** Dialogs opened and not yet through their `close` handler, anywhere in the admin view. */
export const openDialogs = new Set<ParleyDialog>();

/**
 * Whether a dialog is open right now: keyboard shortcuts stay off while one is. Read from the dialogs
 * themselves, because Escape closes a dialog (and the browser gives focus back) a task before its
 * `close` event runs; a shortcut typed in between belongs to the queue.
 */
export function anyDialogOpen(): boolean {
  for (const d of openDialogs) if (d.isOpen) return true;
  return false;
}

/** The focused element, looking inside shadow roots. */
export function deepActiveElement(): HTMLElement | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el instanceof HTMLElement ? el : null;
}

export interface OpenOptions {
  /** Where focus goes on close; default the element focused when the dialog opened. */
  returnFocus?: () => void;
}

export abstract class ParleyDialog extends LitElement {
  static override styles = [
    styles,
    css`
      dialog {
        width: min(36rem, calc(100vw - 2rem));
      }
      .dialog-head {
        display: flex;
        align-items: baseline;
        justify-content: space-between;
        gap: 1rem;
      }
      .dialog-head h2 {
        margin-top: 0;
      }
      dl.keys {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.35rem 1rem;
      }
      dl.keys dd {
        margin: 0;
      }
      fieldset {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        margin: 0 0 0.75rem;
      }
      legend {
        font-weight: 600;
        padding: 0 0.25rem;
      }
    `,
  ];

  static override properties = {
    client: { attribute: false },
    t: { attribute: false },
    locale: { attribute: false },
  };

  client!: AdminApi;
  t!: Messages;
  locale: Locale = 'en';

  private opener: HTMLElement | null = null;
  private returnFocus: (() => void) | undefined;

  protected get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  get isOpen(): boolean {
    return this.dialog?.open ?? false;
  }

  /** Opens the dialog once it has rendered; `focus` is the element inside to focus, else the first field. */
  protected async showDialog(options: OpenOptions = {}, focus?: string): Promise<void> {
    this.opener = deepActiveElement();
    this.returnFocus = options.returnFocus;
    await this.updateComplete;
    const dialog = this.dialog;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    openDialogs.add(this);
    if (focus) this.renderRoot.querySelector<HTMLElement>(focus)?.focus();
  }

  close(): void {
    this.dialog?.close();
  }

  /** Bound to the dialog's `close` event by every subclass. */
  protected handleClose = (): void => {
    openDialogs.delete(this);
    const back = this.returnFocus;
    const opener = this.opener;
    this.returnFocus = undefined;
    this.opener = null;
    this.closed();
    // Escape closes the dialog (and the browser gives focus back to the opener) a task before this
    // handler runs. A shortcut typed in between may already have moved focus on, j to a card: leave it.
    const now = deepActiveElement();
    if (now && now !== document.body && now !== opener && !this.renderRoot.contains(now)) return;
    if (back) back();
    else if (opener?.isConnected) opener.focus();
  };

  /** Clears the dialog's state after it closed. */
  protected closed(): void {}

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    openDialogs.delete(this);
  }
}

/** Sends a composed, bubbling event from an admin element (they cross every shadow root up to the shell). */
export function emit<T>(from: HTMLElement, type: string, detail: T): void {
  from.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
}

/**
 * Calls `onChange` on every `parley-changed` (an undo, a ban, an author decision changed data another
 * page shows) while its element is connected: `new ChangeListener(this, () => this.load())`.
 */
export class ChangeListener implements ReactiveController {
  private readonly listener = () => void this.onChange();

  constructor(host: ReactiveControllerHost, private readonly onChange: () => unknown) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('parley-changed', this.listener);
  }

  hostDisconnected(): void {
    window.removeEventListener('parley-changed', this.listener);
  }
}

/** `parley-undoable`: an action that can be undone, with the sentence that says what it did. */
export interface UndoableDetail {
  batch: string;
  text: string;
}
