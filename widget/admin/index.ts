/**
 * Parley's moderator view, served at /admin as `<parley-admin></parley-admin>` plus this bundle.
 *
 * <!-- README:admin -->
 * ## Moderating
 *
 * Open `/admin` on the Parley server and log in. The queue lists held comments oldest first,
 * with why each was held (reasons), toxicity scores (orange from 0.80, red from 0.95) and report
 * counts. New held or reported comments appear without a reload.
 *
 * | key | does |
 * |---|---|
 * | `j` / `k` | next / previous comment |
 * | `a` | approve |
 * | `r` | reject |
 * | `s` | spam |
 * | `x` | select for a bulk action |
 * | `?` | list the shortcuts |
 *
 * Shortcuts are ignored while typing in a field. The UI is in English or Hindi: the language
 * switcher wins, then a `lang` attribute on `<parley-admin>`, the moderator's locale, the browser's.
 * Administrators also get Sites (origins, policy, embed snippet, bans), Moderators and the Audit log.
 * <!-- /README:admin -->
 */
import { ParleyAdmin } from './parley-admin.js';

if (!customElements.get('parley-admin')) customElements.define('parley-admin', ParleyAdmin);

export { ParleyAdmin };

declare global {
  interface HTMLElementTagNameMap {
    'parley-admin': ParleyAdmin;
  }
}
