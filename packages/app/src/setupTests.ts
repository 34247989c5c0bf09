import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// These tests render the whole app, whose first render loads every
// discovered plugin's lazy extensions; on a loaded two-core CI machine that
// took longer than Testing Library's default 1 s wait (a CI run failed on
// it). The wait only bounds how long a findBy looks before failing.
configure({ asyncUtilTimeout: 10_000 });
// Jest's own 5 s per test must leave room for such waits.
jest.setTimeout(60_000);
