// Cross-script name keys. A name written in Latin letters ("Rajavi", "Dervishi", "Tirana") and the
// same name in Arabic or Persian ("رجوی", "درویشی", "تیرانا") share no characters, but they share a
// consonant frame: Arabic script leaves short vowels out and the long ones (ا و ی) are unreliable
// in both directions, so both sides are reduced to classes of consonants with every vowel and the
// weak letters (v/w/y, و ی ا, glottal stops, ʿayn) dropped, and repeated classes collapsed.
// Rajavi → R J; رجوی → R J; Dervishi → D R X; درویشی → D R X.
//
// The key is coarse on purpose (k/q/g/kh/gh are one class, s/z/th-like letters another) because
// transliteration conventions differ between languages; it is only ever used as one weighted
// feature among many, and common collisions get a low weight from the document frequency.

// Class letters: B(b p) T(t) D(d) S(s z and Arabic sibilants) X(sh) C(ch) J(j zh) K(k q g kh gh)
// F(f ph) L M N R H. Dropped: vowels, v/w/y, Arabic alef/waw/yeh/hamza/ʿayn.
const ARABIC_CLASS: Record<string, string> = {
  ب: 'B',
  پ: 'B',
  ت: 'T',
  ط: 'T',
  ث: 'S',
  ج: 'J',
  چ: 'C',
  ح: 'H',
  خ: 'K',
  د: 'D',
  ذ: 'S',
  ر: 'R',
  ز: 'S',
  ژ: 'J',
  س: 'S',
  ص: 'S',
  ش: 'X',
  ض: 'S',
  ظ: 'S',
  غ: 'K',
  ف: 'F',
  ق: 'K',
  ك: 'K',
  ک: 'K',
  گ: 'K',
  ل: 'L',
  م: 'M',
  ن: 'N',
  ه: 'H',
};

const LATIN_CLASS: Record<string, string> = {
  b: 'B',
  p: 'B',
  t: 'T',
  d: 'D',
  s: 'S',
  z: 'S',
  c: 'K',
  x: 'KS',
  j: 'J',
  k: 'K',
  q: 'K',
  g: 'K',
  f: 'F',
  l: 'L',
  m: 'M',
  n: 'N',
  r: 'R',
  h: 'H',
};

const LATIN_DIGRAPHS: Record<string, string> = { sh: 'X', ch: 'C', zh: 'J', kh: 'K', gh: 'K', ph: 'F', dj: 'J', ck: 'K' };

function collapse(classes: string): string {
  let out = '';
  for (const c of classes) if (out[out.length - 1] !== c) out += c;
  return out;
}

function isArabicLetter(c: number): boolean {
  return c >= 0x0620 && c <= 0x06ff;
}

/** Consonant-class key of one folded word (see normalize.ts), or "" when it has none. */
export function translitKey(norm: string): string {
  if (norm.length === 0) return '';
  const first = norm.charCodeAt(0);
  if (isArabicLetter(first)) {
    let w = norm;
    // The definite article is not part of a name: الكاظمي / Kazemi.
    if (w.length >= 5 && w.startsWith('ال')) w = w.slice(2);
    let out = '';
    for (let i = 0; i < w.length; i++) {
      const ch = w[i] as string;
      if (ch === 'ه' && i === w.length - 1) continue; // final heh is mostly a vowel (-e, -a)
      const k = ARABIC_CLASS[ch];
      if (k === undefined) {
        if (!isArabicLetter(ch.charCodeAt(0))) return '';
        continue;
      }
      out += k;
    }
    return collapse(out);
  }
  if (first < 0x61 || first > 0x7a) return '';
  let out = '';
  for (let i = 0; i < norm.length; i++) {
    const ch = norm[i] as string;
    const c = ch.charCodeAt(0);
    if (c < 0x61 || c > 0x7a) return '';
    const di = LATIN_DIGRAPHS[norm.slice(i, i + 2)];
    if (di !== undefined) {
      out += di;
      i++;
      continue;
    }
    if (ch === 'h' && i === norm.length - 1) continue; // "Allah"/"Shah" final h, like final heh
    // Soft c: before e, i, y Latin c is an s in English, French, Spanish and Portuguese spelling,
    // and Arabic and Persian write it so (Jacinda جاسيندا, France فرنسا, Francis فرانسيس); before
    // other letters it stays a k (Carlos كارلوس). Soft g (Argentina الأرجنتين) was tried and left:
    // no gain on the real set, and g stays hard in Germanic and Persian names (Gilani گیلانی).
    const next = norm[i + 1];
    if (ch === 'c' && (next === 'e' || next === 'i' || next === 'y')) {
      out += 'S';
      continue;
    }
    out += LATIN_CLASS[ch] ?? '';
  }
  return collapse(out);
}
