import { writeFragment } from './results';

/**
 * A check for a reliability bug this suite once found (kept as a regression
 * check under its id). The outcome is recorded in reliability-results.json
 * (`knownBugs`, `reproduced: true|false`) and a reproduced bug fails the test.
 * `RELIABILITY_RECORD_ONLY=1` records without failing, to collect every
 * figure of a run while a fix is being worked on; CI never sets it.
 */
export async function checkKnownBug(
  id: string,
  title: string,
  check: () => Promise<void> | void,
  evidence: Record<string, unknown> = {},
) {
  let reproduced = false;
  let failure: string | undefined;
  try {
    await check();
  } catch (error) {
    reproduced = true;
    failure = (error as Error).message.split('\n').slice(0, 12).join('\n');
  }
  writeFragment(`bug-${id}`, { id, title, reproduced, failure, evidence });
  if (reproduced && process.env.RELIABILITY_RECORD_ONLY !== '1') {
    throw new Error(`known bug ${id} reproduced: ${title}\n${failure}`);
  }
  return reproduced;
}
