#!/usr/bin/env node
// The `newsdesk` binary. Each command lives in ./commands/<name>.ts and is loaded on demand,
// so `newsdesk parse` does not pay for the web server's imports (the scoring harnesses call
// the parse and extract commands many times).
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OperatorError } from '../config/operator-error.js';
import type { Command } from './command.js';
import { UsageError } from './command.js';
import { listenForStop, restoreDefaultStop } from './stop-signal.js';
import { nearestOption } from './suggest.js';
import { termText } from './terminal-text.js';

// Before anything else: a stop asked for while a long-running command starts is remembered, not
// fatal (stop-signal.ts); the commands that do not stop cleanly get the default back below.
listenForStop();

const commandsDir = fileURLToPath(new URL('./commands/', import.meta.url));
const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

function commandNames(): string[] {
  return readdirSync(commandsDir)
    .filter((f) => f.endsWith(ext) && !f.endsWith('.d.ts') && !f.includes('.test.'))
    .map((f) => f.slice(0, -ext.length))
    .sort();
}

async function load(name: string): Promise<Command | undefined> {
  if (!/^[a-z][a-z0-9-]*$/.test(name) || !commandNames().includes(name)) return undefined;
  const mod = (await import(`./commands/${name}${ext}`)) as { default: Command };
  return mod.default;
}

async function help(topic?: string): Promise<number> {
  if (topic) {
    const cmd = await load(topic);
    if (!cmd) {
      process.stderr.write(`newsdesk: no command "${topic}". Run "newsdesk help" for the list.\n`);
      return 2;
    }
    process.stdout.write(`${cmd.usage.trim()}\n`);
    return 0;
  }
  const lines = ['Usage: newsdesk <command> [options]', '', 'Commands:'];
  for (const name of commandNames()) {
    const cmd = await load(name);
    if (cmd) lines.push(`  ${name.padEnd(14)} ${cmd.summary}`);
  }
  lines.push('', 'Run "newsdesk help <command>" for a command\'s options.');
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const cmd = name ? await load(name) : undefined;
  if (!cmd?.stopsCleanly || rest.includes('--help') || rest.includes('-h')) restoreDefaultStop();
  if (!name || name === 'help' || name === '--help' || name === '-h') return help(rest[0]);
  if (!cmd) {
    process.stderr.write(`newsdesk: unknown command "${name}". Run "newsdesk help" for the list.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) return help(name);
  try {
    return await cmd.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      const typo = /^(?:unexpected argument|unknown option) (--\S+)$/.exec(err.message)?.[1];
      const near = typo ? nearestOption(typo, cmd.usage) : undefined;
      const hint = near ? ` (did you mean ${near}?)` : '';
      process.stderr.write(`newsdesk ${name}: ${err.message}${hint}\n\n${cmd.usage.trim()}\n`);
      return 2;
    }
    // A bad option, a store that cannot be opened, a port in use: the message says what to do,
    // and a stack trace would only hide it. Other errors are bugs and keep theirs.
    if (err instanceof OperatorError) {
      process.stderr.write(`newsdesk ${name}: ${termText(err.message).replace(/\\x0a/g, '\n')}\n`);
      return 1;
    }
    throw err;
  }
}

// A reader that stops early (`newsdesk parse … | head`) closes the pipe: that is the end of the
// output, not a failure worth a stack trace. Other stream errors are still reported.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode === undefined ? 0 : Number(process.exitCode));
    throw err;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    restoreDefaultStop(false);
  },
  (err: unknown) => {
    restoreDefaultStop(false);
    const msg = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`newsdesk: ${termText(msg).replace(/\\x0a/g, '\n')}\n`);
    process.exitCode = 1;
  },
);
