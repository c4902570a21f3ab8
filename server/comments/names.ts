// Names a reader may not take: ones that read as the staff mark moderators' replies carry, or as the
// site itself (issue 12, finding 11: "\u202EffatS" rendered as "Staff"). Compared after the folding
// word lists use (invisible and bidi characters removed, NFKC, case, look-alike letters), so a
// disguise compares as what it shows.
import { normalizeForMatch } from '../moderation/normalize.js';

/** Words of the staff mark and of moderators' roles, English and Hindi (the widget's "Staff" is "टीम"). */
const STAFF_WORDS = new Set(['staff', 'moderator', 'moderators', 'mod', 'admin', 'administrator', 'team', 'official', 'टीम', 'स्टाफ', 'मॉडरेटर', 'संचालक', 'एडमिन']);

const squash = (text: string) => normalizeForMatch(text).replace(/[^\p{L}\p{M}\p{N}]+/gu, '');
const words = (text: string) => normalizeForMatch(text).split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean);

/** Whether `inner` occurs in `outer` as whole, consecutive words. */
function hasWords(outer: string[], inner: string[]): boolean {
  for (let i = 0; i + inner.length <= outer.length; i++) if (inner.every((w, k) => outer[i + k] === w)) return true;
  return false;
}

/**
 * Why a reader cannot use `name` on a site called `siteName`, or null when they can: a staff word
 * anywhere in it; the site's name as the whole name (spacing aside), or, for a site name of four
 * letters or more, as whole words in it ("News Mirror desk"; a site called "A" leaves "Asha" alone).
 */
export function reservedNameProblem(name: string, siteName: string): string | null {
  const nameWords = words(name);
  if (nameWords.some((w) => STAFF_WORDS.has(w))) return "This name reads as the site's staff mark; choose another.";
  const site = squash(siteName);
  if (site.length === 0) return null;
  if (squash(name) === site || (site.length >= 4 && hasWords(nameWords, words(siteName)))) {
    return "This name reads as the site's own; choose another.";
  }
  return null;
}
