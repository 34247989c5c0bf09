import type { PlannedDepartment } from './generateDepartments';
import { splitBudget } from './generateDepartments';
import type { SeededRandom } from './random';

export type SeatRole = 'ceo' | 'head' | 'lead' | 'member';

/** One employee-to-be: where they sit and whom they report to (by seat index). */
export interface Seat {
  departmentIndex: number;
  role: SeatRole;
  managerSeat: number | null;
}

/** A department with more members than this gets team leads between members and head. */
const MAX_DIRECT_REPORTS = 12;
const TEAM_SIZE = 9;

/**
 * Places `employees` people into the departments and builds the reporting lines:
 * the executive office's head is the CEO (no manager); every department head reports to
 * the head of the nearest staffed ancestor (the CEO for top-level departments); members
 * report to their head or, in big departments, to a team lead who reports to the head.
 * So every manager belongs to the same or a parent department.
 */
export function planSeats(options: {
  random: SeededRandom;
  employees: number;
  departments: readonly PlannedDepartment[];
  emptyDepartments: ReadonlySet<number>;
}): Seat[] {
  const { random, employees, departments, emptyDepartments } = options;
  if (employees <= 0 || departments.length === 0) return [];

  const staffable = departments
    .map((planned, index) => ({ index, level: planned.department.level }))
    .filter(({ index }) => !emptyDepartments.has(index))
    .sort((a, b) => a.level - b.level || a.index - b.index)
    .slice(0, employees)
    .map(({ index }) => index)
    .sort((a, b) => a - b);

  const weights = staffable.map(index => {
    const planned = departments[index];
    if (index === 0) return 0.1;
    const leaf = planned.childIndexes.length === 0;
    return planned.businessFunction.headcountWeight * (leaf ? 1 : 0.2);
  });
  const memberCounts = splitBudget(
    random,
    employees - staffable.length,
    staffable.length,
    weights,
  );

  const seats: Seat[] = [];
  const headSeatOf = new Map<number, number>();
  staffable.forEach((departmentIndex, i) => {
    const headSeat = seats.length;
    headSeatOf.set(departmentIndex, headSeat);
    seats.push({
      departmentIndex,
      role: departmentIndex === 0 ? 'ceo' : 'head',
      managerSeat: null,
    });
    const members = memberCounts[i];
    const leadCount =
      members > MAX_DIRECT_REPORTS ? Math.ceil(members / TEAM_SIZE) : 0;
    const leadSeats: number[] = [];
    for (let m = 0; m < members; m++) {
      if (m < leadCount) {
        leadSeats.push(seats.length);
        seats.push({ departmentIndex, role: 'lead', managerSeat: headSeat });
      } else {
        const managerSeat =
          leadCount > 0 ? leadSeats[(m - leadCount) % leadCount] : headSeat;
        seats.push({ departmentIndex, role: 'member', managerSeat });
      }
    }
  });

  const ceoSeat = headSeatOf.get(0) ?? 0;
  for (const seat of seats) {
    if (seat.role !== 'head') continue;
    seat.managerSeat =
      nearestStaffedAncestorHead(
        seat.departmentIndex,
        departments,
        headSeatOf,
      ) ?? ceoSeat;
  }
  return seats;
}

function nearestStaffedAncestorHead(
  departmentIndex: number,
  departments: readonly PlannedDepartment[],
  headSeatOf: ReadonlyMap<number, number>,
): number | undefined {
  let parent = departments[departmentIndex].parentIndex;
  while (parent !== null) {
    const head = headSeatOf.get(parent);
    if (head !== undefined) return head;
    parent = departments[parent].parentIndex;
  }
  return undefined;
}
