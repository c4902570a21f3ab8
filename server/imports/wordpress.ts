// WordPress WXR (Tools -> Export), any of its 1.0 / 1.1 / 1.2 namespaces: each <item> is a thread,
// each <wp:comment> inside it a comment. Streamed; the posts' own content is skipped unread.
import { htmlToText } from './html-text.js';
import { authorEmail, authorName, authorWebsite, bump, parseDate } from './fields.js';
import { type CommentRecord, type ParseStats, type RecordSink, ImportFormatError } from './types.js';
import { childText, readXml, type XmlElement } from './xml.js';

const ITEM_FIELDS = new Set(['title', 'link', 'wp:post_id', 'wp:comment_status', 'wp:post_date_gmt', 'wp:post_type', 'wp:status']);

/** comment_approved -> status: 1 approved, 0 pending, spam, trash / post-trashed -> deleted. */
export function wordpressStatus(approved: string | null): CommentRecord['status'] {
  switch ((approved ?? '').trim()) {
    case '1':
    case 'approve':
      return 'approved';
    case 'spam':
      return 'spam';
    case 'trash':
    case 'post-trashed':
      return 'deleted';
    default:
      return 'pending';
  }
}

/** Reads a WXR file, handing each item (thread) and comment to `sink`. */
export async function parseWordpress(
  source: AsyncIterable<Uint8Array | string>,
  sink: RecordSink,
  options: { includePingbacks: boolean; onBytes?: (bytes: number) => void },
): Promise<ParseStats> {
  const stats: ParseStats = { skipped: {} };
  let siteHost = '';
  // An item is known by its start line: unique in the file, and the same for the item and its comments.
  const itemRef = (el: XmlElement | null) => `wp:item:${el?.line ?? 0}`;
  const { root } = await readXml(
    source,
    (path, name) => {
      const depth = path.length;
      if (depth === 0) {
        if (name !== 'rss') throw new ImportFormatError(`this is not a WordPress export (its root element is <${name}>, not <rss>)`, 1);
        return 'walk';
      }
      if (depth === 1) return name === 'channel' ? 'walk' : 'skip';
      if (depth === 2) {
        if (name === 'item') return 'collect';
        return name === 'wp:base_site_url' || name === 'link' ? 'collect' : 'skip';
      }
      if (depth === 3 && path[2] === 'item') {
        if (name === 'wp:comment') return 'collect';
        return ITEM_FIELDS.has(name) ? 'walk' : 'skip';
      }
      return 'walk';
    },
    async (el, path, within) => {
      if (el.name === 'wp:base_site_url' || (el.name === 'link' && path.length === 2)) {
        // The blog's own address namespaces comment ids, so two blogs imported into one site never collide.
        try {
          if (el.name === 'wp:base_site_url' || siteHost === '') siteHost = new URL(el.text.trim()).host.toLowerCase();
        } catch {
          // Not a URL: ids stay namespaced by "wordpress" alone.
        }
        return;
      }
      const ns = siteHost ? `wordpress:${siteHost}` : 'wordpress';
      if (el.name === 'item') {
        const postId = childText(el, 'wp:post_id') || null;
        await sink({
          kind: 'thread',
          ref: itemRef(el),
          importRef: `${ns}:post:${postId ?? `line-${el.line}`}`,
          url: childText(el, 'link') || null,
          identifier: postId,
          title: childText(el, 'title') || null,
          closed: childText(el, 'wp:comment_status') === 'closed',
          deleted: false,
          createdAt: parseDate(childText(el, 'wp:post_date_gmt')),
          line: el.line,
        });
        return;
      }
      // <wp:comment>
      const id = childText(el, 'wp:comment_id');
      if (!id) {
        bump(stats.skipped, 'no-id');
        return;
      }
      const type = (childText(el, 'wp:comment_type') ?? '').toLowerCase();
      if (type === 'pingback' || type === 'trackback') {
        if (!options.includePingbacks) {
          bump(stats.skipped, type);
          return;
        }
      } else if (type !== '' && type !== 'comment') {
        // Order notes, reviews and other plugins' types are not reader comments.
        bump(stats.skipped, `type-${type.slice(0, 40)}`);
        return;
      }
      const parent = childText(el, 'wp:comment_parent');
      await sink({
        kind: 'comment',
        ref: `${ns}:${id}`,
        threadRef: itemRef(within),
        parentRef: parent && parent !== '0' ? `${ns}:${parent}` : null,
        createdAt: parseDate(childText(el, 'wp:comment_date_gmt')) ?? parseDate(childText(el, 'wp:comment_date')),
        status: wordpressStatus(childText(el, 'wp:comment_approved')),
        body: htmlToText(childText(el, 'wp:comment_content') ?? '', { keepNewlines: true }),
        authorName: authorName(childText(el, 'wp:comment_author')),
        authorEmail: authorEmail(childText(el, 'wp:comment_author_email')),
        authorWebsite: authorWebsite(childText(el, 'wp:comment_author_url')),
        ip: childText(el, 'wp:comment_author_IP') || null,
        line: el.line,
      });
    },
    { onBytes: options.onBytes },
  );
  if (root !== 'rss') throw new ImportFormatError('this is not a WordPress export (no <rss> root element)', 1);
  return stats;
}
