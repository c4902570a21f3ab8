// The OpenAPIHono factory every API router uses, so validation failures render as our 422 envelope.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';
import { AppError, type FieldError } from '../errors.js';

interface Issue {
  path: PropertyKey[];
  code: string;
  message: string;
}

/** Turns zod issues into field errors named by their dotted path. */
export function issuesToFields(issues: readonly Issue[]): FieldError[] {
  return issues.map((i) => ({
    field: i.path.map(String).join('.') || '(body)',
    code: i.code === 'invalid_type' ? 'invalid_type' : i.code === 'too_big' ? 'too_long' : i.code === 'too_small' ? 'too_short' : 'invalid',
    message: i.message,
  }));
}

// A UTF-16 surrogate half without its partner: JSON.parse accepts "\ud800", but the text cannot be
// encoded as UTF-8 and PostgreSQL's JSON parser refuses it (a 500 without this check).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The dotted path of the first string (or key) in `value` holding a lone surrogate, or undefined. */
export function findIllFormed(value: unknown, path: string[] = [], depth = 0): string | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path.join('.') || '(body)' : undefined;
  if (value === null || typeof value !== 'object' || depth > 64) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = [...path, key];
    if (LONE_SURROGATE.test(key)) return at.join('.');
    const found = findIllFormed(item, at, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function createRouter<E extends Env = Env>(): OpenAPIHono<E> {
  return new OpenAPIHono<E>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = (result.error as { issues: Issue[] }).issues;
        throw new AppError('VALIDATION_FAILED', 'Some fields need attention.', { fields: issuesToFields(issues) });
      }
      // Every validated input (body, query, params) of every route passes here: one check for all.
      const field = findIllFormed(result.data);
      if (field !== undefined) {
        const message = 'Contains an unpaired UTF-16 surrogate (ill-formed text).';
        throw new AppError('VALIDATION_FAILED', 'Some fields need attention.', { fields: [{ field, code: 'ill_formed', message }] });
      }
    },
  });
}
