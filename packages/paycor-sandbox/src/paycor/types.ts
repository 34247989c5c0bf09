import type {
  BUSINESS_NAME_TYPES,
  CORPORATION_TYPES,
  EmailType,
  EmploymentStatus,
  EmploymentType,
  ETHNICITIES,
  FlsaType,
  GENDERS,
  LEGAL_ENTITY_ADDRESS_TYPES,
  MARITAL_STATUSES,
  PERSON_ADDRESS_TYPES,
  PERSON_PREFIXES,
  PERSON_SUFFIXES,
  PHONE_TYPES,
  SOCIAL_MEDIA_TYPES,
  TRI_STATE_ANSWERS,
  WORK_LOCATION_ADDRESS_TYPES,
  WORK_LOCATION_PHONE_TYPES,
} from './enums';

/**
 * Paycor's wire objects, camelCase, as the API returns them (api.md §4). These are also
 * the fixture format: a fixture holds each object in its fullest form (`include=All`,
 * `emailType=Work`), and the API nulls the sections a request did not include.
 *
 * Nearly everything is nullable on Paycor's side, so the types are too.
 */

/**
 * `ResourceReference` — `id` is always a string, even for integer ids (api.md §4.2).
 *
 * @public
 */
export interface ResourceReference {
  id: string | null;
  url: string | null;
}

/** @public */
export interface EmailData<T extends EmailType = EmailType> {
  type: T;
  emailAddress: string | null;
}

/** @public */
export interface EmploymentDateData {
  hireDate: string | null;
  adjustedHireDate: string | null;
  terminationDate: string | null;
  terminationReason: string | null;
  reHireDate: string | null;
  seniorityDate: string | null;
}

/** @public */
export interface ManagerData {
  id: string | null;
  employeeNumber: string | null;
  employee: ResourceReference | null;
}

/** @public */
export interface EmployeePositionData {
  jobTitle: string | null;
  jobCode: string | null;
  effectiveStartDate: string | null;
  effectiveEndDate: string | null;
  payGroupId: string | null;
  manager: ManagerData | null;
}

/** @public */
export interface EmployeeStatusData {
  isFullTime: boolean | null;
  status: EmploymentStatus | null;
  flsa: FlsaType | null;
  type: EmploymentType | null;
  eligibleForRehire: string | null;
  /** Newer document (S2) only — see README "Where the sandbox guesses". */
  leaveStartDate: string | null;
  /** Newer document (S2) only. */
  leaveReason: string | null;
}

/** @public */
export interface EmployeeWorkLocationData {
  id: string | null;
  name: string | null;
  streetLine1: string | null;
  type: (typeof WORK_LOCATION_ADDRESS_TYPES)[number] | null;
  city: string | null;
  county: string | null;
  state: string | null;
  zipCode: string | null;
  country: string | null;
}

/**
 * `EmployeeReturnItem` (api.md §4.2).
 *
 * @public
 */
export interface Employee {
  id: string;
  employeeNumber: string | null;
  alternateEmployeeNumber: string | null;
  badgeNumber: string | null;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  email: EmailData | null;
  employmentDateData: EmploymentDateData | null;
  positionData: EmployeePositionData | null;
  statusData: EmployeeStatusData | null;
  workLocation: EmployeeWorkLocationData | null;
  earnings: ResourceReference | null;
  deductions: ResourceReference | null;
  taxes: ResourceReference | null;
  directDeposits: ResourceReference | null;
  payRates: ResourceReference | null;
  legalEntity: ResourceReference | null;
  person: ResourceReference | null;
  department: ResourceReference | null;
}

/**
 * `Department` (api.md §4.9).
 *
 * @public
 */
export interface Department {
  id: string;
  code: string | null;
  description: string | null;
  parentId: string | null;
  level: number;
  payrollId: string | null;
  payrollDescription: string | null;
  workLocationId: string | null;
  workLocationName: string | null;
}

/** @public */
export interface Phone {
  countryCode: string | null;
  areaCode: string | null;
  phoneNumber: string | null;
  type: (typeof PHONE_TYPES)[number] | null;
}

/** @public */
export interface PersonAddress {
  streetLine1: string | null;
  streetLine2: string | null;
  suite: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  county: string | null;
  zipCode: string | null;
  type: (typeof PERSON_ADDRESS_TYPES)[number] | null;
}

/** @public */
export interface DemographicData {
  birthDate: string | null;
  gender: (typeof GENDERS)[number] | null;
  ethnicity: (typeof ETHNICITIES)[number] | null;
  maritalStatus: (typeof MARITAL_STATUSES)[number] | null;
  maidenName: string | null;
}

