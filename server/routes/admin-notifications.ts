// Admin notification routes: whether email is on, each moderator's alert settings, and (admins)
// the sites' webhook endpoints with their delivery logs, test events and secret rotation.
import { createRoute, z } from '@hono/zod-openapi';
import type { AdminEnv } from '../auth/middleware.js';
import type { AppDeps } from '../deps.js';
import { createRouter } from '../lib/openapi.js';
import { CADENCES, listAlertSettings, setAlertSettings } from '../notifications/alerts.js';
import { countOutboxBacklog } from '../notifications/outbox.js';
import {
  WEBHOOK_EVENTS,
  WEBHOOK_FORMATS,
  createEndpoint,
  deleteEndpoint,
  listDeliveries,
  listEndpoints,
  rotateSecret,
  sendTestEvent,
  updateEndpoint,
} from '../notifications/webhooks.js';
import { IdParam, SlugParam, adminErrors, body, conflict, json } from './admin-shared.js';

const Cadence = z.enum(CADENCES);
const AlertSettingSchema = z.object({ site: z.string(), name: z.string(), cadence: Cadence }).openapi('AlertSetting');

const Events = z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length);
const EndpointSchema = z
  .object({
    id: z.number().int(),
    site: z.string(),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    format: z.enum(WEBHOOK_FORMATS),
    description: z.string().nullable(),
    enabled: z.boolean(),
    previousSecretUntil: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('WebhookEndpoint');
const WithSecret = z.object({
  endpoint: EndpointSchema,
  secret: z.string().openapi({ description: 'whsec_…: shown only in this answer; store it in the receiver' }),
});
const AttemptSchema = z.object({ at: z.string(), status: z.number().int().nullable(), error: z.string().nullable(), response: z.string().nullable(), ms: z.number() });
const DeliverySchema = z
  .object({
    id: z.number().int(),
    messageId: z.string(),
    type: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
    log: z.array(AttemptSchema),
  })
  .openapi('WebhookDelivery');

const statusRoute = createRoute({
  method: 'get',
  path: '/admin/notifications',
  summary: 'Whether notification emails are on (SMTP_URL), and (admins) the outbox backlog of every site',
  responses: {
    200: json(
      z.object({
        email: z.boolean(),
        from: z.string().nullable(),
        backlog: z
          .object({ events: z.number(), mails: z.number(), mailsDue: z.number(), deliveries: z.number(), oldestSeconds: z.number() })
          .nullable()
          .openapi({ description: 'Counted over every site, so shown to admins only (null for moderators)' }),
      }),
      'Status',
    ),
    401: adminErrors[401],
  },
});

const alertsRoute = createRoute({
  method: 'get',
  path: '/admin/alerts',
  summary: "The caller's alert setting for each of their sites (held and reported comments)",
  responses: { 200: json(z.object({ alerts: z.array(AlertSettingSchema) }), 'Settings'), 401: adminErrors[401] },
});

const putAlertsRoute = createRoute({
  method: 'put',
  path: '/admin/alerts',
  summary: "Set the caller's alert settings (immediately, hourly, daily or never) for some of their sites",
  request: body(z.object({ alerts: z.array(z.object({ site: z.string().min(1).max(64), cadence: Cadence })).max(1000) }).openapi('AlertSettingsInput')),
  responses: { 200: json(z.object({ alerts: z.array(AlertSettingSchema) }), 'Saved'), ...adminErrors },
});

const listRoute = createRoute({
  method: 'get',
  path: '/admin/sites/{slug}/webhooks',
  summary: "A site's webhook endpoints (admins); secrets are never listed",
  request: { params: SlugParam },
  responses: { 200: json(z.object({ endpoints: z.array(EndpointSchema) }), 'Endpoints'), ...adminErrors },
});

const EndpointInput = z
  .object({
    url: z.string().min(8).max(2000).openapi({ description: 'https (plain http only to this machine in development); public addresses only' }),
    events: Events,
    format: z.enum(WEBHOOK_FORMATS).default('standard'),
    description: z.string().trim().max(200).nullable().optional(),
  })
  .openapi('WebhookEndpointInput');

const createEndpointRoute = createRoute({
  method: 'post',
  path: '/admin/sites/{slug}/webhooks',
  summary: 'Add a webhook endpoint (admins); the answer shows its signing secret, once',
  request: { params: SlugParam, ...body(EndpointInput) },
  responses: { 201: json(WithSecret, 'Created'), 409: conflict('the site has the most endpoints allowed'), ...adminErrors },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/admin/webhooks/{id}',
  summary: 'Change an endpoint: URL, events, format, description, enabled',
  request: {
    params: IdParam,
    ...body(
      z
        .object({
          url: EndpointInput.shape.url.optional(),
          events: Events.optional(),
          format: z.enum(WEBHOOK_FORMATS).optional(),
          description: z.string().trim().max(200).nullable().optional(),
          enabled: z.boolean().optional(),
        })
        .openapi('WebhookEndpointPatch'),
    ),
  },
  responses: { 200: json(z.object({ endpoint: EndpointSchema }), 'Updated'), ...adminErrors },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/admin/webhooks/{id}',
  summary: 'Remove an endpoint and its delivery log',
  request: { params: IdParam },
  responses: { 204: { description: 'Removed' }, ...adminErrors },
});

const rotateRoute = createRoute({
  method: 'post',
  path: '/admin/webhooks/{id}/rotate',
  summary: 'A new signing secret, shown once; the old one also signs for 24 hours',
  request: { params: IdParam },
  responses: { 200: json(WithSecret, 'Rotated'), ...adminErrors },
});

const deliveriesRoute = createRoute({
  method: 'get',
  path: '/admin/webhooks/{id}/deliveries',
  summary: "The endpoint's latest 50 deliveries, newest first, with their last responses",
  request: { params: IdParam },
  responses: { 200: json(z.object({ deliveries: z.array(DeliverySchema) }), 'Deliveries'), ...adminErrors },
});

const testRoute = createRoute({
  method: 'post',
  path: '/admin/webhooks/{id}/test',
  summary: 'Send a test event (type parley.test) to the endpoint now',
  request: { params: IdParam },
  responses: { 202: json(z.object({ delivery: DeliverySchema }), 'Queued'), ...adminErrors },
});

export function createAdminNotificationsRouter(deps: AppDeps) {
  const app = createRouter<AdminEnv>();

  app.openapi(statusRoute, async (c) => {
    // The backlog counts every site's mail and deliveries; a moderator sees only their own sites.
    const backlog = c.get('auth').moderator.role === 'admin' ? await countOutboxBacklog(deps) : null;
    return c.json({ email: deps.mailer.enabled, from: deps.mailer.enabled ? deps.config.mailFrom : null, backlog }, 200);
  });

  app.openapi(alertsRoute, async (c) => c.json({ alerts: await listAlertSettings(deps.db, c.get('auth')) }, 200));

  app.openapi(putAlertsRoute, async (c) => {
    await setAlertSettings(deps.db, c.get('auth'), c.req.valid('json').alerts);
    return c.json({ alerts: await listAlertSettings(deps.db, c.get('auth')) }, 200);
  });

  app.openapi(listRoute, async (c) => c.json({ endpoints: await listEndpoints(deps, c.get('auth'), c.req.valid('param').slug) }, 200));

  app.openapi(createEndpointRoute, async (c) => {
    const input = c.req.valid('json');
    return c.json(await createEndpoint(deps, c.get('auth'), c.req.valid('param').slug, input), 201);
  });

  app.openapi(patchRoute, async (c) => c.json({ endpoint: await updateEndpoint(deps, c.get('auth'), c.req.valid('param').id, c.req.valid('json')) }, 200));

  app.openapi(deleteRoute, async (c) => {
    await deleteEndpoint(deps, c.get('auth'), c.req.valid('param').id);
    return c.body(null, 204) as never;
  });

  app.openapi(rotateRoute, async (c) => c.json(await rotateSecret(deps, c.get('auth'), c.req.valid('param').id), 200));

  app.openapi(deliveriesRoute, async (c) => c.json({ deliveries: await listDeliveries(deps, c.get('auth'), c.req.valid('param').id) }, 200));

  app.openapi(testRoute, async (c) => {
    const delivery = await sendTestEvent(deps, c.get('auth'), c.req.valid('param').id);
    deps.wakeOutbox();
    return c.json({ delivery }, 202);
  });

  return app;
}
