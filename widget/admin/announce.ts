// Pages speak through the shell's one aria-live region: a bubbling, composed event carries the text.

/** Asks the enclosing <parley-admin> to announce `text` to screen readers (and show it). */
export function announce(from: HTMLElement, text: string): void {
  from.dispatchEvent(new CustomEvent<string>('parley-announce', { detail: text, bubbles: true, composed: true }));
}
