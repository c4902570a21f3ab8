// Rarely used parts of the widget, loaded on demand like the Hindi strings (built as
// embed-extra.<hash>.js): the report form and the message a publisher sees when this page's origin
// is not allowed. Types only are imported, and the element hands over Lit's html tag, so nothing is
// shared with embed.js (each bundle stays one file) and readers who never report download none of it.
import type { html as Html, TemplateResult } from 'lit';

export const REASONS = ['spam', 'abusive', 'off-topic', 'other'] as const;
export type Reason = (typeof REASONS)[number];

const strings = {
  en: {
    title: 'Report this comment',
    spam: 'Spam or advertising',
    abusive: 'Abusive, hateful or threatening',
    'off-topic': 'Off-topic',
    other: 'Something else',
    note: 'Note for the moderators',
    optional: 'Optional, up to 500 characters. Required for “Something else”.',
    needNote: 'Please say what is wrong with this comment.',
    send: 'Send report',
    cancel: 'Cancel',
    sent: 'Thank you. Your report was sent to the moderators.',
    refused: 'Comments cannot load on this page: its address {origin} is not allowed for the site “{site}”.',
    fix: 'Publisher: add {origin} to the site’s allowed origins in Parley’s admin view ({admin}, Sites). Readers see this until then.',
  },
  hi: {
    title: 'इस टिप्पणी की शिकायत करें',
    spam: 'स्पैम या विज्ञापन',
    abusive: 'अपमानजनक, नफ़रत भरी या धमकी भरी',
    'off-topic': 'विषय से हटकर',
    other: 'कुछ और',
    note: 'मॉडरेटर के लिए टिप्पणी',
    optional: 'वैकल्पिक, 500 अक्षरों तक। “कुछ और” चुनने पर ज़रूरी।',
    needNote: 'कृपया बताएँ कि इस टिप्पणी में क्या ग़लत है।',
    send: 'शिकायत भेजें',
    cancel: 'रद्द करें',
    sent: 'धन्यवाद। आपकी शिकायत मॉडरेटर को भेज दी गई।',
    refused: 'इस पेज पर टिप्पणियाँ लोड नहीं हो सकतीं: इसका पता {origin} साइट “{site}” के लिए अनुमत नहीं है।',
    fix: 'प्रकाशक: Parley के एडमिन ({admin}, Sites) में साइट के allowed origins में {origin} जोड़ें। तब तक पाठकों को यही दिखेगा।',
  },
};

export type Lang = keyof typeof strings;

const fill = (t: string, vars: Record<string, string>): string => t.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');

export interface ReportHost {
  html: typeof Html;
  id: number;
  lang: Lang;
  update(): void;
  focus(selector: string): void;
  post(body: { reason: Reason; note?: string }): Promise<unknown>;
  /** The form is done: sent (the text to announce) or cancelled (undefined). */
  close(sent?: string): void;
  fail(err: unknown): void;
}

export interface Report {
  id: number;
  render(): TemplateResult;
}

/**
 * The report form under a comment: a group of reasons, an optional note, Send and Cancel; Escape
 * cancels. Native radio buttons and labels, so keyboards and screen readers need nothing extra. A
 * report already recorded for this reader (409) reads as sent: the reader learns nothing more.
 */
export function createReport(x: ReportHost): Report {
  const { html } = x;
  const s = strings[x.lang];
  let busy = false;
  let needNote = false;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const data = new FormData(e.target as HTMLFormElement);
    busy = true;
    needNote = false;
    x.update();
    try {
      const note = String(data.get('note') ?? '').trim();
      await x.post({ reason: data.get('reason') as Reason, note: note || undefined }).catch((err: { code?: string }) => {
        if (err.code !== 'ALREADY_REPORTED') throw err;
      });
      x.close(s.sent);
    } catch (err) {
      if ((err as { fields?: Array<{ field: string }> }).fields?.some((f) => f.field === 'note')) {
        needNote = true;
        x.focus('#rp-note');
      } else x.fail(err);
    } finally {
      busy = false;
      x.update();
    }
  };
  const cancel = () => x.close();
  return {
    id: x.id,
    render: () => html`<form id="rp" class="report" part="report" @submit=${submit} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && cancel()}>
      <fieldset>
        <legend>${s.title}</legend>
        ${REASONS.map(
          (r, i) => html`<div class="check"><input type="radio" id=${`rp-${r}`} name="reason" value=${r} ?checked=${!i} /><label for=${`rp-${r}`}>${s[r]}</label></div>`,
        )}
      </fieldset>
      <p>
        <label for="rp-note">${s.note}</label>
        <textarea id="rp-note" name="note" rows="2" maxlength="500" aria-describedby="rp-hint" aria-invalid=${needNote}></textarea>
        <span class=${needNote ? 'err' : 'hint'} id="rp-hint">${needNote ? s.needNote : s.optional}</span>
      </p>
      <div class="bar">
        <button type="submit" class="btn" ?disabled=${busy}>${s.send}</button>
        <button type="button" class="link" @click=${cancel}>${s.cancel}</button>
      </div>
    </form>`,
  };
}

/**
 * The publisher's diagnosis of a refused embed: the sentences the widget shows in place of the
 * thread, and one console message naming the origin and the fix.
 */
export function refusedOrigin(lang: Lang, site: string, origin: string, admin: string): string[] {
  const s = strings[lang];
  const lines = [fill(s.refused, { origin, site }), fill(s.fix, { origin, admin })];
  console.error(
    `Parley: the site "${site}" does not allow the origin ${origin}, so the comments were refused (ORIGIN_NOT_ALLOWED). ` +
      `Fix: add ${origin} to the site's allowed origins in the admin view at ${admin} (Sites > ${site} > Allowed origins; ` +
      `recently refused origins are listed there with an Allow button).`,
  );
  return lines;
}
