// Misconfigurations an operator should hear about: printed at start (or once, when first seen) and
// listed on the admin view's site page. Messages name settings, never their values.
import type { MiddlewareHandler } from 'hono';
import type { Config } from '../config.js';
import type { Logger } from './log.js';

export const WARNING_CODES = ['PUBLIC_URL_UNSET', 'PROXY_HOPS_UNTRUSTED', 'SECRET_GENERATED'] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface InstanceWarning {
  code: WarningCode;
  message: string;
}

export interface InstanceWarnings {
  /** Records a warning and logs it; false (and nothing logged) when it was already recorded. */
  add(code: WarningCode, message: string): boolean;
  list(): InstanceWarning[];
}

export function createInstanceWarnings(logger: Pick<Logger, 'warn'>): InstanceWarnings {
  const seen = new Map<WarningCode, InstanceWarning>();
  return {
    add(code, message) {
      if (seen.has(code)) return false;
      seen.set(code, { code, message });
      logger.warn({ code }, message);
      return true;
    },
    list: () => [...seen.values()],
  };
}

/** Whether a bind address only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || /^127\./.test(h) || h === '::1';
}

/** The warnings known at start, from the configuration and what the database step found. */
export function startupWarnings(config: Config, found: { driver: 'postgres' | 'pglite'; secretGenerated: boolean }): InstanceWarning[] {
  const warnings: InstanceWarning[] = [];
  if (config.PUBLIC_URL === undefined && !isLoopbackHost(config.HOST)) {
    warnings.push({
      code: 'PUBLIC_URL_UNSET',
      message:
        `PUBLIC_URL is not set while Parley listens on ${config.HOST}: embed snippets, email links and the admin view ` +
        `point at localhost, which readers cannot reach. Set PUBLIC_URL to the address readers use (https://comments.example.com).`,
    });
  }
  if (found.driver === 'postgres' && found.secretGenerated) {
    warnings.push({
      code: 'SECRET_GENERATED',
      message:
        'PARLEY_SECRET is not set: Parley uses a secret it generated and stored in the database, so anyone with a copy of the ' +
        'database (a backup) can recompute address hashes and author tokens. Set PARLEY_SECRET (32+ characters, the same in every process).',
    });
  }
  return warnings;
}

export const PROXY_HOPS_MESSAGE =
  'A request arrived with X-Forwarded-For while PARLEY_TRUST_PROXY_HOPS is 0: every reader behind that proxy shares its address ' +
  'for flood control, bans and the duplicate check. Set PARLEY_TRUST_PROXY_HOPS to the number of proxies in front of Parley ' +
  '(1 for one load balancer or CDN, 2 for a CDN in front of a load balancer); leave it at 0 if Parley faces readers directly.';

/** Warns once per process when requests carry X-Forwarded-For that no trusted hop explains. */
export function warnUntrustedForwarding(config: Pick<Config, 'PARLEY_TRUST_PROXY_HOPS'>, warnings: InstanceWarnings): MiddlewareHandler {
  let warned = config.PARLEY_TRUST_PROXY_HOPS > 0;
  return function checkForwarding(c, next) {
    if (!warned && c.req.header('x-forwarded-for') !== undefined) {
      warned = true;
      warnings.add('PROXY_HOPS_UNTRUSTED', PROXY_HOPS_MESSAGE);
    }
    return next();
  };
}
