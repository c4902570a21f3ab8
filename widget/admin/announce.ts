// Pages speak through the shell's one aria-live region: a bubbling, composed event carries the text.

/** Asks the enclosing <parley-admin> to announce `text` to screen readers (and show it). */
export function announce(from: HTMLElement, text: string): void {
  from.dispatchEvent(new CustomEvent<string>('parley-announce', { detail: text, bubbles: true, composed: true }));
}

/**
 * Tells of something that happened elsewhere (a comment arrived, another moderator took the one being
 * read): spoken like an announcement, but while the toast offers Undo it is not replaced, so news on a
 * busy desk never takes the moderator's undo away.
 */
export function tell(from: HTMLElement, text: string): void {
  from.dispatchEvent(new CustomEvent<string>('parley-news', { detail: text, bubbles: true, composed: true }));
}
