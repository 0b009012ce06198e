// Structured logs: JSON lines on stderr (stdout belongs to command output such as NDJSON).
import { pino, type Logger } from 'pino';

export type { Logger };

let root: Logger | undefined;

export function createLogger(level: string = process.env.NEWSDESK_LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { app: 'newsdesk' }, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination(2));
}

/** The process-wide logger; modules take a child with their own `module` field. */
export function logger(module?: string): Logger {
  root ??= createLogger();
  return module ? root.child({ module }) : root;
}

export function setRootLogger(l: Logger): void {
  root = l;
}
