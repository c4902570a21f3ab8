// Locale-aware numbers, times and durations for the admin view, all through Intl (no date library).
import type { Locale } from './i18n.js';

const tag = (locale: Locale) => (locale === 'hi' ? 'hi-IN' : 'en');

/** "1,234", or "10,000+" when the server capped the count (it stops counting there to stay cheap). */
export function formatCount(n: number, cap: number, locale: Locale): string {
  const nf = new Intl.NumberFormat(tag(locale));
  return n >= cap ? `${nf.format(cap)}+` : nf.format(n);
}

/** "15 minutes", "45 seconds": how long a locked login must wait. */
export function formatDuration(seconds: number, locale: Locale): string {
  const unit = seconds >= 3600 ? 'hour' : seconds >= 60 ? 'minute' : 'second';
  const value = unit === 'hour' ? Math.ceil(seconds / 3600) : unit === 'minute' ? Math.ceil(seconds / 60) : Math.ceil(seconds);
  return new Intl.NumberFormat(tag(locale), { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** Absolute date and time, for title attributes and the audit log. */
export function formatDate(iso: string, locale: Locale): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  // Hindi's CLDR day periods are Latin "am"/"pm": a 24-hour clock keeps the Hindi view free of English.
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium', timeStyle: 'short', ...(locale === 'hi' ? { hourCycle: 'h23' as const } : {}) }).format(d);
}

/** "3 minutes ago" within a day (what a moderator scans for), else the absolute date. */
export function formatAge(iso: string, locale: Locale, now = Date.now()): string {
  const d = new Date(iso).getTime();
  if (Number.isNaN(d)) return iso;
  // Never "in 3 seconds": a server clock slightly ahead of this browser's is not news.
  const s = Math.min(0, Math.round((d - now) / 1000));
  const rtf = new Intl.RelativeTimeFormat(tag(locale), { numeric: 'auto' });
  if (Math.abs(s) < 60) return rtf.format(s, 'second');
  if (Math.abs(s) < 3600) return rtf.format(Math.round(s / 60), 'minute');
  if (Math.abs(s) < 86_400) return rtf.format(Math.round(s / 3600), 'hour');
  return formatDate(iso, locale);
}

/** Severity class for a 0..1 score; the thresholds match the default toxicity hold/reject. */
export function severity(score: number): 'high' | 'medium' | 'low' {
  return score >= 0.95 ? 'high' : score >= 0.8 ? 'medium' : 'low';
}

/** First ~140 characters of a comment, on one line, for the parent excerpt. */
export function excerpt(body: string, max = 140): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

// " | ", " – ", " — " and " - " between the headline and the site's sections and name.
const TITLE_SEPARATOR = /\s+[|–—]\s+|\s+-\s+/;

/**
 * The headline of a page title: "Glaciers retreat | World | समाचार दर्पण" -> "Glaciers retreat".
 * Pages send their whole <title>; cards and lists only need the story's own words.
 */
export function headline(title: string | null | undefined): string {
  if (!title) return '';
  const first = title.split(TITLE_SEPARATOR)[0]!.trim();
  // A headline that itself contains the separator leaves a stub: keep the whole title then.
  return first.length >= 12 || first.length >= title.trim().length / 2 ? first : title.trim();
}
