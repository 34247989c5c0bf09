import type { Department } from '../paycor/types';
import {
  BUSINESS_FUNCTIONS,
  EXECUTIVE_OFFICE,
  REGION_QUALIFIERS,
  TEAM_QUALIFIERS,
  type BusinessFunction,
} from './catalog';
import type { PlannedLocation } from './generateLocations';
import type { IdMinter } from './idMinter';
import type { SeededRandom } from './random';

export interface PlannedDepartment {
  department: Department;
  businessFunction: BusinessFunction;
  /** Name of the level-3 sub-area this department belongs to (its own name at level 3). */
  subArea: string;
  parentIndex: number | null;
  childIndexes: number[];
  location: PlannedLocation | null;
}

export interface Payroll {
  id: string;
  description: string;
}

/**
 * ≈2% of the employees in big orgs (teams of ~50 under a department); small companies
 * organise in smaller teams (~12 people), so a few-hundred-person org still has a
 * department tree three levels deep. Never fewer than a handful.
 */
export function departmentCount(employees: number): number {
  return Math.max(
    5,
    Math.round(employees * 0.02),
    Math.min(Math.round(employees / 12), 40),
  );
}

/**
 * Builds a department tree. Paycor's level 1 is the payroll itself, so departments start
 * at level 2 (parentId null) — api.md §4.9. Each top-level branch is 2–4 levels deep
 * (levels 2..5); the biggest branches get the deepest trees.
 */
export function planDepartments(options: {
  random: SeededRandom;
  ids: IdMinter;
  count: number;
  payroll: Payroll;
  locations: readonly PlannedLocation[];
}): PlannedDepartment[] {
  const { random, ids, count, payroll, locations } = options;
  const topCount = Math.min(
    count,
    BUSINESS_FUNCTIONS.length + 1,
    Math.max(2, Math.round(Math.sqrt(count) * 1.2)),
  );
  // Every company this simulates builds software: Engineering is always a top-level
  // function (when there is room for one), the rest are sampled.
  const engineering = BUSINESS_FUNCTIONS.find(fn => fn.name === 'Engineering')!;
  const others = BUSINESS_FUNCTIONS.filter(fn => fn !== engineering);
  const functions = [
    EXECUTIVE_OFFICE,
    ...(topCount > 1 ? [engineering] : []),
    ...random.sample(others, Math.max(0, topCount - 2)),
  ];
  const planned: PlannedDepartment[] = [];
  let nextCode = 10001;

  const add = (
    description: string,
    businessFunction: BusinessFunction,
    subArea: string,
    parentIndex: number | null,
    code: string,
    location: PlannedLocation | null,
  ): number => {
    const parent = parentIndex === null ? null : planned[parentIndex];
    planned.push({
      department: {
        id: ids.next(),
        code,
        description,
        parentId: parent ? parent.department.id : null,
        level: parent ? parent.department.level + 1 : 2,
        payrollId: payroll.id,
        payrollDescription: payroll.description,
        workLocationId: location?.location.id ?? null,
        workLocationName: location?.location.name ?? null,
      },
      businessFunction,
      subArea,
      parentIndex,
      childIndexes: [],
      location,
    });
    const index = planned.length - 1;
    parent?.childIndexes.push(index);
    return index;
  };

  const locationFor = (
    parent: PlannedLocation | null,
  ): PlannedLocation | null => {
    if (random.chance(0.04)) return null;
    if (parent && random.chance(0.75)) return parent;
    return random.pick(locations);
  };

  const childName = (
    parent: PlannedDepartment,
    ordinal: number,
  ): [string, string] => {
    const level = parent.department.level + 1;
    const fn = parent.businessFunction;
    if (level === 3) {
      const base = fn.subAreas[ordinal % fn.subAreas.length];
      const round = Math.floor(ordinal / fn.subAreas.length);
      const name =
        round === 0
          ? base
          : `${base} ${
              REGION_QUALIFIERS[(round - 1) % REGION_QUALIFIERS.length]
            }`;
      return [name, name];
    }
    if (level === 4) {
      const region = REGION_QUALIFIERS[ordinal % REGION_QUALIFIERS.length];
      const round = Math.floor(ordinal / REGION_QUALIFIERS.length);
      return [
        `${parent.subArea} - ${region}${round ? ` ${round + 1}` : ''}`,
        parent.subArea,
      ];
    }
    const team = TEAM_QUALIFIERS[ordinal % TEAM_QUALIFIERS.length];
    const round = Math.floor(ordinal / TEAM_QUALIFIERS.length);
    return [
      `${parent.subArea} Team ${team}${round ? ` ${round + 1}` : ''}`,
      parent.subArea,
    ];
  };

  /** Spends `budget` departments below `parentIndex`, at most `depthLeft` levels down. */
  const grow = (parentIndex: number, budget: number, depthLeft: number) => {
    if (budget <= 0 || depthLeft <= 0) return;
    const childCount =
      depthLeft === 1
        ? budget
        : Math.min(
            budget,
            Math.max(1, Math.round(Math.pow(budget, 1 / depthLeft) * 1.3)),
          );
    const children: number[] = [];
    for (let ordinal = 0; ordinal < childCount; ordinal++) {
      const parent = planned[parentIndex];
      const [name, subArea] = childName(parent, ordinal);
      children.push(
        add(
          name,
          parent.businessFunction,
          subArea,
          parentIndex,
          String(nextCode++),
          locationFor(parent.location),
        ),
      );
    }
    const shares = splitBudget(random, budget - childCount, children.length);
    children.forEach((child, i) => grow(child, shares[i], depthLeft - 1));
  };

  const tops = functions.map((fn, i) =>
    add(
      fn.name,
      fn,
      fn.name,
      null,
      String((i + 1) * 100),
      i === 0 ? locations[0] : locationFor(locations[0]),
    ),
  );

  // The executive office stays small; every other function shares the remaining budget.
  const branchBudgets = splitBudget(
    random,
    count - topCount,
    topCount - 1,
    functions.slice(1).map(fn => fn.headcountWeight),
  );
  const bySize = branchBudgets
    .map((budget, i) => ({ budget, index: i + 1 }))
    .sort((a, b) => b.budget - a.budget || a.index - b.index);
  bySize.forEach(({ budget, index }, rank) => {
    grow(tops[index], budget, levelsBelowTop(random, budget, rank));
  });
  return planned;
}

