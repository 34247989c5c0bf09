import type { EmployeeWorkLocationData, WorkLocation } from '../paycor/types';
import { LOCATION_KINDS, US_CITIES, type UsCity } from './catalog';
import type { IdMinter } from './idMinter';
import type { SeededRandom } from './random';

export interface PlannedLocation {
  location: WorkLocation;
  /** The shape embedded in employees (`include=WorkLocation`), shared by all of them. */
  employeeView: EmployeeWorkLocationData;
  city: UsCity;
}

/** Roughly one site per 400 employees, at least 2, at most 40. */
export function workLocationCount(employees: number): number {
  return Math.min(40, Math.max(2, Math.round(employees / 400) + 1));
}

function zipPlusFour(random: SeededRandom, zip: string): string {
  return `${zip}-${String(random.int(1, 9999)).padStart(4, '0')}`;
}

/** 555-01xx numbers are reserved for fiction in the North American plan. */
export function fictionalPhoneNumber(random: SeededRandom): string {
  return `555-01${String(random.int(0, 99)).padStart(2, '0')}`;
}

export function planWorkLocations(options: {
  random: SeededRandom;
  ids: IdMinter;
  count: number;
  streets: readonly string[];
}): PlannedLocation[] {
  const { random, ids, count, streets } = options;
  const cities = random.shuffle(US_CITIES);
  const usedNames = new Set<string>();
  const planned: PlannedLocation[] = [];

  for (let index = 0; index < count; index++) {
    const city = cities[index % cities.length];
    const isHeadquarters = index === 0;
    let name = isHeadquarters
      ? `${city.city} Headquarters`
      : `${city.city} ${random.pick(LOCATION_KINDS)}`;
    for (let n = 2; usedNames.has(name); n++)
      name = `${name.replace(/ \d+$/, '')} ${n}`;
    usedNames.add(name);

    const streetLine1 = `${random.int(100, 9999)} ${random.pick(streets)}`;
    const zipCode = zipPlusFour(random, city.zip);
    const location: WorkLocation = {
      id: ids.next(),
      name,
      addresses: [
        {
          streetLine1,
          streetLine2: random.chance(0.3)
            ? `Building ${random.pick(['A', 'B', 'C', '2', '6'])}`
            : null,
          suite: random.chance(0.4) ? `Suite ${random.int(1, 12) * 100}` : null,
          city: city.city,
          state: city.state,
          country: 'USA',
          county: city.county,
          zipCode,
          type: 'Physical',
        },
        ...(isHeadquarters
          ? [
              {
                streetLine1: `PO Box ${random.int(1000, 99999)}`,
                streetLine2: null,
                suite: null,
                city: city.city,
                state: city.state,
                country: 'USA',
                county: city.county,
                zipCode: zipPlusFour(random, city.zip),
                type: 'Mailing' as const,
              },
            ]
          : []),
      ],
      phones: [
        {
          countryCode: '1',
          areaCode: city.areaCode,
          phoneNumber: fictionalPhoneNumber(random),
          type: 'Voice',
        },
      ],
      locationNumber: String(index + 1).padStart(3, '0'),
      storeId: null,
      isFmlaEligible: true,
    };
    planned.push({
      location,
      city,
      employeeView: {
        id: location.id,
        name,
        streetLine1,
        type: 'Physical',
        city: city.city,
        county: city.county,
        state: city.state,
        zipCode,
        country: 'USA',
      },
    });
  }
  return planned;
}
