// An offline, deterministic stand-in for OpenAI's moderation endpoint (POST /v1/moderations), speaking
// its wire format and reproducing its failures (429 with Retry-After, out of quota, 5xx, hangs and
// slow answers, resets, malformed or wrongly shaped JSON), so the scorer is tested without OpenAI.
//
// Scores: a `[[openai:harassment=0.9,violence=0.8]]` directive in the text sets categories; otherwise
// a small fixed lexicon scores it (see CUES). Faults: enqueue()/setDefault(), POST /__fake/enqueue,
// or a `[[fault:KIND]]` directive in the text (429, 500, 503, hang, delay=MS, malformed, shape, ...).

import http from 'node:http';
import { createLeftovers, isObject, listenLocal, parseJson, sendReply, type Reply } from './peer.js';
import { pathToFileURL } from 'node:url';

export const CATEGORIES = [
  'harassment', 'harassment/threatening', 'hate', 'hate/threatening', 'illicit', 'illicit/violent', 'self-harm',
  'self-harm/intent', 'self-harm/instructions', 'sexual', 'sexual/minors', 'violence', 'violence/graphic',
] as const;
export const MODELS = ['omni-moderation-2024-09-26', 'omni-moderation-latest', 'text-moderation-stable'];

export type OpenAiFault =
  | { kind: 'delay'; ms: number }
  | { kind: 'hang' }
  | { kind: 'slowBody'; ms: number }
  | { kind: 'status'; status: number; headers?: Record<string, string> }
  /** 429 with code insufficient_quota: the account has no credit (retrying cannot help). */
  | { kind: 'quota' }
  | { kind: 'reset' }
  | { kind: 'malformed' }
  | { kind: 'empty' }
  /** 200 with valid JSON of the wrong shape (no category_scores). */
  | { kind: 'shape' };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: unknown;
}

export interface FakeOpenAi {
  readonly origin: string;
  /** `${origin}/v1`, what OPENAI_BASE_URL points at. */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  enqueue(...faults: OpenAiFault[]): void;
  setDefault(fault: OpenAiFault | null): void;
  reset(): void;
  close(): Promise<void>;
}

// Cue words and the categories they raise: enough to tell a threat, an insult, hate and a war report apart.
const CUES: [RegExp, Partial<Record<(typeof CATEGORIES)[number], number>>][] = [
  [/\b(idiot|moron|clown|stupid)\b/i, { harassment: 0.82 }],
  [/\bkill you\b|\bbreak your legs\b|\bwe know where you live\b/i, { harassment: 0.9, 'harassment/threatening': 0.93, violence: 0.88 }],
  [/\b(vermin|animals|parasites)\b/i, { hate: 0.86, harassment: 0.6 }],
  [/\b(bomb|bombs|killed|war|airstrike)\b/i, { violence: 0.9 }],
];
const DIRECTIVE = /\[\[(openai|fault):([^\]]*)\]\]/g;

