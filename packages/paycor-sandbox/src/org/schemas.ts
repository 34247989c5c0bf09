import { z } from 'zod';
import {
  BUSINESS_NAME_TYPES,
  CORPORATION_TYPES,
  EMAIL_TYPES,
  EMPLOYMENT_STATUSES,
  EMPLOYMENT_TYPES,
  ETHNICITIES,
  FLSA_TYPES,
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
} from '../paycor/enums';
import { isGuid } from '../paycor/ids';

/**
 * Zod schemas of Paycor's wire objects. Every field is optional and nullable, as on
 * Paycor's side; `normalize.ts` fills the gaps with `null` afterwards.
 *
 * Each schema comes in two strictness flavours: fixtures are loose (unknown keys are
 * kept and served verbatim, so a fixture captured from a newer API version round-trips),
 * control-API patches are strict (an unknown key is almost always a typo, and the 400
 * names it).
 */

type ObjectFactory = typeof z.looseObject | typeof z.strictObject;

const text = () => z.string().nullable().optional();
const bool = () => z.boolean().nullable().optional();
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values).nullable().optional();

export const guidSchema = z.string().refine(isGuid, {
  message: 'must be a GUID like 7f3a12c4-be21-0000-0000-0000c4d20300',
});

function build(object: ObjectFactory) {
  const reference = object({ id: text(), url: text() });
  const optionalReference = () => reference.nullable().optional();

  const email = object({ type: oneOf(EMAIL_TYPES), emailAddress: text() });

  const employmentDateData = object({
    hireDate: text(),
    adjustedHireDate: text(),
    terminationDate: text(),
    terminationReason: text(),
    reHireDate: text(),
    seniorityDate: text(),
  });

  const manager = object({
    id: text(),
    employeeNumber: text(),
    employee: optionalReference(),
  });

  const positionData = object({
    jobTitle: text(),
    jobCode: text(),
    effectiveStartDate: text(),
    effectiveEndDate: text(),
    payGroupId: text(),
    manager: manager.nullable().optional(),
  });

  const statusData = object({
    isFullTime: bool(),
    status: oneOf(EMPLOYMENT_STATUSES),
    flsa: oneOf(FLSA_TYPES),
    type: oneOf(EMPLOYMENT_TYPES),
    eligibleForRehire: text(),
    leaveStartDate: text(),
    leaveReason: text(),
  });

  const employeeWorkLocation = object({
    id: text(),
    name: text(),
    streetLine1: text(),
    type: oneOf(WORK_LOCATION_ADDRESS_TYPES),
    city: text(),
    county: text(),
    state: text(),
    zipCode: text(),
    country: text(),
  });

  /** Everything but `id`: the shape of an employee patch. */
  const employeeFields = {
    employeeNumber: text(),
    alternateEmployeeNumber: text(),
    badgeNumber: text(),
    firstName: text(),
    middleName: text(),
    lastName: text(),
    email: email.nullable().optional(),
    employmentDateData: employmentDateData.nullable().optional(),
    positionData: positionData.nullable().optional(),
    statusData: statusData.nullable().optional(),
    workLocation: employeeWorkLocation.nullable().optional(),
    earnings: optionalReference(),
    deductions: optionalReference(),
    taxes: optionalReference(),
    directDeposits: optionalReference(),
    payRates: optionalReference(),
    legalEntity: optionalReference(),
    person: optionalReference(),
    department: optionalReference(),
  };

  const employee = object({ id: guidSchema, ...employeeFields });
  const employeePatch = object(employeeFields);

  const department = object({
    id: guidSchema,
    code: text(),
    description: text(),
    parentId: guidSchema.nullable().optional(),
    level: z.number().int().min(2).optional(),
    payrollId: text(),
    payrollDescription: text(),
    workLocationId: text(),
    workLocationName: text(),
  });

  const phone = object({
    countryCode: text(),
    areaCode: text(),
    phoneNumber: text(),
    type: oneOf(PHONE_TYPES),
  });

  const personAddress = object({
    streetLine1: text(),
    streetLine2: text(),
    suite: text(),
    city: text(),
    state: text(),
    country: text(),
    county: text(),
    zipCode: text(),
    type: oneOf(PERSON_ADDRESS_TYPES),
  });

  const list = <T extends z.ZodType>(item: T) =>
    z.array(item).nullable().optional();

  const person = object({
    id: guidSchema,
    prefix: oneOf(PERSON_PREFIXES),
    firstName: text(),
    middleName: text(),
    lastName: text(),
    suffix: oneOf(PERSON_SUFFIXES),
    legalFirstName: text(),
    legalLastName: text(),
    socialSecurityNumber: text(),
    email: object({ type: oneOf(['Home'] as const), emailAddress: text() })
      .nullable()
      .optional(),
    demographicData: object({
      birthDate: text(),
      gender: oneOf(GENDERS),
      ethnicity: oneOf(ETHNICITIES),
      maritalStatus: oneOf(MARITAL_STATUSES),
      maidenName: text(),
    })
      .nullable()
      .optional(),
    benefitData: object({
      isTobaccoUser: bool(),
      disability: oneOf(TRI_STATE_ANSWERS),
    })
      .nullable()
      .optional(),
    emergencyContactData: list(
      object({
        id: text(),
        firstName: text(),
        middleName: text(),
        lastName: text(),
        phones: list(phone),
        order: z.number().int().nullable().optional(),
        relationship: text(),
      }),
    ),
    militaryData: object({
      veteran: oneOf(TRI_STATE_ANSWERS),
      dischargeDate: text(),
      isArmedForcesServiceMedalVeteran: bool(),
      isDisabledVeteran: bool(),
      isOtherProtectedVeteran: bool(),
      isRecentlySeparatedVeteran: bool(),
      isVietnamEra: bool(),
      isSpecialDisabled: bool(),
    })
      .nullable()
      .optional(),
    socialMediaData: list(
      object({ type: oneOf(SOCIAL_MEDIA_TYPES), url: text() }),
    ),
    employeeAssignments: list(object({ employees: optionalReference() })),
    addresses: list(personAddress),
    phones: list(phone),
    tenants: optionalReference(),
  });

  const workLocation = object({
    id: guidSchema,
    name: text(),
    addresses: list(
      object({
        streetLine1: text(),
        streetLine2: text(),
        suite: text(),
        city: text(),
        state: text(),
        country: text(),
        county: text(),
        zipCode: text(),
        type: oneOf(WORK_LOCATION_ADDRESS_TYPES),
      }),
    ),
    phones: list(
      object({
        countryCode: text(),
        areaCode: text(),
        phoneNumber: text(),
        type: oneOf(WORK_LOCATION_PHONE_TYPES),
      }),
    ),
    locationNumber: text(),
    storeId: text(),
    isFmlaEligible: bool(),
  });

  const legalEntity = object({
    id: z.number().int().min(1).max(2147483647),
    name: text(),
    federalId: text(),
    type: oneOf(CORPORATION_TYPES),
    isLost: z.boolean().optional(),
    businessNames: list(
      object({
        type: oneOf(BUSINESS_NAME_TYPES),
        name: text(),
        addresses: list(
          object({
            streetLine1: text(),
            streetLine2: text(),
            suite: text(),
            city: text(),
            state: text(),
            country: text(),
            county: text(),
            zipCode: text(),
            type: oneOf(LEGAL_ENTITY_ADDRESS_TYPES),
          }),
        ),
      }),
    ),
    tenant: optionalReference(),
    employees: optionalReference(),
    persons: optionalReference(),
    earnings: optionalReference(),
    deductions: optionalReference(),
    taxes: optionalReference(),
  });

  return {
    employee,
    employeePatch,
    department,
    person,
    workLocation,
    legalEntity,
  };
}

/** Loose flavour: fixtures (unknown keys kept verbatim). */
export const fixtureSchemas = build(z.looseObject);
/**
 * Strict flavour: control-API inputs (unknown keys rejected, naming the key).
 *
 * @public
 */
export const strictSchemas = build(z.strictObject);

export const orgFixtureSchema = z.strictObject({
  legalEntity: fixtureSchemas.legalEntity,
  departments: z.array(fixtureSchemas.department),
  employees: z.array(fixtureSchemas.employee),
  persons: z.array(fixtureSchemas.person).optional(),
  workLocations: z.array(fixtureSchemas.workLocation).optional(),
});

/** @public */
export type EmployeePatch = z.infer<typeof strictSchemas.employeePatch>;
export type RawOrgFixture = z.infer<typeof orgFixtureSchema>;
