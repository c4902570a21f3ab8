// The admin view's two palettes, set on <parley-admin> and inherited by every page and dialog through
// custom properties (styles.ts reads them). Dark follows the system unless the moderator picked one.
import { css, unsafeCSS } from 'lit';

export type Theme = 'system' | 'light' | 'dark';

const DARK = `
  --pa-fg: #e3e3e3;
  --pa-bg: #17181b;
  --pa-muted: #a8adb4;
  --pa-accent: #8ab4f8;
  --pa-on-accent: #0b1a33;
  --pa-border: #6b7079;
  --pa-soft: #23252a;
  --pa-err: #f2b8b5;
  --pa-selected: #1d2a40;
  --pa-high-bg: #3a1d1f;
  --pa-high-fg: #f7c9c6;
  --pa-high-border: #f2b8b5;
  --pa-mid-bg: #33280f;
  --pa-mid-fg: #f5c98a;
  --pa-mid-border: #f0b35e;
  --pa-ok: #6cc57f;
  --pa-pick-bg: #3b3415;
  --pa-pick-fg: #f3e19a;
  color-scheme: dark;
`;

export const themeStyles = css`
  :host {
    color-scheme: light;
    min-height: 100vh;
    background: var(--_bg);
  }
  :host([theme='dark']) {
    ${unsafeCSS(DARK)}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${unsafeCSS(DARK)}
    }
  }
`;

const THEME_KEY = 'parley-admin-theme';

/** The theme the moderator picked, or 'system' (localStorage may be unavailable). */
export function storedTheme(): Theme {
  try {
    const v = localStorage.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

export function storeTheme(theme: Theme): void {
  try {
    if (theme === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, theme);
  } catch {
    // Not remembered; the choice still applies to this page.
  }
}
