// The packaging files, checked with the tools this machine has: systemd-analyze verify on the
// units, shellcheck on the entrypoint, hadolint on the Dockerfile (each skipped, saying so, when
// the tool is missing), and the relations the deployment relies on read from the files themselves:
// the build context holds what the Dockerfile copies and nothing private, compose starts web and
// two workers after a one-off migrate, the units run as an unprivileged, confined user.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/repo.js';

const root = repoRoot();
const read = (...p: string[]): string => readFileSync(join(root, ...p), 'utf8');

function have(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}

const unitsDir = join(root, 'deploy', 'systemd');
const units = readdirSync(unitsDir).filter((f) => f.endsWith('.service'));

test('systemd-analyze verify accepts every unit without a warning', (t) => {
  if (!have('systemd-analyze')) return t.skip('systemd-analyze is not installed here: units not verified');
  assert.deepEqual(units.sort(), ['newsdesk-migrate.service', 'newsdesk-web.service', 'newsdesk-worker@.service']);
  for (const u of units) {
    // verify exits 0 on unknown keys and bad values; they only show as lines on stderr.
    const r = spawnSync('systemd-analyze', ['verify', join(unitsDir, u)], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${u}: ${r.stderr}`);
    assert.equal(r.stderr.trim(), '', `${u}: ${r.stderr}`);
  }
});

test('units run confined, unprivileged, with migrations as a one-off they require', () => {
  for (const u of units) {
    const text = read('deploy', 'systemd', u);
    for (const line of [
      'DynamicUser=yes',
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
      'ProtectHome=yes',
      'PrivateTmp=yes',
      'CapabilityBoundingSet=',
      'StateDirectory=newsdesk',
    ]) {
      assert.ok(text.split('\n').includes(line), `${u} has ${line}`);
    }
  }
  assert.match(read('deploy', 'systemd', 'newsdesk-web.service'), /^ExecStart=\S+ \S+ serve --no-poll$/m);
  assert.match(read('deploy', 'systemd', 'newsdesk-worker@.service'), /^ExecStart=\S+ \S+ worker$/m);
  assert.match(read('deploy', 'systemd', 'newsdesk-migrate.service'), /^Type=oneshot$/m);
  for (const u of ['newsdesk-web.service', 'newsdesk-worker@.service']) {
    assert.match(read('deploy', 'systemd', u), /^Requires=newsdesk-migrate\.service$/m);
  }
});

test('shellcheck finds nothing in the entrypoint', (t) => {
  if (!have('shellcheck')) return t.skip('shellcheck is not installed here (apt-get install shellcheck): entrypoint not linted');
  const r = spawnSync('shellcheck', ['--shell=sh', join(root, 'deploy', 'docker-entrypoint.sh')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('hadolint finds nothing in the Dockerfile', (t) => {
  if (!have('hadolint')) return t.skip('hadolint is not installed here (no Debian or npm package): Dockerfile not linted');
  const r = spawnSync('hadolint', [join(root, 'Dockerfile')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

/** Docker's .dockerignore rule: the last pattern that matches a path (or a folder above it) decides. */
function inContext(path: string, patterns: string[]): boolean {
  let included = true;
  for (const raw of patterns) {
    const neg = raw.startsWith('!');
    const pat = (neg ? raw.slice(1) : raw).replace(/\/$/, '');
    const re = new RegExp(
      `^${pat
        .split('/')
        .map((seg) =>
          seg === '**'
            ? '.*'
            : seg
                .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                .replace(/\*/g, '[^/]*')
                .replace(/\?/g, '[^/]'),
        )
        .join('/')
        .replace(/\.\*\//g, '(?:.*/)?')}$`,
    );
    const parts = path.split('/');
    const matches = parts.some((_, i) => re.test(parts.slice(0, i + 1).join('/')));
    if (matches) included = neg;
  }
  return included;
}

test('the build context holds what the Dockerfile copies, and no tests, data or local databases', () => {
  const patterns = read('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const dockerfile = read('Dockerfile');
  const copies = [...dockerfile.matchAll(/^COPY (?!--from)(.+)$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/).slice(0, -1));
  assert.ok(copies.length >= 5);
  for (const c of copies) {
    assert.ok(existsSync(join(root, c)), `${c} exists`);
    assert.ok(inContext(c, patterns), `${c} is in the build context`);
  }
  for (const p of ['src/cli/index.ts', 'package-lock.json', 'samples/topics.yaml']) assert.ok(inContext(p, patterns), p);
  for (const p of [
    'test/store/sqlite.test.ts',
    'data/newsdesk.db',
    'node_modules/pg/package.json',
    '.git/HEAD',
    'src/x.db',
    '.env',
    'dist/src/cli/index.js',
    'bench/scale/run.ts',
  ]) {
    assert.ok(!inContext(p, patterns), `${p} stays out of the build context`);
  }
});

test('the image runs as a non-root user, installs production dependencies only, and checks its health', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  assert.ok(stages.length >= 2, 'multi-stage');
  const runtime = stages[stages.length - 1]!;
  assert.match(runtime, /^USER node$/m);
  assert.match(runtime, /^HEALTHCHECK .*\n?.*healthcheck/m);
  assert.match(runtime, /^ENTRYPOINT \["\/usr\/local\/bin\/docker-entrypoint\.sh"\]$/m);
  assert.doesNotMatch(runtime, /npm ci(?!.*--omit=dev)/, 'no dev dependencies in the runtime stage');
  assert.match(dockerfile, /npm ci --omit=dev/);
  assert.doesNotMatch(runtime, /apt-get install/, 'no compilers in the image that runs');
});

test('compose: PostgreSQL, a one-off migrate, one web and two workers that start after it', () => {
  const c = parse(read('compose.yaml'), { merge: true }) as {
    services: Record<
      string,
      {
        command?: string[];
        image?: string;
        depends_on?: Record<string, { condition: string }>;
        deploy?: { replicas?: number };
        environment?: Record<string, string>;
        restart?: string;
      }
    >;
  };
  const s = c.services;
  assert.deepEqual(Object.keys(s).sort(), ['db', 'migrate', 'web', 'worker']);
  assert.match(s.db!.image!, /^postgres:/);
  assert.deepEqual(s.migrate!.command, ['migrate']);
  assert.equal(s.migrate!.restart, 'no');
  assert.equal(s.migrate!.depends_on?.db?.condition, 'service_healthy');
  assert.deepEqual(s.web!.command, ['web']);
  assert.deepEqual(s.worker!.command, ['worker']);
  assert.equal(s.worker!.deploy?.replicas, 2);
  for (const name of ['web', 'worker']) {
    assert.equal(s[name]!.depends_on?.migrate?.condition, 'service_completed_successfully', name);
    assert.equal(s[name]!.environment?.NEWSDESK_MIGRATE, '0', `${name} leaves migrations to migrate`);
    assert.match(
      s[name]!.environment?.NEWSDESK_DATABASE ?? '',
      /^postgres:\/\/newsdesk:\$\{POSTGRES_PASSWORD:\?[^}]*\}@db:5432\/newsdesk$/,
    );
  }
});
