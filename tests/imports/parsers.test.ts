// The streaming parsers on their own (no database): what each documented field becomes, and how
// hostile or broken files are refused. Fixtures in fixtures/ were written from the formats' docs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseDisqus } from '../../server/imports/disqus.js';
import { rewriteUrl, parseRewrite, threadKey } from '../../server/imports/mapping.js';
import { parseParley } from '../../server/imports/parley.js';
import { parseWordpress, wordpressStatus } from '../../server/imports/wordpress.js';
import { ImportFormatError, type CommentRecord, type ImportRecord, type ThreadRecord } from '../../server/imports/types.js';
import { readXml } from '../../server/imports/xml.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const file = (name: string) => createReadStream(path.join(FIXTURES, name), { highWaterMark: 256 });

async function records(parse: (sink: (r: ImportRecord) => void) => Promise<unknown>): Promise<ImportRecord[]> {
  const out: ImportRecord[] = [];
  await parse((r) => void out.push(r));
  return out;
}

/** Splits a string into chunks of n bytes, cutting multi-byte characters apart on purpose. */
function chunked(text: string, n: number): Readable {
  const bytes = Buffer.from(text);
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += n) parts.push(bytes.subarray(i, i + n));
  return Readable.from(parts);
}

describe('Disqus parser', () => {
  it('reads every documented field of threads and posts, in file order', async () => {
    const list = await records((sink) => parseDisqus(file('disqus.xml'), sink));
    const threads = list.filter((r): r is ThreadRecord => r.kind === 'thread');
    const posts = list.filter((r): r is CommentRecord => r.kind === 'comment');
    assert.equal(threads.length, 5);
    assert.deepEqual(
      { ...threads[0], line: 0 },
      {
        kind: 'thread',
        ref: 'disqus:thread:1001',
        importRef: 'disqus:thread:1001',
        url: 'https://News.Example/2024/budget?utm_source=twitter&b=2&a=1',
        identifier: 'story-1001',
        title: "Budget 2024: what changes & what doesn't",
        closed: false,
        deleted: false,
        createdAt: new Date('2024-02-01T08:00:00Z'),
        line: 0,
      },
    );
    assert.equal(threads[1]!.identifier, null, 'an empty <id/>');
    assert.equal(threads[2]!.closed, true);
    assert.equal(threads[3]!.deleted, true);
    assert.equal(posts.length, 12);
    const [first, reply] = posts;
    assert.equal(first!.ref, 'disqus:2001');
    assert.equal(first!.threadRef, 'disqus:thread:1001');
    assert.equal(first!.parentRef, null);
    assert.equal(first!.authorEmail, 'asha@example.com');
    assert.equal(first!.ip, '198.51.100.7');
    assert.equal(first!.status, 'approved');
    assert.equal(reply!.parentRef, 'disqus:2001');
    assert.equal(reply!.authorName, 'José Müller');
    assert.equal(posts.find((p) => p.ref === 'disqus:2004')!.status, 'deleted');
    assert.equal(posts.find((p) => p.ref === 'disqus:2006')!.status, 'spam');
    const guest = posts.find((p) => p.ref === 'disqus:2005')!;
    assert.equal(guest.authorName, 'Guest');
    assert.equal(guest.authorEmail, null);
    assert.equal(posts.find((p) => p.ref === 'disqus:id:legacy-77')!.body, 'Plain text with an entity reference: €5 ❤');
  });

  it('gives the same records whatever the chunking (multi-byte characters split across chunks)', async () => {
    const text = readFileSync(path.join(FIXTURES, 'disqus.xml'), 'utf8');
    const whole = await records((sink) => parseDisqus(Readable.from([text]), sink));
    const split = await records((sink) => parseDisqus(chunked(text, 7), sink));
    assert.deepEqual(split, whole);
  });

  it('refuses DTDs (billion laughs, external entities), unknown entities, broken and cut files, with the line', async () => {
    const refuse = async (input: Readable | ReturnType<typeof file>, pattern: RegExp, line?: number) => {
      await assert.rejects(records((sink) => parseDisqus(input, sink)), (err: unknown) => {
        assert.ok(err instanceof ImportFormatError, String(err));
        assert.match(err.reason, pattern);
        if (line !== undefined) assert.equal(err.line, line);
        assert.match(err.message, /^line \d+/);
        return true;
      });
    };
    await refuse(file('billion-laughs.xml'), /DOCTYPE/, 13);
    await refuse(file('truncated.xml'), /truncated|Unclosed/i);
    await refuse(Readable.from(['<disqus>\n<post dsq:id="1"><message>&xxe;</message></post></disqus>']), /entity/i, 2);
    await refuse(Readable.from(['<disqus><post></disqus>']), /Unexpected close tag|Unmatched/i, 1);
    await refuse(Readable.from(['']), /empty/);
    await refuse(Readable.from(['<rss/>']), /not a Disqus export/);
    await refuse(Readable.from([`<disqus>${'<a>'.repeat(100)}</disqus>`]), /nested deeper/);
  });

  it('never reads a file an entity points at', async () => {
    const list: ImportRecord[] = [];
    await assert.rejects(parseWordpress(file('external-entity.xml'), (r) => void list.push(r), { includePingbacks: false }), ImportFormatError);
    assert.ok(!JSON.stringify(list).includes('root:'), 'no /etc/passwd content');
    assert.equal(list.length, 0);
  });

  it('cuts one overlong text instead of holding it whole', async () => {
    const big = 'x'.repeat(50_000);
    const seen: number[] = [];
    await readXml(Readable.from([`<r><m>${big}</m></r>`]), (p, name) => (name === 'm' ? 'collect' : 'walk'), (el) => void seen.push(el.text.length), {
      limits: { maxText: 1000 },
    });
    assert.deepEqual(seen, [1000]);
  });
});

