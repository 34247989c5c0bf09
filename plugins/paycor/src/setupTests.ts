/* eslint-disable no-console */
import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// A findBy waits at most 1 s by default; on a loaded two-core CI machine a
// first render with lazy components has taken longer (the app package's test
// failed on it in CI). The wait only bounds how long a query looks.
configure({ asyncUtilTimeout: 5_000 });
// A test makes several such waits (a panel that polls until the catalog
// serves an entity takes seconds by design): Jest's own 5 s per test must
// leave them room, or a loaded machine fails a test that would have passed.
jest.setTimeout(30_000);

/**
 * Every test fails on a console.error (act() warnings, failed prop types, React
 * errors), except React's development-build deprecation notices about
 * Material UI v4 internals, which are not this plugin's to fix and do not
 * happen in production builds (the browser tests ignore the same two).
 */
const UPSTREAM_DEV_WARNINGS = [
  /findDOMNode is deprecated/,
  /Support for defaultProps will be removed/,
];

let consoleErrors: string[] = [];
const originalConsoleError = console.error;

beforeEach(() => {
  consoleErrors = [];
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (UPSTREAM_DEV_WARNINGS.some(pattern => pattern.test(text))) {
      return;
    }
    consoleErrors.push(text);
    originalConsoleError(...args);
  });
});

afterEach(() => {
  (console.error as jest.Mock).mockRestore();
  if (consoleErrors.length > 0) {
    const errors = consoleErrors;
    consoleErrors = [];
    throw new Error(
      `console.error was called during the test:\n${errors.join('\n---\n')}`,
    );
  }
});
