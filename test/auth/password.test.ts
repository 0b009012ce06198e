// Password hashing: scrypt in a self-describing format, verified with the parameters it names,
// so the cost can change without locking anyone out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CURRENT, hashPassword, needsRehash, passwordProblem, verifyPassword } from '../../src/auth/password.js';

test('a hash names its algorithm and parameters, is salted, and verifies only its own password', async () => {
  const a = await hashPassword('correct horse battery');
  const b = await hashPassword('correct horse battery');
  assert.match(a, new RegExp(`^scrypt\\$N=${CURRENT.N},r=${CURRENT.r},p=${CURRENT.p}\\$[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}$`));
  assert.notEqual(a, b, 'a fresh salt each time');
  assert.equal(await verifyPassword('correct horse battery', a), true);
  assert.equal(await verifyPassword('correct horse battery', b), true);
  assert.equal(await verifyPassword('correct horse batterY', a), false);
  assert.equal(await verifyPassword('', a), false);
  assert.equal(needsRehash(a), false);
  assert.ok(CURRENT.N >= 2 ** 15 && CURRENT.r >= 8, 'at least the cost the comment in password.ts argues for');
});

test('a hash made with other parameters still verifies, and asks to be made again', async () => {
  const old = await hashPassword('an older password', { N: 2 ** 10, r: 8, p: 1 });
  assert.match(old, /^scrypt\$N=1024,r=8,p=1\$/);
  assert.equal(await verifyPassword('an older password', old), true);
  assert.equal(await verifyPassword('another password', old), false);
  assert.equal(needsRehash(old), true);
});

test('the same text in another Unicode composition is the same password', async () => {
  const h = await hashPassword('caf\u00e9 au lait please');
  assert.equal(await verifyPassword('cafe\u0301 au lait please', h), true);
});

test('malformed or hostile stored hashes verify nothing (and never ask for gigabytes)', async () => {
  const good = await hashPassword('some password here');
  const [, , salt, key] = good.split('$');
  for (const bad of [
    '',
    'plain-text-password',
    `scrypt$N=1023,r=8,p=1$${salt}$${key}`, // N not a power of two
    `scrypt$N=1073741824,r=8,p=1$${salt}$${key}`, // 2^30: 1 TiB of memory
    `scrypt$N=32768,r=800,p=1$${salt}$${key}`,
    `bcrypt$N=32768,r=8,p=1$${salt}$${key}`,
    `scrypt$N=32768,r=8,p=1$${salt}$`,
  ])
    assert.equal(await verifyPassword('some password here', bad), false, bad);
  // Changing one byte of the key fails.
  const flipped = Buffer.from(key!, 'base64');
  flipped[0]! ^= 1;
  assert.equal(await verifyPassword('some password here', `scrypt$N=32768,r=8,p=1$${salt}$${flipped.toString('base64')}`), false);
});

test('new passwords: at least 10 characters, at most 1024, not the name', () => {
  assert.equal(passwordProblem('short'), 'too-short');
  assert.equal(passwordProblem('ninechars'), 'too-short');
  assert.equal(passwordProblem('tenchars!!'), undefined);
  assert.equal(passwordProblem('x'.repeat(1025)), 'too-long');
  assert.equal(passwordProblem('Administrator', 'administrator'), 'same-as-name');
  assert.equal(passwordProblem('😀'.repeat(10)), undefined, 'counted in characters, not UTF-16 units');
});
