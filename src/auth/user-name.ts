// What a user name may be: 1 to 64 letters, digits, spaces, dots, dashes and underscores, starting
// with a letter or digit. Names are shown in the header and the audit log, so nothing that could
// pass for markup, a path or another name (no control or invisible characters).
const NAME = /^[\p{L}\p{N}](?:[\p{L}\p{N} ._-]*[\p{L}\p{N}._-])?$/u;

/** The name as given, trimmed and composed (NFC), when it is acceptable. */
export function validUserName(s: string | undefined): string | undefined {
  const name = (s ?? '').trim().normalize('NFC');
  return NAME.test(name) && [...name].length <= 64 ? name : undefined;
}
