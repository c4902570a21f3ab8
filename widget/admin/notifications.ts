// The admin view's notification pages: every moderator's alert settings (<parley-admin-alerts>),
// the sites' webhooks for admins (<parley-admin-webhooks>), and one comment opened from an alert
// email's link (<parley-admin-comment>, at #comment/<id>). Their strings live here, in English and
// Hindi, next to the pages that use them.
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import {
  ApiError,
  CADENCES,
  WEBHOOK_EVENTS,
  type AdminApi,
  type AlertSetting,
  type Cadence,
  type CommentDetail,
  type ModeratorComment,
  type NotificationStatus,
  type Queue,
  type Site,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEvent,
} from './api.js';
import { announce } from './announce.js';
import { cardStyles, renderCard } from './card.js';
import { emit } from './dialog.js';
import { formatDate } from './format.js';
import { errorText, fmt, type Locale, type Messages } from './i18n.js';
import { styles } from './styles.js';

const en = {
  navAlerts: 'Alerts',
  navWebhooks: 'Webhooks',
  alertsTitle: 'Email alerts',
  alertsIntro: 'Choose, for each of your sites, when you get an email about held and reported comments. Each alert links to the comment.',
  cadence: { immediate: 'Immediately', hourly: 'Hourly summary', daily: 'Daily summary', never: 'Never' } as Record<Cadence, string>,
  alertsSaved: 'Alert settings saved.',
  noSites: 'You have no sites yet.',
  emailOff: 'Notification emails are off: the server has no SMTP_URL. Nothing is emailed until an administrator sets it.',
  emailOn: 'Notification emails are sent from {from}.',
  backlog: 'Waiting to be sent: {m} emails, {d} webhook deliveries.',
  webhooksTitle: 'Webhooks',
  webhooksIntro: 'Parley POSTs signed JSON (Standard Webhooks) to each endpoint for the events it chose, and retries for a day.',
  endpointsTitle: 'Endpoints',
  noEndpoints: 'No endpoints yet.',
  addEndpoint: 'Add an endpoint',
  url: 'URL',
  urlHint: 'https only; addresses inside your network are refused.',
  events: 'Events',
  format: 'Format',
  formatStandard: 'Standard Webhooks JSON',
  formatSlack: 'Slack message',
  description: 'Description (optional)',
  add: 'Add endpoint',
  pickEvent: 'Choose at least one event.',
  secretTitle: 'Signing secret',
  secretHint: 'Copy it now into the receiver: it is not shown again.',
  enabled: 'Enabled',
  disabled: 'Disabled',
  sendTest: 'Send test event',
  rotate: 'Rotate secret',
  disable: 'Disable',
  enable: 'Enable',
  remove: 'Delete',
  confirmRemove: 'Delete this endpoint and its delivery log?',
  deliveriesTitle: 'Recent deliveries',
  noDeliveries: 'Nothing sent yet.',
  refresh: 'Refresh',
  when: 'When',
  event: 'Event',
  status: 'Status',
  attempts: 'Attempts',
  lastAnswer: 'Last answer',
  delivered: 'delivered',
  pending: 'retrying',
  failed: 'failed',
  testQueued: 'Test event sent to {url}.',
  rotated: 'New secret created; the old one also signs for 24 hours.',
  added: 'Endpoint added.',
  removed: 'Endpoint deleted.',
  changed: 'Endpoint updated.',
  commentTitle: 'Comment {id}',
  backToQueue: 'Back to the queue',
  done: 'Done.',
};

