/** Paycor employment statuses (api.md §4.5). */
export const EMPLOYMENT_STATUSES = [
  'Active',
  'Deceased',
  'LongTermDisability',
  'ShortTermDisability',
  'Fmla',
  'LaidOff',
  'LeaveWithPay',
  'LeaveWithoutPay',
  'ThirdPartyPayable',
  'Resigned',
  'Retired',
  'Terminated',
  'WorkersCompensation',
] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];

/** Statuses that mean "on leave" (api.md §4.5, inferred grouping). */
export const LEAVE_STATUSES: readonly EmploymentStatus[] = [
  'LeaveWithPay',
  'LeaveWithoutPay',
  'Fmla',
  'ShortTermDisability',
  'LongTermDisability',
  'WorkersCompensation',
];

/** Statuses that mean the person has left (api.md §4.5). */
export const SEPARATED_STATUSES: readonly EmploymentStatus[] = [
  'Terminated',
  'Resigned',
  'Retired',
  'Deceased',
  'LaidOff',
];

/** Paycor employment types (api.md §4.5). */
export const EMPLOYMENT_TYPES = [
  'Casual',
  'IndependentContractor',
  'Regular',
  'Seasonal',
  'Temporary',
  'Variable',
] as const;
