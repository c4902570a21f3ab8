// `npm run export -- --site SLUG [--no-personal-data] > file.jsonl`: a site's full export as JSON Lines
// on standard output (server/imports/export.ts), streamed page by page.
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { openCliDatabase } from './database.js';
import { exportSite } from '../imports/export.js';
import { findSiteBySlug } from '../sites/store.js';

const USAGE = `usage: npm run export -- --site SLUG [--no-personal-data] > site.jsonl

Writes everything Parley keeps for a site as JSON Lines: its settings, articles, comments (statuses,
reasons, scores), reports and bans. Emails, IP hashes and other personal data are included (each
under a "personal" key) unless --no-personal-data is given. Import it with
  npm run import -- parley site.jsonl --site SLUG`;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      options: { site: { type: 'string' }, 'no-personal-data': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!parsed.values.site) {
    process.stderr.write(`--site is required.\n\n${USAGE}\n`);
    return 2;
  }
  const opened = await openCliDatabase();
  if ('exitCode' in opened) return opened.exitCode;
  const { database } = opened;
  try {
    const site = await findSiteBySlug(database.db, parsed.values.site);
    if (!site) {
      process.stderr.write(`No site "${parsed.values.site}".\n`);
      return 1;
    }
    for await (const line of exportSite(database.db, site, { personalData: parsed.values['no-personal-data'] !== true })) {
      if (!process.stdout.write(line)) await once(process.stdout, 'drain');
    }
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`export failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
