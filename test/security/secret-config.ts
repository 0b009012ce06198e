// The configuration both secret-hunting crawls run with (crawl.test.ts over the public site,
// desk-site.ts under the desk): an SQLite store in `dir`, the loopback allowed, and every secret the
// server holds set, so the crawls can search every page, header and log line for them.
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/options.js';

export interface ServerSecrets {
  apiToken: string;
  smtpPassword: string;
}

export function secretConfig(dir: string, dbFile: string, topicsFile: string, secrets: ServerSecrets): Config {
  return loadConfig({
    env: {},
    overrides: {
      database: `sqlite:${join(dir, dbFile)}`,
      allowHosts: ['127.0.0.1/32'],
      // The topics' webhook receivers listen on loopback too (crawl checks one is delivered, signed).
      alertAllowHosts: ['127.0.0.1/32'],
      connectTimeoutMs: 2000,
      totalTimeoutMs: 5000,
      extractMode: 'off',
      topicsFile,
      apiToken: secrets.apiToken,
      // Nothing listens on port 9: sending fails, and the failure (without the password) is logged.
      smtpUrl: `smtp://desk:${secrets.smtpPassword}@127.0.0.1:9`,
      mailFrom: 'newsdesk@example.org',
      maxBodyBytes: 4 * 1024 * 1024,
      pageSize: 50,
    },
  });
}
