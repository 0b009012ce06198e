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

/** Each letter of the table (Cyrillic and Greek letters that look like one Latin letter) as that letter. */
function latinLookalikes(s: string): string {
  let out = '';
  for (const ch of s) out += LATIN_LOOKALIKES.get(ch.codePointAt(0)!) ?? ch;
  return out;
}

/**
 * What a name looks like: folded as above, each Cyrillic or Greek letter that looks like one Latin
 * letter (the table of src/text/lookalikes.ts, from Unicode's confusables) replaced by it, then
 * each letter case-folded on its own (upper-cased, then lower-cased), then the table once more.
 * Cyrillic "аdmin" and Latin "admin" have one skeleton; a name in Cyrillic, Arabic or Persian
 * letters that look like no Latin name keeps letters no Latin name has. Letters are replaced
 * before case-folding: the table maps capitals to capitals ("Н" looks like "H"; its small "н"
 * looks like no Latin letter). The fold goes through the capital, letter by letter, because
 * lower-casing alone is not "ignoring case": Turkish dotless "ı" and "I", Greek final "ς" and "σ"
 * ("ΟΔΟΣ" is the capitals of "οδοσ", but lower-cased whole it is "οδος"), "ß" and "SS" are one
 * letter in capitals, and "admın" beside "admin" or "οδοσ" beside "ΟΔΟΣ" were two names
 * (r2-accounts). The table is asked again after, for a small letter that came from a capital the
 * table does not hold (Greek "Σ" to "σ", which looks like "o").
 */
export function userNameSkeleton(name: string): string {
  return latinLookalikes(caseFoldUserName(latinLookalikes(withoutLookalikeMarks(foldUserName(name))))).normalize('NFC');
}

/**
 * Each letter case-folded on its own, through its capital (upper-cased, then lower-cased), in NFC:
 * "ignoring case" as the product means it. Lower-casing a whole word is not that: Turkish dotless
 * "ı" and "I" are one letter in capitals, as are Greek final "ς" and "σ" ("ΟΔΟΣ" lower-cased whole
 * is "οδος", its capitals are those of "οδοσ"), and "ß" and "SS" (r2-accounts). No context rule:
 * every sigma is "σ", so a name reads one way whatever the position of its letters. Turkish
 * dotted "İ" folds to "i" with a combining dot above, which stays (the dot shows).
 */
export function caseFoldUserName(s: string): string {
  // Twice: one pass is not settled for capital sharp "ẞ", whose small letter "ß" has capitals
  // "SS": once through, "STRAẞE" was "straße", not "strasse" as "straße" and "STRASSE" are, so
  // it was another name beside them and another throttle key for one account (r2-userkey).
  return caseFoldOnce(caseFoldOnce(s)).normalize('NFC');
}

function caseFoldOnce(s: string): string {
  let cased = '';
  for (const ch of s) cased += ch.toUpperCase().toLowerCase();
  return cased;
}

/** A letter of a script whose combining marks a reader may not see, or sees as a dot or a stroke. */
const MARKS_DROPPED_AFTER = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Arabic}]/u;

/**
 * The name without the joiners and the non-spacing marks that make a second name look like a
 * first: "علی‌رضا" with its ZWNJ and "علیرضا" are one name to a reader, as are "José" and "Jose",
 * "admin" and "ad\u0307min" (a dot above the d), and an Arabic name with and without its vowel
 * marks. Marks are dropped only after Latin, Greek, Cyrillic and Arabic-script letters: in Indic
 * scripts a sign is a vowel ("राम" and "रम" are two names).
 */
function withoutLookalikeMarks(name: string): string {
  const chars = [...name.normalize('NFD')];
  let out = '';
  let base = '';
  for (const ch of chars) {
    if (ch === '\u200C' || ch === '\u200D') continue;
    if (/\p{Mn}/u.test(ch)) {
      if (MARKS_DROPPED_AFTER.test(base)) continue;
    } else base = ch;
    out += ch;
  }
  return out.normalize('NFC');
}
