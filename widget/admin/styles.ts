// The moderator view's look, shared by every admin element. Colours are picked for WCAG AA contrast
// (axe runs in the browser test), and every focusable thing gets a visible focus ring.
import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    /* The palette comes from <parley-admin> (theme.ts) through inherited custom properties; the
       fallbacks are the light theme, for an element shown on its own. */
    --_fg: var(--parley-color-text, var(--pa-fg, #1f2328));
    --_bg: var(--parley-color-bg, var(--pa-bg, #fff));
    --_muted: var(--parley-color-muted, var(--pa-muted, #57606a));
    --_accent: var(--parley-color-accent, var(--pa-accent, #0b57d0));
    --_on-accent: var(--pa-on-accent, #fff);
    --_border: var(--parley-color-border, var(--pa-border, #8c959f));
    --_soft: var(--pa-soft, #f3f5f7);
    --_err: var(--pa-err, #b3261e);
    --_selected: var(--pa-selected, #eef4ff);
    --_high-bg: var(--pa-high-bg, #fde7e9);
    --_high-fg: var(--pa-high-fg, #8c1d18);
    --_high-border: var(--pa-high-border, #b3261e);
    --_mid-bg: var(--pa-mid-bg, #fff1dc);
    --_mid-fg: var(--pa-mid-fg, #7a3f00);
    --_mid-border: var(--pa-mid-border, #b25e00);
    --_ok: var(--pa-ok, #1a7f37);
    --_pick-bg: var(--pa-pick-bg, #fff8c5);
    --_pick-fg: var(--pa-pick-fg, #5c4400);
    --_radius: 6px;
    color: var(--_fg);
    font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Noto Sans Devanagari', sans-serif;
  }
  :host([hidden]),
  [hidden] {
    display: none !important;
  }
  * {
    box-sizing: border-box;
  }
  h1 {
    font-size: 1.4rem;
    margin: 0 0 0.75rem;
  }
  h2 {
    font-size: 1.15rem;
    margin: 1rem 0 0.5rem;
  }
  h3 {
    font-size: 1rem;
    margin: 0;
  }
  a {
    color: var(--_accent);
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  input:not([type='checkbox']):not([type='radio']),
  select,
  textarea {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.35rem 0.5rem;
    background: var(--_bg);
    max-width: 100%;
  }
  textarea {
    width: 100%;
  }
  button {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    padding: 0.3rem 0.75rem;
    cursor: pointer;
    min-height: 2rem;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  button.danger {
    color: var(--_err);
    border-color: var(--_err);
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .muted {
    color: var(--_muted);
  }
  .error {
    color: var(--_err);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.2rem;
    margin: 0 0 0.75rem;
  }
  .field.inline {
    flex-direction: row;
    align-items: center;
  }
  .field small {
    color: var(--_muted);
  }
  .panel {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem;
    margin: 0 0 0.75rem;
    background: var(--_bg);
  }
  .panel.warning {
    border-inline-start: 4px solid var(--_err);
  }
  ul.plain,
  ol.plain {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  dialog {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    max-width: min(32rem, calc(100vw - 2rem));
    color: var(--_fg);
    background: var(--_bg);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  kbd {
    border: 1px solid var(--_border);
    border-radius: 3px;
    padding: 0 0.35em;
    font-family: ui-monospace, monospace;
    background: var(--_soft);
  }
  /* A row of filter fields above a list (queue, stories, audit log). */
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
    margin-bottom: 0.75rem;
  }
  .filters .field {
    margin: 0;
    flex: 1 1 9rem;
  }
  /* A button that reads as a link inside a sentence. */
  button.link {
    border: none;
    background: none;
    padding: 0;
    min-height: 0;
    color: var(--_accent);
    text-decoration: underline;
  }
`;
