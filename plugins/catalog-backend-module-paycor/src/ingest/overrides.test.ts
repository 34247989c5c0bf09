import { makeDepartment } from './__testUtils__/builders';
import { buildDepartmentTree } from './departmentTree';
import {
  overridesFromConfig,
  ParentRequest,
  pathUp,
  selectOverrides,
  settleParents,
} from './overrides';

const ROOT = 'group:default/acme';

describe('overridesFromConfig', () => {
  const tree = buildDepartmentTree([
    makeDepartment({ id: 'D1', code: '110' }),
    makeDepartment({ id: 'D2', code: '120' }),
    makeDepartment({ id: 'D3', code: '120' }),
  ]);

  it('matches ids first, then codes; ignores unknown keys', () => {
    expect(
      overridesFromConfig(
        { D1: 'group:default/a', ' 120 ': 'b', nope: 'c' },
        tree,
      ),
    ).toEqual([
      { departmentId: 'D1', parentRef: 'group:default/a', source: 'config' },
      { departmentId: 'D2', parentRef: 'b', source: 'config' },
      { departmentId: 'D3', parentRef: 'b', source: 'config' },
    ]);
  });

  it('gives nothing without config', () => {
    expect(overridesFromConfig(undefined, tree)).toEqual([]);
    expect(overridesFromConfig({}, tree)).toEqual([]);
  });
});

describe('selectOverrides', () => {
  it('prefers api over config for the same department', () => {
    const chosen = selectOverrides([
      {
        departmentId: 'D1',
        parentRef: 'group:default/from-config',
        source: 'config',
      },
      {
        departmentId: 'D1',
        parentRef: 'group:default/from-api',
        source: 'api',
      },
      {
        departmentId: 'D2',
        parentRef: 'group:default/only-config',
        source: 'config',
      },
    ]);
    expect(chosen.get('D1')).toEqual({
      departmentId: 'D1',
      parentRef: 'group:default/from-api',
      source: 'api',
    });
    expect(chosen.get('D2')?.source).toBe('config');
  });

  it('breaks ties within a source by ref, whatever the order', () => {
    const a = {
      departmentId: 'D1',
      parentRef: 'group:default/b',
      source: 'config',
    } as const;
    const b = {
      departmentId: 'D1',
      parentRef: 'group:default/a',
      source: 'config',
    } as const;
    expect(selectOverrides([a, b]).get('D1')?.parentRef).toBe(
      'group:default/a',
    );
    expect(selectOverrides([b, a]).get('D1')?.parentRef).toBe(
      'group:default/a',
    );
  });
});

describe('pathUp', () => {
  const parents: Record<string, string> = { c: 'b', b: 'a', x: 'y', y: 'x' };
  const parentOf = (r: string) => parents[r];

  it('returns the chain up to the target', () => {
    expect(pathUp('c', 'a', parentOf)).toEqual(['c', 'b', 'a']);
    expect(pathUp('a', 'a', parentOf)).toEqual(['a']);
  });

  it('gives nothing when the walk ends or loops elsewhere', () => {
    expect(pathUp('c', 'z', parentOf)).toBeUndefined();
    expect(pathUp('x', 'z', parentOf)).toBeUndefined();
  });
});

