// Values across dialects: the kind of a column from each dialect's declared type, the value a
// target column is given, and the canonical text both sides' checksums are computed from.
import type { ColumnKind, Value } from './types.js';

/** The kind of a PostgreSQL column, from information_schema's data_type. */
export function postgresKind(dataType: string): ColumnKind {
  const t = dataType.toLowerCase();
  if (t === 'boolean') return 'bool';
  if (t === 'json' || t === 'jsonb') return 'json';
  if (t === 'smallint' || t === 'integer' || t === 'bigint') return 'int';
  if (t === 'real' || t === 'double precision' || t === 'numeric') return 'real';
  if (t === 'bytea') return 'bytes';
  if (t.startsWith('timestamp')) return 'timestamp';
  return 'text';
}

/**
 * The kind of a SQLite column from its declared type, following SQLite's affinity rules (a type
 * containing INT is an integer, CHAR/CLOB/TEXT text, BLOB bytes, REAL/FLOA/DOUB real), with the
 * names people write for booleans, JSON and times recognised first.
 */
export function sqliteKind(declared: string): ColumnKind {
  const t = declared.toUpperCase();
  if (t === '') return 'any';
  if (t.startsWith('BOOL')) return 'bool';
  if (t.includes('JSON')) return 'json';
  if (t.includes('TIMESTAMP') || t.includes('DATETIME')) return 'timestamp';
  if (t.includes('INT')) return 'int';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'text';
  if (t.includes('BLOB')) return 'bytes';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB') || t.includes('NUMERIC') || t.includes('DECIMAL')) return 'real';
  return 'any';
}

/**
 * The kind both sides of a copied column are compared as. PostgreSQL's types say more than
 * SQLite's affinities (SQLite's INTEGER 0/1 is PostgreSQL's BOOLEAN; its TEXT holds JSONB), so when
 * one side is PostgreSQL its kind decides; between two stores of one dialect the source's does.
 */
export function commonKind(source: { dialect: string; kind: ColumnKind }, target: { dialect: string; kind: ColumnKind }): ColumnKind {
  if (target.dialect === 'postgres' && source.dialect !== 'postgres') return target.kind;
  return source.kind === 'any' ? target.kind : source.kind;
}

/** PostgreSQL text and JSONB cannot hold NUL; a copy drops it (the store does the same on write). */
function noNul(s: string): string {
  return s.includes('\u0000') ? s.replace(/\u0000/g, '') : s;
}

function isTrue(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'string') return ['1', 't', 'true', 'y', 'yes', 'on'].includes(v.trim().toLowerCase());
  return Boolean(v);
}

function parseJson(v: Value): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v; // not JSON after all: kept as a JSON string, the way PostgreSQL would need it quoted
  }
}

/** JSON with keys sorted at every level and NULs dropped: JSONB reorders keys, so both sides must agree on one order. */
export function stableJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(noNul(value));
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(noNul(k))}:${stableJson(obj[k])}`).join(',')}}`;
}

function timeMs(v: Value): number | string {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') {
    if (/^-?\d+$/.test(v.trim())) return Number(v);
    // PostgreSQL's text form ("2026-01-02 03:04:05+00") in the shape Date.parse reads.
    const iso = v
      .trim()
      .replace(' ', 'T')
      .replace(/([+-]\d\d)$/, '$1:00');
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? v : ms;
  }
  return String(v);
}

function asText(v: Value): string {
  if (typeof v === 'string') return v;
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object' && v !== null) return JSON.stringify(v);
  return String(v);
}

function integer(v: Value): bigint | string {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return BigInt(v.trim());
  if (v instanceof Date) return BigInt(v.getTime());
  return asText(v); // SQLite lets any value into an INTEGER column; it is copied as it is
}

/** The parameter a PostgreSQL column of `kind` is given for `v`. */
export function toPostgres(v: Value, kind: ColumnKind): unknown {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'bool':
      return isTrue(v);
    case 'int': {
      const i = integer(v);
      return typeof i === 'bigint' ? i.toString() : i;
    }
    case 'real':
      return typeof v === 'bigint' ? v.toString() : typeof v === 'number' || typeof v === 'string' ? v : asText(v);
    case 'json':
      return stableJson(parseJson(v));
    case 'bytes':
      return Buffer.isBuffer(v) ? v : Buffer.from(asText(v), 'utf8');
    case 'timestamp': {
      const t = timeMs(v);
      return typeof t === 'number' ? new Date(t) : t;
    }
    default:
      // Arrays (PostgreSQL text[], int[]…) go as arrays: the driver writes them in array syntax.
      return Buffer.isBuffer(v) || Array.isArray(v) ? v : noNul(asText(v));
  }
}

/**
 * The value a SQLite column of `kind` is given for `v`. `affinity` is the target column's own kind:
 * a time goes in as epoch milliseconds into an INTEGER column, as ISO text otherwise.
 */
export function toSqlite(v: Value, kind: ColumnKind, affinity: ColumnKind): string | number | bigint | Buffer | null {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'bool':
      return isTrue(v) ? 1 : 0;
    case 'int':
      return integer(v);
    case 'real':
      return typeof v === 'number' || typeof v === 'bigint' ? v : Number.isNaN(Number(v)) ? asText(v) : Number(v);
    case 'json':
      return typeof v === 'string' ? v : JSON.stringify(v);
    case 'bytes':
      return Buffer.isBuffer(v) ? v : Buffer.from(asText(v), 'utf8');
    case 'timestamp': {
      const t = timeMs(v);
      if (typeof t === 'string') return t;
      return affinity === 'int' || affinity === 'real' ? t : new Date(t).toISOString();
    }
    default:
      if (typeof v === 'number' || typeof v === 'bigint' || Buffer.isBuffer(v)) return v;
      return asText(v);
  }
}

/**
 * The canonical text of a value of `kind`, the same whichever dialect it was read from: what the
 * end-of-copy checksums hash. null stays null (distinct from every string).
 */
export function canonical(v: Value, kind: ColumnKind): string | null {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'bool':
      return isTrue(v) ? 'true' : 'false';
    case 'int':
      return integer(v).toString();
    case 'real': {
      const n = typeof v === 'number' ? v : Number(typeof v === 'bigint' ? v : asText(v));
      return Number.isNaN(n) ? asText(v) : String(n);
    }
    case 'json':
      return stableJson(parseJson(v));
    case 'bytes':
      return (Buffer.isBuffer(v) ? v : Buffer.from(asText(v), 'utf8')).toString('hex');
    case 'timestamp':
      return String(timeMs(v));
    case 'text':
      return noNul(asText(v));
    default:
      // A SQLite column without a declared type keeps each value's own type: tag it.
      if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) return `i:${v}`;
      if (typeof v === 'number') return `r:${v}`;
      if (Buffer.isBuffer(v)) return `b:${v.toString('hex')}`;
      return `t:${noNul(asText(v))}`;
  }
}
