// Devanagari to a rough Latin spelling, the way Hinglish writers spell the same word: so a Hindi
// word can meet the Hinglish lists ("कमीना" → "kameenaa" → folded "kamina"), and a word typed half
// in each script ("चूtiya") can be read at all. It is a matching key, not a transliteration standard:
// the scorer folds vowel length, aspiration and doubled letters afterwards.

const CONSONANTS: Readonly<Record<string, string>> = {
  क: 'k', ख: 'kh', ग: 'g', घ: 'gh', ङ: 'n', च: 'ch', छ: 'chh', ज: 'j', झ: 'jh', ञ: 'n',
  ट: 't', ठ: 'th', ड: 'd', ढ: 'dh', ण: 'n', त: 't', थ: 'th', द: 'd', ध: 'dh', न: 'n',
  प: 'p', फ: 'ph', ब: 'b', भ: 'bh', म: 'm', य: 'y', र: 'r', ल: 'l', व: 'v', श: 'sh',
  ष: 'sh', स: 's', ह: 'h', ळ: 'l', ऩ: 'n', ऱ: 'r', ऴ: 'l',
};
const INDEPENDENT_VOWELS: Readonly<Record<string, string>> = {
  अ: 'a', आ: 'aa', इ: 'i', ई: 'ee', उ: 'u', ऊ: 'oo', ऋ: 'ri', ए: 'e', ऐ: 'ai', ओ: 'o', औ: 'au', ऑ: 'o', ऍ: 'e',
};
const VOWEL_SIGNS: Readonly<Record<string, string>> = {
  'ा': 'aa', 'ि': 'i', 'ी': 'ee', 'ु': 'u', 'ू': 'oo', 'ृ': 'ri', 'े': 'e', 'ै': 'ai', 'ो': 'o', 'ौ': 'au', 'ॉ': 'o', 'ॅ': 'e',
};
const VIRAMA = '्';
const NASALS = new Set(['ं', 'ँ']);
const VISARGA = 'ः';
const NUKTA = '़';

interface Syllable {
  consonant: string;
  /** The written vowel, or null for the inherent a (which may be silent). */
  vowel: string | null;
  /** A virama: a consonant with no vowel at all. */
  bare: boolean;
  nasal: boolean;
}

/** True for code points in the Devanagari block. */
export function isDevanagari(char: string): boolean {
  const c = char.charCodeAt(0);
  return c >= 0x0900 && c <= 0x097f;
}

/**
 * Romanizes the Devanagari letters of a token, leaving every other character as it is. The inherent
 * vowel is dropped at the end of a word and between a vowel and a consonant that carries its own
 * vowel (कमरा → kamraa, but कमल → kamal), Hindi's usual schwa deletion.
 */
export function romanize(token: string): string {
  let out = '';
  let i = 0;
  while (i < token.length) {
    const char = token[i] ?? '';
    if (!isDevanagari(char)) {
      out += char;
      i++;
      continue;
    }
    // A run of Devanagari: parse it into syllables, then spell them.
    const run: Syllable[] = [];
    const prefix: string[] = [];
    while (i < token.length && isDevanagari(token[i] ?? '')) {
      const c = token[i] ?? '';
      i++;
      if (c === NUKTA) continue;
      const consonant = CONSONANTS[c];
      if (consonant !== undefined) {
        run.push({ consonant, vowel: null, bare: false, nasal: false });
        continue;
      }
      const last = run[run.length - 1];
      const independent = INDEPENDENT_VOWELS[c];
      if (independent !== undefined) {
        run.push({ consonant: '', vowel: independent, bare: false, nasal: false });
        continue;
      }
      if (!last) {
        if (NASALS.has(c)) prefix.push('n');
        // A vowel sign with no consonant of its own, after a Latin letter ("lौडे" for लौडे): its vowel.
        else if (VOWEL_SIGNS[c] !== undefined) run.push({ consonant: '', vowel: VOWEL_SIGNS[c] ?? '', bare: false, nasal: false });
        continue;
      }
      const sign = VOWEL_SIGNS[c];
      if (sign !== undefined) last.vowel = sign;
      else if (c === VIRAMA) last.bare = true;
      else if (NASALS.has(c)) last.nasal = true;
      else if (c === VISARGA) last.vowel = `${last.vowel ?? 'a'}h`;
    }
    out += prefix.join('');
    run.forEach((s, k) => {
      let vowel = s.vowel;
      if (vowel === null && !s.bare && s.consonant !== '') {
        const next = run[k + 1];
        const prev = run[k - 1];
        const atEnd = next === undefined;
        // Silent between a vowel-bearing syllable and a consonant that carries its own vowel.
        const medial = next !== undefined && next.consonant !== '' && !next.bare && next.vowel !== null && prev !== undefined && !prev.bare;
        vowel = atEnd || medial ? '' : 'a';
      }
      out += s.consonant + (s.bare ? '' : (vowel ?? '')) + (s.nasal ? 'n' : '');
    });
  }
  return out;
}
