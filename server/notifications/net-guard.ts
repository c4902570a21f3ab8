// Where webhooks may go: public addresses only (loopback too in development), checked on the
// address actually connected to, at delivery time, so a name that later resolves inside the
// newsroom's network (DNS rebinding) or a redirect cannot reach it.
import dns from 'node:dns';
import net from 'node:net';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

export type AddressKind = 'public' | 'loopback' | 'private' | 'link-local' | 'reserved';

const RANGES: Array<[AddressKind, string, number, 'ipv4' | 'ipv6']> = [
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['loopback', '::1', 128, 'ipv6'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['private', '100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
  ['private', 'fc00::', 7, 'ipv6'], // unique local
  ['private', '64:ff9b:1::', 48, 'ipv6'], // local-use NAT64 (RFC 8215): translates into the site's own IPv4 space
  ['link-local', '169.254.0.0', 16, 'ipv4'], // includes cloud metadata (169.254.169.254)
  ['link-local', 'fe80::', 10, 'ipv6'],
  ['reserved', '0.0.0.0', 8, 'ipv4'],
  ['reserved', '192.0.0.0', 24, 'ipv4'],
  ['reserved', '192.0.2.0', 24, 'ipv4'],
  ['reserved', '198.18.0.0', 15, 'ipv4'],
  ['reserved', '198.51.100.0', 24, 'ipv4'],
  ['reserved', '203.0.113.0', 24, 'ipv4'],
  ['reserved', '224.0.0.0', 4, 'ipv4'], // multicast
  ['reserved', '240.0.0.0', 4, 'ipv4'], // reserved and broadcast
  ['reserved', '::', 128, 'ipv6'],
  ['reserved', 'ff00::', 8, 'ipv6'], // multicast
  ['reserved', '2001:db8::', 32, 'ipv6'], // documentation
  ['reserved', 'fec0::', 10, 'ipv6'], // old site-local
  ['reserved', '2001::', 32, 'ipv6'], // Teredo: the IPv4 it tunnels to is hidden in the address
  ['reserved', '100::', 64, 'ipv6'], // discard-only
];

const lists = new Map<AddressKind, net.BlockList>();
for (const [kind, address, prefix, type] of RANGES) {
  let list = lists.get(kind);
  if (!list) lists.set(kind, (list = new net.BlockList()));
  list.addSubnet(address, prefix, type);
}

/** What kind of address an IP literal is; IPv4 inside IPv6 (mapped, NAT64, 6to4) counts as its IPv4. */
export function classifyAddress(ip: string): AddressKind {
  const family = net.isIP(ip);
  if (family === 0) return 'reserved';
  let address = ip;
  let type: 'ipv4' | 'ipv6' = family === 4 ? 'ipv4' : 'ipv6';
  if (type === 'ipv6') {
    const embedded = embeddedIpv4(ip);
    if (embedded) {
      address = embedded;
      type = 'ipv4';
    }
  }
  for (const [kind, list] of lists) if (list.check(address, type)) return kind;
  return 'public';
}

/**
 * The IPv4 address an IPv6 address carries, in every form a resolver may hand back: IPv4-mapped
 * (::ffff:0:0/96), IPv4-translated (::ffff:0:0:0/96), IPv4-compatible (::/96, deprecated), NAT64
 * (64:ff9b::/96) and 6to4 (2002::/16). Local-use NAT64 (64:ff9b:1::/48) may place the IPv4 address
 * anywhere in the address, so the whole prefix is private in RANGES instead.
 */
function embeddedIpv4(ip: string): string | null {
  const h = ipv6Hextets(ip);
  if (!h) return null;
  const zeros = (from: number, to: number) => h.slice(from, to).every((x) => x === 0);
  const last32 = () => hexPairToIpv4(h[6]!, h[7]!);
  if (zeros(0, 5) && h[5] === 0xffff) return last32(); // ::ffff:a.b.c.d
  if (zeros(0, 4) && h[4] === 0xffff && h[5] === 0) return last32(); // ::ffff:0:a.b.c.d
  if (zeros(0, 6) && (h[6] !== 0 || h[7]! > 1)) return last32(); // ::a.b.c.d (not :: or ::1)
  if (h[0] === 0x64 && h[1] === 0xff9b && zeros(2, 6)) return last32(); // 64:ff9b::a.b.c.d
  if (h[0] === 0x2002) return hexPairToIpv4(h[1]!, h[2]!); // 2002:AABB:CCDD::
  return null;
}

/** The eight 16-bit groups of an IPv6 literal (compressed or not, with or without a dotted tail). */
function ipv6Hextets(ip: string): number[] | null {
  let text = ip.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...new Array<number>(Math.max(0, fill)).fill(0), ...tail];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

function hexPairToIpv4(hi: number, lo: number): string {
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Why an address may not be connected to, or null when it may. */
export function refuseAddress(ip: string, development: boolean): string | null {
  const kind = classifyAddress(ip);
  if (kind === 'public' || (kind === 'loopback' && development)) return null;
  return `${ip} is a ${kind} address`;
}

export class BlockedAddressError extends Error {
  readonly code = 'EBLOCKED';
}

/** A URL's host as addresses are checked: IPv6 without brackets, a fully qualified name without its final dot ("localhost."). */
const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
const LOOPBACK_NAMES = /^(localhost|.+\.localhost)$/i;

/**
 * Checks an endpoint URL when it is saved: https (plain http only to loopback in development), no
 * credentials, and a host that is not a literal address or a name Parley would refuse. Returns the
 * normalized URL or throws with the reason. Delivery checks the resolved address again.
 */
export async function checkEndpointUrl(raw: string, development: boolean, lookup: typeof dns.promises.lookup = dns.promises.lookup): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BlockedAddressError('not a URL');
  }
  if (url.username || url.password) throw new BlockedAddressError('a webhook URL may not carry a user name or password');
  const host = hostOf(url);
  const literal = net.isIP(host) !== 0;
  const loopbackHost = literal ? classifyAddress(host) === 'loopback' : LOOPBACK_NAMES.test(host);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && development && loopbackHost)) {
    throw new BlockedAddressError(development ? 'use https (plain http only to this machine)' : 'use https');
  }
  if (literal) {
    const why = refuseAddress(host, development);
    if (why) throw new BlockedAddressError(why);
  } else {
    if (LOOPBACK_NAMES.test(host) && !development) throw new BlockedAddressError(`${host} is a loopback name`);
    // A name that does not resolve now may later; one that resolves somewhere refused is refused now.
    const addresses = await lookup(host, { all: true }).catch(() => []);
    for (const a of addresses) {
      const why = refuseAddress(a.address, development);
      if (why) throw new BlockedAddressError(`${host} resolves to ${why.replace(/^\S+ is /, '')}`);
    }
  }
  url.hash = '';
  return url.toString();
}

