// A webhook secret as the topics reader hands it on. Where it came from is kept (inline, an
// environment variable, a file), because only the reference — never the value — may be stored
// or shown. The value itself sits in a Secret, which prints and serialises as a marker: a topic
// object that ends up in a log line, JSON.stringify or console.log does not carry the secret.

/** What a serialised Secret turns into, wherever it goes. */
export const REDACTED = '[redacted]';

/**
 * Stands in the stored definition for a secret that was written inline in the topics file: the
 * value is not stored, so a process that reads topics from the database (not from the file)
 * says so instead of signing with a wrong key.
 */
export const WITHHELD_SECRET = '[withheld: written inline in the topics file, not stored]';

export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The value, for the one place that needs it (signing a request). */
  reveal(): string {
    return this.#value;
  }

  get length(): number {
    return this.#value.length;
  }

  toJSON(): string {
    return REDACTED;
  }

  toString(): string {
    return REDACTED;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Secret(${REDACTED})`;
  }
}

/** Where a webhook secret comes from, as written in the topics file. */
export type SecretSource =
  | { from: 'inline'; secret: Secret }
  | { from: 'env'; name: string }
  /** A path, as Docker and systemd pass secrets (*_FILE); read when the topics are loaded. */
  | { from: 'file'; path: string }
  /** Read back from the store: the file had it inline, and inline values are never stored. */
  | { from: 'withheld' };

/** Shortest secret accepted: a guessable key lets anyone forge signed alerts. */
export const MIN_SECRET_LENGTH = 16;

/**
 * Whether a topic written at the desk may name this secret. The topics file is the operator's;
 * the desk is an editor's, and an editor who could name any variable or file the server can read
 * (its database password, say) and a URL of their own would receive requests signed with it: an
 * offline test of guesses at that value. So the desk names only what the operator listed
 * (option deskSecrets). Inline secrets are refused at the desk for another reason (the desk shows
 * topic text); a withheld one is a file topic's and keeps nothing to sign with.
 */
export function deskMayName(secret: SecretSource, allowed: readonly string[]): boolean {
  if (secret.from === 'env') return allowed.includes(secret.name);
  if (secret.from === 'file') return allowed.includes(secret.path);
  return true;
}
