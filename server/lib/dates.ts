// Dates taken from clients and imported files, limited to what reaches PostgreSQL intact: drizzle
// sends a Date as toISOString(), which writes year 0 as "0000" and years after 9999 as "+010000",
// and PostgreSQL refuses both; it also refuses a calendar day that JavaScript rolls over (30 February).

const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

/** True when a Date is valid and its ISO form is one PostgreSQL reads (years 1 to 9999, UTC). */
export function isStorableDate(date: Date): boolean {
  const time = date.getTime();
  return time >= EARLIEST && time <= LATEST;
}

/** True when text starting "YYYY-MM-DD" names a day the calendar has. */
export function isRealDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A date from text, or null when it does not parse, names a day that does not exist, or is out of range. */
export function parseStorableDate(text: string): Date | null {
  const date = new Date(text);
  if (!isStorableDate(date)) return null;
  if (/^\d{4}-\d{2}-\d{2}/.test(text) && !isRealDay(text)) return null;
  return date;
}
