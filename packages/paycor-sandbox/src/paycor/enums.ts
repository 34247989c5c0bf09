/**
 * Enumerations exactly as Paycor publishes them (api.md §4.5, §4.8, §4.10, §4.12).
 * Kept as `as const` tuples so zod schemas, the generator and the query parser share
 * one list.
 */

/** @public */
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
/** @public */
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];

/** api.md §4.5: the status-update API requires `isVoluntaryByEmployee` exactly for these. */
export const SEPARATED_STATUSES = [
  'Terminated',
  'Resigned',
  'Retired',
  'Deceased',
  'LaidOff',
] as const satisfies readonly EmploymentStatus[];

/** api.md §4.5 grouping (inferred there): the statuses a directory treats as "on leave". */
export const LEAVE_STATUSES = [
  'LeaveWithPay',
  'LeaveWithoutPay',
  'Fmla',
  'ShortTermDisability',
  'LongTermDisability',
  'WorkersCompensation',
] as const satisfies readonly EmploymentStatus[];

/** @public */
export const FLSA_TYPES = [
  'HourlyExempt',
  'HourlyNonExempt',
  'SalaryExempt',
  'SalaryNonExempt',
] as const;
/** @public */
export type FlsaType = (typeof FLSA_TYPES)[number];

/** @public */
export const EMPLOYMENT_TYPES = [
  'Casual',
  'IndependentContractor',
  'Regular',
  'Seasonal',
  'Temporary',
  'Variable',
] as const;
/** @public */
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

/** @public */
export const EMAIL_TYPES = ['Work', 'Home'] as const;
/** @public */
export type EmailType = (typeof EMAIL_TYPES)[number];

/** @public */
export const WORK_LOCATION_ADDRESS_TYPES = [
  'Unknown',
  'Physical',
  'Mailing',
] as const;

/** @public */
export const WORK_LOCATION_PHONE_TYPES = ['Unknown', 'Voice', 'Fax'] as const;

/** @public */
export const PERSON_PREFIXES = [
  'None',
  'Dr',
  'DrWithSpace',
  'Fr',
  'Miss',
  'Mr',
  'Mrs',
  'Ms',
  'Prof',
  'Rev',
  'Sr',
] as const;

/** @public */
export const PERSON_SUFFIXES = [
  'None',
  'II',
  'III',
  'IV',
  'V',
  'VI',
  'VII',
  'VIII',
  'IX',
  'X',
  'Jr',
  'Sr',
] as const;

/** @public */
export const GENDERS = ['Male', 'Female'] as const;

/** @public */
export const ETHNICITIES = [
  'AmerIndorAKNative',
  'Asian',
  'BlackorAfricanAmerican',
  'HispanicorLatino',
  'White',
  'NatHIorOthPacIsland',
  'TwoormoreRaces',
  'DeclinedToIdentify',
] as const;

/** @public */
export const MARITAL_STATUSES = [
  'Single',
  'Married',
  'Divorced',
  'Separated',
  'StateRecognizedUnion',
  'Widowed',
] as const;

/** @public */
export const TRI_STATE_ANSWERS = [
  'true',
  'false',
  'DeclinedToIdentify',
] as const;

/** @public */
export const PHONE_TYPES = [
  'Unknown',
  'Work',
  'Home',
  'Pager',
  'Mobile',
  'Fax',
  'None',
] as const;

/** @public */
export const PERSON_ADDRESS_TYPES = [
  'Unknown',
  'Primary',
  'Home',
  'Check',
] as const;

/** @public */
export const SOCIAL_MEDIA_TYPES = ['LinkedIn', 'Twitter'] as const;

/** @public */
export const CORPORATION_TYPES = [
  'Corporation',
  'SolePropLLC',
  'LLC',
  'PartnershipLLC',
  'EstateTrust',
  'Unincorporated',
  'Railroad',
  'CommonPaymaster',
  'Seasonal',
  'Successorship',
  'Government',
  'CERS',
  'PERS',
  'MQGE',
  'FICATaxable',
  'FICAExempt',
  'NonProfit',
  'Reimbursing',
  'Clergy',
  'Agricultural',
  'Household',
  'IndContractor',
  'TenNinetyNineR',
  'TenNinetyNineIGDB',
  'SCorp',
  'CCorp',
  'ThirdPartyPayer',
] as const;

/** @public */
export const BUSINESS_NAME_TYPES = ['DBA', 'Legal', 'Secondary'] as const;

/** @public */
export const LEGAL_ENTITY_ADDRESS_TYPES = [
  'Unknown',
  'Primary',
  'Secondary',
] as const;
