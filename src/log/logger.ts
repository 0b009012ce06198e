// Logs on stderr (stdout belongs to command output such as NDJSON): JSON lines for machines, or
// one readable line per record on a terminal (logFormat / NEWSDESK_LOG_FORMAT: auto, text, json;
// auto picks text when stderr is a TTY, as Miniflux's LOG_FORMAT does).
//
// The text lines are formatted by our own small formatter on the main thread, written through
// pino's synchronous destination: pino-pretty would run in a worker transport, whose last lines
// can be lost when the process exits right after logging (a fatal error, `process.exit`).
import { pino, type DestinationStream, type Logger } from 'pino';
import { formatRecord } from './text-format.js';

export type { Logger };

export type LogFormat = 'auto' | 'text' | 'json';

export interface LoggerOptions {
  /** Default: auto. */
  format?: LogFormat | undefined;
  /** Where lines go (default: stderr, written synchronously). Tests pass a collector. */
  destination?: { write(line: string): unknown } | undefined;
  /** Whether the destination is a terminal (default: whether stderr is one). */
  isTTY?: boolean | undefined;
}

let root: Logger | undefined;

/** The format `auto` stands for on this output. */
export function resolveLogFormat(format: LogFormat, isTTY: boolean): 'text' | 'json' {
  return format === 'auto' ? (isTTY ? 'text' : 'json') : format;
}

const FORMATS: readonly string[] = ['auto', 'text', 'json'];

export function createLogger(level: string = process.env.NEWSDESK_LOG_LEVEL ?? 'info', opts: LoggerOptions = {}): Logger {
  const envFormat = process.env.NEWSDESK_LOG_FORMAT ?? 'auto';
  const format = opts.format ?? (FORMATS.includes(envFormat) ? (envFormat as LogFormat) : 'auto');
  const isTTY = opts.isTTY ?? Boolean(process.stderr.isTTY);
  const out = opts.destination ?? pino.destination({ dest: 2, sync: true });
  let stream: DestinationStream = out as DestinationStream;
  if (resolveLogFormat(format, isTTY) === 'text') {
    // Colour only for a person at a terminal who has not asked for none (https://no-color.org).
    const color = isTTY && !process.env.NO_COLOR;
    stream = { write: (line: string) => out.write(formatRecord(line, { color })) };
  }
  return pino({ level, base: { app: 'newsdesk' }, timestamp: pino.stdTimeFunctions.isoTime }, stream);
}

/** The process-wide logger; modules take a child with their own `module` field. */
export function logger(module?: string): Logger {
  root ??= createLogger();
  return module ? root.child({ module }) : root;
}

export function setRootLogger(l: Logger): void {
  root = l;
}

/** Makes the process-wide logger follow the loaded configuration (file, environment, flags). */
export function configureLogging(config: { logLevel: string; logFormat: LogFormat }): Logger {
  root = createLogger(config.logLevel, { format: config.logFormat });
  return root;
}
