/**
 * Runs `run` with this process's local time zone set to `zone` (Node reads TZ afresh when it is
 * set): for tests that must tell local time from UTC on a machine whose zone is UTC.
 */
export async function inTimeZone<T>(zone: string, run: () => T | Promise<T>): Promise<T> {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    return await run();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}
