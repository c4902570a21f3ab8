// Webhook endpoints (admins, per site) and what is sent to them: Standard Webhooks JSON of ids and
// public fields, or a Slack-compatible message with a link.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { webhookDeliveries, webhookEndpoints, type DeliveryAttempt } from '../db/schema.js';
import type { AdminAuth } from '../auth/middleware.js';
import { canSeeSite, requireAdmin, requireVisibleSite } from '../admin/access.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { BlockedAddressError, checkEndpointUrl } from './net-guard.js';
import { createSecret } from './signing.js';
import { randomToken } from '../lib/crypto.js';

export const WEBHOOK_EVENTS = [
  'comment.created',
  'comment.approved',
  'comment.rejected',
  'comment.spam',
  'comment.reported',
  'comment.deleted',
  'article.closed',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const WEBHOOK_FORMATS = ['standard', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];
export const TEST_EVENT = 'parley.test';
export const MAX_ENDPOINTS_PER_SITE = 20;
/** Largest body sent; a longer comment text is cut to fit (data.comment.truncated). */
export const MAX_PAYLOAD_BYTES = 64 * 1024;
/** After a rotation, deliveries are signed with the old secret too for this long. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

type Deps = Pick<AppDeps, 'db' | 'siteCache' | 'config' | 'now'>;
type EndpointRow = typeof webhookEndpoints.$inferSelect;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;

export interface EndpointDto {
  id: number;
  site: string;
  url: string;
  events: WebhookEvent[];
  format: WebhookFormat;
  description: string | null;
  enabled: boolean;
  /** Deliveries are signed with the previous secret as well until then (after a rotation). */
  previousSecretUntil: string | null;
  createdAt: string;
}

export interface DeliveryDto {
  id: number;
  messageId: string;
  type: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
  log: DeliveryAttempt[];
}

function toEndpointDto(row: EndpointRow, slug: string): EndpointDto {
  return {
    id: row.id,
    site: slug,
    url: row.url,
    events: row.events as WebhookEvent[],
    format: row.format as WebhookFormat,
    description: row.description,
    enabled: row.disabledAt === null,
    previousSecretUntil: row.previousUntil?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toDeliveryDto(row: DeliveryRow): DeliveryDto {
  return {
    id: row.id,
    messageId: row.messageId,
    type: row.type,
    status: row.status as DeliveryDto['status'],
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    log: row.log,
  };
}

async function checkUrl(deps: Deps, url: string): Promise<string> {
  try {
    return await checkEndpointUrl(url, deps.config.development);
  } catch (err) {
    if (!(err instanceof BlockedAddressError)) throw err;
    throw new AppError('VALIDATION_FAILED', 'Some fields need attention.', { fields: [{ field: 'url', code: 'invalid', message: `Refused: ${err.message}.` }] });
  }
}

export async function listEndpoints(deps: Deps, auth: AdminAuth, slug: string): Promise<EndpointDto[]> {
  requireAdmin(auth);
  const site = await requireVisibleSite(deps, auth, slug);
  const rows = await deps.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.siteId, site.id)).orderBy(webhookEndpoints.id);
  return rows.map((r) => toEndpointDto(r, site.slug));
}

export interface EndpointInput {
  url: string;
  events: WebhookEvent[];
  format: WebhookFormat;
  description?: string | null;
}

/** Adds an endpoint; the answer carries its secret, which is never shown again. */
export async function createEndpoint(deps: Deps, auth: AdminAuth, slug: string, input: EndpointInput): Promise<{ endpoint: EndpointDto; secret: string }> {
  requireAdmin(auth);
  const site = await requireVisibleSite(deps, auth, slug);
  const url = await checkUrl(deps, input.url);
  const [count] = await deps.db.select({ n: sql<number>`count(*)::int` }).from(webhookEndpoints).where(eq(webhookEndpoints.siteId, site.id));
  if (Number(count?.n ?? 0) >= MAX_ENDPOINTS_PER_SITE) {
    throw new AppError('CONFLICT', `A site can have at most ${MAX_ENDPOINTS_PER_SITE} webhook endpoints.`);
  }
  const secret = createSecret();
  const [row] = await deps.db
    .insert(webhookEndpoints)
    .values({ siteId: site.id, url, events: [...new Set(input.events)], format: input.format, description: input.description ?? null, secret, createdAt: deps.now() })
    .returning();
  return { endpoint: toEndpointDto(row!, site.slug), secret };
}

/** The endpoint if the caller (an admin) may manage it, with its site's slug. */
async function requireEndpoint(deps: Deps, auth: AdminAuth, id: number): Promise<{ row: EndpointRow; slug: string }> {
  requireAdmin(auth);
  const [row] = await deps.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).limit(1);
  if (!row || !canSeeSite(auth, row.siteId)) throw new AppError('NOT_FOUND', 'No such webhook endpoint.');
  const [site] = await deps.db.execute<{ slug: string }>(sql`select slug from sites where id = ${row.siteId}`).then((r) => rowsOf<{ slug: string }>(r));
  return { row, slug: site?.slug ?? '' };
}

function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : (((result as { rows?: T[] }).rows ?? []) as T[]);
}

