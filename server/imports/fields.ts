// Field clean-up shared by the importers: names, emails, websites and dates from foreign sources.
import { cleanLine } from '../comments/dto.js';
import { parseStorableDate } from '../lib/dates.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MAX_NAME = 200;
/** Longest body kept (characters); longer text is cut here and counted by the writer. */
export const MAX_BODY = 100_000;

/** A display name: one clean line, at most MAX_NAME characters; "Anonymous" when there is none. */
export function authorName(raw: string | null | undefined): string {
  const name = cleanLine(raw ?? '');
  if (name === '') return 'Anonymous';
  return [...name].slice(0, MAX_NAME).join('');
}

/** A lower-cased email, or null when it is empty or not an address. */
export function authorEmail(raw: string | null | undefined): string | null {
  const email = (raw ?? '').trim().toLowerCase();
  return email.length <= 254 && EMAIL.test(email) ? email : null;
}

/** An http(s) URL of at most 500 characters, or null. */
export function authorWebsite(raw: string | null | undefined): string | null {
  const value = (raw ?? '').trim();
  if (value === '' || value.length > 500) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * A date from ISO 8601 (Disqus, Parley) or WordPress's "YYYY-MM-DD HH:MM:SS" in UTC; null when
 * absent, zero ("0000-00-00 00:00:00", which WordPress writes for unknown), unreadable, or one
 * the database would refuse (year 0, after 9999, 30 February).
 */
export function parseDate(raw: string | null | undefined): Date | null {
  const value = (raw ?? '').trim();
  if (value === '' || value.startsWith('0000-00-00')) return null;
  const wp = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value);
  return parseStorableDate(wp ? `${wp[1]}-${wp[2]}-${wp[3]}T${wp[4]}:${wp[5]}:${wp[6]}Z` : value);
}

export function bump(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}
