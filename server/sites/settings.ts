// Per-site moderation and behaviour settings: one schema, defaults filled on every read.
import { z } from 'zod';

/** The most approved comments a site may require before it trusts an author (posting counts up to it). */
export const MAX_TRUST_AFTER_APPROVED = 10_000;

const words = z.array(z.string().trim().min(1).max(100)).max(2000);

export const siteSettingsSchema = z.object({
  /** pre: hold everything; first-time: hold until the email has an approved comment; post: publish. */
  mode: z.enum(['pre', 'first-time', 'post']).default('first-time'),
  /** Thread levels including the top level (WordPress's meaning); replies deeper attach higher. */
  maxDepth: z.number().int().min(1).max(10).default(5),
  /** Close an article's comments this many days after its first comment; 0 = never. */
  closeAfterDays: z.number().int().min(0).max(3650).default(0),
  editWindowSeconds: z.number().int().min(0).max(86_400).default(600),
  maxBodyChars: z.number().int().min(1).max(100_000).default(5000),
  requireEmail: z.boolean().default(true),
  linkLimit: z.number().int().min(0).max(100).default(2),
  holdWords: words.default([]),
  blockWords: words.default([]),
  toxicityHold: z.number().min(0).max(1).default(0.8),
  toxicityReject: z.number().min(0).max(1).default(0.95),
  nudge: z.boolean().default(true),
  /** What to do with a comment the scorer could not score: hold it for review, or publish it. */
  scorerFailurePolicy: z.enum(['hold', 'publish']).default('hold'),
  /** Authors with at least this many approved comments skip the policy hold; 0 disables. */
  trustAfterApproved: z.number().int().min(0).max(MAX_TRUST_AFTER_APPROVED).default(5),
  reportThreshold: z.number().int().min(1).max(1000).default(3),
  reportedVisible: z.boolean().default(true),
  floodSeconds: z.number().int().min(0).max(3600).default(15),
  duplicateWindowHours: z.number().int().min(0).max(24 * 30).default(24),
  minSubmitSeconds: z.number().int().min(0).max(600).default(2),
  /** Readers' reaction on comments: "Respect" or "Like" (one per reader per comment), or none. */
  reactions: z.enum(['respect', 'like', 'off']).default('respect'),
  /** The widget's first order: oldest, newest, or best (editors' picks, then reactions weighted by age). */
  defaultSort: z.enum(['oldest', 'newest', 'best']).default('oldest'),
  /** Editors' picks also get their own "Editor's picks" choice in the widget's order menu. */
  picksTab: z.boolean().default(true),
  /** Email a confirmed subscriber when their held comment is approved (replies are always emailed). */
  notifyOnApproval: z.boolean().default(false),
});

export type SiteSettings = z.infer<typeof siteSettingsSchema>;

/** Reads stored settings, filling defaults; unknown or invalid stored keys fall back to defaults. */
export function readSiteSettings(raw: unknown): SiteSettings {
  const parsed = siteSettingsSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const cleaned: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const issue of parsed.error.issues) delete cleaned[String(issue.path[0])];
  return siteSettingsSchema.parse(cleaned);
}

export const DEFAULT_SITE_SETTINGS: SiteSettings = siteSettingsSchema.parse({});
