// `npm run import -- disqus|wordpress|parley FILE --site SLUG [options]`: imports a Disqus export, a
// WordPress WXR file or a Parley export, with a progress bar on standard error and the summary on
// standard output. An entry point like main.ts: it reads process.env and argv, opens the database, exits.
import { createReadStream, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openCliDatabase } from './database.js';
import { ensureSecret } from '../bootstrap.js';
import { AppError } from '../errors.js';
import { createEventBus } from '../events/bus.js';
import { createHasher } from '../lib/crypto.js';
import { createLogger } from '../lib/log.js';
import { createSiteCache } from '../sites/store.js';
import { formatSummary } from '../imports/summary.js';
import { parseRewrite } from '../imports/mapping.js';
import { runImport } from '../imports/run.js';
import { DEFAULT_IMPORT_OPTIONS, IMPORT_FORMATS, ImportFormatError, type ImportFormat, type ImportOptions, type ImportProgress } from '../imports/types.js';

const USAGE = `usage: npm run import -- disqus|wordpress|parley FILE --site SLUG [options]

  FILE                  the export file ("-" reads standard input)
  --site SLUG           the site to import into (a Parley export creates it if it does not exist)
  --dry-run             read and check everything, print where it would land, write nothing
  --map-domain OLD=NEW  move thread URLs from an old host or origin (repeatable), e.g.
                        --map-domain www.old.example=https://news.example
  --map-path OLD=NEW    move a path prefix (repeatable), e.g. --map-path /blog/=/news/
  --key-by KIND         url (default), identifier (Disqus <id>) or post-id (WordPress)
  --include-pingbacks   WordPress: import pingbacks and trackbacks too
  --score               queue the imported comments for the re-scoring job
  --json                print the summary as JSON

The database comes from the same settings as the server (DATABASE_URL or PARLEY_DATA_DIR). On the
embedded database (no DATABASE_URL), stop Parley first or use the admin view's upload.`;

class UsageError extends Error {}

function parseOptions(values: Record<string, unknown>): ImportOptions {
  const keyBy = (values['key-by'] as string | undefined) ?? 'url';
  if (keyBy !== 'url' && keyBy !== 'identifier' && keyBy !== 'post-id') throw new UsageError(`--key-by must be url, identifier or post-id, not "${keyBy}"`);
  try {
    return {
      ...DEFAULT_IMPORT_OPTIONS,
      dryRun: values['dry-run'] === true,
      mapDomains: ((values['map-domain'] as string[] | undefined) ?? []).map((v) => parseRewrite(v, 'domain')),
      mapPaths: ((values['map-path'] as string[] | undefined) ?? []).map((v) => parseRewrite(v, 'path')),
      keyBy,
      includePingbacks: values['include-pingbacks'] === true,
      score: values.score === true,
    };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** A progress bar on a terminal; occasional plain lines otherwise (logs, CI). */
function createProgressBar(stream: NodeJS.WriteStream) {
  let lastLine = 0;
  let lastPhase = '';
  const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
  return {
    update(p: ImportProgress) {
      const fraction =
        p.phase === 'reading' ? (p.totalBytes ? p.bytes / p.totalBytes : 0) : p.phase === 'writing' ? (p.toWrite ? p.written / p.toWrite : 1) : p.phase === 'done' ? 1 : 0;
      const detail =
        p.phase === 'reading'
          ? `reading ${mb(p.bytes)}${p.totalBytes ? ` of ${mb(p.totalBytes)}` : ''}: ${p.threads} threads, ${p.comments} comments`
          : p.phase === 'writing'
            ? `writing ${p.written} of ${p.toWrite} comments`
            : p.phase;
      if (stream.isTTY) {
        const width = 30;
        const filled = Math.round(Math.min(1, fraction) * width);
        stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}%  ${detail}\u001b[K`);
        if (p.phase === 'done' || p.phase === 'failed') stream.write('\n');
        return;
      }
      const now = Date.now();
      if (p.phase !== lastPhase || now - lastLine > 5000) {
        lastLine = now;
        lastPhase = p.phase;
        stream.write(`${detail}\n`);
      }
    },
  };
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: {
        site: { type: 'string' },
        'dry-run': { type: 'boolean' },
        'map-domain': { type: 'string', multiple: true },
        'map-path': { type: 'string', multiple: true },
        'key-by': { type: 'string' },
        'include-pingbacks': { type: 'boolean' },
        score: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const [format, file] = parsed.positionals;
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let options: ImportOptions;
  try {
    if (!format || !IMPORT_FORMATS.includes(format as ImportFormat)) throw new UsageError(`The format must be one of ${IMPORT_FORMATS.join(', ')}.`);
    if (!file) throw new UsageError('Name the file to import.');
    if (!parsed.values.site) throw new UsageError('--site is required.');
    options = parseOptions(parsed.values);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  let totalBytes: number | null = null;
  if (file !== '-') {
    try {
      totalBytes = statSync(file).size;
    } catch {
      process.stderr.write(`Cannot read ${file}.\n`);
      return 2;
    }
  }
  const opened = await openCliDatabase();
  if ('exitCode' in opened) return opened.exitCode;
  const { config, database } = opened;
  try {
    const logger = createLogger('warn');
    const secret = await ensureSecret(database.db, config.PARLEY_SECRET);
    const deps = {
      db: database.db,
      database,
      logger,
      hasher: createHasher(secret),
      // Publishing needs no listener here: each event reaches the running servers through NOTIFY.
      bus: createEventBus(database, logger),
      siteCache: createSiteCache(),
    };
    const bar = createProgressBar(process.stderr);
    const source = file === '-' ? process.stdin : createReadStream(file, { highWaterMark: 256 * 1024 });
    const { summary } = await runImport(deps, {
      format: format as ImportFormat,
      siteSlug: parsed.values.site!,
      source,
      options,
      totalBytes,
      onProgress: (p) => bar.update(p),
    });
    process.stdout.write(parsed.values.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatSummary(summary)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof ImportFormatError) {
      process.stderr.write(`\nThe file was refused, nothing was imported: ${err.message}\n`);
      return 1;
    }
    if (err instanceof AppError) {
      process.stderr.write(`\n${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`import failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
