// This area's fixture files, read from the source tree whether the test runs from test/ (tsx)
// or from dist/test/ (compiled).
export { fixturePath, readFixture, readFixtureBytes } from '../../helpers/repo.js';