export interface EndpointPatch {
  url?: string;
  events?: WebhookEvent[];
  format?: WebhookFormat;
  description?: string | null;
  enabled?: boolean;
}

export async function updateEndpoint(deps: Deps, auth: AdminAuth, id: number, patch: EndpointPatch): Promise<EndpointDto> {
  const { row, slug } = await requireEndpoint(deps, auth, id);
  const set: Partial<typeof webhookEndpoints.$inferInsert> = {};
  if (patch.url !== undefined) set.url = await checkUrl(deps, patch.url);
  if (patch.events !== undefined) set.events = [...new Set(patch.events)];
  if (patch.format !== undefined) set.format = patch.format;
  if (patch.description !== undefined) set.description = patch.description;
  if (patch.enabled !== undefined) set.disabledAt = patch.enabled ? null : (row.disabledAt ?? deps.now());
  if (Object.keys(set).length === 0) return toEndpointDto(row, slug);
  const [updated] = await deps.db.update(webhookEndpoints).set(set).where(eq(webhookEndpoints.id, id)).returning();
  return toEndpointDto(updated!, slug);
}

/** A new secret, shown once; the old one keeps signing alongside it for a day so receivers can switch. */
export async function rotateSecret(deps: Deps, auth: AdminAuth, id: number): Promise<{ endpoint: EndpointDto; secret: string }> {
  const { row, slug } = await requireEndpoint(deps, auth, id);
  const secret = createSecret();
  const [updated] = await deps.db
    .update(webhookEndpoints)
    .set({ secret, previousSecret: row.secret, previousUntil: new Date(deps.now().getTime() + ROTATION_OVERLAP_MS) })
    .where(eq(webhookEndpoints.id, id))
    .returning();
  return { endpoint: toEndpointDto(updated!, slug), secret };
}

export async function deleteEndpoint(deps: Deps, auth: AdminAuth, id: number): Promise<void> {
  await requireEndpoint(deps, auth, id);
  await deps.db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
}

/** The endpoint's latest deliveries, newest first, each with its last attempts. */
export async function listDeliveries(deps: Deps, auth: AdminAuth, id: number, limit = 50): Promise<DeliveryDto[]> {
  await requireEndpoint(deps, auth, id);
  const rows = await deps.db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, id))
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit);
  return rows.map(toDeliveryDto);
}

/** Queues a test event to one endpoint (delivered by the worker like any other, signed the same way). */
export async function sendTestEvent(deps: Deps & Pick<AppDeps, 'hasher'>, auth: AdminAuth, id: number): Promise<DeliveryDto> {
  const { row, slug } = await requireEndpoint(deps, auth, id);
  const now = deps.now();
  const payload = buildPayload(row.format as WebhookFormat, {
    type: TEST_EVENT,
    at: now,
    data: { site: slug, message: 'A test event from Parley: this endpoint receives and verifies deliveries.' },
    text: `Test event from Parley for site ${slug}.`,
  });
  const [delivery] = await deps.db
    .insert(webhookDeliveries)
    .values({ endpointId: row.id, messageId: `msg_test_${randomToken(12)}`, type: TEST_EVENT, payload, nextAttemptAt: now, createdAt: now })
    .returning();
  return toDeliveryDto(delivery!);
}


export interface PayloadInput {
  type: string;
  at: Date;
  data: Record<string, unknown>;
  /** The Slack message: one line of plain text (escaped for Slack here) and an optional link. */
  text: string;
  link?: { url: string; label: string };
}

const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The exact body for a format; a comment text that would make it larger than the cap is cut. */
export function buildPayload(format: WebhookFormat, input: PayloadInput): string {
  if (format === 'slack') {
    const text = slackEscape(input.text).slice(0, 3000);
    const link = input.link ? ` <${input.link.url.replace(/[<>|]/g, encodeURIComponent)}|${slackEscape(input.link.label).slice(0, 200)}>` : '';
    return JSON.stringify({ text: `${text}${link}` });
  }
  const body = (data: Record<string, unknown>) => JSON.stringify({ type: input.type, timestamp: input.at.toISOString(), data });
  let out = body(input.data);
  const comment = input.data.comment as { body?: string } | undefined;
  if (Buffer.byteLength(out) > MAX_PAYLOAD_BYTES && typeof comment?.body === 'string') {
    const over = Buffer.byteLength(out) - MAX_PAYLOAD_BYTES;
    // Characters are at most 4 bytes: cutting `over` characters (plus margin) always fits.
    const keep = Math.max(0, comment.body.length - over - 64);
    out = body({ ...input.data, comment: { ...comment, body: comment.body.slice(0, keep), truncated: true } });
  }
  return out;
}

/** Endpoint rows the worker needs for one site, enabled only. */
export async function findEnabledEndpoints(db: Queryable, siteIds: number[]): Promise<EndpointRow[]> {
  if (siteIds.length === 0) return [];
  return db
    .select()
    .from(webhookEndpoints)
    .where(and(sql`${webhookEndpoints.siteId} in ${siteIds}`, sql`${webhookEndpoints.disabledAt} is null`));
}
