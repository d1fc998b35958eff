/**
 * Source text for the store's worker threads (evaluated as CommonJS, see walCheckpointer.ts):
 * lowers the calling thread's CPU priority to nice 10, on Linux, where nice is per thread.
 *
 * Why: these threads copy terminal floods into the database and checkpoint it, work that may
 * lag. On a laptop's few cores they compete with the program printing and with the pty
 * thread reading it; at normal priority each of their wake-ups preempted one of those and
 * stalled the pty. At nice 10 they take what the terminals leave, and still get their share
 * when the machine is busy. Elsewhere (macOS, Windows) priority belongs to the whole process,
 * which also runs the shells: left alone.
 */
export const LOWER_THREAD_PRIORITY = `
if (process.platform === 'linux') {
  try {
    const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
    require('node:os').setPriority(tid, 10);
  } catch {
    // No /proc, or not allowed: the thread runs at the process's priority.
  }
}
`;
