// Names a reader may not take: ones that read as the staff mark moderators' replies carry, or as the
// site itself (issue 12, finding 11: "\u202EffatS" rendered as "Staff"). Compared after the folding
// word lists use (invisible and bidi characters removed, NFKC, case, look-alike letters), so a
// disguise compares as what it shows.
import { normalizeForMatch } from '../moderation/normalize.js';

/** Words of the staff mark and of moderators' roles, English and Hindi (the widget's "Staff" is "टीम"). */
const STAFF_WORDS = new Set(['staff', 'moderator', 'moderators', 'mod', 'admin', 'administrator', 'team', 'official', 'टीम', 'स्टाफ', 'मॉडरेटर', 'संचालक', 'एडमिन']);

/** What is not part of a word (split ignores the g flag; replace needs it). */
const NOT_WORD = /[^\p{L}\p{M}\p{N}]+/gu;
/** Accents stacked on a Latin letter ("Staff\u0301" shows as Staff with a mark): Devanagari keeps its signs. */
const LATIN_MARKS = /(\p{Script=Latin})\p{M}+/gu;

/**
 * A text's words after folding, and the folded text without anything between them. Letters written
 * apart ("S t a f f", "S.t.a.f.f") also count as the word they spell.
 */
function fold(text: string): { words: string[]; squashed: string } {
  const folded = normalizeForMatch(text).replace(LATIN_MARKS, '$1');
  const words = folded.split(NOT_WORD).filter(Boolean);
  const spelled: string[] = [];
  for (let i = 0; i < words.length; ) {
    let j = i;
    while (j < words.length && [...words[j]!].length === 1) j++;
    if (j - i >= 2) spelled.push(words.slice(i, j).join(''));
    i = Math.max(j, i + 1);
  }
  return { words: [...words, ...spelled], squashed: folded.replace(NOT_WORD, '') };
}

// A site's name is folded once, not with every comment posted to it (a site name changes rarely).
const siteNames = new Map<string, { words: string[]; squashed: string }>();
function foldSiteName(siteName: string): { words: string[]; squashed: string } {
  let folded = siteNames.get(siteName);
  if (!folded) {
    if (siteNames.size >= 1000) siteNames.clear();
    folded = fold(siteName);
    siteNames.set(siteName, folded);
  }
  return folded;
}

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
  const given = fold(name);
  if (given.words.some((w) => STAFF_WORDS.has(w))) return "This name reads as the site's staff mark; choose another.";
  const site = foldSiteName(siteName);
  if (site.squashed.length === 0) return null;
  if (given.squashed === site.squashed || (site.squashed.length >= 4 && hasWords(given.words, site.words))) {
    return "This name reads as the site's own; choose another.";
  }
  return null;
}
