// Admin site routes: everyone lists the sites they can see; only admins create and edit them.
import { createRoute, z } from '@hono/zod-openapi';
import type { AdminEnv } from '../auth/middleware.js';
import { LOCALES } from '../auth/accounts.js';
import { AdminSiteSchema } from '../admin/dto.js';
import { SLUG_PATTERN, createSite, listSites, settingsPatchInput, updateSite } from '../admin/sites.js';
import type { AppDeps } from '../deps.js';
import { WARNING_CODES } from '../lib/warnings.js';
import { createRouter } from '../lib/openapi.js';
import { SlugParam, adminErrors, body, conflict, json } from './admin-shared.js';

const Origins = z.array(z.string().max(300)).max(100).openapi({ description: 'http(s) origins; https://*.example.com allows subdomains' });
// Unknown keys are refused rather than dropped, so a typo in a setting's name is not silently ignored.
const SettingsPatch = settingsPatchInput;

const listRoute = createRoute({
  method: 'get',
  path: '/admin/sites',
  summary: 'Sites with their settings and embed snippet (moderators: their own, read-only), and (admins) what is misconfigured',
  responses: {
    200: json(
      z.object({
        sites: z.array(AdminSiteSchema),
        warnings: z
          .array(z.object({ code: z.enum(WARNING_CODES), message: z.string() }))
          .openapi({ description: "This process's configuration warnings (PUBLIC_URL unset, untrusted X-Forwarded-For, generated secret); empty for moderators" }),
      }),
      'Sites',
    ),
    401: adminErrors[401],
  },
});

const createSiteRoute = createRoute({
  method: 'post',
  path: '/admin/sites',
  summary: 'Create a site (admins)',
  request: body(
    z
      .object({
        slug: z.string().regex(SLUG_PATTERN, 'lower-case letters, digits and dashes (1 to 64)'),
        name: z.string().trim().min(1).max(200),
        allowedOrigins: Origins,
        locale: z.enum(LOCALES),
        settings: SettingsPatch.optional(),
      })
      .openapi('SiteInput'),
  ),
  responses: { 201: json(z.object({ site: AdminSiteSchema }), 'Created'), 409: conflict('the slug is taken'), ...adminErrors },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/admin/sites/{slug}',
  summary: 'Edit a site (admins); settings are merged into the stored ones',
  request: {
    params: SlugParam,
    ...body(
      z
        .object({
          name: z.string().trim().min(1).max(200).optional(),
          allowedOrigins: Origins.optional(),
          locale: z.enum(LOCALES).optional(),
          settings: SettingsPatch.optional(),
        })
        .openapi('SitePatch'),
    ),
  },
  responses: { 200: json(z.object({ site: AdminSiteSchema }), 'Updated'), ...adminErrors },
});

export function createAdminSitesRouter(deps: AppDeps) {
  const app = createRouter<AdminEnv>();

  app.openapi(listRoute, async (c) => {
    const warnings = c.get('auth').moderator.role === 'admin' ? deps.warnings.list() : [];
    return c.json({ sites: await listSites(deps, c.get('auth')), warnings }, 200);
  });

  app.openapi(createSiteRoute, async (c) => {
    const site = await createSite(deps, c.get('auth'), c.req.valid('json'));
    return c.json({ site }, 201);
  });

  app.openapi(patchRoute, async (c) => {
    const site = await updateSite(deps, c.get('auth'), c.req.valid('param').slug, c.req.valid('json'));
    return c.json({ site }, 200);
  });

  return app;
}
