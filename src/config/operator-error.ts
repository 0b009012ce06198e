// Failures the operator fixes, not the code: a bad option, a store that cannot be opened, a port
// that is taken. The message is the whole story — what went wrong and what to do — so the CLI
// prints it as one sentence, without a stack trace (which it keeps for the errors that are bugs).

export class OperatorError extends Error {
  override name = 'OperatorError';
}
