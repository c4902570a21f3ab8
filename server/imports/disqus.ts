// Disqus export (Admin -> Tools -> Export): <disqus> with <category>, <thread dsq:id> and <post dsq:id>
// elements, streamed. Spam -> spam, deleted -> deleted (kept so replies keep their place), others
// approved; the HTML message becomes plain text.
import { htmlToText } from './html-text.js';
import { type ParseStats, type RecordSink, ImportFormatError } from './types.js';
import { child, childBool, childText, readXml, type XmlElement } from './xml.js';
import { authorEmail, authorName, parseDate, bump } from './fields.js';

const attr = (el: XmlElement | null, name: string) => el?.attrs[name]?.trim() || null;

/** Reads a Disqus export, handing each thread and post to `sink` in file order. */
export async function parseDisqus(
  source: AsyncIterable<Uint8Array | string>,
  sink: RecordSink,
  onBytes?: (bytes: number) => void,
): Promise<ParseStats> {
  const stats: ParseStats = { skipped: {} };
  const { root } = await readXml(
    source,
    (path, name) => {
      if (path.length === 0) {
        if (name !== 'disqus') throw new ImportFormatError(`this is not a Disqus export (its root element is <${name}>, not <disqus>)`, 1);
        return 'walk';
      }
      if (path.length === 1) return name === 'thread' || name === 'post' ? 'collect' : 'skip';
      return 'walk';
    },
    async (el) => {
      if (el.name === 'thread') {
        const id = attr(el, 'dsq:id');
        if (!id) {
          bump(stats.skipped, 'thread-without-id');
          return;
        }
        await sink({
          kind: 'thread',
          ref: `disqus:thread:${id}`,
          importRef: `disqus:thread:${id}`,
          url: childText(el, 'link') || null,
          identifier: childText(el, 'id') || null,
          title: childText(el, 'title') || null,
          closed: childBool(el, 'isClosed') === true,
          deleted: childBool(el, 'isDeleted') === true,
          createdAt: parseDate(childText(el, 'createdAt')),
          line: el.line,
        });
        return;
      }
      // A post without dsq:id falls back to its <id> (Remark42 does the same).
      const id = attr(el, 'dsq:id') ?? (childText(el, 'id') ? `id:${childText(el, 'id')}` : null);
      const thread = attr(child(el, 'thread'), 'dsq:id');
      if (!id) {
        bump(stats.skipped, 'no-id');
        return;
      }
      if (!thread) {
        bump(stats.skipped, 'unknown-thread');
        return;
      }
      const parent = attr(child(el, 'parent'), 'dsq:id');
      const author = child(el, 'author');
      const name = author ? childText(author, 'name') || childText(author, 'username') : null;
      await sink({
        kind: 'comment',
        ref: `disqus:${id}`,
        threadRef: `disqus:thread:${thread}`,
        parentRef: parent ? `disqus:${parent}` : null,
        createdAt: parseDate(childText(el, 'createdAt')),
        status: childBool(el, 'isSpam') === true ? 'spam' : childBool(el, 'isDeleted') === true ? 'deleted' : 'approved',
        body: htmlToText(childText(el, 'message') ?? '', { keepNewlines: false }),
        authorName: authorName(name),
        // An anonymous guest's email was never verified by Disqus; it is kept like a reader's here.
        authorEmail: author ? authorEmail(childText(author, 'email')) : null,
        authorWebsite: null,
        ip: childText(el, 'ipAddress') || null,
        line: el.line,
      });
    },
    { onBytes },
  );
  if (root !== 'disqus') throw new ImportFormatError('this is not a Disqus export (no <disqus> root element)', 1);
  return stats;
}