/** A dns lookup for http.request that refuses a name when any of its addresses is refused. */
export function guardedLookup(development: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as dns.LookupAddress[];
      for (const a of list) {
        const why = refuseAddress(a.address, development);
        if (why) return callback(new BlockedAddressError(`${hostname} resolves to ${why.replace(/^\S+ is /, '')}`), '', 0);
      }
      const first = list[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, first.address, first.family);
    });
  };
}

export interface PostResult {
  /** HTTP status, or null when no answer came (refused, timeout, network error). */
  status: number | null;
  /** The first bytes of the answer. */
  response: string | null;
  error: string | null;
  /** The address was refused: retrying will not help. */
  blocked: boolean;
  ms: number;
}

const MAX_RESPONSE_BYTES = 2048;

/** Keep-alive agents for webhook deliveries: a busy endpoint reuses its connections. */
export function createDeliveryAgents(): { http: http.Agent; https: https.Agent; destroy(): void } {
  const options = { keepAlive: true, maxSockets: 8, maxFreeSockets: 4, timeout: 30_000 };
  const agents = { http: new http.Agent(options), https: new https.Agent(options) };
  return { ...agents, destroy: () => (agents.http.destroy(), agents.https.destroy()) };
}

/**
 * POSTs a body to an endpoint with the address checks above, a deadline for the whole exchange,
 * no redirects followed (a 3xx is a failed attempt), and only the first bytes of the answer read.
 */
export function postGuarded(
  rawUrl: string,
  body: string,
  headers: Record<string, string>,
  options: { development: boolean; timeoutMs: number; agents?: { http: http.Agent; https: https.Agent } },
): Promise<PostResult> {
  const started = performance.now();
  const done = (r: Omit<PostResult, 'ms'>): PostResult => ({ ...r, ms: Math.round(performance.now() - started) });
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return Promise.resolve(done({ status: null, response: null, error: 'not a URL', blocked: true }));
  }
  const host = hostOf(url);
  const loopbackHost = net.isIP(host) ? classifyAddress(host) === 'loopback' : LOOPBACK_NAMES.test(host);
  if (loopbackHost && !options.development) {
    return Promise.resolve(done({ status: null, response: null, error: `refused: ${host} is a loopback address`, blocked: true }));
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && options.development && loopbackHost)) {
    return Promise.resolve(done({ status: null, response: null, error: 'refused: not https', blocked: true }));
  }
  if (net.isIP(host)) {
    const why = refuseAddress(host, options.development);
    if (why) return Promise.resolve(done({ status: null, response: null, error: `refused: ${why}`, blocked: true }));
  }
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: Omit<PostResult, 'ms'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(done(r));
    };
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Parley-Webhooks/1' },
        lookup: guardedLookup(options.development),
        // A kept-alive socket stays connected to the address checked when it was opened.
        agent: options.agents ? (url.protocol === 'https:' ? options.agents.https : options.agents.http) : false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const end = (early: boolean) => {
          const text = Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8');
          const status = res.statusCode ?? null;
          const ok = status !== null && status >= 200 && status < 300;
          const redirect = status !== null && status >= 300 && status < 400;
          finish({
            status,
            response: text,
            error: ok ? null : redirect ? `redirect to ${String(res.headers.location ?? '').slice(0, 200)} not followed` : `HTTP ${status}`,
            blocked: false,
          });
          // A long answer is cut (and its connection closed); a whole one leaves the socket reusable.
          if (early) res.destroy();
        };
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= MAX_RESPONSE_BYTES) end(true);
        });
        res.on('end', () => end(false));
        res.on('error', (err) => finish({ status: res.statusCode ?? null, response: null, error: err.message, blocked: false }));
      },
    );
    const timer = setTimeout(() => {
      finish({ status: null, response: null, error: `no answer within ${options.timeoutMs} ms`, blocked: false });
      req.destroy();
    }, options.timeoutMs);
    req.on('error', (err) => {
      const blocked = err instanceof BlockedAddressError || (err as { code?: string }).code === 'EBLOCKED';
      finish({ status: null, response: null, error: blocked ? `refused: ${err.message}` : err.message, blocked });
    });
    req.end(body);
  });
}
