import type { Command } from '../command.js';
import { loadConfig } from '../../config/load.js';
import { OPTIONS, type OptionKey } from '../../config/options.js';

export default {
  summary: 'Show every option: its environment variable, default and current value',
  usage: `Usage: newsdesk config [--json]

Options come from defaults, then the file named by NEWSDESK_CONFIG (YAML or JSON, keys as listed),
then environment variables. A bad value stops the program with the option's name and what it wants.`,
  async run(argv) {
    const config = loadConfig();
    if (argv.includes('--json')) {
      process.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
      return 0;
    }
    for (const key of Object.keys(OPTIONS) as OptionKey[]) {
      const o = OPTIONS[key];
      const value = config[key];
      const shown = (key === 'apiToken' || key === 'smtpUrl') && value ? '(set)' : JSON.stringify(value);
      process.stdout.write(`${key}\n  env ${o.env}, default ${JSON.stringify(o.default)}, now ${shown}\n  ${o.doc}\n`);
    }
    return 0;
  },
} satisfies Command;
