// Store addresses as the "database" option writes them: sqlite:PATH or postgres://…[?schema=NAME].
import { CopyError } from './types.js';

export type StoreUrl =
  | { dialect: 'sqlite'; path: string; label: string }
  | { dialect: 'postgres'; url: string; schema: string | undefined; label: string };

/** The URL with its password (and password-like query parameters) hidden. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/:]*):[^@/]*@/, '//$1:***@').replace(/([?&](?:password|sslpassword)=)[^&]*/gi, '$1***');
}

/** Parses a store address; `option` names where it came from ("--from"), for the message. */
export function parseStoreUrl(option: string, value: string): StoreUrl {
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new CopyError(`${option}: sqlite: needs a file path, as in sqlite:data/newsdesk.db`);
    return { dialect: 'sqlite', path, label: `sqlite:${path}` };
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw new CopyError(`${option}: ${redactUrl(value)} is not a valid postgres:// URL`);
    }
    const schema = parsed.searchParams.get('schema') ?? undefined;
    parsed.searchParams.delete('schema');
    if (schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
      throw new CopyError(`${option}: schema ${JSON.stringify(schema)} is not a plain identifier (letters, digits and _)`);
    }
    return { dialect: 'postgres', url: parsed.toString(), schema, label: redactUrl(value) };
  }
  throw new CopyError(
    `${option}: ${JSON.stringify(redactUrl(value))} is neither sqlite:PATH nor a postgres:// URL (e.g. sqlite:data/newsdesk.db, postgres://user@host:5432/newsdesk)`,
  );
}