/** @public */
export interface BenefitData {
  isTobaccoUser: boolean | null;
  disability: (typeof TRI_STATE_ANSWERS)[number] | null;
}

/** @public */
export interface EmergencyContact {
  id: string | null;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  phones: Phone[] | null;
  order: number | null;
  relationship: string | null;
}

/** @public */
export interface MilitaryData {
  veteran: (typeof TRI_STATE_ANSWERS)[number] | null;
  dischargeDate: string | null;
  isArmedForcesServiceMedalVeteran: boolean | null;
  isDisabledVeteran: boolean | null;
  isOtherProtectedVeteran: boolean | null;
  isRecentlySeparatedVeteran: boolean | null;
  isVietnamEra: boolean | null;
  isSpecialDisabled: boolean | null;
}

/** @public */
export interface SocialMedia {
  type: (typeof SOCIAL_MEDIA_TYPES)[number] | null;
  url: string | null;
}

/** @public */
export interface EmployeeAssignment {
  employees: ResourceReference | null;
}

/**
 * `Person` (api.md §4.8). Person endpoints only ever return the Home email.
 *
 * @public
 */
export interface Person {
  id: string;
  prefix: (typeof PERSON_PREFIXES)[number] | null;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  suffix: (typeof PERSON_SUFFIXES)[number] | null;
  legalFirstName: string | null;
  legalLastName: string | null;
  socialSecurityNumber: string | null;
  email: EmailData<'Home'> | null;
  demographicData: DemographicData | null;
  benefitData: BenefitData | null;
  emergencyContactData: EmergencyContact[] | null;
  militaryData: MilitaryData | null;
  socialMediaData: SocialMedia[] | null;
  employeeAssignments: EmployeeAssignment[] | null;
  addresses: PersonAddress[] | null;
  phones: Phone[] | null;
  tenants: ResourceReference | null;
}

/** @public */
export interface WorkLocationAddress {
  streetLine1: string | null;
  streetLine2: string | null;
  suite: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  county: string | null;
  zipCode: string | null;
  type: (typeof WORK_LOCATION_ADDRESS_TYPES)[number] | null;
}

/** @public */
export interface WorkLocationPhone {
  countryCode: string | null;
  areaCode: string | null;
  phoneNumber: string | null;
  type: (typeof WORK_LOCATION_PHONE_TYPES)[number] | null;
}

/**
 * `LegalEntityWorkLocation` (api.md §4.10).
 *
 * @public
 */
export interface WorkLocation {
  id: string;
  name: string | null;
  addresses: WorkLocationAddress[] | null;
  phones: WorkLocationPhone[] | null;
  locationNumber: string | null;
  storeId: string | null;
  isFmlaEligible: boolean | null;
}

/** @public */
export interface LegalEntityAddress {
  streetLine1: string | null;
  streetLine2: string | null;
  suite: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  county: string | null;
  zipCode: string | null;
  type: (typeof LEGAL_ENTITY_ADDRESS_TYPES)[number] | null;
}

/** @public */
export interface BusinessName {
  type: (typeof BUSINESS_NAME_TYPES)[number] | null;
  name: string | null;
  addresses: LegalEntityAddress[] | null;
}

/**
 * `LegalEntity` (api.md §4.12).
 *
 * @public
 */
export interface LegalEntity {
  id: number;
  name: string | null;
  federalId: string | null;
  type: (typeof CORPORATION_TYPES)[number] | null;
  isLost: boolean;
  businessNames: BusinessName[] | null;
  tenant: ResourceReference | null;
  employees: ResourceReference | null;
  persons: ResourceReference | null;
  earnings: ResourceReference | null;
  deductions: ResourceReference | null;
  taxes: ResourceReference | null;
}

/**
 * `PagedResultOf<T>` (api.md §4.1).
 *
 * @public
 */
export interface PagedResult<T> {
  hasMoreResults: boolean;
  continuationToken: string | null;
  additionalResultsUrl: string | null;
  records: T[] | null;
}

/**
 * `PaycorError` (api.md §6.2).
 *
 * @public
 */
export interface PaycorErrorBody {
  correlationId: string;
  title: string | null;
  detail: string | null;
  source: Record<string, string> | null;
}

/**
 * A whole organisation in the fixture format: every object exactly as the API returns
 * it in its fullest form. `persons` and `workLocations` are optional extensions: when
 * absent they are derived from the employees.
 *
 * @public
 */
export interface SandboxOrgFixture {
  legalEntity: LegalEntity;
  departments: Department[];
  employees: Employee[];
  persons?: Person[];
  workLocations?: WorkLocation[];
}
