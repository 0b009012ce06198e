// What a user name may be: 1 to 64 letters, digits, spaces, dots, dashes and underscores, starting
// with a letter or digit. Names are shown in the header and the audit log, so nothing that could
// pass for markup, a path or another name (no control or invisible characters).
import { foldUserName } from '../text/user-name-fold.js';

const NAME = /^[\p{L}\p{N}](?:[\p{L}\p{N} ._-]*[\p{L}\p{N}._-])?$/u;

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
  return NAME.test(name) && [...name].length <= 64 ? name : undefined;
}
