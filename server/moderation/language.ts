// Guesses the language a comment is written in, for scorers that need a language hint.

const DEVANAGARI = /[\u0900-\u097F]/u;
const LETTER = /\p{L}/u;
// Common Hinglish function words; two distinct hits (or one in a short text) mark romanized Hindi.
const HINGLISH_MARKERS = new Set([
  'hai', 'hain', 'nahi', 'nahin', 'kya', 'yaar', 'bhai', 'accha', 'acha', 'tum', 'tera', 'mera', 'kyun', 'kyon',
  'bahut', 'matlab', 'aur', 'ki', 'ka', 'ke', 'ko', 'se', 'mein', 'main', 'hum', 'aap', 'ho', 'tha', 'thi', 'kar',
  'raha', 'rahi', 'wala', 'wali', 'bhi', 'sab', 'kuch', 'koi', 'abhi', 'kaise', 'kaun', 'jab', 'toh', 'lekin',
]);

/**
 * Returns 'hi' for Devanagari text, 'hi-Latn' for romanized Hindi (Hinglish), 'und' for text with no
 * letters, and otherwise the site's locale language (default 'en').
 */
export function detectLanguage(text: string, siteLocale = 'en'): string {
  if (DEVANAGARI.test(text)) return 'hi';
  if (!LETTER.test(text)) return 'und';
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  const hits = new Set(words.filter((w) => HINGLISH_MARKERS.has(w)));
  if (hits.size >= 2 || (hits.size === 1 && words.length <= 3 && words.length > 1)) return 'hi-Latn';
  const base = siteLocale.split('-')[0]?.toLowerCase() || 'en';
  return base === 'hi' ? 'en' : base;
}