describe('settleParents', () => {
  const ref = (name: string) => `group:default/${name}`;
  const request = (
    key: string,
    requested?: string,
    fallbackRef = ROOT,
  ): ParentRequest => ({
    key,
    ref: ref(key),
    fallbackRef,
    ...(requested !== undefined ? { requested } : {}),
  });

  function settle(
    requests: ParentRequest[],
    existing: string[] = [],
    others: Record<string, string> = {},
  ) {
    const known = new Set([ROOT, ...requests.map(r => r.ref), ...existing]);
    return settleParents(requests, {
      namespace: 'default',
      exists: r => known.has(r),
      parentOf: r => others[r],
    });
  }

  it('uses the fallback without a request', () => {
    expect(settle([request('a')]).get('a')).toEqual({
      parentRef: ROOT,
      applied: false,
    });
  });

  it('applies a request to an existing Group, normalising the ref', () => {
    expect(
      settle([request('a', 'Platform')], [ref('platform')]).get('a'),
    ).toEqual({
      parentRef: ref('platform'),
      applied: true,
      targetRef: ref('platform'),
    });
  });

  it('refuses a missing target', () => {
    expect(settle([request('a', 'group:default/ghost')]).get('a')).toEqual({
      parentRef: ROOT,
      applied: false,
      targetRef: ref('ghost'),
      problem: 'target-missing',
    });
  });

  it('refuses a ref that cannot name a Group', () => {
    expect(settle([request('a', 'user:default/maria')]).get('a')).toMatchObject(
      {
        applied: false,
        problem: 'target-missing',
      },
    );
    expect(
      settle([request('a', 'user:default/maria')]).get('a')?.targetRef,
    ).toBeUndefined();
  });

  it('refuses the Group itself', () => {
    expect(settle([request('a', ref('a'))]).get('a')).toEqual({
      parentRef: ROOT,
      applied: false,
      targetRef: ref('a'),
      problem: 'cycle',
      cyclePath: [ref('a')],
    });
  });

  it('refuses a target below the Group', () => {
    // child's fallback (its Paycor parent) is a
    const settled = settle([
      request('a', ref('child')),
      request('child', undefined, ref('a')),
    ]);
    expect(settled.get('a')).toMatchObject({
      parentRef: ROOT,
      problem: 'cycle',
      cyclePath: [ref('child'), ref('a')],
    });
    expect(settled.get('child')?.parentRef).toBe(ref('a'));
  });

  it('detects a cycle through an external Group', () => {
    const settled = settle([request('a', 'group:default/ext')], [ref('ext')], {
      [ref('ext')]: ref('a'),
    });
    expect(settled.get('a')).toMatchObject({
      problem: 'cycle',
      cyclePath: [ref('ext'), ref('a')],
    });
  });

  it('refuses the later of two mutually cyclic requests', () => {
    const settled = settle([request('b', ref('a')), request('a', ref('b'))]);
    expect(settled.get('a')).toEqual({
      parentRef: ref('b'),
      applied: true,
      targetRef: ref('b'),
    });
    expect(settled.get('b')).toMatchObject({
      parentRef: ROOT,
      applied: false,
      problem: 'cycle',
      cyclePath: [ref('a'), ref('b')],
    });
  });

  it('accepts a move that is only cyclic before another move applies', () => {
    // a is asked under c; c sits below a by default but is itself moved away.
    const settled = settle(
      [request('a', ref('c')), request('c', ref('x'), ref('a'))],
      [ref('x')],
    );
    expect(settled.get('a')?.applied).toBe(true);
    expect(settled.get('c')?.applied).toBe(true);
  });

  it('catches a cycle closed by reverting a refused request', () => {
    // a's Paycor parent is b; b is moved under c, which sits below a.
    // a's own move (under d, also below a) is a cycle and is refused; its
    // fallback b now closes a → b → c → a, so b's move is refused too.
    const settled = settle([
      request('a', ref('d'), ref('b')),
      request('b', ref('c'), ROOT),
      request('c', undefined, ref('a')),
      request('d', undefined, ref('a')),
    ]);
    expect(settled.get('a')).toMatchObject({
      parentRef: ref('b'),
      problem: 'cycle',
      cyclePath: [ref('d'), ref('a')],
    });
    expect(settled.get('b')).toMatchObject({
      parentRef: ROOT,
      problem: 'cycle',
      cyclePath: [ref('c'), ref('a'), ref('b')],
    });
  });

  it('does not loop on cycles in data that is not ours', () => {
    const settled = settle([request('a', ref('x'))], [ref('x'), ref('y')], {
      [ref('x')]: ref('y'),
      [ref('y')]: ref('x'),
    });
    expect(settled.get('a')?.applied).toBe(true);
  });
});
