import { PERSON_OUTCOMES } from '@paycor-backstage/plugin-paycor-common';
import { PaycorProviderConfig } from '../config/types';
import {
  DEFAULT_NOW,
  makeConfig,
  makeEmployee,
} from './__testUtils__/builders';
import { generateOrg } from './__testUtils__/generate';
import { buildDepartmentTree } from './departmentTree';
import { PreparedEmployees } from './employees';
import { selectPeople } from './people';
import { outcomeOf, SKIP_OUTCOMES, tracePerson } from './personTrace';
import { userRef } from './refs';
import { transformSnapshot } from './transform';
import { ExclusionRule, PaycorSnapshot } from './types';

const NOW = DEFAULT_NOW;

/** A generated org with every kind of dirt the transform handles, and more. */
function dirtyOrg(): PaycorSnapshot {
  const { snapshot } = generateOrg({
    employees: 1200,
    departments: 40,
    seed: 7,
  });
  const employees = snapshot.employees.map((e, i) => {
    switch (i % 50) {
      case 11:
        return { ...e, status: 'Fmla' };
      case 12:
        return { ...e, employmentType: 'Temporary' };
      case 13:
        return { ...e, workLocation: { id: 'loc-2', name: 'Remote' } };
      case 14:
        return { ...e, email: `${e.id}@contractors.example.com` };
      case 15:
        return {
          ...e,
          reHireDate: '2035-02-01T00:00:00Z',
          terminationDate: '2021-01-01T00:00:00Z',
        };
      case 16:
        return { ...e, staleSince: '2024-06-14T10:00:00.000Z' };
      default:
        return e;
    }
  });
  return {
    ...snapshot,
    employees,
    invalid: [
      {
        resource: 'employee',
        id: 'bad-0001',
        label: 'Broken Record',
        issues: [
          {
            path: 'employmentDateData.hireDate',
            message: 'must be an ISO date-time',
          },
        ],
      },
      {
        resource: 'employee',
        id: employees[16].id,
        issues: [
          { path: 'email.emailAddress', message: 'must be an email address' },
        ],
      },
      {
        resource: 'employee',
        issues: [{ path: 'id', message: 'is required' }],
      },
    ],
  };
}

const CONFIGS: Array<[string, Partial<PaycorProviderConfig>]> = [
  ['defaults', {}],
  ['on leave excluded', { onLeave: 'exclude' }],
  [
    'every filter',
    {
      preStartDays: 3,
      filters: {
        employmentTypes: ['Regular'],
        locations: { exclude: ['Remote'] },
        emailDomains: ['example.com', 'example.org'],
        excludeEmails: ['maria.okafor.17@example.com'],
      },
    },
  ],
  [
    'a department filter and first-last names',
    {
      userNaming: 'first-last',
      filters: { departments: { exclude: ['103', '110'] } },
    },
  ],
];