const hi: typeof en = {
  navAlerts: 'सूचनाएँ',
  navWebhooks: 'वेबहुक',
  alertsTitle: 'ईमेल सूचनाएँ',
  alertsIntro: 'अपनी हर साइट के लिए चुनें कि रुकी हुई और शिकायत वाली टिप्पणियों की ईमेल कब मिले। हर सूचना टिप्पणी से जुड़ी होती है।',
  cadence: { immediate: 'तुरंत', hourly: 'हर घंटे का सारांश', daily: 'रोज़ का सारांश', never: 'कभी नहीं' },
  alertsSaved: 'सूचना सेटिंग सहेजी गईं।',
  noSites: 'अभी आपकी कोई साइट नहीं है।',
  emailOff: 'ईमेल सूचनाएँ बंद हैं: सर्वर पर SMTP_URL नहीं है। एडमिन के सेट करने तक कोई ईमेल नहीं जाएगी।',
  emailOn: 'सूचना ईमेल {from} से भेजी जाती हैं।',
  backlog: 'भेजे जाने बाकी: {m} ईमेल, {d} वेबहुक डिलीवरी।',
  webhooksTitle: 'वेबहुक',
  webhooksIntro: 'Parley हर एंडपॉइंट को उसके चुने इवेंट के लिए साइन किया हुआ JSON (Standard Webhooks) भेजता है, और एक दिन तक दोबारा कोशिश करता है।',
  endpointsTitle: 'एंडपॉइंट',
  noEndpoints: 'अभी कोई एंडपॉइंट नहीं।',
  addEndpoint: 'एंडपॉइंट जोड़ें',
  url: 'URL',
  urlHint: 'सिर्फ़ https; आपके नेटवर्क के अंदर के पते मना हैं।',
  events: 'इवेंट',
  format: 'फ़ॉर्मैट',
  formatStandard: 'Standard Webhooks JSON',
  formatSlack: 'Slack संदेश',
  description: 'विवरण (वैकल्पिक)',
  add: 'एंडपॉइंट जोड़ें',
  pickEvent: 'कम से कम एक इवेंट चुनें।',
  secretTitle: 'साइनिंग सीक्रेट',
  secretHint: 'इसे अभी रिसीवर में कॉपी करें: यह फिर नहीं दिखेगा।',
  enabled: 'चालू',
  disabled: 'बंद',
  sendTest: 'टेस्ट इवेंट भेजें',
  rotate: 'सीक्रेट बदलें',
  disable: 'बंद करें',
  enable: 'चालू करें',
  remove: 'हटाएँ',
  confirmRemove: 'यह एंडपॉइंट और इसका डिलीवरी लॉग हटाएँ?',
  deliveriesTitle: 'हाल की डिलीवरी',
  noDeliveries: 'अभी कुछ नहीं भेजा गया।',
  refresh: 'ताज़ा करें',
  when: 'कब',
  event: 'इवेंट',
  status: 'स्थिति',
  attempts: 'कोशिशें',
  lastAnswer: 'आख़िरी जवाब',
  delivered: 'पहुँच गया',
  pending: 'फिर कोशिश होगी',
  failed: 'विफल',
  testQueued: '{url} को टेस्ट इवेंट भेजा गया।',
  rotated: 'नया सीक्रेट बना; पुराना भी 24 घंटे तक साइन करेगा।',
  added: 'एंडपॉइंट जोड़ा गया।',
  removed: 'एंडपॉइंट हटाया गया।',
  changed: 'एंडपॉइंट बदला गया।',
  commentTitle: 'टिप्पणी {id}',
  backToQueue: 'कतार पर वापस',
  done: 'हो गया।',
};

export type NotifyMessages = typeof en;
export const notifyMessages: Record<Locale, NotifyMessages> = { en, hi };

const pageStyles = css`
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.9em;
  }
  th,
  td {
    text-align: start;
    padding: 0.25rem 0.5rem;
    border-bottom: 1px solid var(--_border);
    vertical-align: top;
    overflow-wrap: anywhere;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0 0 1rem;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  .secret {
    font-family: ui-monospace, monospace;
    width: 100%;
  }
  .endpoint h3 {
    overflow-wrap: anywhere;
  }
`;

/** The banner every notification page shows: whether emails go out at all, and what waits. */
function renderStatus(status: NotificationStatus | null, n: NotifyMessages): TemplateResult | typeof nothing {
  if (!status) return nothing;
  const backlog = status.backlog ? fmt(n.backlog, { m: status.backlog.mailsDue, d: status.backlog.deliveries }) : '';
  return status.email
    ? html`<p class="muted" id="email-status">${fmt(n.emailOn, { from: status.from ?? '' })} ${backlog}</p>`
    : html`<p class="panel error" id="email-status" role="status">${n.emailOff}</p>`;
}

