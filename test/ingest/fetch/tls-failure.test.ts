// A TLS failure is a "tls" failure whatever OpenSSL calls it: undici passes OpenSSL's ERR_SSL_*
// codes through (ERR_SSL_WRONG_VERSION_NUMBER when a plain-http port is asked for https), and
// only ERR_TLS_* and certificate codes were recognised, so the desk said "other" and quoted
// OpenSSL's line in English to an Arabic or Persian editor (2026-12-06 analyst journey).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fetchFailureReason } from '../../../src/ingest/fetch/failure-kind.js';

const coded = (code: string, cause?: unknown): Error => Object.assign(new Error(`${code} something`), { code, cause });

test('ERR_SSL_*, ERR_TLS_* and certificate codes, on the error or its cause, are tls failures', () => {
  assert.deepEqual(fetchFailureReason(coded('ERR_SSL_WRONG_VERSION_NUMBER')), { kind: 'tls' });
  assert.deepEqual(fetchFailureReason(new Error('fetch failed', { cause: coded('ERR_SSL_PACKET_LENGTH_TOO_LONG') })), { kind: 'tls' });
  assert.deepEqual(fetchFailureReason(coded('ERR_TLS_CERT_ALTNAME_INVALID')), { kind: 'tls' });
  assert.deepEqual(fetchFailureReason(coded('CERT_HAS_EXPIRED')), { kind: 'tls' });
  assert.deepEqual(fetchFailureReason(coded('ECONNREFUSED')), { kind: 'refused' });
});
