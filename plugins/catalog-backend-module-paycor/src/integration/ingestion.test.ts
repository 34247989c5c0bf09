import { Entity } from '@backstage/catalog-model';
import {
  NO_DIRTY_DATA,
  PaycorSandbox,
  startPaycorSandbox,
} from '@paycor-backstage/paycor-sandbox';
import { PAYCOR_ANNOTATIONS } from '@paycor-backstage/plugin-paycor-common';
import {
  PaycorTestApi,
  startPaycorTestBackend,
} from '../__testUtils__/paycorTestBackend';
import {
  expectedDepartments,
  expectedUsers,
} from '../__testUtils__/expectedOrg';

jest.setTimeout(180_000);

// The module's day: the provider below is configured with timeZone UTC.
const utcToday = () => new Date().toISOString().slice(0, 10);

const employeeId = (e: Entity) =>
  e.metadata.annotations?.[PAYCOR_ANNOTATIONS.employeeId];
const departmentId = (e: Entity) =>
  e.metadata.annotations?.[PAYCOR_ANNOTATIONS.departmentId];

describe('ingestion: sandbox over HTTP → real backend → catalog', () => {
  let sandbox: PaycorSandbox;
  let backend: PaycorTestApi;

  beforeAll(async () => {
    sandbox = await startPaycorSandbox({
      employees: 300,
      seed: 7,
      dirtyData: NO_DIRTY_DATA,
    });
    backend = await startPaycorTestBackend({
      sandbox,
      provider: {
        timeZone: 'UTC',
        departmentParents: {},
      },
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.stop();
  });

  /** Asserts the catalog holds exactly the org the rules say, by Paycor ids. */
  async function expectCatalogMatchesSandbox() {
    const org = sandbox.control.getOrg();
    const users = expectedUsers(org, utcToday());
    const departments = expectedDepartments(org, users);

    // Wait until the catalog has processed what the sync changed: the right
    // number of Users is not enough, since a User whose department Group was
    // renamed keeps its old memberOf until the catalog reprocesses it. Past
    // the deadline the assertions below show what differs.
    const groupsByDepartment = (list: Entity[]) =>
      new Map(list.filter(departmentId).map(g => [departmentId(g)!, g]));
    const inStep = (list: Entity[], groupList: Entity[]) => {
      if (list.length !== users.length) return false;
      const byDepartment = groupsByDepartment(groupList);
      const byId = new Map(list.map(u => [employeeId(u)!, u]));
      return users.every(e => {
        const u = byId.get(e.id!);
        const g = byDepartment.get(e.department!.id!);
        return (
          u !== undefined &&
          g !== undefined &&
          (u.relations ?? []).some(r => r.type === 'memberOf') &&
          (u.spec as any).memberOf?.[0] === `group:default/${g.metadata.name}`
        );
      });
    };
    const readCatalog = async () => ({
      users: await backend.entities('user'),
      groups: await backend.entities('group'),
    });
    const { users: catalogUsers, groups } = await backend
      .eventually(readCatalog, state => inStep(state.users, state.groups))
      .catch(readCatalog);
    const groupByDepartment = groupsByDepartment(groups);
    const orgGroup = groups.find(g => (g.spec as any).type === 'organization')!;
    expect(orgGroup).toBeDefined();

    // every active employee is a User in the right department
    const userById = new Map(catalogUsers.map(u => [employeeId(u)!, u]));
    expect([...userById.keys()].sort()).toEqual(users.map(u => u.id).sort());
    for (const employee of users) {
      const user = userById.get(employee.id!)!;
      const group = groupByDepartment.get(employee.department!.id!)!;
      expect((user.spec as any).memberOf).toEqual([
        `group:default/${group.metadata.name}`,
      ]);
      expect((user.spec as any).profile.email).toBe(
        employee.email?.emailAddress ?? undefined,
      );
    }

    // every non-empty department is a Group under the right parent
    expect([...groupByDepartment.keys()].sort()).toEqual(
      departments.map(d => d.id).sort(),
    );
    for (const department of departments) {
      const group = groupByDepartment.get(department.id!)!;
      const parent = department.parentId
        ? groupByDepartment.get(department.parentId)!
        : orgGroup;
      expect((group.spec as any).parent).toBe(
        `group:default/${parent.metadata.name}`,
      );
    }
    return { catalogUsers, groups, groupByDepartment, userById };
  }

  it('syncs every active employee and non-empty department', async () => {
    const run = await backend.syncNow();
    expect(run).toMatchObject({ status: 'succeeded', trigger: 'manual' });
    const { catalogUsers } = await expectCatalogMatchesSandbox();

    // terminated people and future hires are not there
    const org = sandbox.control.getOrg();
    const present = new Set(catalogUsers.map(employeeId));
    const today = utcToday();
    const terminated = org.employees!.filter(e => {
      const dates: {
        hireDate?: string | null;
        reHireDate?: string | null;
        terminationDate?: string | null;
      } = e.employmentDateData ?? {};
      const termination = (dates.terminationDate ?? '9999').slice(0, 10);
      const rehired = (dates.reHireDate ?? '0000').slice(0, 10) > termination;
      return termination <= today && !rehired;
    });
    const futureHires = org.employees!.filter(
      e => (e.employmentDateData?.hireDate ?? '0000').slice(0, 10) > today,
    );
    expect(terminated.length).toBeGreaterThan(0);
    expect(futureHires.length).toBeGreaterThan(0);
    expect(terminated.filter(e => present.has(e.id!))).toEqual([]);
    expect(futureHires.filter(e => present.has(e.id!))).toEqual([]);

    const status = await backend.status();
    expect(status.health).toBe('healthy');
    expect(status.entityCounts.users).toBe(catalogUsers.length);
  });

  it('an unchanged re-sync writes nothing', async () => {
    const run = await backend.syncNow();
    expect(run.status).toBe('succeeded');
    expect(run.counts).toMatchObject({ added: 0, updated: 0, removed: 0 });
    expect(run.mutation).toBe('none');
  });

  it('reflects email changes, renames, transfers, terminations and new or moved departments', async () => {
    const org = sandbox.control.getOrg();
    const users = expectedUsers(org, utcToday());
    const [movingPerson, leaving, renamedEmail] = users.slice(0, 3);
    const departments = expectedDepartments(org, users);
    const target = departments.find(d => d.id !== movingPerson.department!.id)!;
    const topLevel = departments.filter(d => !d.parentId);
    const movedDepartment = departments.find(
      d => d.parentId && !topLevel.some(t => t.id === d.id),
    )!;

    sandbox.control.changeEmail(
      renamedEmail.id!,
      'renamed.person@example.test',
    );
    sandbox.control.updateEmployee(movingPerson.id!, {
      department: { id: target.id },
    } as any);
    sandbox.control.terminateEmployee(leaving.id!, {
      date: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
    });
    const renamed = departments[0];
    sandbox.control.updateDepartment(renamed.id!, {
      description: 'Renamed Department',
    });
    sandbox.control.updateDepartment(movedDepartment.id!, { parentId: null });
    const fresh = sandbox.control.addDepartment({
      description: 'Brand New Team',
    });
    sandbox.control.addEmployee({
      firstName: 'Nova',
      lastName: 'Hire',
      department: { id: fresh.id },
    } as any);

    const run = await backend.syncNow();
    expect(run.status).toBe('succeeded');
    const { userById, groupByDepartment } = await expectCatalogMatchesSandbox();

    expect((userById.get(renamedEmail.id!)!.spec as any).profile.email).toBe(
      'renamed.person@example.test',
    );
    expect(userById.has(leaving.id!)).toBe(false);
    expect(
      (groupByDepartment.get(renamed.id!)!.spec as any).profile.displayName,
    ).toBe('Renamed Department');
    expect(groupByDepartment.get(fresh.id!)).toBeDefined();
  });
});
