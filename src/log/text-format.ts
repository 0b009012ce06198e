// One pino record (a JSON line) as one line a person reads on a terminal:
//   2026-11-20T12:00:00.000Z WARN  scheduler: check failed sourceId=3 url=https://x.example/feed
// followed by an error's stack, indented. Field values come from feeds and requests, so every
// control character is shown escaped: a title holding "\n" or a terminal escape cannot forge a
// log line or recolour the terminal.

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const COLORS: Record<number, string> = { 10: '90', 20: '36', 30: '32', 40: '33', 50: '31', 60: '35' };

/** Fields every record has, shown in the line's head or not at all. */
const HEAD = new Set(['level', 'time', 'msg', 'module', 'app', 'pid', 'hostname', 'err']);

// C0 and C1 controls, DEL, and the bidirectional overrides that can reorder what a terminal shows.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function escapeControls(s: string): string {
  return s.replace(CONTROL, (c) =>
    c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A value as key=value shows it: bare when it is one plain word, else as a JSON string. */
function value(v: unknown): string {
  if (typeof v === 'string') return /^[^\s"=\\]+$/.test(v) ? escapeControls(v) : escapeControls(JSON.stringify(v));
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  return escapeControls(JSON.stringify(v) ?? String(v));
}

export interface TextFormatOptions {
  /** ANSI colour for the level (a terminal that asked for none, or a file, gets none). */
  color?: boolean;
}

/** Formats one record; a line that is not a JSON object is passed through unchanged. */
export function formatRecord(line: string, opts: TextFormatOptions = {}): string {
  let rec: Record<string, unknown>;
  try {
    const parsed = JSON.parse(line) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return line.endsWith('\n') ? line : `${line}\n`;
    rec = parsed as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const level = typeof rec.level === 'number' ? rec.level : 30;
  let name = (LEVELS[level] ?? `L${level}`).padEnd(5);
  if (opts.color) name = `\u001b[${COLORS[level] ?? '0'}m${name}\u001b[0m`;
  const parts: string[] = [];
  if (typeof rec.time === 'string' || typeof rec.time === 'number') parts.push(String(rec.time));
  parts.push(name);
  const module = typeof rec.module === 'string' ? `${escapeControls(rec.module)}:` : '';
  if (module) parts.push(module);
  if (rec.msg !== undefined) parts.push(escapeControls(String(rec.msg)));
  for (const [k, v] of Object.entries(rec)) if (!HEAD.has(k) && v !== undefined) parts.push(`${escapeControls(k)}=${value(v)}`);
  let out = parts.join(' ');
  const err = rec.err as { message?: unknown; stack?: unknown } | undefined;
  if (err && typeof err === 'object') {
    const text = typeof err.stack === 'string' ? err.stack : String(err.message ?? JSON.stringify(err));
    out += `\n${text
      .split('\n')
      .map((l) => `    ${escapeControls(l)}`)
      .join('\n')}`;
  }
  return `${out}\n`;
}
