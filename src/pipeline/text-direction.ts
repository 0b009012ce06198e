// Writing direction of an entry: from its language when it names a right-to-left one, else from
// the letters of its text (feeds often omit or misstate the language).

const RTL_LANGS = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'ku', 'nqo', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);
const RTL_SCRIPTS = new Set(['arab', 'hebr', 'syrc', 'thaa', 'nkoo', 'adlm', 'rohg']);
const LTR_SCRIPT_SUBTAG = /^(latn|cyrl)$/;

/** Letters looked at: enough to tell the script of a headline and its lead, cheap for every entry. */
const SAMPLE_CHARS = 600;

/** The direction a language tag implies, or undefined when it does not say. */
export function directionOfLanguage(lang: string | null | undefined): 'ltr' | 'rtl' | undefined {
  if (!lang) return undefined;
  const parts = lang.toLowerCase().replace(/_/g, '-').split('-');
  const script = parts.find((p, i) => i > 0 && p.length === 4);
  if (script && RTL_SCRIPTS.has(script)) return 'rtl';
  if (script && LTR_SCRIPT_SUBTAG.test(script)) return 'ltr';
  return RTL_LANGS.has(parts[0]!) ? 'rtl' : undefined;
}

/**
 * Strong right-to-left letters (Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and the
 * presentation forms; Adlam and other supplementary RTL scripts via their surrogates) against
 * strong left-to-right ones (Latin, Greek, Cyrillic, Indic, Thai, CJK, Hangul), in one pass.
 */
function counts(...texts: string[]): { rtl: number; ltr: number } {
  let rtl = 0;
  let ltr = 0;
  let budget = SAMPLE_CHARS;
  for (const text of texts) {
    const n = Math.min(text.length, budget);
    budget -= n;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x41) continue;
      if (c <= 0x7a) {
        if (c <= 0x5a || c >= 0x61) ltr++;
      } else if (c >= 0x0590 && c <= 0x08ff) rtl++;
      else if ((c >= 0xfb1d && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff)) rtl++;
      else if (c === 0xd802 || c === 0xd803 || c === 0xd83a)
        rtl++; // high surrogates of supplementary RTL blocks
      else if (
        (c >= 0xc0 && c <= 0x24f) ||
        (c >= 0x370 && c <= 0x4ff) ||
        (c >= 0x900 && c <= 0xeff) ||
        (c >= 0x3040 && c <= 0x30ff) ||
        (c >= 0x4e00 && c <= 0x9fff) ||
        (c >= 0xac00 && c <= 0xd7af)
      )
        ltr++;
    }
    if (budget <= 0) break;
  }
  return { rtl, ltr };
}

/** 'rtl' when right-to-left letters outnumber left-to-right ones in the first few hundred characters. */
export function directionOfText(...texts: string[]): 'ltr' | 'rtl' {
  const { rtl, ltr } = counts(...texts);
  return rtl > ltr ? 'rtl' : 'ltr';
}

/**
 * The language decides when it names a right-to-left one, unless the text plainly has no
 * right-to-left letter at all (a feed-wide xml:lang="ar" on an English item); otherwise the
 * letters decide.
 */
export function textDirection(lang: string | null | undefined, ...texts: string[]): 'ltr' | 'rtl' {
  const byLang = directionOfLanguage(lang);
  if (byLang === 'rtl') {
    const { rtl, ltr } = counts(...texts);
    return rtl === 0 && ltr >= 20 ? 'ltr' : 'rtl';
  }
  return directionOfText(...texts);
}
