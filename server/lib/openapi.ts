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

export function createRouter<E extends Env = Env>(): OpenAPIHono<E> {
  return new OpenAPIHono<E>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = (result.error as { issues: Issue[] }).issues;
        throw new AppError('VALIDATION_FAILED', 'Some fields need attention.', { fields: issuesToFields(issues) });
      }
    },
  });
}
