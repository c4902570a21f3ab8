// Plain comment text -> Lit templates: paragraphs, line breaks and http(s) links.
// Everything stays a text binding or a checked href, so user input is never parsed as HTML.
import { html, type TemplateResult } from 'lit';

const URL_RE = /\bhttps?:\/\/[^\s<>"]+/gi;
// Sentence punctuation that usually ends a sentence rather than the URL it follows.
const TRAILING_RE = /[.,;:!?'")\]]+$/;

/**
 * A message with a reader's name in it ("Reply to {name}") as visible text: the name in a <bdi>, so
 * bidi characters in it cannot reorder the words around it (issue 12, finding 11). Accessible names
 * and announcements keep the plain string: a screen reader reads in logical order.
 */
export function withName(template: string, name: string): TemplateResult {
  const at = template.indexOf('{name}');
  if (at < 0) return html`${template}`;
  return html`${template.slice(0, at)}<bdi>${name}</bdi>${template.slice(at + '{name}'.length)}`;
}

/** Returns the URL if it parses as http(s), else null; used for every href built from input. */
export function safeHttpUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function renderLine(line: string): Array<string | TemplateResult> {
  const out: Array<string | TemplateResult> = [];
  let last = 0;
  for (const match of line.matchAll(URL_RE)) {
    const start = match.index ?? 0;
    const text = match[0].replace(TRAILING_RE, '');
    const href = safeHttpUrl(text);
    if (!href) continue;
    if (start > last) out.push(line.slice(last, start));
    out.push(html`<a href=${href} rel="nofollow ugc noopener">${text}</a>`);
    last = start + text.length;
  }
  if (last < line.length) out.push(line.slice(last));
  return out;
}

/** Blank lines separate paragraphs; single newlines become <br>. */
export function renderText(body: string): TemplateResult[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map(
      (p) =>
        html`<p dir="auto">${p.split('\n').map((line, i) => (i ? html`<br />${renderLine(line)}` : renderLine(line)))}</p>`,
    );
}
