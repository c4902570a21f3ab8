// Names a reader may not take: ones that read as the staff mark moderators' replies carry, or as the
// site itself (issue 12, finding 11: "\u202EffatS" rendered as "Staff"). Compared after the folding
// word lists use (invisible and bidi characters removed, NFKC, case, look-alike letters), so a
// disguise compares as what it shows.
import { normalizeForMatch } from '../moderation/normalize.js';

/** Words of the staff mark and of moderators' roles, English and Hindi (the widget's "Staff" is "टीम"). */
const STAFF_WORDS = new Set(['staff', 'moderator', 'moderators', 'mod', 'admin', 'administrator', 'team', 'official', 'टीम', 'स्टाफ', 'मॉडरेटर', 'संचालक', 'एडमिन']);

const squash = (text: string) => normalizeForMatch(text).replace(/[^\p{L}\p{M}\p{N}]+/gu, '');
const words = (text: string) => normalizeForMatch(text).split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean);

/** Why a reader cannot use `name` on a site called `siteName`, or null when they can. */
export function reservedNameProblem(name: string, siteName: string): string | null {
  if (words(name).some((w) => STAFF_WORDS.has(w))) return "This name reads as the site's staff mark; choose another.";
  const site = squash(siteName);
  if (site.length > 0 && squash(name).includes(site)) return "This name reads as the site's own; choose another.";
  return null;
}
