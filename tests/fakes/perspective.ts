// An offline, deterministic stand-in for the Perspective comments:analyze API (spec: shared
// reference perspective-api.md §4), so scorer tests can reproduce every failure mode without Google.

import http from 'node:http';
import https from 'node:https';
import { createLeftovers, isObject, listenLocal, parseJson, sendReply, type Reply } from './peer.js';
import { pathToFileURL } from 'node:url';

export type FakeFault =
  | { kind: 'delay'; ms: number }
  | { kind: 'hang' }
  | { kind: 'slowBody'; ms: number }
  | { kind: 'status'; status: number; headers?: Record<string, string> }
  | { kind: 'html502' }
  | { kind: 'shutdown' }
  | { kind: 'reset' }
  | { kind: 'malformed' }
  | { kind: 'empty' };

export type ScoreOverride = (text: string) => Record<string, number> | null;

export interface FakePerspectiveOptions {
  port?: number;
  /** Default ['test-key']; null accepts any non-empty key. */
  validKeys?: string[] | null;
  /** Sliding-window quota; requests over it get 429 and are not counted. */
  quota?: { limit: number; windowMs: number } | null;
  tls?: { key: string | Buffer; cert: string | Buffer } | null;
  overrideFor?: ScoreOverride | null;
  log?: boolean;
  /** Clock for the quota window; injectable so quota tests need no waiting. */
  now?: () => number;
}

export interface RecordedRequest {
  method: string;
  url: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: unknown;
  at: number;
}

export interface FakePerspective {
  readonly origin: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  enqueue(...faults: FakeFault[]): void;
  setDefault(fault: FakeFault | null): void;
  setOverride(fn: ScoreOverride | null): void;
  reset(): void;
  close(): Promise<void>;
}

const ANALYZE_PATH = '/v1alpha1/comments:analyze';
const SUGGEST_PATH = '/v1alpha1/comments:suggestscore';
const MAX_BYTES = 20480;
const ALLOWED_FIELDS = new Set([
  'comment', 'context', 'requestedAttributes', 'languages', 'doNotStore', 'clientToken', 'sessionId',
  'spanAnnotations', 'communityId',
]);

// §3.3: which languages each attribute accepts. Sources disagree on de/es for the sub-attributes;
// leaving them out makes the fake the stricter of the two readings.
const PRODUCTION_SUB = ['ar', 'zh', 'cs', 'nl', 'en', 'fr', 'hi', 'hi-Latn', 'id', 'it', 'ja', 'ko', 'pl', 'pt', 'ru', 'sv'];
const EN_ONLY_ATTRIBUTES = [
  'TOXICITY_EXPERIMENTAL', 'SEVERE_TOXICITY_EXPERIMENTAL', 'IDENTITY_ATTACK_EXPERIMENTAL', 'INSULT_EXPERIMENTAL',
  'PROFANITY_EXPERIMENTAL', 'THREAT_EXPERIMENTAL', 'SEXUALLY_EXPLICIT', 'FLIRTATION', 'ATTACK_ON_AUTHOR',
  'ATTACK_ON_COMMENTER', 'INCOHERENT', 'INFLAMMATORY', 'LIKELY_TO_REJECT', 'OBSCENE', 'SPAM', 'UNSUBSTANTIAL',
  'AFFINITY_EXPERIMENTAL', 'COMPASSION_EXPERIMENTAL', 'CURIOSITY_EXPERIMENTAL', 'NUANCE_EXPERIMENTAL',
  'PERSONAL_STORY_EXPERIMENTAL', 'REASONING_EXPERIMENTAL', 'RESPECT_EXPERIMENTAL',
];
export const ATTRIBUTE_LANGUAGES: Readonly<Record<string, readonly string[]>> = {
  TOXICITY: [...PRODUCTION_SUB, 'de', 'es'],
  SEVERE_TOXICITY: PRODUCTION_SUB,
  IDENTITY_ATTACK: PRODUCTION_SUB,
  INSULT: PRODUCTION_SUB,
  PROFANITY: PRODUCTION_SUB,
  THREAT: PRODUCTION_SUB,
  ...Object.fromEntries(EN_ONLY_ATTRIBUTES.map((a) => [a, ['en']])),
};

