// What a user name may be: 1 to 64 letters (with their combining marks), digits, spaces, dots,
// dashes and underscores, starting with a letter or digit. Names are shown in the header and the
// audit log, so nothing that could pass for markup, a path or another name (no control or
// invisible characters), except the two joiners scripts written joined need between letters.
import { foldUserName } from '../text/user-name-fold.js';

const NAME = /^[\p{L}\p{N}](?:(?:[\p{L}\p{N}\p{M} ._-]|\u200C|\u200D)*[\p{L}\p{N}\p{M}._-])?$/u;
/** A combining mark on anything but a letter or another mark (a digit, a space, a dot). */
const STRAY_MARK = /(?<![\p{L}\p{M}])\p{M}/u;
/**
 * The zero-width non-joiner and joiner are letters' business in scripts that join (Persian
 * "علی‌رضا" is written with a ZWNJ; Indic scripts use both): allowed only between two letters (a
 * mark may end the first) of a script that is not Latin, Greek or Cyrillic. Anywhere else they
 * are invisible characters that make "ad\u200Dmin" another name than "admin".
 */
const JOINER = /[\u200C\u200D]/gu;
const JOINED_LETTER = /[\p{L}\p{M}]/u;
const UNJOINED_SCRIPT = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;

function joinersBetweenLetters(name: string): boolean {
  for (const m of name.matchAll(JOINER)) {
    const before = name[m.index - 1] ?? '';
    const after = name[m.index + 1] ?? '';
    if (!JOINED_LETTER.test(before) || !/\p{L}/u.test(after)) return false;
    if (UNJOINED_SCRIPT.test(before) || UNJOINED_SCRIPT.test(after)) return false;
  }
  return true;
}

/**
 * The name as given, trimmed and in its compatibility form (NFKC) with runs of spaces as one, when
 * it is acceptable. Names are unique ignoring case and composition (store/accounts.ts), but
 * full-width "ａdmin", "ｊａｎｅ" or a ligature "ﬁona" were other names that a page shows as the
 * same letters, and so was "jane  doe" beside "jane doe" (HTML shows two spaces as one): an account
 * that passes for another in the users list, the header and the audit log (r-accounts). NFKC also
 * turns a no-break or an ideographic space into a plain one, which then collapses too. Sign-in and
 * the throttle fold what is typed the same way (foldUserName; p-accounts2).
 */
export function validUserName(s: string | undefined): string | undefined {
  const name = foldUserName(s ?? '');
  return NAME.test(name) && !STRAY_MARK.test(name) && joinersBetweenLetters(name) && [...name].length <= 64 ? name : undefined;
}
