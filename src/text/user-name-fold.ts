// How a user name is folded before it is compared: the one fold account creation stores, sign-in
// and the throttle look it up by, and the look-alike skeleton that keeps a new name from passing
// for an existing one (src/auth/user-name.ts, src/store/accounts.ts, src/auth/throttle.ts).
import { LATIN_LOOKALIKES } from './lookalikes.js';

/**
 * The name in its compatibility form (NFKC) with runs of spaces as one, trimmed: full-width
 * "ａdmin", a ligature "ﬁona", "jane  doe" or "jane doe" typed with a no-break space are "admin",
 * "fiona", "jane doe". Account creation stores names so (r-accounts); sign-in folds what is typed
 * the same way, so a phone keyboard or an IME that types full-width letters reaches the account.
 */
export function foldUserName(s: string): string {
  return s.normalize('NFKC').replace(/ {2,}/g, ' ').trim();
}

/**
 * What a name looks like: folded as above, each Cyrillic or Greek letter that looks like one Latin
 * letter (the table of src/text/lookalikes.ts, from Unicode's confusables) replaced by it, then
 * lower-cased. Cyrillic "аdmin" and Latin "admin" have one skeleton; a name in Cyrillic, Arabic or
 * Persian letters that look like no Latin name keeps letters no Latin name has. Letters are
 * replaced before lower-casing: the table maps capitals to capitals ("Н" looks like "H"; its small
 * "н" looks like no Latin letter).
 */
export function userNameSkeleton(name: string): string {
  let out = '';
  for (const ch of foldUserName(name)) out += LATIN_LOOKALIKES.get(ch.codePointAt(0)!) ?? ch;
  return out.normalize('NFC').toLowerCase();
}
