import type { Person, Phone } from '../paycor/types';
import {
  EMERGENCY_RELATIONSHIPS,
  PERSONAL_EMAIL_DOMAINS,
  type UsCity,
} from './catalog';
import type { DayCalendar } from './dates';
import { fictionalPhoneNumber } from './generateLocations';
import type { IdMinter } from './idMinter';
import type { GeneratedName, NamePicker } from './names';
import type { SeededRandom } from './random';
import { toAsciiSlug } from './transliterate';
import { employeeUrl, tenantUrl } from './urls';

export interface PersonContext {
  random: SeededRandom;
  names: NamePicker;
  ids: IdMinter;
  calendar: DayCalendar;
  tenantId: number;
  streets: readonly string[];
}

const YEAR = 365;

const FEMALE_PREFIXES = ['Ms', 'Mrs', 'Miss', 'Dr'] as const;
const MALE_PREFIXES = ['Mr', 'Dr'] as const;
const VETERAN_SHARES = {
  false: 0.9,
  true: 0.06,
  DeclinedToIdentify: 0.04,
} as const;
const DISABILITY_SHARES = {
  false: 0.9,
  true: 0.04,
  DeclinedToIdentify: 0.06,
} as const;
const UNMARRIED_SHARES = {
  Single: 0.8,
  Divorced: 0.12,
  Separated: 0.03,
  Widowed: 0.03,
  StateRecognizedUnion: 0.02,
} as const;
/** Roughly the US workforce mix. */
const ETHNICITY_SHARES = {
  White: 0.58,
  HispanicorLatino: 0.17,
  BlackorAfricanAmerican: 0.12,
  Asian: 0.06,
  TwoormoreRaces: 0.03,
  AmerIndorAKNative: 0.01,
  NatHIorOthPacIsland: 0.005,
  DeclinedToIdentify: 0.025,
} as const;
/** Share of people without a home e-mail on file. */
const NO_HOME_EMAIL_SHARE = 0.05;

function mobilePhone(random: SeededRandom, city: UsCity): Phone {
  return {
    countryCode: '1',
    areaCode: city.areaCode,
    phoneNumber: fictionalPhoneNumber(random),
    type: 'Mobile',
  };
}

/** The Person behind an employee (api.md §4.8), in its fullest (`include=All`) form. */
export function generatePerson(
  context: PersonContext,
  options: {
    id: string;
    employeeId: string;
    name: GeneratedName;
    hireDate: string;
    homeCity: UsCity;
  },
): Person {
  const { random, names, ids, calendar, tenantId, streets } = context;
  const { name, homeCity } = options;
  const female = name.sex === 'female';
  const ageAtHire = random.int(18, 62);
  const birthOffset =
    calendar.offsetOf(options.hireDate) -
    ageAtHire * YEAR -
    random.int(0, YEAR - 1);
  const homeSlug = [toAsciiSlug(name.firstName), toAsciiSlug(name.lastName)]
    .filter(Boolean)
    .join('.');
  const homeEmail = random.chance(NO_HOME_EMAIL_SHARE)
    ? null
    : `${homeSlug || `user${random.hex(6)}`}${random.int(1, 99)}@${random.pick(
        PERSONAL_EMAIL_DOMAINS,
      )}`;
  const veteran = random.weighted(VETERAN_SHARES);
  const married = random.chance(0.5);
  const contactSex = random.chance(0.5) ? 'female' : 'male';

  return {
    id: options.id,
    prefix: random.chance(0.7)
      ? 'None'
      : random.pick(female ? FEMALE_PREFIXES : MALE_PREFIXES),
    firstName: name.firstName,
    middleName: name.middleName,
    lastName: name.lastName,
    suffix:
      !female && random.chance(0.04)
        ? random.pick(['Jr', 'Sr', 'II', 'III'] as const)
        : 'None',
    // Preferred vs legal first name differ for a few people (e.g. "Bill" vs "William").
    legalFirstName: random.chance(0.03)
      ? names.pickFirstName(name.sex)
      : name.firstName,
    legalLastName: name.lastName,
    // Area numbers 900-999 are never issued, so these can never be someone's real SSN.
    socialSecurityNumber: `9${String(random.int(0, 99999999)).padStart(
      8,
      '0',
    )}`,
    email: homeEmail ? { type: 'Home', emailAddress: homeEmail } : null,
    demographicData: {
      birthDate: calendar.day(birthOffset),
      gender: female ? 'Female' : 'Male',
      ethnicity: random.weighted(ETHNICITY_SHARES),
      maritalStatus: married ? 'Married' : random.weighted(UNMARRIED_SHARES),
      maidenName:
        female && married && random.chance(0.3)
          ? names.pickLastName('female')
          : null,
    },
    benefitData: {
      isTobaccoUser: random.chance(0.1),
      disability: random.weighted(DISABILITY_SHARES),
    },
    emergencyContactData: Array.from({ length: random.int(1, 2) }, (_, i) => ({
      id: ids.next(),
      firstName: names.pickFirstName(contactSex),
      middleName: null,
      lastName:
        i === 0 && married ? name.lastName : names.pickLastName(contactSex),
      phones: [mobilePhone(random, homeCity)],
      order: i + 1,
      relationship:
        i === 0 && married ? 'Spouse' : random.pick(EMERGENCY_RELATIONSHIPS),
    })),
    militaryData: {
      veteran,
      dischargeDate:
        veteran === 'true'
          ? calendar.day(birthOffset + random.int(22, 40) * YEAR)
          : null,
      isArmedForcesServiceMedalVeteran: false,
      isDisabledVeteran: false,
      isOtherProtectedVeteran: veteran === 'true' && random.chance(0.3),
      isRecentlySeparatedVeteran: false,
      isVietnamEra: false,
      isSpecialDisabled: false,
    },
    socialMediaData: random.chance(0.2)
      ? [
          {
            type: 'LinkedIn',
            url: `https://www.linkedin.com/in/${
              homeSlug.replace('.', '-') || random.hex(8)
            }`,
          },
        ]
      : [],
    employeeAssignments: [
      {
        employees: {
          id: options.employeeId,
          url: employeeUrl(options.employeeId),
        },
      },
    ],
    addresses: [
      {
        streetLine1: `${random.int(1, 9999)} ${random.pick(streets)}`,
        streetLine2: null,
        suite: random.chance(0.2)
          ? `Apt ${random.int(1, 40)}${random.pick(['A', 'B', 'C', ''])}`
          : null,
        city: homeCity.city,
        state: homeCity.state,
        country: 'USA',
        county: homeCity.county,
        zipCode: homeCity.zip,
        type: 'Home',
      },
    ],
    phones: [mobilePhone(random, homeCity)],
    tenants: { id: String(tenantId), url: tenantUrl(tenantId) },
  };
}
