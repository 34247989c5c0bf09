import { FLSA_TYPES, type EmploymentType } from '../paycor/enums';
import type { PlannedDepartment } from './generateDepartments';
import type { SeededRandom } from './random';
import type { PositionDraft } from './records';
import type { SeatRole } from './staffing';

export interface PayGroups {
  salaried: string;
  hourly: string;
}

const EMPLOYMENT_TYPE_SHARES: Readonly<Record<EmploymentType, number>> = {
  Regular: 0.88,
  Temporary: 0.04,
  Seasonal: 0.02,
  Variable: 0.02,
  Casual: 0.02,
  IndependentContractor: 0.02,
};

/** Job title, code, FLSA class and employment type for a seat in a department. */
export function planPosition(
  random: SeededRandom,
  role: SeatRole,
  planned: PlannedDepartment,
  payGroups: PayGroups,
): PositionDraft {
  const fn = planned.businessFunction;
  const hourlyFunction = fn.typicalFlsa.startsWith('Hourly');
  const manager = (
    jobTitle: string,
    rank: number,
    flsa: PositionDraft['flsa'] = 'SalaryExempt',
  ): PositionDraft => ({
    jobTitle,
    jobCode: `${fn.jobCodePrefix}${rank}`,
    flsa,
    type: 'Regular',
    isFullTime: true,
    payGroupId: payGroups.salaried,
  });

  switch (role) {
    case 'ceo':
      return manager('Chief Executive Officer', 10);
    case 'head': {
      const level = planned.department.level;
      if (level === 2) return manager(`Vice President, ${fn.name}`, 9);
      if (level === 3)
        return manager(`Director, ${planned.department.description}`, 8);
      return manager(`Manager, ${planned.department.description}`, 7);
    }
    case 'lead':
      return hourlyFunction
        ? manager(`Supervisor, ${planned.subArea}`, 6, 'SalaryNonExempt')
        : manager(`Team Lead, ${planned.subArea}`, 6);
    default: {
      const rank = Math.floor(Math.pow(random.next(), 1.4) * fn.ladder.length);
      const flsa = random.chance(0.92)
        ? fn.typicalFlsa
        : random.pick(FLSA_TYPES);
      const type = random.weighted(EMPLOYMENT_TYPE_SHARES);
      return {
        jobTitle: fn.ladder[rank],
        jobCode: `${fn.jobCodePrefix}${rank + 1}`,
        flsa,
        type,
        isFullTime: random.chance(type === 'Regular' ? 0.94 : 0.4),
        payGroupId: flsa.startsWith('Salary')
          ? payGroups.salaried
          : payGroups.hourly,
      };
    }
  }
}