// §4.4 lexicon: Latin entries match whole words, Devanagari ones as substrings (\b is ASCII-only).
const LATIN_LEXICON = ['idiot', 'stupid', 'moron', 'dumb', 'loser', 'kill', 'hate you', 'shut up', 'bewakoof', 'pagal', 'gadha', 'kutta'];
const DEVANAGARI_LEXICON = ['बेवकूफ', 'पागल', 'गधा', 'कुत्ता'];
const HINGLISH_MARKERS = new Set(['hai', 'nahi', 'kya', 'yaar', 'bhai', 'accha', 'tum', 'tera', 'mera', 'kyun', 'bahut', 'matlab']);
const DIRECTIVE = /\[\[(score|lang|fault):([^\]]*)\]\]/g;

const QUOTA_MESSAGE =
  "Quota exceeded for quota metric 'Analysis requests (AnalyzeComment)' and limit 'Analysis requests (AnalyzeComment) per minute' of service 'commentanalyzer.googleapis.com' for consumer 'project_number:123456789'.";

/** Starts the fake on 127.0.0.1 (ephemeral port by default). */
export async function startFakePerspective(options: FakePerspectiveOptions = {}): Promise<FakePerspective> {
  const validKeys = options.validKeys === undefined ? ['test-key'] : options.validKeys;
  const now = options.now ?? Date.now;
  const requests: RecordedRequest[] = [];
  let queue: FakeFault[] = [];
  let defaultFault: FakeFault | null = null;
  let override: ScoreOverride | null = options.overrideFor ?? null;
  let quotaHits: number[] = [];
  const leftovers = createLeftovers();
  const later = leftovers.later;

  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/__fake/')) return control(req.method ?? 'GET', url.pathname, raw, res);
      const body = parseJson(raw);
      const rec: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        raw,
        body,
        at: now(),
      };
      requests.push(rec);
      if (options.log) console.error(`[fake-perspective] ${rec.method} ${rec.path}`);
      leftovers.hold(res);
      const fault = queue.shift() ?? defaultFault ?? directiveFault(commentText(body));
      applyFault(fault, req, res, () => route(rec, req));
    });
  };

  const applyFault = (fault: FakeFault | null, req: http.IncomingMessage, res: http.ServerResponse, normal: () => Reply): void => {
    if (!fault) return send(res, normal());
    switch (fault.kind) {
      case 'delay':
        return later(fault.ms, () => send(res, normal()));
      case 'hang':
        return; // held by `leftovers`; close() destroys it
      case 'slowBody': {
        const reply = normal();
        res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(Buffer.byteLength(reply.body)) });
        const buf = Buffer.from(reply.body, 'utf8');
        res.write(buf.subarray(0, 10));
        return later(fault.ms, () => res.end(buf.subarray(10)));
      }
      case 'status':
        return send(res, statusReply(fault.status, fault.headers));
      case 'html502':
        return send(res, htmlReply(502, '502. That’s an error. The server encountered a temporary error and could not complete your request.'));
      case 'shutdown':
        return send(res, htmlReply(404, '404. That’s an error. The requested URL was not found on this server.'));
      case 'reset':
        req.socket.destroy();
        return;
      case 'malformed':
        return send(res, jsonText(200, '{"attributeScores":{"TOXICITY":{"summaryScore":{"value":0.5}}}}'.slice(0, 25)));
      case 'empty':
        return send(res, jsonText(200, ''));
    }
  };

  const route = (rec: RecordedRequest, req: http.IncomingMessage): Reply => {
    if (rec.method === 'POST' && rec.path === ANALYZE_PATH) return analyze(rec, req);
    if (rec.method === 'POST' && rec.path === SUGGEST_PATH) {
      const token = isObject(rec.body) ? rec.body.clientToken : undefined;
      return json(200, token === undefined ? {} : { clientToken: token });
    }
    return googleError(404, 'NOT_FOUND', `Method not found: ${rec.path}`);
  };

  // §4.3, first failure wins (step 1, faults, was handled by the caller).
  const analyze = (rec: RecordedRequest, req: http.IncomingMessage): Reply => {
    const headerKey = req.headers['x-goog-api-key'];
    const key = rec.query.key ?? (typeof headerKey === 'string' ? headerKey : undefined);
    if (!key) {
      return googleError(403, 'PERMISSION_DENIED',
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
    }
    if (validKeys !== null && !validKeys.includes(key)) {
      return googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
        { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' },
      ]);
    }
    if (options.quota) {
      const t = now();
      quotaHits = quotaHits.filter((at) => at > t - options.quota!.windowMs);
      if (quotaHits.length >= options.quota.limit) return statusReply(429);
      quotaHits.push(t);
    }
    const body = rec.body;
    if (!isObject(body)) return invalidJson('Invalid JSON payload received. Expected an object.');
    for (const field of Object.keys(body)) {
      if (!ALLOWED_FIELDS.has(field)) return invalidJson(`Invalid JSON payload received. Unknown name "${field}": Cannot find field.`);
    }
    const comment = isObject(body.comment) ? body.comment : {};
    if (comment.type !== undefined && comment.type !== 'PLAIN_TEXT') {
      return badRequest("Currently, only 'PLAIN_TEXT' comments are supported");
    }
    const text = comment.text;
    if (typeof text !== 'string' || text === '') return badRequest('Comment must be non-empty.');
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_BYTES) return badRequest(`Comment text was too many bytes. Value (${bytes}) exceeded limit (${MAX_BYTES}).`);
    const requested = body.requestedAttributes;
    if (!isObject(requested) || Object.keys(requested).length === 0) return badRequest('Missing requested_attributes');
    for (const [name, spec] of Object.entries(requested)) {
      if (!(name in ATTRIBUTE_LANGUAGES)) return badRequest(`Unknown requested attribute: ${name}`);
      if (spec !== null && spec !== undefined && !isObject(spec)) return invalidJson('Invalid JSON payload received. Expected an object.');
      const scoreType = isObject(spec) ? spec.scoreType : undefined;
      if (scoreType !== undefined && scoreType !== 'PROBABILITY') {
        return badRequest(`Requested score type ${String(scoreType)} is not supported by attribute ${name}`);
      }
    }
    if (body.languages !== undefined && !Array.isArray(body.languages)) {
      return invalidJson('Invalid JSON payload received. Expected an array for "languages".');
    }
    const detected = detectLanguages(text);
    const explicit = Array.isArray(body.languages) && body.languages.length > 0;
    const effective = explicit ? (body.languages as unknown[]).map(String) : [detected[0]!];
    for (const name of Object.keys(requested)) {
      const supported = ATTRIBUTE_LANGUAGES[name]!;
      if (!effective.every((l) => supported.includes(l))) {
        return googleError(400, 'INVALID_ARGUMENT', `Attribute ${name} does not support request languages: ${effective.join(',')}`, [
          {
            '@type': 'type.googleapis.com/google.commentanalyzer.v1alpha1.Error',
            errorType: 'LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE',
            languageNotSupportedByAttributeError: explicit
              ? { requestedLanguages: effective, attribute: name }
              : { detectedLanguages: detected, attribute: name },
          },
        ]);
      }
    }
    const spans = body.spanAnnotations === true ? sentences(text) : [{ begin: 0, end: [...text].length, text }];
    const attributeScores: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(requested)) {
      const value = scoreFor(text, name, override);
      const threshold = isObject(spec) && typeof spec.scoreThreshold === 'number' ? spec.scoreThreshold : 0;
      if (value < threshold) continue;
      attributeScores[name] = {
        spanScores: spans.map((s) => ({
          begin: s.begin,
          end: s.end,
          score: { value: scoreFor(s.text, name, override), type: 'PROBABILITY' },
        })),
        summaryScore: { value, type: 'PROBABILITY' },
      };
    }
    const out: Record<string, unknown> = {};
    if (Object.keys(attributeScores).length > 0) out.attributeScores = attributeScores;
    out.languages = effective;
    out.detectedLanguages = detected;
    if (body.clientToken !== undefined) out.clientToken = body.clientToken;
    return json(200, out);
  };

  const control = (method: string, path: string, raw: string, res: http.ServerResponse): void => {
    if (method === 'GET' && path === '/__fake/requests') return send(res, json(200, requests));
    if (method === 'POST' && path === '/__fake/reset') {
      api.reset();
      return send(res, json(200, { ok: true }));
    }
    if (method === 'POST' && (path === '/__fake/enqueue' || path === '/__fake/default')) {
      const parsed = parseJson(raw);
      const list = Array.isArray(parsed) ? parsed : parsed === null && path === '/__fake/default' ? [] : [parsed];
      if (!list.every(isFault)) return send(res, json(400, { error: 'expected a fault or an array of faults' }));
      if (path === '/__fake/enqueue') queue.push(...(list as FakeFault[]));
      else defaultFault = (list[0] as FakeFault | undefined) ?? null;
      return send(res, json(200, { ok: true, queued: queue.length }));
    }
    send(res, json(404, { error: `unknown control path ${path}` }));
  };

  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler) : http.createServer(handler);
  const port = await listenLocal(server, options.port);
  const origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;

  const api: FakePerspective = {
    origin,
    port,
    requests,
    enqueue: (...faults) => void queue.push(...faults),
    setDefault: (fault) => void (defaultFault = fault),
    setOverride: (fn) => void (override = fn),
    reset: () => {
      requests.length = 0;
      queue = [];
      defaultFault = null;
      quotaHits = [];
    },
    close: () => leftovers.close(server),
  };
  return api;
}

