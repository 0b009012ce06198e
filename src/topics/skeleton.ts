// Spelling-variant keys. Transliterated names wander (Mojahedin, Mujahedin, Mujahidin,
// Mojahedeen, Mujaheddin, Mojahedine; Khalq, Khalgh; Rajavi, Rajawi), and enumerating every
// spelling of every alias would explode. Instead each folded word is reduced to a skeleton that
// keeps its consonant frame, so all members of a transliteration family share one key and the
// matcher looks that key up once. The skeleton is only ever compared with skeletons of alias
// words in the same position of a phrase, which is what keeps it precise.

const VOWEL = new Uint8Array(128);
for (const c of 'aeiouy') VOWEL[c.charCodeAt(0)] = 1;

/** Latin izafe particles: "Mojahedin-e Khalq", "Sazman-i", "Khalq-ye"; skipped inside phrases. */
export const IZAFE = new Set(['e', 'i', 'ye', 'yi', 'ie']);

function isAsciiWord(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39))) return false;
  }
  return true;
}

function hasDigit(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return true;
  }
  return false;
}

function isArabicScript(w: string): boolean {
  const c = w.charCodeAt(0);
  return c >= 0x0600 && c <= 0x06ff;
}

/**
 * Latin: consonant frame with every vowel run written "a", final vowels and the -in/-een/-ine
 * plural dropped, kh/gh/q merged, c→k, z→s, w→v, dj→j, ph→f, doubled letters collapsed.
 */
function latinSkeleton(w: string): string {
  if (w.length <= 3 || hasDigit(w)) return w;
  if (w.length >= 5 && w.charCodeAt(w.length - 1) === 0x73 && w.charCodeAt(w.length - 2) !== 0x73) {
    w = w.slice(0, -1);
  }
  let out = '';
  let prev = '';
  const n = w.length;
  for (let i = 0; i < n; i++) {
    const ch = w[i] as string;
    const next = i + 1 < n ? (w[i + 1] as string) : '';
    let m: string;
    if ((ch === 'k' || ch === 'g') && next === 'h') {
      // kh and gh stand for خ and غ/ق, written q as well (Khalq, Khalgh); plain k stays apart
      // (Kazemi is not Ghasemi).
      m = 'q';
      i++;
    } else if (ch === 'p' && next === 'h') {
      m = 'f';
      i++;
    } else if (ch === 'd' && next === 'j') {
      m = 'j';
      i++;
    } else if (ch === 'c' && next !== 'h') m = 'k';
    else if (ch === 'w') m = 'v';
    else if (ch === 'z') m = 's';
    else if (VOWEL[ch.charCodeAt(0)] === 1 && !(ch === 'y' && i === 0)) m = 'a';
    else m = ch;
    if (m === prev) continue;
    out += m;
    prev = m;
  }
  // Final vowel: joined izafe ("Mojahedine") and -i/-e endings ("Mujahidi") are one family.
  if (out.length > 1 && out.endsWith('a')) out = out.slice(0, -1);
  // -in/-een/-ine plurals and their absence (Mujahidin / Mujahidi) share a key.
  if (out.length >= 6 && out.endsWith('an')) out = out.slice(0, -2);
  return out;
}

/**
 * Arabic script (Arabic, Persian, Urdu): after folding, the remaining variation is the plural
 * or construct ending (مجاهدين / مجاهدون / مجاهدي / مجاهدو, Persian -ان).
 */
function arabicSkeleton(w: string): string {
  const n = w.length;
  if (n >= 5) {
    const last = w.charCodeAt(n - 1);
    const before = w.charCodeAt(n - 2);
    if (last === 0x0646 && (before === 0x064a || before === 0x0648)) return w.slice(0, -2);
    // Construct forms: مجاهدي خلق (genitive), مجاهدو خلق (nominative).
    if (last === 0x064a || last === 0x0648) return w.slice(0, -1);
    if (n >= 6 && last === 0x0646 && before === 0x0627) return w.slice(0, -2);
  }
  return w;
}

/** Skeleton key of one folded word (see the module comment). */
export function skeleton(norm: string): string {
  if (norm.length === 0) return norm;
  if (isAsciiWord(norm)) return latinSkeleton(norm);
  if (isArabicScript(norm)) return arabicSkeleton(norm);
  return norm;
}

const CLITICS_FIRST = new Set([0x0648, 0x0641]); // و ف
const CLITICS_SECOND = new Set([0x0628, 0x0644, 0x0643]); // ب ل ك

/**
 * Arabic words carry attached conjunctions and prepositions (و ف ب ل ك): "ومنظمة" is
 * "and" + "منظمة". Returns the word with such prefixes stripped (at most one of each layer),
 * longest first, never leaving fewer than three letters. Not applied to the definite article:
 * "المخيم أشرف" is not the construct "مخيم أشرف".
 */
export function arabicCliticForms(norm: string): string[] {
  if (norm.length < 5 || !isArabicScript(norm)) return [];
  const out: string[] = [];
  let w = norm;
  if (CLITICS_FIRST.has(w.charCodeAt(0))) {
    w = w.slice(1);
    out.push(w);
  }
  if (w.length >= 4 && CLITICS_SECOND.has(w.charCodeAt(0))) out.push(w.slice(1));
  return out;
}