describe('WordPress parser', () => {
  it('maps comment_approved and skips pingbacks and trackbacks unless asked', async () => {
    assert.deepEqual(['1', '0', 'spam', 'trash', 'post-trashed', 'weird'].map(wordpressStatus), ['approved', 'pending', 'spam', 'deleted', 'deleted', 'pending']);
    const list = await records((sink) => parseWordpress(file('wordpress.xml'), sink, { includePingbacks: false }));
    const comments = list.filter((r): r is CommentRecord => r.kind === 'comment');
    assert.equal(comments.length, 10);
    const withPings = await records((sink) => parseWordpress(file('wordpress.xml'), sink, { includePingbacks: true }));
    assert.equal(withPings.filter((r) => r.kind === 'comment').length, 12);
    const items = list.filter((r): r is ThreadRecord => r.kind === 'thread');
    assert.deepEqual(items.map((i) => [i.identifier, i.closed, i.importRef]), [
      ['12', false, 'wordpress:blog.example:post:12'],
      ['2', true, 'wordpress:blog.example:post:2'],
      ['3', false, 'wordpress:blog.example:post:3'],
    ]);
    const meera = comments[0]!;
    assert.equal(meera.ref, 'wordpress:blog.example:8');
    assert.equal(meera.threadRef, items[0]!.ref);
    assert.equal(meera.authorWebsite, 'https://meera.example/');
    assert.equal(meera.createdAt?.toISOString(), '2024-06-01T06:38:08.000Z', 'comment_date_gmt');
    assert.equal(comments[1]!.parentRef, 'wordpress:blog.example:8');
    assert.equal(comments.find((c) => c.ref.endsWith(':3'))!.threadRef, items[1]!.ref);
  });

  it('accepts the older WXR namespaces (1.0, 1.1)', async () => {
    for (const v of ['1.0', '1.1']) {
      const xml = `<rss xmlns:wp="http://wordpress.org/export/${v}/"><channel><item><link>https://b.example/p</link><wp:post_id>1</wp:post_id>
        <wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_author>A</wp:comment_author><wp:comment_content>Hi</wp:comment_content>
        <wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment></item></channel></rss>`;
      const list = await records((sink) => parseWordpress(Readable.from([xml]), sink, { includePingbacks: false }));
      assert.equal(list.filter((r) => r.kind === 'comment').length, 1, v);
    }
  });
});