// ---- replies -------------------------------------------------------------------------------

const send = (res: http.ServerResponse, reply: Reply): void => sendReply(res, reply);

function jsonText(status: number, body: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': 'application/json; charset=UTF-8', ...headers }, body };
}

function json(status: number, value: unknown): Reply {
  return jsonText(status, JSON.stringify(value));
}

function googleError(code: number, status: string, message: string, details?: unknown[], headers?: Record<string, string>): Reply {
  return jsonText(code, JSON.stringify({ error: { code, message, status, ...(details ? { details } : {}) } }), headers);
}

function badRequest(message: string): Reply {
  return googleError(400, 'INVALID_ARGUMENT', message);
}

function invalidJson(message: string): Reply {
  return googleError(400, 'INVALID_ARGUMENT', message);
}

function htmlReply(status: number, text: string): Reply {
  const body = `<!DOCTYPE html>\n<html lang=en>\n<meta charset=utf-8>\n<title>Error ${status} (Server Error)!!1</title>\n<p><b>${text}</b>\n<ins>That’s all we know.</ins>\n`;
  return { status, headers: { 'Content-Type': 'text/html; charset=UTF-8' }, body };
}

/** The Google JSON error a `{kind:'status'}` fault answers with. */
function statusReply(status: number, headers?: Record<string, string>): Reply {
  switch (status) {
    case 429:
      return googleError(429, 'RESOURCE_EXHAUSTED', QUOTA_MESSAGE, [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'RATE_LIMIT_EXCEEDED',
          domain: 'googleapis.com',
          metadata: {
            quota_limit: 'AnalyzeRequestsPerMinutePerProject',
            quota_limit_value: '60',
            quota_metric: 'CommentAnalyzerService/analyze_requests',
            service: 'commentanalyzer.googleapis.com',
            consumer: 'projects/123456789',
          },
        },
        { '@type': 'type.googleapis.com/google.rpc.Help', links: [{ description: 'Request a higher quota limit.', url: 'https://cloud.google.com/docs/quota' }] },
      ], headers);
    case 500:
      return googleError(500, 'INTERNAL', 'Internal error encountered.', undefined, headers);
    case 503:
      return googleError(503, 'UNAVAILABLE', 'The service is currently unavailable.', undefined, headers);
    case 403:
      return googleError(403, 'PERMISSION_DENIED',
        'Perspective Comment Analyzer API has not been used in project 123456789 before or it is disabled.',
        [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'SERVICE_DISABLED', domain: 'googleapis.com' }], headers);
    case 400:
      return googleError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.', undefined, headers);
    case 404:
      return googleError(404, 'NOT_FOUND', 'Requested entity was not found.', undefined, headers);
    default:
      return googleError(status, status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION', `Injected status ${status}.`, undefined, headers);
  }
}

