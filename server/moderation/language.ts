// Guesses the language a comment is written in, for scorers that need a language hint.

const LETTER = /\p{L}/u;
const OTHER_SCRIPTS: readonly [RegExp, string][] = [
  [/\p{Script=Arabic}/u, 'ar'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'ja'],
  [/\p{Script=Hangul}/u, 'ko'],
  [/\p{Script=Han}/u, 'zh'],
  [/\p{Script=Cyrillic}/u, 'ru'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Bengali}/u, 'bn'],
  [/\p{Script=Gurmukhi}/u, 'pa'],
  [/\p{Script=Gujarati}/u, 'gu'],
  [/\p{Script=Tamil}/u, 'ta'],
  [/\p{Script=Telugu}/u, 'te'],
  [/\p{Script=Kannada}/u, 'kn'],
  [/\p{Script=Malayalam}/u, 'ml'],
  [/\p{Script=Thai}/u, 'th'],
];
const LATIN_WORD = /[a-z]+/g;

// Romanized Hindi function words that are not also everyday English words: one of them is evidence.
const STRONG_MARKERS = new Set([
  'hai', 'hain', 'nahi', 'nahin', 'nhi', 'kya', 'yaar', 'yar', 'bhai', 'accha', 'acha', 'achha', 'tum', 'tu', 'tera', 'teri',
  'tere', 'tujhe', 'mera', 'meri', 'mere', 'mujhe', 'kyun', 'kyon', 'kyu', 'kyunki', 'bahut', 'matlab', 'aur', 'mein', 'hum',
  'aap', 'aapka', 'aapki', 'aapke', 'tha', 'thi', 'raha', 'rahi', 'rahe', 'wala', 'wali', 'wale', 'bhi', 'kuch', 'kuchh',
  'abhi', 'kaise', 'kaisa', 'kaun', 'toh', 'lekin', 'hoga', 'hogi', 'yeh', 'woh', 'apna', 'apne', 'apni', 'uska', 'uski',
  'iska', 'iski', 'unka', 'sirf', 'bilkul', 'sahi', 'galat', 'kab', 'kahan', 'dunga', 'denge', 'karo', 'karna', 'karke',
  'karenge', 'karta', 'karte', 'karti', 'gaya', 'gayi', 'gaye', 'diya', 'liya', 'hota', 'hoti', 'hote', 'haan', 'ekdum',
  'hua', 'hui', 'itna', 'zyada', 'jyada', 'thoda', 'samajh', 'pata', 'sab', 'koi', 'ke', 'ki', 'ka', 'ko', 'se',
  'pehle', 'baad', 'saath', 'liye', 'logon', 'logo', 'bolo', 'bola', 'dekho', 'padh', 'likha', 'chahiye', 'karna', 'kiya', 'kiye', 'jao', 'aaya', 'aayi',
  'humein', 'hume', 'unhe', 'inhe', 'isko', 'usko', 'yahan', 'wahan', 'agar', 'warna', 'phir', 'fir', 'sirf', 'bohot', 'bhot', 'zara', 'achha', 'bura',
  'aadmi', 'aurat', 'ladki', 'ladka', 'yaar', 'haan', 'kyu', 'kaisi', 'mujhse', 'tujhse', 'unko', 'inko', 'hoon', 'hun', 'aata', 'aati', 'jaate', 'jata',
  'wahi', 'yahi', 'aisa', 'aise', 'aisi', 'waise', 'kitni', 'kitne', 'sabko', 'sabse', 'unki', 'inki', 'inka', 'unke', 'inke', 'iske', 'uske', 'mera', 'tera',
]);
// Romanized Hindi words that are also English words (or names); they only add weight.
const WEAK_MARKERS = new Set(['ho', 'main', 'mat', 'jab', 'kar', 'ji', 'log', 'ab', 'par', 'pe', 'ye', 'wo', 'na', 'le', 'de', 'lo', 'ja', 'aa', 'bas', 'din', 'sahi', 'bada', 'hum', 'mai', 'kal', 'aaj', 'abe']);

// Hinglish sentences are dense with function words (often a third of the tokens); an English text
// quoting a Hindi word or greeting someone "bhai" is not.
const MIN_MARKER_DENSITY = 0.12;

function isHinglish(text: string): boolean {
  const words = text.toLowerCase().match(LATIN_WORD) ?? [];
  if (words.length === 0) return false;
  let strong = 0;
  let weak = 0;
  for (const word of words) {
    if (STRONG_MARKERS.has(word)) strong++;
    else if (WEAK_MARKERS.has(word)) weak++;
  }
  if (strong === 0) return false;
  return strong + weak / 2 >= Math.max(1, MIN_MARKER_DENSITY * words.length);
}

/**
 * Returns 'hi' for text written mostly in Devanagari, 'hi-Latn' for romanized Hindi (Hinglish),
 * a script's language for text in another script (Tamil 'ta', Arabic 'ar', ...), 'und' for text with
 * no letters, and otherwise the site's locale language (default 'en'; a Hindi
 * site's Latin-script text that is not Hinglish is taken as English).
 */
export function detectLanguage(text: string, siteLocale = 'en'): string {
  // A plain loop over code units: this runs on every comment, and a regex per character costs more.
  let devanagari = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x0900 && c <= 0x097f && (c < 0x0964 || c > 0x0970)) devanagari++; // not dandas or digits
    else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) latin++;
  }
  if (devanagari === 0 && latin === 0 && !LETTER.test(text)) return 'und';
  // Mixed text goes by its main script: an English comment quoting one Hindi word is English.
  if (devanagari > 0 && devanagari >= latin) return 'hi';
  if (latin > 0 && isHinglish(text)) return 'hi-Latn';
  if (latin === 0 && devanagari === 0) {
    // Another script altogether: name it, so a scorer can say it does not support it instead of
    // scoring Tamil or Arabic text as if it were English.
    for (const [script, code] of OTHER_SCRIPTS) if (script.test(text)) return code;
    return 'und';
  }
  const base = siteLocale.split('-')[0]?.toLowerCase() || 'en';
  return base === 'hi' ? 'en' : base;
}
