import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { loadConfig } from '../../config/load.js';
import { OPTIONS, type OptionKey } from '../../config/options.js';
import { maskSecret } from '../../config/secret.js';

export default {
  summary: 'Show every option: its environment variable, default and current value',
  usage: `Usage: newsdesk config [--json]

Options come from defaults, then the file named by NEWSDESK_CONFIG (YAML or JSON, keys as listed),
then environment variables. A bad value stops the program with the option's name and what it wants.
Secret options (marked "secret") can also be read from a file named by their variable plus _FILE,
e.g. NEWSDESK_API_TOKEN_FILE=/run/secrets/api_token; they are shown masked (***), --json too.`,
  async run(argv) {
    // It used to ignore what it did not know: `config --db other.db` showed the configured
    // database as if it were other.db's.
    const unknown = argv.find((a) => a !== '--json');
    if (unknown !== undefined)
      throw new UsageError(
        unknown === '--db'
          ? 'config takes no --db: it shows the options as NEWSDESK_CONFIG and the environment set them (NEWSDESK_DATABASE=… newsdesk config)'
          : `unexpected argument ${unknown}`,
      );
    const config = loadConfig();
    const shown = (key: OptionKey): unknown => maskSecret(config[key], OPTIONS[key].secret);
    if (argv.includes('--json')) {
      const out = Object.fromEntries((Object.keys(OPTIONS) as OptionKey[]).map((k) => [k, shown(k)]));
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      return 0;
    }
    for (const key of Object.keys(OPTIONS) as OptionKey[]) {
      const o = OPTIONS[key];
      const env = o.secret !== undefined ? `${o.env} or ${o.env}_FILE (secret)` : o.env;
      process.stdout.write(`${key}\n  env ${env}, default ${JSON.stringify(o.default)}, now ${JSON.stringify(shown(key))}\n  ${o.doc}\n`);
    }
    return 0;
  },
} satisfies Command;