// ---- text helpers --------------------------------------------------------------------------


function commentText(body: unknown): string {
  return isObject(body) && isObject(body.comment) && typeof body.comment.text === 'string' ? body.comment.text : '';
}

function directives(text: string, name: string): string[] {
  return [...text.matchAll(DIRECTIVE)].filter((m) => m[1] === name).map((m) => m[2]!.trim());
}

function stripDirectives(text: string): string {
  return text.replace(DIRECTIVE, ' ');
}

const FAULT_KINDS = new Set(['delay', 'hang', 'slowBody', 'status', 'html502', 'shutdown', 'reset', 'malformed', 'empty']);

function isFault(v: unknown): v is FakeFault {
  if (!isObject(v) || typeof v.kind !== 'string' || !FAULT_KINDS.has(v.kind)) return false;
  if ((v.kind === 'delay' || v.kind === 'slowBody') && typeof v.ms !== 'number') return false;
  if (v.kind === 'status' && typeof v.status !== 'number') return false;
  return true;
}

/** `[[fault:429]]`, `[[fault:status=503]]`, `[[fault:delay=1500]]`, `[[fault:hang]]`, ... */
export function directiveFault(text: string): FakeFault | null {
  const spec = directives(text, 'fault')[0];
  if (spec === undefined) return null;
  const [kind = '', arg] = spec.split('=').map((s) => s.trim());
  if (/^\d{3}$/.test(kind)) return { kind: 'status', status: Number(kind) };
  if (kind === 'status' && arg && /^\d{3}$/.test(arg)) return { kind: 'status', status: Number(arg) };
  if (kind === 'delay' || kind === 'slowBody') return { kind, ms: Number(arg ?? 1000) || 0 };
  if (kind === 'hang' || kind === 'html502' || kind === 'shutdown' || kind === 'reset' || kind === 'malformed' || kind === 'empty') {
    return { kind };
  }
  return null;
}