describe('Parley export parser', () => {
  it('refuses a file without its closing line, with counts that disagree, or with a bad line', async () => {
    const header = JSON.stringify({
      type: 'parley-export', version: 1, exportedAt: '2026-01-01T00:00:00.000Z', instance: 'abc',
      site: { slug: 's', name: 'S', allowedOrigins: [], locale: 'en', settings: {} }, personalData: false,
    });
    const end = (n: number) => JSON.stringify({ type: 'end', counts: { articles: n, comments: 0, reports: 0, bans: 0 } });
    const article = JSON.stringify({ type: 'article', id: 1, key: 'k', url: null, title: null, closed: false, createdAt: '2026-01-01T00:00:00.000Z', commentCount: 0, importRef: null });
    const parse = (lines: string[]) => records((sink) => parseParley(Readable.from([lines.join('\n')]), sink));
    await assert.rejects(parse([header, article]), /truncated/);
    await assert.rejects(parse([header, article, end(2)]), (e: unknown) => e instanceof ImportFormatError && e.line === 3 && /lists 2 articles/.test(e.reason));
    await assert.rejects(parse([header, '{"type":"comment","id":"x"}', end(0)]), (e: unknown) => e instanceof ImportFormatError && e.line === 2);
    await assert.rejects(parse(['{"type":"nope"}']), /not a Parley export header/);
    assert.equal((await parse([header, article, end(1)])).length, 1);
  });
});

describe('article mapping', () => {
  const thread = (url: string, identifier: string | null = null): ThreadRecord => ({
    kind: 'thread', ref: 'r', importRef: 'r', url, identifier, title: null, closed: false, deleted: false, createdAt: null, line: null,
  });
  const none = { mapDomains: [], mapPaths: [], keyBy: 'url' as const };

  it('normalizes like the widget: case, tracking parameters, fragment, default port, query order', () => {
    assert.equal(threadKey(thread('HTTPS://News.Example:443/a?utm_source=x&z=1&b=2#c'), none).key, 'https://news.example/a?b=2&z=1');
  });

  it('moves old hosts, origins and path prefixes', () => {
    const opts = { mapDomains: [parseRewrite('www.old.example=https://news.example', 'domain')], mapPaths: [parseRewrite('/blog/=/news/', 'path')] };
    assert.equal(rewriteUrl('http://www.old.example/blog/2020/x?a=1', opts), 'https://news.example/news/2020/x?a=1');
    assert.equal(rewriteUrl('http://other.example/blog/x', opts), 'http://other.example/news/x');
    const keep = { mapDomains: [parseRewrite('old.example=new.example', 'domain')], mapPaths: [] };
    assert.equal(rewriteUrl('http://old.example/x', keep), 'http://new.example/x', 'a bare host keeps the scheme');
    assert.throws(() => parseRewrite('nonsense', 'domain'), /OLD=NEW/);
    assert.throws(() => parseRewrite('blog=news', 'path'), /start with/);
  });

  it('keys by the source id when asked, falling back to the URL when the id is unusable', () => {
    assert.equal(threadKey(thread('https://n.example/a', 'story-1'), { ...none, keyBy: 'identifier' }).key, 'story-1');
    assert.equal(threadKey(thread('https://n.example/a', '12 https://n.example/?p=12'), { ...none, keyBy: 'identifier' }).key, 'https://n.example/a');
    assert.equal(threadKey(thread('ftp://n.example/a'), none).key, null);
  });
});
