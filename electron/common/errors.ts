/**
 * An error whose message is meant for the responder: one line saying what failed,
 * on what, and what to do. The CLI prints it as is (no stack trace) and the UI
 * shows it verbatim; anything else is a bug and is logged with its stack.
 */
export class UserError extends Error {
  constructor(
    message: string,
    /** A stable machine-readable code, e.g. 'E_NOT_FOUND', for callers that branch on it. */
    readonly code: string = 'E_USER',
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof Error && error.name === 'UserError';
}