/** The fake's deterministic language "detector" (§4.4), most likely first. */
export function detectLanguages(text: string): string[] {
  const forced = directives(text, 'lang')[0];
  if (forced) return [forced];
  const t = stripDirectives(text);
  if (/\p{Script=Devanagari}/u.test(t)) return ['hi'];
  if (/\p{Script=Arabic}/u.test(t)) return ['ar'];
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(t)) return ['ja'];
  if (/\p{Script=Hangul}/u.test(t)) return ['ko'];
  if (/\p{Script=Han}/u.test(t)) return ['zh'];
  if (/\p{Script=Thai}/u.test(t)) return ['th'];
  if (/\p{Script=Tamil}/u.test(t)) return ['ta'];
  if (!/\p{L}/u.test(t)) return ['und'];
  const words = t.toLowerCase().match(/[a-z]+/g) ?? [];
  if (words.some((w) => HINGLISH_MARKERS.has(w))) return ['hi-Latn', 'en'];
  return ['en'];
}

function round8(v: number): number {
  const clamped = Math.min(1, Math.max(0, v));
  return Number(clamped.toPrecision(8));
}

/** Lexicon score: distinct hits drive it; sub-attributes run a little lower than TOXICITY. */
export function lexiconScore(text: string, attribute: string): number {
  const t = stripDirectives(text).toLowerCase();
  let hits = 0;
  for (const entry of LATIN_LEXICON) if (new RegExp(`\\b${entry}\\b`).test(t)) hits++;
  for (const entry of DEVANAGARI_LEXICON) if (t.includes(entry)) hits++;
  const base = Math.min(0.98, 0.02 + 0.35 * hits);
  return round8(attribute === 'TOXICITY' ? base : base * 0.8);
}

function scoreFor(text: string, attribute: string, override: ScoreOverride | null): number {
  const o = override?.(text);
  const fromOverride = o ? (o[attribute] ?? o['*']) : undefined;
  if (typeof fromOverride === 'number') return round8(fromOverride);
  for (const spec of directives(text, 'score')) {
    if (/^[\d.]+$/.test(spec)) return round8(Number(spec));
    for (const pair of spec.split(',')) {
      const [name, value] = pair.split('=').map((s) => s.trim());
      if (name === attribute && value !== undefined && value !== '') return round8(Number(value));
    }
  }
  return lexiconScore(text, attribute);
}

/** Sentence spans in code points: a break after . ! ? or । followed by whitespace or the end. */
function sentences(text: string): { begin: number; end: number; text: string }[] {
  const cps = [...text];
  const out: { begin: number; end: number; text: string }[] = [];
  let begin = 0;
  for (let i = 0; i < cps.length; i++) {
    const next = cps[i + 1];
    if ('.!?।'.includes(cps[i]!) && (next === undefined || /\s/u.test(next))) {
      out.push({ begin, end: i + 1, text: cps.slice(begin, i + 1).join('') });
      begin = i + 1;
    }
  }
  if (begin < cps.length) out.push({ begin, end: cps.length, text: cps.slice(begin).join('') });
  return out;
}

// ---- child-process mode: `node --import tsx tests/fakes/perspective.ts [port]` ---------------

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const fake = await startFakePerspective({ port: Number(process.argv[2] ?? 0) || 0, log: process.env.FAKE_LOG === '1' });
  process.stdout.write(`${JSON.stringify({ origin: fake.origin })}\n`);
  const stop = (): void => void fake.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
