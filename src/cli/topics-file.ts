// A topics file named on the command line (`serve`, `worker` and `poll --topics FILE`): the
// operator means that file now, so one that cannot be read or parsed stops the command with the
// reason, before the store is opened. (A file set in the environment or the config file is only
// warned about at start-up; see src/server/topics.ts.)
import type { Config } from '../config/options.js';
import { OperatorError } from '../config/operator-error.js';
import { formatTopicError } from '../topics/definition.js';
import { loadTopicsFile } from '../topics/load.js';

/** `path` when it holds valid topics; else an OperatorError naming the option, the file and the problem. */
export async function explicitTopicsFile(option: string, path: string): Promise<string> {
  const parsed = await loadTopicsFile(path);
  if (parsed.ok) return path;
  const problems = parsed.errors.map((e) => (e.line === undefined ? e.message : formatTopicError(e, path)));
  throw new OperatorError(
    `${option} ${path}: ${problems.join('; ')} — fix the path or the file, or leave ${option} out to use the "topicsFile" option or the stored topics`,
  );
}

/**
 * The configuration override of a `--topics FILE` flag (nothing when it was not given), checked by
 * explicitTopicsFile: the command stops here when the file is missing or broken.
 */
export async function topicsOverride(path: string | undefined): Promise<Partial<Config>> {
  return path === undefined ? {} : { topicsFile: await explicitTopicsFile('--topics', path) };
}