/**
 * Levels below a top-level department (1..3, i.e. a branch 2–4 levels deep). The two
 * biggest branches are forced deep so every generated org exercises deep trees.
 */
function levelsBelowTop(
  random: SeededRandom,
  budget: number,
  sizeRank: number,
): number {
  if (sizeRank === 0 && budget >= 12) return 3;
  if (sizeRank === 1 && budget >= 4) return 2;
  const wanted = Number(random.weighted({ '1': 0.4, '2': 0.45, '3': 0.15 }));
  if (budget >= 8) return wanted;
  return Math.min(wanted, budget >= 3 ? 2 : 1);
}

/** Splits `total` into `parts` non-negative integers, proportional to jittered weights. */
export function splitBudget(
  random: SeededRandom,
  total: number,
  parts: number,
  weights?: readonly number[],
): number[] {
  if (parts <= 0) return [];
  const jittered = Array.from(
    { length: parts },
    (_, i) => (weights?.[i] ?? 1) * (0.5 + random.next()),
  );
  const sum = jittered.reduce((a, b) => a + b, 0);
  const exact = jittered.map(w => (w / sum) * total);
  const shares = exact.map(Math.floor);
  let remainder = total - shares.reduce((a, b) => a + b, 0);
  const byFraction = exact
    .map((value, i) => ({ i, fraction: value - Math.floor(value) }))
    .sort((a, b) => b.fraction - a.fraction || a.i - b.i);
  for (const { i } of byFraction) {
    if (remainder-- <= 0) break;
    shares[i]++;
  }
  return shares;
}
