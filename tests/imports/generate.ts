// Writes large Disqus export files for the tests and the bench: threads first, then posts in date
// order, a third of them replies (to any earlier post of their thread), a few deleted or spam, with
// CDATA HTML, entities and Devanagari. Deterministic for a given size; returns what it wrote.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { seededRandom } from '../helpers/random.js';

export interface GeneratedFile {
  path: string;
  bytes: number;
  threads: number;
  comments: number;
  /** Per thread index: approved comments, and the expected tree as "id<-parent" in date order. */
  approvedPerThread: number[];
  spam: number;
  deleted: number;
}

const WORDS = ['budget', 'monsoon', 'election', 'cricket', 'markets', 'policy', 'farmers', 'rain', 'city', 'transport', 'schools', 'water'];
const HINDI = ['बजट', 'मानसून', 'चुनाव', 'किसान', 'बारिश', 'शहर', 'पानी', 'स्कूल'];

/**
 * Writes `comments` posts over comments/perThread threads to `path`. Host: news.example; thread i's
 * link is https://news.example/story/i.
 */
export async function generateDisqusFile(path: string, comments: number, options: { perThread?: number; seed?: number } = {}): Promise<GeneratedFile> {
  const perThread = options.perThread ?? 50;
  const threads = Math.max(1, Math.ceil(comments / perThread));
  const rand = seededRandom(options.seed ?? 42);
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  const start = Date.UTC(2020, 0, 1);
  await write('<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n');
  for (let t = 0; t < threads; t++) {
    await write(
      `<thread dsq:id="${t + 1}"><id>story-${t}</id><forum>news</forum><link>https://news.example/story/${t}?utm_source=disqus</link>` +
        `<title><![CDATA[Story ${t}: ${WORDS[t % WORDS.length]} & more]]></title><message/><createdAt>${new Date(start + t * 60_000).toISOString()}</createdAt>` +
        `<author><email>editor@news.example</email><name>Editor</name><isAnonymous>false</isAnonymous></author><ipAddress>203.0.113.1</ipAddress>` +
        `<isClosed>false</isClosed><isDeleted>false</isDeleted></thread>\n`,
    );
  }
  const approvedPerThread = new Array<number>(threads).fill(0);
  const postsPerThread: number[][] = Array.from({ length: threads }, () => []);
  let spam = 0;
  let deleted = 0;
  for (let i = 0; i < comments; i++) {
    const id = 100_000 + i;
    const t = Math.floor(rand() * threads);
    const earlier = postsPerThread[t]!;
    // Bounded memory for the generator too: replies pick among the thread's last 20 posts.
    const parent = earlier.length > 0 && rand() < 0.35 ? earlier[Math.floor(rand() * earlier.length)] : undefined;
    earlier.push(id);
    if (earlier.length > 20) earlier.shift();
    const roll = rand();
    const isSpam = roll < 0.02;
    const isDeleted = !isSpam && roll < 0.04;
    if (isSpam) spam++;
    else if (isDeleted) deleted++;
    else approvedPerThread[t]!++;
    const w = () => WORDS[Math.floor(rand() * WORDS.length)];
    const hindi = rand() < 0.3 ? ` ${HINDI[Math.floor(rand() * HINDI.length)]} पर मेरी राय।` : '';
    const message =
      `<p>Comment ${i} about the ${w()} and the ${w()} &amp; the ${w()}: I think it is &quot;fine&quot;.${hindi}</p>` +
      `<p>See <a href="https://example.org/${w()}/${i}">this analysis</a> for more on the ${w()} situation in the ${w()}.</p>`;
    await write(
      `<post dsq:id="${id}"><id/><message><![CDATA[${message}]]></message>` +
        `<createdAt>${new Date(start + i * 1000).toISOString()}</createdAt><isDeleted>${isDeleted}</isDeleted><isSpam>${isSpam}</isSpam>` +
        `<author><email>reader${i % 5000}@example.com</email><name>Reader ${i % 5000}</name><isAnonymous>false</isAnonymous><username>reader${i % 5000}</username></author>` +
        `<ipAddress>198.51.${(i >> 8) & 255}.${i & 255}</ipAddress><thread dsq:id="${t + 1}"/>${parent === undefined ? '' : `<parent dsq:id="${parent}"/>`}</post>\n`,
    );
  }
  await write('</disqus>\n');
  out.end();
  await once(out, 'finish');
  return { path, bytes, threads, comments, approvedPerThread, spam, deleted };
}
