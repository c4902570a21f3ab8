// Imports and exports in the admin API. Importing is for admins: create a run (site, format, options),
// then PUT the file to it; the body streams straight into the parser (never held whole) under its
// own size limit, and the run's progress can be read meanwhile from any process. Exporting a site is
// open to its moderators; personal data (emails, IP hashes) is in it only for admins.
import { createRoute, z } from '@hono/zod-openapi';
import { and, desc, eq, sql } from 'drizzle-orm';
import { requireAdmin, requireVisibleSite } from '../admin/access.js';
import type { AdminEnv } from '../auth/middleware.js';
import { importRuns, sites } from '../db/schema.js';
import type { AppDeps } from '../deps.js';
import { AppError, type FieldError } from '../errors.js';
import { exportSite } from '../imports/export.js';
import { parseRewrite } from '../imports/mapping.js';
import { createImportRun, isStale, runImport, type ImportRun } from '../imports/run.js';
import { DEFAULT_IMPORT_OPTIONS, IMPORT_FORMATS, ImportFormatError, type ImportFormat, type ImportOptions } from '../imports/types.js';
import { createRouter } from '../lib/openapi.js';
import { IdParam, SlugParam, adminErrors, body, conflict, json } from './admin-shared.js';

/**
 * Requests that manage their own body or duration: the upload (a large non-JSON body, as long as the
 * import takes) and the export (a stream as long as the site). app.ts skips its generic rules for them.
 */
export function isImportUpload(method: string, path: string): boolean {
  return (method === 'PUT' && /^\/api\/v1\/admin\/imports\/\d+\/file$/.test(path)) || (method === 'GET' && /^\/api\/v1\/admin\/sites\/[^/]+\/export$/.test(path));
}

const ImportRunSchema = z
  .object({
    id: z.number().int(),
    site: z.string().nullable(),
    format: z.enum(IMPORT_FORMATS),
    dryRun: z.boolean(),
    options: z.record(z.string(), z.unknown()),
    status: z.enum(['waiting', 'running', 'done', 'failed']),
    progress: z.record(z.string(), z.unknown()),
    summary: z.record(z.string(), z.unknown()).nullable(),
    error: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .openapi('ImportRun');

const ImportInput = z
  .object({
    site: z.string().min(1).max(64),
    format: z.enum(IMPORT_FORMATS),
    dryRun: z.boolean().default(false),
    mapDomains: z.array(z.string().max(300)).max(20).default([]).openapi({ description: 'old=new (hosts or origins)' }),
    mapPaths: z.array(z.string().max(300)).max(20).default([]).openapi({ description: '/old/=/new/' }),
    keyBy: z.enum(['url', 'identifier', 'post-id']).default('url'),
    includePingbacks: z.boolean().default(false),
    score: z.boolean().default(false),
  })
  .openapi('ImportInput');

const createImportRoute = createRoute({
  method: 'post',
  path: '/admin/imports',
  summary: 'Start an import (admins): the site, the format and the options; then PUT the file to /admin/imports/{id}/file',
  request: body(ImportInput),
  responses: { 201: json(z.object({ import: ImportRunSchema }), 'Waiting for its file'), ...adminErrors },
});

const uploadRoute = createRoute({
  method: 'put',
  path: '/admin/imports/{id}/file',
  summary: 'Upload the file of an import (admins); streamed to the parser. Answers when the import is done, with its summary',
  request: {
    params: IdParam,
    body: { content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } }, required: true },
  },
  responses: {
    200: json(z.object({ import: ImportRunSchema }), 'Done (or, for a dry run, planned)'),
    409: conflict('the import already has its file'),
    413: json(z.object({ error: z.record(z.string(), z.unknown()) }), 'PAYLOAD_TOO_LARGE: over PARLEY_IMPORT_MAX_BYTES'),
    ...adminErrors,
    422: json(z.object({ error: z.record(z.string(), z.unknown()) }), 'INVALID_FILE (with line, column and reason), or invalid fields'),
  },
});

const getImportRoute = createRoute({
  method: 'get',
  path: '/admin/imports/{id}',
  summary: 'One import (admins): its progress while it runs, its summary when done',
  request: { params: IdParam },
  responses: { 200: json(z.object({ import: ImportRunSchema }), 'The import'), ...adminErrors },
});

const listImportsRoute = createRoute({
  method: 'get',
  path: '/admin/imports',
  summary: 'The latest imports (admins)',
  responses: { 200: json(z.object({ imports: z.array(ImportRunSchema) }), 'Newest first'), ...adminErrors },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/admin/sites/{slug}/export',
  summary: "A site's full export as JSON Lines (settings, articles, comments, reports, bans); personal data only for admins",
  request: { params: SlugParam, query: z.object({ personal: z.enum(['0', '1']).optional().openapi({ description: 'Admins: 0 leaves personal data out' }) }) },
  responses: { 200: { content: { 'application/x-ndjson': { schema: z.string() } }, description: 'One JSON object per line' }, ...adminErrors },
});

