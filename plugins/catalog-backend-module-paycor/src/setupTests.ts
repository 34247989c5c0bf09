// Jest allows 5 s per test and hook by default. Tests here start real servers
// (the sandbox, a test backend) and some wait on timers by design; on a loaded
// two-core CI machine that has come close. A test that hangs still fails, just
// later; integration suites set longer limits of their own.
jest.setTimeout(30_000);

// Stopping a test backend destroys its database pools while the catalog's
// stitcher may still be about to query; knex then logs that the pending
// connection request was aborted. That line can come after the test file has
// finished, where Jest fails the whole run for logging late although every
// test passed. Dropped: a query that gets no connection rejects anyway, so a
// test that depends on one fails on its own.
const log = console.log.bind(console);
const ABORTED_ACQUIRE = 'Acquire connection error:';
console.log = (...args: unknown[]) => {
  // one string, after a colour code when knex thinks it writes to a terminal
  const at =
    typeof args[0] === 'string' ? args[0].indexOf(ABORTED_ACQUIRE) : -1;
  if (at >= 0 && at <= 10) return;
  log(...args);
};
