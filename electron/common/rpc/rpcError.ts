/** An error a call ends with on the client: the host's one-line message and its code. */
export class RpcError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}
