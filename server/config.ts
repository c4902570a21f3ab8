// Every setting Parley reads from the environment, parsed once by a pure function.
import { z } from 'zod';
import { isValidEmail } from './auth/accounts.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));
/** The scorers PARLEY_SCORER may name. */
export const SCORER_NAMES = ['lexicon', 'perspective', 'openai', 'none'] as const;

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/**
 * The environment schema. `secret: true` in the description marks values that must never be logged.
 * The README's configuration table lists the same keys with the same defaults.
 */
export const envSchema = z.object({
  PORT: int(0, 65535).default(3000).describe('TCP port to listen on'),
  HOST: z.string().min(1).default('127.0.0.1').describe('Interface to bind'),
  PUBLIC_URL: z.url().optional().describe('Public origin of this server (default http://localhost:PORT)'),
  DATABASE_URL: z.string().min(1).optional().describe('PostgreSQL URL; unset means embedded PGlite'),
  PARLEY_DATA_DIR: z.string().min(1).default('./data').describe('PGlite data directory'),
  DB_POOL_MAX: int(1, 200).default(10).describe('postgres.js pool size'),
  PARLEY_SECRET: z.string().min(32).optional().describe('secret: server secret for hashing IPs and tokens'),
  PARLEY_TRUST_PROXY_HOPS: int(0, 10).default(0).describe('How many proxies in X-Forwarded-For to trust'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PARLEY_BODY_LIMIT_BYTES: int(1024, 10_000_000).default(65_536).describe('Largest request body accepted'),
  PARLEY_IMPORT_MAX_BYTES: int(1024, 100 * 2 ** 30).default(2 ** 30).describe('Largest file the admin import upload accepts (streamed, never held whole)'),
  PARLEY_DEMO: bool.default(true).describe('Create the demo site and serve /demo'),
  PARLEY_SHUTDOWN_TIMEOUT_MS: int(0, 120_000).default(10_000),
  PARLEY_REQUEST_TIMEOUT_MS: int(100, 300_000).default(10_000).describe('Longest an API request may take before a 503'),
  PARLEY_SCORER: list
    .pipe(z.array(z.enum(SCORER_NAMES)).min(1))
    .default(['lexicon'])
    .describe('Scorers, comma-separated (lexicon, perspective, openai, none); several are combined'),
  PARLEY_SCORER_THREADS: int(0, 16).default(0).describe('Worker threads the lexicon scorer runs on (0: on the main thread)'),
  PERSPECTIVE_API_KEY: z.string().min(1).optional().describe('secret: Perspective API key'),
  PERSPECTIVE_BASE_URL: z.url().optional().describe('Perspective-compatible endpoint origin'),
  PERSPECTIVE_ATTRIBUTES: list.default(['TOXICITY', 'SEVERE_TOXICITY', 'INSULT', 'THREAT', 'IDENTITY_ATTACK', 'PROFANITY']),
  PERSPECTIVE_TIMEOUT_MS: int(50, 30_000).default(800),
  PERSPECTIVE_QPS: z.coerce.number().positive().max(1000).default(1),
  OPENAI_API_KEY: z.string().min(1).optional().describe('secret: OpenAI API key (the moderation endpoint is free)'),
  OPENAI_BASE_URL: z.url().default('https://api.openai.com/v1').describe('OpenAI-compatible API base URL, as OpenAI SDKs read it'),
  OPENAI_MODERATION_MODEL: z.string().min(1).default('omni-moderation-2024-09-26').describe('A dated snapshot, so scores do not drift'),
  OPENAI_TIMEOUT_MS: int(50, 30_000).default(1500),
  OPENAI_QPS: z.coerce.number().positive().max(1000).default(4),
  PARLEY_RESCORE_INTERVAL_MS: int(100, 3_600_000).default(5000).describe('How often the re-scoring worker polls'),
  // The rule staff accounts use (auth/accounts.ts), looser than z.email(): admin@localhost, the default, is valid.
  PARLEY_ADMIN_EMAIL: z
    .string()
    .refine((v) => isValidEmail(v.trim().toLowerCase()), 'must be an email address')
    .optional()
    .describe('First admin created on first start'),
  PARLEY_ADMIN_PASSWORD: z.string().min(8).optional().describe('secret: first admin password'),
  PARLEY_SESSION_TTL_HOURS: int(1, 24 * 90).default(24 * 7),
  PARLEY_SESSION_IDLE_MINUTES: int(1, 24 * 60 * 30).default(120),
  PARLEY_THREAD_CACHE_ENTRIES: int(0, 1_000_000).default(2000),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be smtp://[user:pass@]host[:port] or smtps://...')
    .optional()
    .describe('secret: SMTP server for notification emails (its password included); unset: no emails'),
  MAIL_FROM: z.string().min(3).max(300).optional().describe('From address of notification emails'),
  PARLEY_NOTIFY_INTERVAL_MS: int(50, 3_600_000).default(1000).describe('How often the notifications worker looks for due work'),
  PARLEY_OUTBOX_LEASE_SECONDS: int(1, 3600).default(120).describe('How long a claimed email or delivery stays with the process that claimed it'),
  PARLEY_MAIL_PER_HOUR: int(1, 1000).default(10).describe('Most emails one address receives in an hour'),
  PARLEY_MAIL_THREAD_MINUTES: int(0, 1440).default(10).describe('Least time between two emails to a reader about one thread'),
  PARLEY_SCORER_ALERT_MINUTES: int(0, 10_080).default(15).describe('Alert admins when the scorer is unavailable this long; 0: never'),
  PARLEY_WEBHOOK_TIMEOUT_MS: int(100, 60_000).default(10_000).describe('Deadline of one webhook delivery attempt'),
  PARLEY_STREAMS_PER_ADDRESS: int(1, 100_000).default(50).describe('Live event streams one client address may hold open (429 past it)'),
  PARLEY_STREAMS_MAX: int(1, 1_000_000).default(10_000).describe('Live event streams one process holds open in total (503 past it)'),
  PARLEY_METRICS_TOKEN: z
    .string()
    .min(16)
    .optional()
    .describe('secret: bearer token that GET /metrics requires; unset: no /metrics (404)'),
  PARLEY_STREAM_LIFETIME_MS: int(1000, 86_400_000).default(900_000).describe('Longest an event stream stays open before the client reconnects'),
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Env {
  publicUrl: string;
  /** True when the public URL is https, so cookies get Secure. */
  secureCookies: boolean;
  /**
   * Development: the public URL is a loopback address (localhost), so Parley is reachable only from
   * this machine. Only then may webhooks go to loopback addresses (and over plain http).
   */
  development: boolean;
  /** The From address of notification emails (MAIL_FROM, else noreply@ the public host). */
  mailFrom: string;
}

/** Env keys whose values must never reach a log line or a response. */
export const SECRET_ENV_KEYS = ['PARLEY_SECRET', 'PERSPECTIVE_API_KEY', 'OPENAI_API_KEY', 'PARLEY_ADMIN_PASSWORD', 'DATABASE_URL', 'SMTP_URL', 'PARLEY_METRICS_TOKEN'] as const;

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError naming each bad key (never its value). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const cfg = parsed.data;
  const problems: string[] = [];
  const scorers = cfg.PARLEY_SCORER;
  if (scorers.includes('none') && scorers.length > 1) problems.push('PARLEY_SCORER: none cannot be combined with other scorers');
  if (new Set(scorers).size !== scorers.length) problems.push('PARLEY_SCORER: a scorer is listed twice');
  if (scorers.includes('perspective') && !cfg.PERSPECTIVE_API_KEY) problems.push('PERSPECTIVE_API_KEY: required when PARLEY_SCORER includes perspective');
  if (scorers.includes('openai') && !cfg.OPENAI_API_KEY) problems.push('OPENAI_API_KEY: required when PARLEY_SCORER includes openai');
  if (problems.length) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  const publicUrl = (cfg.PUBLIC_URL ?? `http://localhost:${cfg.PORT}`).replace(/\/+$/, '');
  const host = new URL(publicUrl).hostname.replace(/^\[|\]$/g, '');
  const development = host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1';
  const mailFrom = cfg.MAIL_FROM ?? `Parley <noreply@${development ? 'localhost' : host}>`;
  return { ...cfg, publicUrl, secureCookies: publicUrl.startsWith('https:'), development, mailFrom };
}