/** Starts the fake on 127.0.0.1 (ephemeral port). `keys`: accepted API keys (default ['sk-test-key']). */
export async function startFakeOpenAi(options: { keys?: string[]; port?: number } = {}): Promise<FakeOpenAi> {
  const keys = options.keys ?? ['sk-test-key'];
  const requests: RecordedRequest[] = [];
  let queue: OpenAiFault[] = [];
  let defaultFault: OpenAiFault | null = null;
  const leftovers = createLeftovers();
  const later = leftovers.later;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (path.startsWith('/__fake/')) return control(req.method ?? 'GET', path, raw, res);
      const body = parseJson(raw);
      requests.push({ method: req.method ?? 'GET', path, headers: req.headers, raw, body });
      leftovers.hold(res);
      const input = isObject(body) && typeof body.input === 'string' ? body.input : '';
      const fault = queue.shift() ?? defaultFault ?? directiveFault(input);
      if (!fault) return send(res, route(req, path, body));
      switch (fault.kind) {
        case 'delay':
          return later(fault.ms, () => send(res, route(req, path, body)));
        case 'hang':
          return; // held by `leftovers`; close() destroys it
        case 'slowBody': {
          const reply = route(req, path, body);
          res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(reply.body)) });
          res.write(reply.body.slice(0, 10));
          return later(fault.ms, () => res.end(reply.body.slice(10)));
        }
        case 'status':
          return send(res, statusReply(fault.status, fault.headers));
        case 'quota':
          return send(res, error(429, 'You exceeded your current quota, please check your plan and billing details.', 'insufficient_quota', 'insufficient_quota'));
        case 'reset':
          req.socket.destroy();
          return;
        case 'malformed':
          return send(res, { status: 200, headers: {}, body: '{"id":"modr-1","results":[{"flagged":fal' });
        case 'empty':
          return send(res, { status: 200, headers: {}, body: '' });
        case 'shape':
          return send(res, json(200, { id: 'modr-1', model: MODELS[0], results: [{ flagged: false, categories: {} }] }));
      }
    });
  });

  /** The real endpoint's checks, in its order: key, route, JSON, model, input. */
  const route = (req: http.IncomingMessage, path: string, body: unknown): Reply => {
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ')) {
      return error(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth.", 'invalid_request_error', null);
    }
    const key = auth.slice(7);
    if (!keys.includes(key)) {
      // OpenAI echoes a masked key; the scorer must not add the real one.
      return error(401, `Incorrect API key provided: ${key.slice(0, 3)}*****${key.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_request_error', 'invalid_api_key');
    }
    if (req.method !== 'POST' || path !== '/v1/moderations') return error(404, `Invalid URL (${req.method} ${path})`, 'invalid_request_error', null);
    if (!isObject(body)) return error(400, 'We could not parse the JSON body of your request.', 'invalid_request_error', null);
    const model = body.model ?? 'omni-moderation-latest';
    if (typeof model !== 'string' || !MODELS.includes(model)) {
      return error(404, `The model \`${String(model)}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found');
    }
    const inputs = typeof body.input === 'string' ? [body.input] : Array.isArray(body.input) ? body.input : null;
    if (!inputs || inputs.length === 0 || !inputs.every((i) => typeof i === 'string')) {
      return error(400, "'input' is a required property", 'invalid_request_error', null);
    }
    return json(200, {
      id: `modr-${requests.length}`,
      model: model === 'omni-moderation-latest' ? MODELS[0] : model,
      results: (inputs as string[]).map((text) => {
        const scores = scoresFor(text);
        return {
          flagged: Object.values(scores).some((v) => v >= 0.5),
          categories: Object.fromEntries(CATEGORIES.map((c) => [c, scores[c]! >= 0.5])),
          category_scores: scores,
          category_applied_input_types: Object.fromEntries(CATEGORIES.map((c) => [c, ['text']])),
        };
      }),
    });
  };

  const control = (method: string, path: string, raw: string, res: http.ServerResponse): void => {
    if (method === 'GET' && path === '/__fake/requests') return send(res, json(200, requests));
    if (method === 'POST' && path === '/__fake/reset') {
      api.reset();
      return send(res, json(200, { ok: true }));
    }
    if (method === 'POST' && path === '/__fake/enqueue') {
      const parsed = parseJson(raw);
      queue.push(...((Array.isArray(parsed) ? parsed : [parsed]) as OpenAiFault[]));
      return send(res, json(200, { ok: true, queued: queue.length }));
    }
    send(res, json(404, { error: `unknown control path ${path}` }));
  };

  const origin = `http://127.0.0.1:${await listenLocal(server, options.port)}`;
  const api: FakeOpenAi = {
    origin,
    baseUrl: `${origin}/v1`,
    requests,
    enqueue: (...faults) => void queue.push(...faults),
    setDefault: (fault) => void (defaultFault = fault),
    reset: () => {
      requests.length = 0;
      queue = [];
      defaultFault = null;
    },
    close: () => leftovers.close(server),
  };
  return api;
}

/** OpenAI answers JSON unless a reply says otherwise (the 502 page of its proxy). */
function send(res: http.ServerResponse, reply: Reply): void {
  sendReply(res, reply, { 'content-type': 'application/json' });
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers, body: JSON.stringify(value) };
}

function error(status: number, message: string, type: string, code: string | null, headers: Record<string, string> = {}): Reply {
  return json(status, { error: { message, type, param: null, code } }, headers);
}

/** The error a `{kind:'status'}` fault answers with, as OpenAI words it. */
function statusReply(status: number, headers: Record<string, string> = {}): Reply {
  switch (status) {
    case 429:
      return error(429, 'Rate limit reached for omni-moderation-2024-09-26 on requests per min (RPM): Limit 250, Used 250, Requested 1.', 'requests', 'rate_limit_exceeded', headers);
    case 500:
      return error(500, 'The server had an error while processing your request. Sorry about that!', 'server_error', null, headers);
    case 502:
      return { status: 502, headers: { 'content-type': 'text/html', ...headers }, body: '<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>' };
    case 503:
      return error(503, 'The engine is currently overloaded, please try again later.', 'server_error', null, headers);
    default:
      return error(status, `Injected status ${status}.`, status >= 500 ? 'server_error' : 'invalid_request_error', null, headers);
  }
}

/** `[[fault:429]]`, `[[fault:503]]`, `[[fault:hang]]`, `[[fault:delay=1500]]`, `[[fault:quota]]`, `[[fault:shape]]`, ... */
export function directiveFault(text: string): OpenAiFault | null {
  const spec = [...text.matchAll(DIRECTIVE)].find((m) => m[1] === 'fault')?.[2]?.trim();
  if (spec === undefined) return null;
  const [kind = '', arg] = spec.split('=').map((s) => s.trim());
  if (/^\d{3}$/.test(kind)) return { kind: 'status', status: Number(kind) };
  if (kind === 'delay' || kind === 'slowBody') return { kind, ms: Number(arg ?? 1000) || 0 };
  if (['hang', 'quota', 'reset', 'malformed', 'empty', 'shape'].includes(kind)) return { kind } as OpenAiFault;
  return null;
}

/** Deterministic category scores: the text's `[[openai:...]]` directive, else its cue words, else near zero. */
export function scoresFor(text: string): Record<string, number> {
  const scores: Record<string, number> = Object.fromEntries(CATEGORIES.map((c, i) => [c, Number((0.0001 * (i + 1)).toFixed(6))]));
  const spec = [...text.matchAll(DIRECTIVE)].find((m) => m[1] === 'openai')?.[2];
  if (spec !== undefined) {
    for (const pair of spec.split(',')) {
      const [name, value] = pair.split('=').map((s) => s.trim());
      if (name && name in scores && value !== undefined && value !== '') scores[name] = Number(value);
    }
    return scores;
  }
  for (const [cue, raised] of CUES) {
    if (!cue.test(text)) continue;
    for (const [name, value] of Object.entries(raised)) scores[name] = Math.max(scores[name]!, value);
  }
  return scores;
}

// Child-process mode: `node --import tsx tests/fakes/openai.ts [port]` prints {"origin": ...}.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const fake = await startFakeOpenAi({ port: Number(process.argv[2] ?? 0) || 0 });
  process.stdout.write(`${JSON.stringify({ origin: fake.origin, baseUrl: fake.baseUrl })}\n`);
  const stop = (): void => void fake.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