export class ParleyAdminAlerts extends LitElement {
  static override styles = [styles, pageStyles];
  static override properties = {
    client: { attribute: false },
    t: { attribute: false },
    locale: { attribute: false },
    alerts: { state: true },
    status: { state: true },
    error: { state: true },
    saving: { state: true },
  };

  client!: AdminApi;
  t!: Messages;
  locale: Locale = 'en';
  alerts: AlertSetting[] | null = null;
  status: NotificationStatus | null = null;
  error = '';
  saving = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.error = '';
    try {
      const [status, alerts] = await Promise.all([this.client.notifications(), this.client.alerts()]);
      this.status = status;
      this.alerts = alerts.alerts;
    } catch (err) {
      this.error = errorText(err, this.t);
    }
  }

  private async save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const changes = (this.alerts ?? []).map((a) => ({ site: a.site, cadence: String(data.get(a.site) ?? a.cadence) as Cadence }));
    this.saving = true;
    try {
      this.alerts = (await this.client.setAlerts(changes)).alerts;
      announce(this, notifyMessages[this.locale].alertsSaved);
    } catch (err) {
      this.error = errorText(err, this.t);
    } finally {
      this.saving = false;
    }
  }

  protected override render(): TemplateResult {
    const n = notifyMessages[this.locale];
    const t = this.t;
    return html`<h1>${n.alertsTitle}</h1>
      ${renderStatus(this.status, n)}
      <p>${n.alertsIntro}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.alerts === null
        ? html`<p class="muted" role="status">${t.loading}</p>`
        : this.alerts.length === 0
          ? html`<p class="muted">${n.noSites}</p>`
          : html`<form @submit=${this.save}>
              ${this.alerts.map(
                (a) => html`<div class="field">
                  <label for="alert-${a.site}">${a.name} (${a.site})</label>
                  <select id="alert-${a.site}" name=${a.site}>
                    ${CADENCES.map((c) => html`<option value=${c} .selected=${a.cadence === c}>${n.cadence[c]}</option>`)}
                  </select>
                </div>`,
              )}
              <button class="primary" type="submit" ?disabled=${this.saving}>${t.save}</button>
            </form>`}`;
  }
}

export class ParleyAdminWebhooks extends LitElement {
  static override styles = [styles, pageStyles];
  static override properties = {
    client: { attribute: false },
    t: { attribute: false },
    locale: { attribute: false },
    sites: { state: true },
    slug: { state: true },
    endpoints: { state: true },
    deliveries: { state: true },
    status: { state: true },
    secret: { state: true },
    error: { state: true },
    formError: { state: true },
  };

