// <parley-admin-imports>: admins upload a Disqus, WordPress or Parley export into a site, with the
// command line's options, follow it live (the upload's bytes, then the server's phases and written
// comments) and read the same summary the command prints. Its strings live here, in English and Hindi.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { ApiError, type AdminApi, type ImportFormat, type ImportRun, type ImportSummary, type SiteRef } from './api.js';
import { announce } from './announce.js';
import { fmt, type Locale } from './i18n.js';
import { styles } from './styles.js';

const en = {
  navImports: 'Import',
  title: 'Import comments',
  intro: 'Bring a site’s comments from Disqus, WordPress or another Parley. Run a dry run first: it shows where everything would land and writes nothing.',
  site: 'Into site',
  format: 'File from',
  disqus: 'Disqus (XML export)',
  wordpress: 'WordPress (WXR export)',
  parley: 'Parley (JSON Lines export)',
  file: 'File',
  dryRun: 'Dry run: show the plan, write nothing',
  mapDomains: 'Move old domains (one OLD=NEW per line)',
  mapPaths: 'Move path prefixes (one /old/=/new/ per line)',
  keyBy: 'Match articles by',
  keyUrl: 'page URL',
  keyIdentifier: 'Disqus identifier',
  keyPostId: 'WordPress post id',
  pingbacks: 'Include pingbacks and trackbacks',
  score: 'Queue imported comments for scoring',
  start: 'Start import',
  chooseFile: 'Choose a file first.',
  uploading: 'Uploading and reading: {sent} of {total}',
  phase: 'Server: {phase}; {comments} comments read, {written} of {toWrite} written',
  progress: 'Import progress',
  doneDry: 'Dry run finished: nothing was written.',
  done: 'Import finished.',
  refused: 'The file was refused, nothing was imported: {message}',
  summary: 'Summary',
  commentsLine: '{read} comments read; {written} {verb}',
  wouldImport: 'would be imported',
  imported: 'imported',
  already: '{n} were imported before (skipped)',
  skipped: 'skipped {n}: {reason}',
  orphans: '{n} replies with a missing parent, placed at the top level',
  articlesLine: '{created} new articles, {existing} existing',
  landing: 'Where comments land ({n} articles)',
  collisions: 'Threads that land on the same article',
  missing: 'Replies whose parent is missing',
  newArticle: 'new',
};

type ImportMessages = typeof en;

const hi: ImportMessages = {
  navImports: 'आयात',
  title: 'टिप्पणियाँ आयात करें',
  intro: 'Disqus, WordPress या किसी दूसरे Parley से किसी साइट की टिप्पणियाँ लाएँ। पहले ड्राई रन चलाएँ: यह दिखाता है कि सब कहाँ जाएगा और कुछ नहीं लिखता।',
  site: 'किस साइट में',
  format: 'फ़ाइल कहाँ से',
  disqus: 'Disqus (XML निर्यात)',
  wordpress: 'WordPress (WXR निर्यात)',
  parley: 'Parley (JSON Lines निर्यात)',
  file: 'फ़ाइल',
  dryRun: 'ड्राई रन: योजना दिखाएँ, कुछ न लिखें',
  mapDomains: 'पुराने डोमेन बदलें (हर पंक्ति में एक OLD=NEW)',
  mapPaths: 'पाथ उपसर्ग बदलें (हर पंक्ति में एक /old/=/new/)',
  keyBy: 'लेख किससे मिलाएँ',
  keyUrl: 'पेज URL',
  keyIdentifier: 'Disqus पहचानकर्ता',
  keyPostId: 'WordPress पोस्ट id',
  pingbacks: 'पिंगबैक और ट्रैकबैक भी शामिल करें',
  score: 'आयातित टिप्पणियों को स्कोरिंग की कतार में डालें',
  start: 'आयात शुरू करें',
  chooseFile: 'पहले एक फ़ाइल चुनें।',
  uploading: 'अपलोड और पढ़ाई: {total} में से {sent}',
  phase: 'सर्वर: {phase}; {comments} टिप्पणियाँ पढ़ी गईं, {toWrite} में से {written} लिखी गईं',
  progress: 'आयात की प्रगति',
  doneDry: 'ड्राई रन पूरा हुआ: कुछ नहीं लिखा गया।',
  done: 'आयात पूरा हुआ।',
  refused: 'फ़ाइल अस्वीकार हुई, कुछ आयात नहीं हुआ: {message}',
  summary: 'सारांश',
  commentsLine: '{read} टिप्पणियाँ पढ़ी गईं; {written} {verb}',
  wouldImport: 'आयात होंगी',
  imported: 'आयात हुईं',
  already: '{n} पहले ही आयात हो चुकी थीं (छोड़ी गईं)',
  skipped: '{n} छोड़ी गईं: {reason}',
  orphans: '{n} जवाब जिनका मूल नहीं मिला, शीर्ष स्तर पर रखे गए',
  articlesLine: '{created} नए लेख, {existing} मौजूदा',
  landing: 'टिप्पणियाँ कहाँ जाएँगी ({n} लेख)',
  collisions: 'एक ही लेख पर पहुँचने वाले थ्रेड',
  missing: 'जवाब जिनका मूल नहीं मिला',
  newArticle: 'नया',
};

