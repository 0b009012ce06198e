// Paths shared by the extraction tests, which run both from test/ (tsx) and from dist/test/.
import { fixturePath, readFixtureBytes } from '../../helpers/repo.js';

export { cliCommand, ROOT } from '../../helpers/repo.js';

export const FIXTURES = fixturePath('extract');

export function fixture(name: string): Buffer {
  return readFixtureBytes('extract', name);
}