  client!: AdminApi;
  t!: Messages;
  locale: Locale = 'en';
  sites: Site[] | null = null;
  slug = '';
  endpoints: WebhookEndpoint[] | null = null;
  deliveries: Record<number, WebhookDelivery[]> = {};
  status: NotificationStatus | null = null;
  /** A secret just created or rotated, shown once: [endpoint id, secret]. */
  secret: [number, string] | null = null;
  error = '';
  formError = '';
  private polls = new Set<number>();

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const p of this.polls) clearTimeout(p);
    this.polls.clear();
  }

  private get n(): NotifyMessages {
    return notifyMessages[this.locale];
  }

  private async load(): Promise<void> {
    this.error = '';
    try {
      const [sites, status] = await Promise.all([this.client.sites(), this.client.notifications()]);
      this.sites = sites.sites;
      this.status = status;
      this.slug ||= this.sites[0]?.slug ?? '';
      await this.loadEndpoints();
    } catch (err) {
      this.error = errorText(err, this.t);
    }
  }

  private async loadEndpoints(): Promise<void> {
    this.endpoints = null;
    this.deliveries = {};
    if (!this.slug) return;
    this.endpoints = (await this.client.webhooks(this.slug)).endpoints;
    await Promise.all(this.endpoints.map((e) => this.loadDeliveries(e.id)));
  }

  private async loadDeliveries(id: number): Promise<WebhookDelivery[]> {
    const list = (await this.client.deliveries(id)).deliveries;
    this.deliveries = { ...this.deliveries, [id]: list };
    return list;
  }

  /** Refreshes an endpoint's log until its newest delivery has an answer (a few seconds at most). */
  private watch(id: number, tries = 15): void {
    const timer = window.setTimeout(async () => {
      this.polls.delete(timer);
      const list = await this.loadDeliveries(id).catch(() => []);
      if (list[0]?.attempts === 0 && tries > 1) this.watch(id, tries - 1);
    }, 700);
    this.polls.add(timer);
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.error = '';
    try {
      await work();
    } catch (err) {
      this.error = errorText(err, this.t);
      announce(this, this.error);
    }
  }

  private async add(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const events = data.getAll('events').map(String) as WebhookEvent[];
    this.formError = '';
    if (events.length === 0) {
      this.formError = this.n.pickEvent;
      return;
    }
    try {
      const { endpoint, secret } = await this.client.createWebhook(this.slug, {
        url: String(data.get('url') ?? '').trim(),
        events,
        format: String(data.get('format')) === 'slack' ? 'slack' : 'standard',
        description: String(data.get('description') ?? '').trim() || null,
      });
      form.reset();
      this.endpoints = [...(this.endpoints ?? []), endpoint];
      this.deliveries = { ...this.deliveries, [endpoint.id]: [] };
      this.secret = [endpoint.id, secret];
      announce(this, this.n.added);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>(`#secret-${endpoint.id}`)?.select();
    } catch (err) {
      this.formError =
        err instanceof ApiError && err.fields.length ? err.fields.map((f) => f.message).join(' ') : errorText(err, this.t);
    }
  }

  private replace(endpoint: WebhookEndpoint): void {
    this.endpoints = (this.endpoints ?? []).map((e) => (e.id === endpoint.id ? endpoint : e));
  }

  private test(e: WebhookEndpoint): Promise<void> {
    return this.run(async () => {
      await this.client.testWebhook(e.id);
      announce(this, fmt(this.n.testQueued, { url: e.url }));
      await this.loadDeliveries(e.id);
      this.watch(e.id);
    });
  }

  private rotate(e: WebhookEndpoint): Promise<void> {
    return this.run(async () => {
      const { endpoint, secret } = await this.client.rotateWebhook(e.id);
      this.replace(endpoint);
      this.secret = [e.id, secret];
      announce(this, this.n.rotated);
    });
  }

  private toggle(e: WebhookEndpoint): Promise<void> {
    return this.run(async () => {
      this.replace((await this.client.patchWebhook(e.id, { enabled: !e.enabled })).endpoint);
      announce(this, this.n.changed);
    });
  }

  private removeEndpoint(e: WebhookEndpoint): Promise<void> {
    if (!window.confirm(this.n.confirmRemove)) return Promise.resolve();
    return this.run(async () => {
      await this.client.deleteWebhook(e.id);
      this.endpoints = (this.endpoints ?? []).filter((x) => x.id !== e.id);
      announce(this, this.n.removed);
    });
  }

  private renderDeliveries(id: number): TemplateResult {
    const n = this.n;
    const list = this.deliveries[id];
    if (!list) return html`<p class="muted">${this.t.loading}</p>`;
    if (list.length === 0) return html`<p class="muted">${n.noDeliveries}</p>`;
    const label = { delivered: n.delivered, pending: n.pending, failed: n.failed };
    return html`<table>
      <caption class="sr">${n.deliveriesTitle}</caption>
      <thead>
        <tr>
          <th scope="col">${n.when}</th>
          <th scope="col">${n.event}</th>
          <th scope="col">${n.status}</th>
          <th scope="col">${n.attempts}</th>
          <th scope="col">${n.lastAnswer}</th>
        </tr>
      </thead>
      <tbody>
        ${list.slice(0, 20).map((d) => {
          const last = d.log[0];
          const answer = last ? `${last.status ?? '—'} ${last.error ?? ''} ${last.response ? `“${last.response.slice(0, 80)}”` : ''}`.trim() : '—';
          return html`<tr class="delivery ${d.status}">
            <td>${formatDate(d.createdAt, this.locale)}</td>
            <td><code>${d.type}</code></td>
            <td>${label[d.status]}</td>
            <td>${d.attempts}</td>
            <td>${answer}</td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  private renderEndpoint(e: WebhookEndpoint): TemplateResult {
    const n = this.n;
    const secret = this.secret && this.secret[0] === e.id ? this.secret[1] : null;
    return html`<li class="panel endpoint" id="endpoint-${e.id}">
      <h3>${e.url}</h3>
      <p class="muted">
        ${e.enabled ? n.enabled : n.disabled} · ${e.format === 'slack' ? n.formatSlack : n.formatStandard} · ${e.events.join(', ')}
        ${e.description ? html`· ${e.description}` : nothing}
      </p>
      ${secret
        ? html`<div class="field">
            <label for="secret-${e.id}">${n.secretTitle}</label>
            <input id="secret-${e.id}" class="secret" readonly .value=${secret} aria-describedby="secret-${e.id}-hint" />
            <small id="secret-${e.id}-hint">${n.secretHint}</small>
          </div>`
        : nothing}
      <div class="row">
        <button type="button" class="primary" @click=${() => this.test(e)}>${n.sendTest}</button>
        <button type="button" @click=${() => this.rotate(e)}>${n.rotate}</button>
        <button type="button" @click=${() => this.toggle(e)}>${e.enabled ? n.disable : n.enable}</button>
        <button type="button" class="danger" @click=${() => this.removeEndpoint(e)}>${n.remove}</button>
        <button type="button" @click=${() => this.loadDeliveries(e.id)}>${n.refresh}</button>
      </div>
      <h4>${n.deliveriesTitle}</h4>
      ${this.renderDeliveries(e.id)}
    </li>`;
  }

  private renderAdd(): TemplateResult {
    const n = this.n;
    return html`<form @submit=${this.add} novalidate>
      <fieldset>
        <legend>${n.addEndpoint}</legend>
        <div class="field">
          <label for="wh-url">${n.url}</label>
          <input id="wh-url" name="url" type="url" required placeholder="https://" aria-describedby="wh-url-hint" />
          <small id="wh-url-hint">${n.urlHint}</small>
        </div>
        <fieldset>
          <legend>${n.events}</legend>
          ${WEBHOOK_EVENTS.map(
            (ev) => html`<div class="field inline">
              <input type="checkbox" id="wh-ev-${ev}" name="events" value=${ev} ?checked=${ev === 'comment.created'} />
              <label for="wh-ev-${ev}"><code>${ev}</code></label>
            </div>`,
          )}
        </fieldset>
        <div class="field">
          <label for="wh-format">${n.format}</label>
          <select id="wh-format" name="format">
            <option value="standard">${n.formatStandard}</option>
            <option value="slack">${n.formatSlack}</option>
          </select>
        </div>
        <div class="field">
          <label for="wh-description">${n.description}</label>
          <input id="wh-description" name="description" maxlength="200" />
        </div>
        ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
        <button class="primary" type="submit">${n.add}</button>
      </fieldset>
    </form>`;
  }

  protected override render(): TemplateResult {
    const n = this.n;
    const t = this.t;
    if (!this.sites) {
      return html`<h1>${n.webhooksTitle}</h1>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p class="muted" role="status">${t.loading}</p>`}`;
    }
    return html`<h1>${n.webhooksTitle}</h1>
      ${renderStatus(this.status, n)}
      <p>${n.webhooksIntro}</p>
      <div class="field">
        <label for="wh-site">${t.site}</label>
        <select
          id="wh-site"
          @change=${(e: Event) => {
            this.slug = (e.target as HTMLSelectElement).value;
            this.secret = null;
            void this.run(() => this.loadEndpoints());
          }}
        >
          ${this.sites.map((s) => html`<option value=${s.slug} .selected=${s.slug === this.slug}>${s.name} (${s.slug})</option>`)}
        </select>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <h2>${n.endpointsTitle}</h2>
      ${this.endpoints === null
        ? html`<p class="muted">${t.loading}</p>`
        : this.endpoints.length === 0
          ? html`<p class="muted">${n.noEndpoints}</p>`
          : html`<ul class="plain">
              ${this.endpoints.map((e) => this.renderEndpoint(e))}
            </ul>`}
      ${this.slug ? this.renderAdd() : nothing}`;
  }
}

/** Which queue's actions fit a comment as it is now. */
function queueOf(c: ModeratorComment): Queue {
  if (c.reportedAt && (c.status === 'approved' || c.status === 'pending')) return 'reported';
  return c.status === 'deleted' ? 'rejected' : c.status;
}

export class ParleyAdminComment extends LitElement {
  static override styles = [styles, cardStyles];
  static override properties = {
    client: { attribute: false },
    t: { attribute: false },
    locale: { attribute: false },
    commentId: { attribute: false },
    detail: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  client!: AdminApi;
  t!: Messages;
  locale: Locale = 'en';
  commentId = 0;
  detail: CommentDetail | null = null;
  error = '';
  busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('commentId') && changed.get('commentId') !== undefined) void this.load();
  }

  private async load(): Promise<void> {
    this.error = '';
    try {
      this.detail = await this.client.comment(this.commentId);
    } catch (err) {
      this.detail = null;
      this.error = errorText(err, this.t);
    }
  }

  private async act(c: ModeratorComment, action: Parameters<AdminApi['act']>[1]): Promise<void> {
    this.busy = true;
    try {
      await this.client.act(c.id, action, undefined, c.status);
      announce(this, notifyMessages[this.locale].done);
      await this.load();
    } catch (err) {
      announce(this, errorText(err, this.t));
    } finally {
      this.busy = false;
    }
  }

  private focusCard(): void {
    this.renderRoot.querySelector<HTMLElement>('article.card')?.focus();
  }

  protected override render(): TemplateResult {
    const n = notifyMessages[this.locale];
    const toQueue = () => (location.hash = '#queue');
    return html`<h1>${fmt(n.commentTitle, { id: this.commentId })}</h1>
      <p><a href="#queue">${n.backToQueue}</a></p>
      ${this.error
        ? html`<p class="panel error" role="alert">${this.error}</p>`
        : this.detail
          ? renderCard(this.detail.comment, {
              t: this.t,
              locale: this.locale,
              queue: queueOf(this.detail.comment),
              selected: false,
              current: true,
              busy: this.busy,
              detail: this.detail,
              onAction: (c, a) => void this.act(c, a),
              onSelect: () => {},
              onBan: toQueue,
              onReply: toQueue,
              // The same author and thread views a queue card opens (parley-admin.ts listens for them).
              onAuthor: (c) => emit(this, 'parley-open-author', { ref: { comment: c.id }, returnFocus: () => this.focusCard() }),
              onThread: (c) => emit(this, 'parley-open-thread', { id: c.id, returnFocus: () => this.focusCard() }),
            })
          : html`<p class="muted" role="status">${this.t.loading}</p>`}`;
  }
}

for (const [name, ctor] of [
  ['parley-admin-alerts', ParleyAdminAlerts],
  ['parley-admin-webhooks', ParleyAdminWebhooks],
  ['parley-admin-comment', ParleyAdminComment],
] as const) {
  if (!customElements.get(name)) customElements.define(name, ctor);
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-admin-alerts': ParleyAdminAlerts;
    'parley-admin-webhooks': ParleyAdminWebhooks;
    'parley-admin-comment': ParleyAdminComment;
  }
}