describe('tracePerson', () => {
  const seen = new Set<string>();

  it.each(CONFIGS)(
    'ends, for every person of a dirty org, where the transform did (%s)',
    (_name, overrides) => {
      const config = makeConfig({ timeZone: 'America/New_York', ...overrides });
      const snapshot = dirtyOrg();
      const exclusions: ExclusionRule[] = [
        { kind: 'employee-id', value: snapshot.employees[30].id },
        { kind: 'email', value: snapshot.employees[31].email!.toUpperCase() },
      ];
      const previousUserNames = new Map([
        // someone who had a User keeps their shared email and their name
        [snapshot.employees[45].id, 'taken.name'],
      ]);
      const employees = PreparedEmployees.of(
        snapshot.employees,
        config.userNaming,
      );
      const tree = buildDepartmentTree(snapshot.departments);
      const people = selectPeople({
        employees,
        invalid: snapshot.invalid,
        tree,
        legalEntity: snapshot.legalEntity,
        config,
        exclusions,
        previousUserNames,
        rootRef: 'group:default/acme',
        now: NOW,
      });
      // one synced person's ref is written by hand somewhere else
      const foreignRef = people.synced[5].ref;
      const foreign = (ref: string) =>
        ref === foreignRef ? 'file:/catalog/people.yaml' : undefined;

      const transform = transformSnapshot({
        snapshot,
        config,
        overrides: [],
        adminGroups: [],
        exclusions,
        previous: { userNames: previousUserNames, groupNames: new Map() },
        external: { refs: new Set(), parents: new Map() },
        now: NOW,
      });
      const emittedUsers = new Set(
        transform.entities
          .filter(e => e.kind === 'User')
          .map(e => userRef('default', e.metadata.name)),
      );

      const ids = [
        ...snapshot.employees.map(e => e.id),
        ...snapshot.invalid.flatMap(r => (r.id ? [r.id] : [])),
      ];
      const counted: Record<string, number> = {};
      for (const id of new Set(ids)) {
        const trace = tracePerson({
          employeeId: id,
          snapshot: {
            employees,
            invalid: snapshot.invalid,
            tree,
            legalEntity: snapshot.legalEntity,
            fetchedAt: snapshot.fetchedAt,
            readBy: 'run-1',
          },
          config,
          exclusions,
          people,
          previousUserNames,
          foreignOwner: foreign,
          now: NOW,
        });
        const decided = outcomeOf(
          people,
          id,
          r => foreign(r) !== undefined,
          'default',
        );
        expect({ id, outcome: trace?.outcome }).toEqual({
          id,
          outcome: decided?.outcome,
        });
        expect(trace!.entityRef).toBe(decided!.ref);
        // the transform emitted exactly the people the trace calls synced
        expect(emittedUsers.has(trace!.entityRef ?? '')).toBe(
          trace!.outcome === 'synced' ||
            trace!.outcome === 'owned-by-other-source',
        );
        // the last step decides: it is the one that says why
        const last = trace!.steps[trace!.steps.length - 1];
        const synced = trace!.outcome === 'synced';
        expect(`${last.step}:${last.outcome}`).toMatch(
          synced ? /^ownership:pass$/ : /:(skip|fail)$/,
        );
        counted[trace!.outcome] = (counted[trace!.outcome] ?? 0) + 1;
        seen.add(trace!.outcome);
      }
      // and the counts are the transform's
      for (const [reason, count] of Object.entries(
        transform.stats.skippedByReason,
      )) {
        const outcome = SKIP_OUTCOMES[reason as keyof typeof SKIP_OUTCOMES];
        // an invalid record without an id is counted but cannot be traced
        const untraceable = reason === 'invalid' ? 1 : 0;
        expect({ outcome, count: counted[outcome] ?? 0 }).toEqual({
          outcome,
          count: count - untraceable,
        });
      }
      expect(
        (counted.synced ?? 0) + (counted['owned-by-other-source'] ?? 0),
      ).toBe(transform.stats.users);
    },
  );

  it('the dirty orgs above reach every outcome', () => {
    expect([...seen].sort()).toEqual([...PERSON_OUTCOMES].sort());
  });

  function traceOf(
    employees: ReturnType<typeof makeEmployee>[],
    id: string,
    options: {
      config?: Partial<PaycorProviderConfig>;
      exclusions?: any[];
      previous?: Map<string, string>;
    } = {},
  ) {
    const config = makeConfig({
      timeZone: 'America/New_York',
      ...options.config,
    });
    const prepared = PreparedEmployees.of(employees, config.userNaming);
    const tree = buildDepartmentTree([]);
    const previousUserNames = options.previous ?? new Map();
    const people = selectPeople({
      employees: prepared,
      invalid: [],
      tree,
      legalEntity: { id: 501123 },
      config,
      exclusions: options.exclusions ?? [],
      previousUserNames,
      rootRef: 'group:default/acme',
      now: NOW,
    });
    return tracePerson({
      employeeId: id,
      snapshot: {
        employees: prepared,
        invalid: [],
        tree,
        legalEntity: { id: 501123 },
        fetchedAt: '2024-06-15T11:55:00.000Z',
        readBy: 'run-1',
      },
      config,
      exclusions: options.exclusions ?? [],
      people,
      previousUserNames,
      foreignOwner: () => undefined,
      now: NOW,
    })!;
  }

  it('says when a future hire appears, in the legal entity zone', () => {
    const hire = makeEmployee({ hireDate: '2024-07-01T00:00:00Z' });
    const trace = traceOf([hire], hire.id, { config: { preStartDays: 2 } });
    expect(trace.outcome).toBe('not-yet-started');
    expect(trace.steps.at(-1)).toEqual({
      step: 'status-and-dates',
      outcome: 'skip',
      detail:
        'Hired 2024-07-01: they appear on 2024-06-29 (2 days early: preStartDays) (in America/New_York, where today is 2024-06-15).',
    });
  });

  it('names who excluded a person, when and why', () => {
    const person = makeEmployee();
    const trace = traceOf([person], person.id, {
      exclusions: [
        {
          kind: 'email',
          value: person.email!.toUpperCase(),
          id: 'x1',
          createdBy: 'user:default/jane',
          createdAt: '2024-06-01T09:00:00.000Z',
          note: 'contractor',
        },
      ],
    });
    expect(trace.outcome).toBe('excluded');
    expect(trace.exclusion?.id).toBe('x1');
    expect(trace.steps.at(-1)!.detail).toBe(
      `Excluded by user:default/jane on 2024-06-01T09:00:00.000Z ("contractor"): the Exclusions tab lists their work email ${person.email!.toUpperCase()}. Remove the exclusion to sync them again.`,
    );
  });

  it('says who keeps a shared email and why', () => {
    const owner = makeEmployee({
      firstName: 'Ana',
      lastName: 'Lee',
      hireDate: '2019-01-07T00:00:00Z',
    });
    const copier = makeEmployee({
      firstName: 'Bo',
      lastName: 'Li',
      email: owner.email!.toUpperCase(),
    });
    const trace = traceOf([owner, copier], copier.id);
    expect(trace.outcome).toBe('duplicate-email');
    expect(trace.steps.at(-1)!.detail).toMatch(
      new RegExp(
        `^Their work email ${owner.email!.toUpperCase()} is also the work email of Ana Lee \\(employee #\\d+\\) \\(user:default/ana.lee\\), who keeps it: they started earlier \\(2019-01-07, this person 2020-01-06\\)\\.`,
      ),
    );
    const owners = traceOf([owner, copier], owner.id);
    expect(owners.steps.find(s => s.step === 'email')).toMatchObject({
      outcome: 'info',
      detail: expect.stringContaining(
        'this person keeps it and the other is skipped',
      ),
    });
  });

  it('explains a name collision and a fallback strategy', () => {
    const first = makeEmployee({ email: 'sam@example.com' });
    const second = makeEmployee({ email: 'sam@example.org' });
    const trace = traceOf([first, second], second.id, {
      previous: new Map([[first.id, 'sam']]),
    });
    expect(trace.outcome).toBe('synced');
    expect(trace.entityRef).toMatch(/^user:default\/sam-[0-9a-f]{8}$/);
    expect(trace.steps.find(s => s.step === 'naming')!.detail).toMatch(
      /held it last run: a newcomer never takes an existing name\), so this person is named sam-[0-9a-f]{8}\.$/,
    );
    const nameless = makeEmployee({
      email: undefined,
      firstName: 'Zoë',
      lastName: 'Łukasiewicz',
    });
    expect(
      traceOf([nameless], nameless.id).steps.find(s => s.step === 'naming'),
    ).toEqual({
      step: 'naming',
      outcome: 'pass',
      detail:
        'Wants the name zoe.lukasiewicz, from first and last name: email-local-part gave no usable name (userNaming: email-local-part, with fallbacks).',
    });
  });
});
