// Passwords for `newsdesk user …` come from the terminal (typed without echo, twice) or from
// standard input (the first line: `printf '%s\n' "$PW" | newsdesk user add ana`), never from the
// command line, where they would sit in the shell history and in every `ps` listing.
import { OperatorError } from '../config/operator-error.js';

/** The first line of piped standard input. */
async function firstLineOfStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if ((chunk as Buffer).includes(10)) break;
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.split(/\r?\n/)[0] ?? '';
}

/** One line typed on the terminal without echo. */
function hiddenLine(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const done = (err?: Error): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (data: Buffer): void => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          done();
          return;
        }
        if (ch === '\u0003') {
          done(new OperatorError('cancelled; no password was set'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else if (ch >= ' ') typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** A new password: asked twice on a terminal (they must match), else read from standard input. */
export async function readNewPassword(): Promise<string> {
  // Both failures are the operator's to fix and said in one line (they used to end in a stack
  // trace, or, for an empty stdin, in "a password needs at least 10 characters").
  if (!process.stdin.isTTY) {
    const line = await firstLineOfStdin();
    if (line === '')
      throw new OperatorError(
        `no password on standard input: pipe it as the first line (printf '%s\\n' "$PASSWORD" | newsdesk user …), or run the command on a terminal to type it`,
      );
    return line;
  }
  const first = await hiddenLine('Password: ');
  const again = await hiddenLine('Password again: ');
  if (first !== again) throw new OperatorError('the two passwords are not the same; nothing was changed, run the command again');
  return first;
}
