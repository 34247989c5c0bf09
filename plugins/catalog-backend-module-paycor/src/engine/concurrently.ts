/**
 * Waits for independent pieces of work (writes, mostly) that were started
 * together, and fails only once every one has settled, with the first
 * failure: a caller that fails never leaves a write of its own running
 * behind it. Started together, a run's writes queue together: on one
 * database connection (SQLite) a busy catalog's queries no longer come
 * between each of them, and on a pool they run at once.
 */
export async function concurrently(
  ...work: ReadonlyArray<Promise<unknown>>
): Promise<void> {
  const results = await Promise.allSettled(work);
  for (const result of results) {
    if (result.status === 'rejected') throw result.reason;
  }
}