export const importMessages: Record<Locale, ImportMessages> = { en, hi };

const POLL_MS = 500;

/** @csspart — none; styled by the admin view's shared styles. */
export class ParleyAdminImports extends LitElement {
  static override styles = [
    styles,
    css`
      form {
        max-width: 40rem;
      }
      textarea {
        width: 100%;
        min-height: 3.5rem;
      }
      progress {
        width: 100%;
        max-width: 40rem;
      }
      .summary li {
        overflow-wrap: anywhere;
      }
      .checks label {
        display: block;
      }
    `,
  ];

  static override properties = {
    client: { attribute: false },
    locale: { attribute: false },
    sites: { attribute: false },
    busy: { state: true },
    sent: { state: true },
    total: { state: true },
    run: { state: true },
    error: { state: true },
  };

  client!: AdminApi;
  locale: Locale = 'en';
  sites: SiteRef[] = [];
  busy = false;
  sent = 0;
  total = 0;
  run: ImportRun | null = null;
  error = '';
  private poller: number | undefined;

  get m(): ImportMessages {
    return importMessages[this.locale];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.poller);
  }

  private async handleSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const file = data.get('file');
    if (!(file instanceof File) || file.size === 0) {
      this.error = this.m.chooseFile;
      return;
    }
    const lines = (name: string) =>
      String(data.get(name) ?? '')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    this.busy = true;
    this.error = '';
    this.run = null;
    this.sent = 0;
    this.total = file.size;
    try {
      const { import: created } = await this.client.createImport({
        site: String(data.get('site')),
        format: String(data.get('format')) as ImportFormat,
        dryRun: data.get('dryRun') === 'on',
        mapDomains: lines('mapDomains'),
        mapPaths: lines('mapPaths'),
        keyBy: String(data.get('keyBy')) as 'url' | 'identifier' | 'post-id',
        includePingbacks: data.get('includePingbacks') === 'on',
        score: data.get('score') === 'on',
      });
      this.run = created;
      // The server's phases and counts, from whichever process answers.
      this.poller = window.setInterval(() => {
        void this.client
          .importRun(created.id)
          .then(({ import: run }) => {
            if (this.busy) this.run = run;
          })
          .catch(() => {});
      }, POLL_MS);
      const finished = await this.client.uploadImport(created.id, file, (sent, total) => {
        this.sent = sent;
        this.total = total;
      });
      this.run = finished;
      announce(this, finished.dryRun ? this.m.doneDry : this.m.done);
    } catch (err) {
      // The server's own sentence already says the file was refused (with its line and reason).
      this.error = err instanceof ApiError && err.code === 'INVALID_FILE' ? err.message : fmt(this.m.refused, { message: err instanceof ApiError ? err.message : String(err) });
      announce(this, this.error);
    } finally {
      clearInterval(this.poller);
      this.busy = false;
    }
  }

  private renderProgress(): TemplateResult | typeof nothing {
    if (!this.busy) return nothing;
    const p = this.run?.progress ?? {};
    const writing = p.phase === 'writing' && p.toWrite;
    const value = writing ? (p.written ?? 0) / (p.toWrite || 1) : this.total ? this.sent / this.total : 0;
    const kb = (n: number) => `${Math.round(n / 1024).toLocaleString(this.locale)} kB`;
    return html`<div class="field">
      <progress aria-label=${this.m.progress} max="1" .value=${value}></progress>
      <p>${fmt(this.m.uploading, { sent: kb(this.sent), total: kb(this.total) })}</p>
      ${p.phase
        ? html`<p>${fmt(this.m.phase, { phase: p.phase, comments: p.comments ?? 0, written: p.written ?? 0, toWrite: p.toWrite ?? 0 })}</p>`
        : nothing}
    </div>`;
  }

  private renderSummary(s: ImportSummary): TemplateResult {
    const m = this.m;
    const n = (v: number) => v.toLocaleString(this.locale);
    // In a fixed order: the run's stored summary (jsonb) does not keep the keys' order.
    const statuses = ['approved', 'pending', 'spam', 'deleted', 'rejected']
      .map((k) => [k, s.comments.written[k] ?? 0] as const)
      .filter(([, v]) => v > 0)
      .map(([k, v]) => `${n(v)} ${k}`)
      .join(', ');
    return html`<section class="summary" aria-labelledby="summary-title">
      <h2 id="summary-title">${m.summary}</h2>
      <p>${s.dryRun ? m.doneDry : m.done}</p>
      <ul>
        <li>${fmt(m.commentsLine, { read: n(s.comments.read), written: n(s.comments.writtenTotal), verb: s.dryRun ? m.wouldImport : m.imported })}${statuses ? ` (${statuses})` : ''}</li>
        <li>${fmt(m.articlesLine, { created: n(s.articles.created), existing: n(s.articles.existing) })}</li>
        ${s.comments.alreadyImported ? html`<li>${fmt(m.already, { n: n(s.comments.alreadyImported) })}</li>` : nothing}
        ${Object.entries(s.comments.skipped).map(([reason, v]) => html`<li>${fmt(m.skipped, { n: n(v), reason })}</li>`)}
        ${s.comments.orphans ? html`<li>${fmt(m.orphans, { n: n(s.comments.orphans) })}</li>` : nothing}
      </ul>
      <h3>${fmt(m.landing, { n: n(s.landingTotal) })}</h3>
      <ul>
        ${s.landing.slice(0, 20).map((l) => html`<li>${n(l.comments)} · ${l.isNew ? html`<strong>${m.newArticle}</strong> · ` : nothing}${l.key}</li>`)}
      </ul>
      ${s.collisions.length
        ? html`<h3>${m.collisions}</h3>
            <ul>
              ${s.collisions.map((c) => html`<li>${c.key} ← ${c.urls.join(', ')}</li>`)}
            </ul>`
        : nothing}
      ${s.missingParents.length
        ? html`<h3>${m.missing}</h3>
            <ul>
              ${s.missingParents.map((x) => html`<li>${x.ref} (${x.parentRef})</li>`)}
            </ul>`
        : nothing}
    </section>`;
  }

  protected override render(): TemplateResult {
    const m = this.m;
    return html`<h1>${m.title}</h1>
      <p>${m.intro}</p>
      <form @submit=${this.handleSubmit} novalidate>
        <div class="field">
          <label for="site">${m.site}</label>
          <select id="site" name="site">
            ${this.sites.map((s) => html`<option value=${s.slug}>${s.name} (${s.slug})</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="format">${m.format}</label>
          <select id="format" name="format">
            <option value="disqus">${m.disqus}</option>
            <option value="wordpress">${m.wordpress}</option>
            <option value="parley">${m.parley}</option>
          </select>
        </div>
        <div class="field">
          <label for="file">${m.file}</label>
          <input id="file" name="file" type="file" accept=".xml,.jsonl,.json,.ndjson,application/xml,text/xml" />
        </div>
        <div class="field">
          <label for="keyBy">${m.keyBy}</label>
          <select id="keyBy" name="keyBy">
            <option value="url">${m.keyUrl}</option>
            <option value="identifier">${m.keyIdentifier}</option>
            <option value="post-id">${m.keyPostId}</option>
          </select>
        </div>
        <div class="field">
          <label for="mapDomains">${m.mapDomains}</label>
          <textarea id="mapDomains" name="mapDomains" spellcheck="false"></textarea>
        </div>
        <div class="field">
          <label for="mapPaths">${m.mapPaths}</label>
          <textarea id="mapPaths" name="mapPaths" spellcheck="false"></textarea>
        </div>
        <div class="field checks">
          <label><input type="checkbox" name="dryRun" checked /> ${m.dryRun}</label>
          <label><input type="checkbox" name="includePingbacks" /> ${m.pingbacks}</label>
          <label><input type="checkbox" name="score" /> ${m.score}</label>
        </div>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <button class="primary" type="submit" ?disabled=${this.busy}>${m.start}</button>
      </form>
      ${this.renderProgress()} ${this.run?.summary && !this.busy ? this.renderSummary(this.run.summary) : nothing}`;
  }
}

customElements.define('parley-admin-imports', ParleyAdminImports);
