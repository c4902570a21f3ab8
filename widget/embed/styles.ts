// The widget's look. Every colour and size a publisher may want to change is a --parley-* custom
// property (documented in index.ts); internal --_* aliases keep the fallbacks in one place.
// Dark colours come from prefers-color-scheme unless theme= pins one (media query rather than
// light-dark(), which older Safari on many readers' phones lacks).
import { unsafeCSS } from 'lit';

// A constant string for unsafeCSS rather than Lit's css`` tag, whose value check and error text
// cost ~150 B gzip; nothing here comes from input. The name css is what the build's template
// squeezer looks for.
const css = String.raw;

const dark = css`
  color-scheme: dark;
  --_fg: var(--parley-color-text, #e3e3e3);
  --_bg: var(--parley-color-bg, #17181b);
  --_muted: var(--parley-color-muted, #a8adb4);
  --_accent: var(--parley-color-accent, #8ab4f8);
  --_on-accent: var(--parley-color-on-accent, #0b1a33);
  --_border: var(--parley-color-border, #6b7079);
  --_err: var(--parley-color-error, #f2b8b5);
  --_note: var(--parley-color-note-bg, #2b2a1e);
`;

export const styles = unsafeCSS(css`
  :host {
    /* !important: inner important declarations beat the host page's, so a hostile
       "* { display: inline !important }" cannot unsettle the widget's box. */
    display: block !important;
    container-type: inline-size;
    color-scheme: light;
    --_fg: var(--parley-color-text, #1f2328);
    --_bg: var(--parley-color-bg, #fff);
    --_muted: var(--parley-color-muted, #59636e);
    --_accent: var(--parley-color-accent, #0b57d0);
    --_on-accent: var(--parley-color-on-accent, #fff);
    --_border: var(--parley-color-border, #8c959f);
    --_err: var(--parley-color-error, #b3261e);
    --_note: var(--parley-color-note-bg, #fff8c5);
    --_radius: var(--parley-radius, 6px);
    --_gap: var(--parley-spacing, 1rem);
    --_indent: var(--parley-indent, 1.5rem);
  }
  :host([hidden]) {
    display: none !important;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme=light])) {
      ${dark}
    }
  }
  :host([theme=dark]) {
    ${dark}
  }
  .base {
    font: inherit;
    line-height: 1.5;
    color: var(--_fg);
    background: var(--_bg);
    padding: var(--parley-padding, 1rem);
    text-align: start;
  }
  h2,
  h3 {
    font-size: 1.25em;
    line-height: 1.3;
    margin: 0;
  }
  h3 {
    font-size: 1.1em;
  }
  .head,
  .bar,
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
  }
  .head {
    justify-content: space-between;
    margin-block-end: var(--_gap);
  }
  .head label {
    display: flex;
    align-items: center;
    gap: 0.5em;
    font-weight: 400;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .thread > li {
    border-block-start: 1px solid var(--_border);
  }
  .replies {
    margin-inline-start: var(--_indent);
    padding-inline-start: 0.75rem;
    border-inline-start: 2px solid var(--_border);
  }
  /* Indentation is capped so deep threads stay readable; the tree stays in the markup. */
  .replies .replies .replies .replies .replies {
    margin-inline-start: 0;
  }
  @container (max-width: 30rem) {
    .replies {
      margin-inline-start: 0.25rem;
      padding-inline-start: 0.5rem;
    }
    .replies .replies .replies {
      margin-inline-start: 0;
      padding-inline-start: 0;
      border: 0;
    }
  }
  article,
  #rt {
    overflow-wrap: anywhere;
  }
  article {
    padding-block: 0.75rem;
  }
  .author {
    font-weight: 600;
  }
  .staff,
  .pick {
    border: 1px solid;
    border-radius: var(--_radius);
    padding: 0 0.3em;
  }
  time,
  .muted,
  .hint {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .hl {
    background: var(--_note);
  }
  [aria-pressed=true] {
    font-weight: 700;
    text-decoration-thickness: 2px;
  }
  .body p {
    margin-block: 0.4em;
  }
  .tomb {
    font-style: italic;
    color: var(--_muted);
    margin: 0;
  }
  .pending {
    background: var(--_note);
    border-radius: var(--_radius);
    padding: 0.25em 0.5em;
    margin-block: 0.4em;
  }
  a {
    color: var(--_accent);
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    border-radius: var(--_radius);
    min-block-size: 24px;
  }
  .btn {
    background: var(--_accent);
    color: var(--_on-accent);
    border: 1px solid var(--_accent);
    padding: 0.5em 1.1em;
    font-weight: 600;
  }
  .more {
    background: transparent;
    color: var(--_accent);
    margin-block: var(--_gap);
    border: 1px solid var(--_accent);
    padding: 0.4em 1em;
  }
  .link {
    background: none;
    border: 0;
    padding: 0.1em 0.25em;
    color: var(--_accent);
    text-decoration: underline;
    text-underline-offset: 0.15em;
    font-size: 0.875em;
  }
  button:disabled {
    opacity: 0.6;
    cursor: progress;
  }
  /* In the text colour, not the accent: a brand accent close to the error red made a focused field
     look invalid (issue 15). */
  :focus-visible {
    outline: 2px solid var(--_fg);
    outline-offset: 2px;
  }
  .respond {
    margin-block-start: var(--_gap);
  }
  form > * {
    margin-block: 0 0.9rem;
  }
  label {
    display: block;
    font-weight: 600;
  }
  input:not([type=checkbox]),
  textarea,
  select {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.45em 0.6em;
  }
  input,
  textarea {
    box-sizing: border-box;
    display: block;
    inline-size: 100%;
  }
  select {
    max-inline-size: 100%;
  }
  textarea {
    min-block-size: 8em;
    resize: vertical;
  }
  .check {
    display: flex;
    gap: 0.5em;
    align-items: flex-start;
  }
  .check label {
    font-weight: 400;
  }
  .check input {
    inline-size: auto;
    margin-block-start: 0.35em;
  }
  [aria-invalid=true] {
    border-color: var(--_err);
    box-shadow: 0 0 0 1px var(--_err);
  }
  .err {
    color: var(--_err);
    font-weight: 600;
  }
  .err,
  .hint {
    display: block;
  }
  .notice {
    border-inline-start: 4px solid var(--_err);
    padding: 0.5em 0.75em;
    background: var(--_note);
  }
  .notice p {
    margin: 0 0 0.5em;
  }
  .sr,
  .hp {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`);
