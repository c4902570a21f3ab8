// Pieces every admin router shares: response helpers for the OpenAPI document and common parameters.
import { z } from '@hono/zod-openapi';
import { ErrorSchema } from '../comments/dto.js';

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

/** The answers any authenticated admin call can give besides its success. */
export const adminErrors = {
  401: json(ErrorSchema, 'Not logged in (UNAUTHORIZED)'),
  403: json(ErrorSchema, 'CSRF_FAILED on a write without the token or from another origin; FORBIDDEN for admin-only calls'),
  404: json(ErrorSchema, 'Not found, or on a site the caller is not assigned to'),
  422: json(ErrorSchema, 'Invalid fields, each named'),
};

/**
 * An id in a path is digits and nothing else: Number() would also take "1 ", "+5", "0x10" and "1e3",
 * and the routes that look at the raw path (the import upload, isImportUpload) would then disagree
 * with the route about what was asked for.
 */
export const IdParam = z.object({
  id: z
    .string()
    .regex(/^\d{1,16}$/, 'Digits only.')
    .transform(Number)
    .pipe(z.number().int().positive().max(Number.MAX_SAFE_INTEGER))
    .openapi({ param: { name: 'id', in: 'path' }, example: '42', type: 'integer' }),
});

export const SlugParam = z.object({
  slug: z.string().min(1).max(64).openapi({ param: { name: 'slug', in: 'path' }, example: 'demo' }),
});

export const SiteFilter = z.string().min(1).max(64).optional().openapi({ description: 'Limit to one site (by slug)' });

export const Reason = z.string().trim().max(500).optional().openapi({ description: 'Why; kept in the audit log' });


export const conflict = (description: string) => json(ErrorSchema, `CONFLICT: ${description}`);
