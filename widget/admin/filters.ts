// Parts shared by the filter forms above the queue, the stories and the audit log.
import { html, nothing, type TemplateResult } from 'lit';
import type { SiteRef } from './api.js';
import type { Messages } from './i18n.js';

/** The "site" field of a filter form (named `site`), or nothing for a moderator of one site. */
export function siteFilterField(id: string, t: Messages, sites: readonly SiteRef[], selected: string | undefined): TemplateResult | typeof nothing {
  if (sites.length <= 1) return nothing;
  return html`<div class="field">
    <label for=${id}>${t.site}</label>
    <select id=${id} name="site">
      <option value="">${t.allSites}</option>
      ${sites.map((s) => html`<option value=${s.slug} .selected=${selected === s.slug}>${s.name}</option>`)}
    </select>
  </div>`;
}
