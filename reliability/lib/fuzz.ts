import fc from 'fast-check';
import { fuzzSeed } from './arbitraries';

/**
 * fc.assert, except that a failure report is cut short: counterexamples with
 * 300 000-character strings would otherwise flood the log.
 */
export async function assertProperty(
  property: fc.IAsyncProperty<any> | fc.IProperty<any>,
  numRuns: number,
) {
  const details = await fc.check(property as any, {
    numRuns,
    seed: fuzzSeed,
    endOnFailure: true,
  });
  if (!details.failed) return;
  const cut = (text: string, max: number) =>
    text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
  const example = cut(fc.stringify(details.counterexample), 1500);
  const error = details.errorInstance as Error | undefined;
  throw new Error(
    `Property failed after ${details.numRuns} cases (seed ${details.seed}, path "${details.counterexamplePath}").\n` +
      `Counterexample: ${example}\nError: ${cut(
        String(error?.message ?? details.errorInstance),
        3000,
      )}`,
  );
}