export function createAdminImportsRouter(deps: AppDeps) {
  const app = createRouter<AdminEnv>();

  const toDto = async (run: ImportRun) => {
    const [site] = run.siteId === null ? [] : await deps.db.select({ slug: sites.slug }).from(sites).where(eq(sites.id, run.siteId));
    const stale = isStale(run, deps.now());
    return {
      id: run.id,
      site: site?.slug ?? null,
      format: run.format as ImportFormat,
      dryRun: run.dryRun,
      options: run.options,
      status: (stale ? 'failed' : run.status) as 'waiting' | 'running' | 'done' | 'failed',
      progress: run.progress,
      summary: run.summary ?? null,
      error: stale ? { code: 'FAILED', message: 'The import stopped with its server process.' } : (run.error ?? null),
      createdAt: run.createdAt.toISOString(),
      startedAt: run.startedAt?.toISOString() ?? null,
      finishedAt: run.finishedAt?.toISOString() ?? null,
    };
  };
  const findRun = async (id: number) => {
    const [run] = await deps.db.select().from(importRuns).where(eq(importRuns.id, id));
    if (!run) throw new AppError('NOT_FOUND', 'No such import.');
    return run;
  };

  app.openapi(createImportRoute, async (c) => {
    const auth = c.get('auth');
    requireAdmin(auth);
    const input = c.req.valid('json');
    const site = await requireVisibleSite(deps, auth, input.site);
    const fields: FieldError[] = [];
    const rewrites = (list: string[], what: 'domain' | 'path') =>
      list.flatMap((value, i) => {
        try {
          return [parseRewrite(value, what)];
        } catch (err) {
          fields.push({ field: `${what === 'domain' ? 'mapDomains' : 'mapPaths'}.${i}`, code: 'invalid', message: (err as Error).message });
          return [];
        }
      });
    const options: ImportOptions = {
      ...DEFAULT_IMPORT_OPTIONS,
      dryRun: input.dryRun,
      mapDomains: rewrites(input.mapDomains, 'domain'),
      mapPaths: rewrites(input.mapPaths, 'path'),
      keyBy: input.keyBy,
      includePingbacks: input.includePingbacks,
      score: input.score,
    };
    if (fields.length > 0) throw new AppError('VALIDATION_FAILED', 'Some fields need attention.', { fields });
    const run = await createImportRun(deps, { format: input.format, siteId: site.id, options, createdBy: auth.moderator.id });
    return c.json({ import: await toDto(run) }, 201);
  });

  app.openapi(uploadRoute, async (c) => {
    const auth = c.get('auth');
    requireAdmin(auth);
    const run = await findRun(c.req.valid('param').id);
    const max = deps.config.PARLEY_IMPORT_MAX_BYTES;
    const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${max} bytes (PARLEY_IMPORT_MAX_BYTES).`);
    const declared = c.req.header('content-length');
    if (declared !== undefined && Number(declared) > max) throw tooLarge();
    // Claimed once: a second upload to the same run is refused, whichever process it reaches.
    const [claimed] = await deps.db
      .update(importRuns)
      .set({ status: 'running', updatedAt: sql`now()` })
      .where(and(eq(importRuns.id, run.id), eq(importRuns.status, 'waiting')))
      .returning({ id: importRuns.id });
    if (!claimed) throw new AppError('CONFLICT', 'This import already has its file; start a new one.');
    const [site] = await deps.db.select({ slug: sites.slug }).from(sites).where(eq(sites.id, run.siteId ?? -1));
    const stream = c.req.raw.body;
    if (!site || !stream) throw new AppError('BAD_REQUEST', 'Send the file as the request body.');
    async function* limited(source: ReadableStream<Uint8Array>) {
      let bytes = 0;
      for await (const chunk of source as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.byteLength;
        if (bytes > max) throw tooLarge();
        yield chunk;
      }
    }
    try {
      await runImport(deps, {
        format: run.format as ImportFormat,
        siteSlug: site.slug,
        source: limited(stream),
        options: { ...DEFAULT_IMPORT_OPTIONS, ...(run.options as Partial<ImportOptions>) },
        totalBytes: declared === undefined ? null : Number(declared),
        run,
        createdBy: auth.moderator.id,
      });
    } catch (err) {
      if (err instanceof ImportFormatError) {
        throw new AppError('INVALID_FILE', `The file was refused, nothing was imported: ${err.message}`, {
          details: { line: err.line, column: err.column, reason: err.reason, importId: run.id },
        });
      }
      throw err;
    }
    return c.json({ import: await toDto(await findRun(run.id)) }, 200);
  });

  app.openapi(getImportRoute, async (c) => {
    requireAdmin(c.get('auth'));
    return c.json({ import: await toDto(await findRun(c.req.valid('param').id)) }, 200);
  });

  app.openapi(listImportsRoute, async (c) => {
    requireAdmin(c.get('auth'));
    const runs = await deps.db.select().from(importRuns).orderBy(desc(importRuns.id)).limit(50);
    return c.json({ imports: await Promise.all(runs.map(toDto)) }, 200);
  });

  app.openapi(exportRoute, async (c) => {
    const auth = c.get('auth');
    const site = await requireVisibleSite(deps, auth, c.req.valid('param').slug);
    const personalData = auth.moderator.role === 'admin' && c.req.valid('query').personal !== '0';
    const lines = exportSite(deps.db, site, { personalData, now: deps.now() });
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await lines.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await lines.return(undefined);
      },
    });
    c.header('Content-Type', 'application/x-ndjson; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="parley-${site.slug}.jsonl"`);
    c.header('Cache-Control', 'no-store');
    return c.body(stream, 200) as never;
  });

  return app;
}
