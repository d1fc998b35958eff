/**
 * Worker-thread entry (see workerScript.ts): parses runbooks off the
 * host's event loop, so a 5 MB runbook never holds up terminals or the timeline.
 * Messages: in `RunbookWorkerRequest`, out `RunbookWorkerResponse`.
 */
import { parentPort } from 'node:worker_threads';
import { isUserError } from '../../common/errors';
import { parseRunbookBytes, parseRunbookFile } from './parseRunbookFile';
import type { RunbookWorkerRequest, RunbookWorkerResponse } from './parseInWorker';

parentPort?.on('message', (request: RunbookWorkerRequest) => {
  void (async () => {
    let response: RunbookWorkerResponse;
    try {
      const runbook = request.bytes ? parseRunbookBytes(request.path, request.bytes) : await parseRunbookFile(request.path);
      response = { id: request.id, runbook };
    } catch (error) {
      response = isUserError(error)
        ? { id: request.id, userError: { message: error.message, code: error.code } }
        : { id: request.id, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    parentPort?.postMessage(response);
  })();
});
