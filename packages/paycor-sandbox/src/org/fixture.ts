import { readFile } from 'node:fs/promises';
import type { SandboxOrgFixture } from '../paycor/types';
import { SandboxInputError } from '../errors';
import { parseInput } from '../validation';
import { completeFixture } from './normalize';
import { orgFixtureSchema } from './schemas';

/**
 * A complete org: persons and work locations are always present once parsed.
 *
 * @public
 */
export type CompleteOrgFixture = Required<SandboxOrgFixture>;

/**
 * Validates an org fixture (an object with `legalEntity`, `departments`, `employees`
 * and optionally `persons` and `workLocations`, every object as the API returns it)
 * and completes it.
 * Throws SandboxInputError naming the first offending fields.
 *
 * @public
 */
export function parseOrgFixture(
  input: unknown,
  fieldPrefix = '',
): CompleteOrgFixture {
  const fixture = completeFixture(
    parseInput(orgFixtureSchema, input, fieldPrefix),
  );
  assertUniqueIds(fixture);
  return fixture;
}

/** @public */
export async function loadOrgFixtureFile(
  path: string,
): Promise<CompleteOrgFixture> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw SandboxInputError.forField(
      'fixture',
      `cannot read JSON from ${path}: ${(error as Error).message}`,
    );
  }
  return parseOrgFixture(json);
}

/** Duplicate ids would make keyset paging ambiguous, so they are rejected up front. */
function assertUniqueIds(fixture: CompleteOrgFixture) {
  const lists = {
    employees: fixture.employees,
    departments: fixture.departments,
    persons: fixture.persons,
    workLocations: fixture.workLocations,
  };
  for (const [name, records] of Object.entries(lists)) {
    const seen = new Set<string>();
    records.forEach((record, index) => {
      const id = record.id.toLowerCase();
      if (seen.has(id)) {
        throw SandboxInputError.forField(
          `${name}.${index}.id`,
          `duplicate id '${record.id}'`,
        );
      }
      seen.add(id);
    });
  }
}
