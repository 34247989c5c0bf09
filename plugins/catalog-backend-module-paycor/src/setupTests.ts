// Jest allows 5 s per test and hook by default. Tests here start real servers
// (the sandbox, a test backend) and some wait on timers by design; on a loaded
// two-core CI machine that has come close. A test that hangs still fails, just
// later; integration suites set longer limits of their own.
jest.setTimeout(30_000);
