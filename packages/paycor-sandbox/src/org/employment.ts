import type { EmploymentStatus } from '../paycor/enums';
import { LEAVE_REASONS, TERMINATION_REASONS } from './catalog';
import type { DayCalendar } from './dates';
import type { SeededRandom } from './random';
import type { EmploymentDraft } from './records';
import type { SeatRole } from './staffing';

/**
 * Employment dates and statuses in realistic shares. Managers (CEO, heads, leads) are
 * always active; individual contributors are drawn from the cohorts below, tuned so that
 * over a whole org roughly 85% are Active, 4% on leave, 8% separated and 3% future hires.
 */
const MEMBER_COHORTS = {
  active: 0.8,
  rehired: 0.015,
  leave: 0.045,
  separated: 0.09,
  futureHire: 0.034,
} as const;

const SEPARATION_STATUSES = {
  Terminated: 0.45,
  Resigned: 0.38,
  Retired: 0.08,
  LaidOff: 0.07,
  Deceased: 0.02,
} as const;

const LEAVE_STATUS_SHARES = {
  LeaveWithPay: 0.3,
  Fmla: 0.3,
  LeaveWithoutPay: 0.15,
  ShortTermDisability: 0.15,
  LongTermDisability: 0.05,
  WorkersCompensation: 0.05,
} as const;

/** Share of separations whose termination date is still ahead (future-dated terminations). */
const FUTURE_TERMINATION_SHARE = 0.1;
const YEAR = 365;

function tenureDays(random: SeededRandom, role: SeatRole): number {
  switch (role) {
    case 'ceo':
      return random.int(15 * YEAR, 20 * YEAR);
    case 'head':
      return random.int(3 * YEAR, 14 * YEAR);
    case 'lead':
      return random.int(Math.round(1.5 * YEAR), 10 * YEAR);
    default:
      // Skewed towards recent hires, as in any growing company.
      return 14 + Math.floor(Math.pow(random.next(), 1.7) * 12 * YEAR);
  }
}

function active(
  calendar: DayCalendar,
  hireOffset: number,
  status: EmploymentStatus = 'Active',
): EmploymentDraft {
  const hireDate = calendar.day(hireOffset);
  return {
    status,
    hireDate,
    adjustedHireDate: hireDate,
    seniorityDate: hireDate,
    terminationDate: null,
    terminationReason: null,
    reHireDate: null,
    eligibleForRehire: null,
    leaveStartDate: null,
    leaveReason: null,
  };
}

export function planEmployment(
  random: SeededRandom,
  calendar: DayCalendar,
  role: SeatRole,
): EmploymentDraft {
  const hireOffset = -tenureDays(random, role);
  if (role !== 'member') return active(calendar, hireOffset);

  switch (random.weighted(MEMBER_COHORTS)) {
    case 'futureHire':
      // Guess: hired in Paycor ahead of the start date, already Active.
      return active(calendar, random.int(1, 45));
    case 'leave': {
      const status = random.weighted(LEAVE_STATUS_SHARES);
      const leaveOffset = Math.max(hireOffset + 1, -random.int(1, 150));
      const medical =
        status === 'ShortTermDisability' ||
        status === 'LongTermDisability' ||
        status === 'WorkersCompensation';
      return {
        ...active(calendar, hireOffset, status),
        leaveStartDate: calendar.day(leaveOffset),
        leaveReason: medical ? 'Medical Leave' : random.pick(LEAVE_REASONS),
      };
    }
    case 'separated': {
      // Guess: a future-dated termination already carries its separated status.
      const status = random.weighted(SEPARATION_STATUSES);
      const future = random.chance(FUTURE_TERMINATION_SHARE);
      const terminationOffset = future
        ? random.int(1, 45)
        : -random.int(1, 3 * YEAR);
      // A separation always comes at least a month after the hire.
      const hire = Math.min(
        hireOffset,
        terminationOffset - 30 - random.int(0, 2 * YEAR),
      );
      // Guess (api.md Q11): S1's "true"/"false" spelling, not S2's "Yes".
      let eligibleForRehire: string | null = null;
      if (status === 'Terminated')
        eligibleForRehire = String(random.chance(0.4));
      else if (status !== 'Deceased')
        eligibleForRehire = String(random.chance(0.85));
      return {
        ...active(calendar, hire, status),
        terminationDate: calendar.day(terminationOffset),
        terminationReason: random.pick(TERMINATION_REASONS[status]),
        eligibleForRehire,
      };
    }
    case 'rehired': {
      // A boomerang employee: active again, yet the previous termination date stays on record.
      const firstHire = -random.int(4 * YEAR, 11 * YEAR);
      const terminationOffset = firstHire + random.int(200, 900);
      const reHireOffset = Math.min(
        -1,
        terminationOffset + random.int(60, 700),
      );
      const reHireDate = calendar.day(reHireOffset);
      return {
        ...active(calendar, firstHire),
        adjustedHireDate: reHireDate,
        seniorityDate: reHireDate,
        terminationDate: calendar.day(terminationOffset),
        terminationReason: random.pick(TERMINATION_REASONS.Resigned),
        reHireDate,
        eligibleForRehire: 'true',
      };
    }
    default:
      return active(calendar, hireOffset);
  }
}
