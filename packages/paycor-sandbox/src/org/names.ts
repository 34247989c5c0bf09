import {
  ar,
  cs_CZ,
  da,
  de,
  el,
  en,
  es,
  fi,
  fr,
  he,
  hr,
  hu,
  it,
  ja,
  ko,
  nb_NO,
  pl,
  pt_BR,
  ro,
  ru,
  sv,
  tr,
  uk,
  vi,
  zh_CN,
  type LocaleDefinition,
} from '@faker-js/faker';
import type { SeededRandom } from './random';

/**
 * People's names. Faker's locale tables are the source; picking from them with our own
 * PRNG (instead of calling faker per name) keeps 100k employees in the low hundreds of
 * milliseconds and makes the result depend only on the seed.
 */

export type Sex = 'female' | 'male';

export interface GeneratedName {
  firstName: string;
  middleName: string | null;
  lastName: string;
  sex: Sex;
  /** Faker locale the name was drawn from (for the tests' share checks). */
  locale: string;
}

interface NamePool {
  locale: string;
  first: Record<Sex, readonly string[]>;
  last: Record<Sex, readonly string[]>;
  /** Locales whose people often carry two surnames (Spanish). */
  doubleSurnameChance: number;
}

function poolOf(
  locale: string,
  definition: LocaleDefinition,
  doubleSurnameChance = 0,
): NamePool {
  const person = definition.person!;
  const first = person.first_name!;
  const last = person.last_name!;
  const firstOf = (sex: Sex) => first[sex] ?? first.generic!;
  const lastOf = (sex: Sex) => last[sex] ?? last.generic!;
  return {
    locale,
    first: { female: firstOf('female'), male: firstOf('male') },
    last: { female: lastOf('female'), male: lastOf('male') },
    doubleSurnameChance,
  };
}

const ENGLISH = poolOf('en', en);
const GERMAN = poolOf('de', de);

/** Relative weights of the non-English ~10%: a US workforce's typical mix. */
const OTHER_LOCALES: readonly [NamePool, number][] = [
  [poolOf('es', es, 0.3), 2.5],
  [poolOf('vi', vi), 1],
  [poolOf('zh_CN', zh_CN), 1],
  [poolOf('ko', ko), 0.7],
  [poolOf('ja', ja), 0.5],
  [GERMAN, 0.7],
  [poolOf('fr', fr), 0.6],
  [poolOf('pl', pl), 0.6],
  [poolOf('ru', ru), 0.6],
  [poolOf('uk', uk), 0.4],
  [poolOf('pt_BR', pt_BR), 0.6],
  [poolOf('it', it), 0.5],
  [poolOf('tr', tr), 0.4],
  [poolOf('el', el), 0.3],
  [poolOf('he', he), 0.3],
  [poolOf('ar', ar), 0.4],
  [poolOf('cs_CZ', cs_CZ), 0.3],
  [poolOf('hu', hu), 0.3],
  [poolOf('sv', sv), 0.3],
  [poolOf('da', da), 0.2],
  [poolOf('nb_NO', nb_NO), 0.2],
  [poolOf('fi', fi), 0.2],
  [poolOf('hr', hr), 0.2],
  [poolOf('ro', ro), 0.2],
];
const OTHER_LOCALE_TOTAL = OTHER_LOCALES.reduce((sum, [, w]) => sum + w, 0);

export const NON_ENGLISH_NAME_SHARE = 0.1;
const MIDDLE_NAME_CHANCE = 0.35;
const MIDDLE_INITIAL_CHANCE = 0.08;

/** Paycor-side fields are nvarchar; 63 is the length many downstream systems truncate at. */
export const LONG_NAME_MIN_LENGTH = 64;

export class NamePicker {
  constructor(private readonly random: SeededRandom) {}

  pick(): GeneratedName {
    const sex: Sex = this.random.chance(0.5) ? 'female' : 'male';
    const pool = this.random.chance(NON_ENGLISH_NAME_SHARE)
      ? this.pickOtherLocale()
      : ENGLISH;
    let lastName = this.random.pick(pool.last[sex]);
    if (this.random.chance(pool.doubleSurnameChance)) {
      lastName = `${lastName} ${this.random.pick(pool.last[sex])}`;
    }
    return {
      firstName: this.random.pick(pool.first[sex]),
      middleName: this.pickMiddleName(pool, sex),
      lastName,
      sex,
      locale: pool.locale,
    };
  }

  /** A name whose first + middle + last exceed 63 characters (hyphenated, multi-part). */
  pickLong(): GeneratedName {
    const sex: Sex = this.random.chance(0.5) ? 'female' : 'male';
    const pool = this.random.chance(0.5) ? GERMAN : ENGLISH;
    const firstName = `${this.random.pick(pool.first[sex])}-${this.random.pick(
      pool.first[sex],
    )}`;
    const middleName = [0, 1, 2]
      .map(() => this.random.pick(pool.first[sex]))
      .join(' ');
    const surnames = [this.random.pick(pool.last[sex])];
    while (
      `${firstName} ${middleName} ${surnames.join('-')}`.length <
      LONG_NAME_MIN_LENGTH
    ) {
      surnames.push(this.random.pick(pool.last[sex]));
    }
    return {
      firstName,
      middleName,
      lastName: surnames.join('-'),
      sex,
      locale: pool.locale,
    };
  }

  /** A first name of the same pool mix, for emergency contacts, legal names etc. */
  pickFirstName(sex: Sex): string {
    return this.random.pick(ENGLISH.first[sex]);
  }

  pickLastName(sex: Sex): string {
    return this.random.pick(ENGLISH.last[sex]);
  }

  private pickOtherLocale(): NamePool {
    let roll = this.random.next() * OTHER_LOCALE_TOTAL;
    for (const [pool, weight] of OTHER_LOCALES) {
      roll -= weight;
      if (roll < 0) return pool;
    }
    return OTHER_LOCALES[0][0];
  }

  private pickMiddleName(pool: NamePool, sex: Sex): string | null {
    const roll = this.random.next();
    if (roll < MIDDLE_INITIAL_CHANCE) {
      return this.random.pick(ENGLISH.first[sex]).charAt(0);
    }
    if (roll < MIDDLE_NAME_CHANCE) return this.random.pick(pool.first[sex]);
    return null;
  }
}
