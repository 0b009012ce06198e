import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { BadValue, ConfigError, OPTIONS, type Config, type OptionKey } from './options.js';
import { readSecretFile } from './secret.js';
import { nestingPast } from './nesting.js';

/** How deep a config file's lists and mappings may nest (it nests two or three). */
const MAX_CONFIG_NESTING = 100;

export interface LoadConfigInput {
  /** Path of a YAML/JSON config file; default $NEWSDESK_CONFIG, else none. */
  file?: string;
  env?: NodeJS.ProcessEnv;
  /** Values that win over file and environment (command-line flags, tests). */
  overrides?: Partial<Config>;
}

/**
 * Defaults, then the config file, then the environment (for a secret option also NAME_FILE: a
 * file holding the value), then overrides; every value validated.
 */
export function loadConfig(input: LoadConfigInput = {}): Config {
  const env = input.env ?? process.env;
  const file = input.file ?? env.NEWSDESK_CONFIG;
  const fromFile = file ? readConfigFile(file) : {};
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const key of Object.keys(OPTIONS) as OptionKey[]) {
    const o = OPTIONS[key];
    let raw: unknown = o.default;
    let where = 'default';
    if (Object.hasOwn(fromFile, key)) {
      raw = fromFile[key];
      where = `config file ${file}`;
    }
    const envValue = env[o.env];
    if (envValue !== undefined) {
      raw = envValue;
      where = `environment variable ${o.env}`;
    }
    const fileVar = `${o.env}_FILE`;
    const secretFile = o.secret !== undefined ? env[fileVar] : undefined;
    if (secretFile !== undefined) {
      if (envValue !== undefined) {
        problems.push(`${key}: both ${o.env} and ${fileVar} are set; set one of them`);
        continue;
      }
      try {
        raw = readSecretFile(fileVar, secretFile);
      } catch (err) {
        problems.push(`${key}: ${(err as Error).message}`);
        continue;
      }
      where = `file ${secretFile} (${fileVar})`;
    }
    if (input.overrides && key in input.overrides) {
      raw = input.overrides[key];
      where = 'override';
    }
    try {
      out[key] = (o.parse as (r: unknown, k: string) => unknown)(raw, key);
    } catch (err) {
      // A secret's value is never repeated in a message: messages end up in logs and terminals.
      const message =
        err instanceof BadValue && o.secret !== undefined ? `${err.key}: the value is not ${err.want}` : (err as Error).message;
      problems.push(`${message} (from ${where})`);
    }
  }
  const unknown = Object.keys(fromFile).filter((k) => !Object.hasOwn(OPTIONS, k));
  if (unknown.length) problems.push(`unknown option(s) in ${file}: ${unknown.join(', ')} (see "newsdesk config")`);
  if (problems.length) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return out as Config;
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config file ${file}: ${(err as Error).message}`);
  }
  // Refused before the YAML library reads it: a text nested that deep can abort the process (src/config/nesting.ts).
  const deep = nestingPast(text, MAX_CONFIG_NESTING);
  if (deep >= 0) {
    throw new ConfigError(
      `config file ${file} nests lists and mappings more than ${MAX_CONFIG_NESTING} levels deep (at character ${deep + 1}); a config file needs two or three`,
    );
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    throw new ConfigError(`config file ${file} is not valid YAML/JSON: ${(err as Error).message}`);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new ConfigError(`config file ${file} must hold a mapping of option: value`);
  return data as Record<string, unknown>;
}
