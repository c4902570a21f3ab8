// Imported comment HTML -> Parley's plain text: paragraphs become blank lines, <br> a newline, links
// "text (url)", images their URL, entities decoded; every tag, script and style is dropped. The
// widget later turns blank lines, newlines and http(s) URLs back into paragraphs and links as Lit
// templates, so nothing from the source is ever stored or shown as markup.
import { Parser } from 'htmlparser2';
import { cleanBody } from '../comments/dto.js';

const BLOCK = new Set([
  'p', 'div', 'blockquote', 'pre', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'tr',
  'section', 'article', 'header', 'footer', 'figure', 'figcaption', 'hr', 'dl', 'dt', 'dd', 'address',
]);
const DROP = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'head', 'title']);

export interface HtmlTextOptions {
  /**
   * Keep the source's own newlines (WordPress stores comments with newlines that its display turns
   * into <br> and paragraphs). Otherwise whitespace collapses as a browser would (Disqus).
   */
  keepNewlines: boolean;
}

function httpUrl(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Converts a comment's HTML to plain text as described above. */
export function htmlToText(html: string, options: HtmlTextOptions): string {
  let out = '';
  let dropDepth = 0;
  let preDepth = 0;
  const links: Array<{ href: string | null; start: number }> = [];

  const breakLine = (n: 1 | 2) => {
    const trimmed = out.replace(/[ \t]+$/, '');
    out = trimmed;
    if (out === '') return;
    const have = /\n*$/.exec(out)![0].length;
    if (have < n) out += '\n'.repeat(n - have);
  };

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (DROP.has(name)) {
          dropDepth++;
          return;
        }
        if (dropDepth > 0) return;
        if (name === 'br') out += '\n';
        else if (name === 'pre') {
          preDepth++;
          breakLine(2);
        } else if (name === 'li') {
          breakLine(1);
          out += '• ';
        } else if (name === 'p' || name === 'blockquote' || name === 'div' || /^h[1-6]$/.test(name)) breakLine(2);
        else if (BLOCK.has(name)) breakLine(1);
        else if (name === 'a') links.push({ href: httpUrl(attrs.href), start: out.length });
        else if (name === 'img') {
          const src = httpUrl(attrs.src);
          const alt = (attrs.alt ?? '').trim();
          if (src) out += `${alt ? `${alt} ` : ''}${src} `;
          else if (alt) out += alt;
        }
      },
      ontext(text) {
        if (dropDepth > 0) return;
        if (preDepth > 0 || options.keepNewlines) {
          out += preDepth > 0 ? text : text.replace(/[ \t\f\v]+/g, ' ');
        } else {
          // Like a browser: runs of whitespace (newlines included) are one space.
          let t = text.replace(/\s+/g, ' ');
          if ((out === '' || /[ \n]$/.test(out)) && t.startsWith(' ')) t = t.slice(1);
          out += t;
        }
      },
      onclosetag(name) {
        if (DROP.has(name)) {
          dropDepth = Math.max(0, dropDepth - 1);
          return;
        }
        if (dropDepth > 0) return;
        if (name === 'a') {
          const link = links.pop();
          if (!link) return;
          const text = out.slice(link.start).trim();
          if (link.href && text !== link.href && text.replace(/\/$/, '') !== link.href.replace(/\/$/, '')) {
            out += text === '' ? link.href : ` (${link.href})`;
          }
        } else if (name === 'pre') {
          preDepth = Math.max(0, preDepth - 1);
          breakLine(2);
        } else if (name === 'p' || name === 'blockquote' || name === 'div' || /^h[1-6]$/.test(name)) breakLine(2);
        else if (BLOCK.has(name)) breakLine(1);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return cleanBody(out.replace(/\u00a0/g, ' '));
}
