import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  DEFAULT_NOW,
  makeConfig,
  makeExternal,
} from './__testUtils__/builders';
import { generateOrg } from './__testUtils__/generate';
import { expectValidEntity } from './__testUtils__/validation';
import { transformSnapshot } from './transform';

describe('transformSnapshot at scale', () => {
  it('maps 100k employees in 2k departments', async () => {
    const { snapshot, expected } = generateOrg({
      employees: 100_000,
      departments: 2_000,
      seed: 20240615,
    });
    const result = transformSnapshot({
      snapshot,
      config: makeConfig({
        fieldMapping: {
          annotations: { 'paycor.com/job-code': 'positionData.jobCode' },
          labels: {},
        },
      }),
      overrides: [],
      adminGroups: [],
      exclusions: [],
      external: makeExternal(),
      now: DEFAULT_NOW,
    });

    const skipped = Object.values(expected.skippedByReason).reduce(
      (a, b) => a + b!,
      0,
    );
    expect(result.stats).toEqual({
      users: expected.users,
      groups: expected.groups,
      skipped,
      skippedByReason: expected.skippedByReason,
    });
    expect(result.entities).toHaveLength(expected.users + expected.groups);
    expect(result.emission.userNames.size).toBe(expected.users);
    expect(new Set(result.emission.userNames.values()).size).toBe(
      expected.users,
    );
    expect(result.emission.groupNames.size).toBe(2_000);
    expect(result.departments.every(d => d.state === 'synced')).toBe(true);

    const conflictCounts: Record<string, number> = {};
    for (const c of result.conflicts) {
      conflictCounts[c.type] = (conflictCounts[c.type] ?? 0) + 1;
    }
    expect(conflictCounts).toEqual(expected.conflicts);

    const refs = result.entities.map(e => stringifyEntityRef(e));
    expect(refs.every((ref, i) => i === 0 || refs[i - 1] < ref)).toBe(true);
    for (let i = 0; i < result.entities.length; i += 4_999) {
      await expectValidEntity(result.entities[i]);
    }
  });
});
