import { GroupNamingStrategy, UserNamingStrategy } from '../config/types';
import { PaycorDepartmentRecord, PaycorEmployeeRecord } from './types';
import { nonBlank, shortHash } from './util';

/** The catalog's limit for entity names and label values. */
export const MAX_NAME_LENGTH = 63;
const HASH_LENGTH = 8;
/** 54 + `-` + 8 hex = 63. */
const KEEP_BEFORE_HASH = MAX_NAME_LENGTH - HASH_LENGTH - 1;

/**
 * Latin letters that Unicode does not decompose, so NFKD alone would drop
 * them and turn `Łukasz` into `ukasz`. Upper case maps to upper case so the
 * table also serves label values, which keep their case.
 */
const TRANSLITERATIONS: Record<string, string> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  ł: 'l',
  Ł: 'L',
  ŀ: 'l',
  Ŀ: 'L',
  þ: 'th',
  Þ: 'TH',
  ı: 'i',
  ħ: 'h',
  Ħ: 'H',
  ŧ: 't',
  Ŧ: 'T',
  ŋ: 'n',
  Ŋ: 'N',
  ĸ: 'k',
  ſ: 's',
  ƒ: 'f',
  ɨ: 'i',
  ʉ: 'u',
};
const TRANSLITERATION_PATTERN = new RegExp(
  `[${Object.keys(TRANSLITERATIONS).join('')}]`,
  'g',
);

/**
 * Folds text to ASCII where a reader would expect it (`José` → `Jose`,
 * `Straße` → `Strasse`); scripts without a Latin reading (CJK, Cyrillic, …)
 * are left as they are for the caller to drop.
 */
export function foldToAscii(raw: string): string {
  return raw
    .replace(TRANSLITERATION_PATTERN, ch => TRANSLITERATIONS[ch] ?? ch)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');
}

function isSeparator(ch: string): boolean {
  return ch === '-' || ch === '.' || ch === '_';
}

function trimTrailingSeparators(value: string): string {
  let end = value.length;
  while (end > 0 && isSeparator(value[end - 1])) end--;
  return value.slice(0, end);
}

/**
 * Appends `-<8 hex of sha1(hashSource)>`, cutting `name` so the result stays
 * within 63 characters and still ends in a letter or digit.
 */
export function withHashSuffix(name: string, hashSource: string): string {
  const head = trimTrailingSeparators(name.slice(0, KEEP_BEFORE_HASH));
  const hash = shortHash(hashSource, HASH_LENGTH);
  return head ? `${head}-${hash}` : hash;
}

/** ASCII letters and digits, single separators between them. */
const PLAIN_NAME = /^[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*$/;

/**
 * Turns any text into a valid catalog entity name, or undefined when nothing
 * usable is left (e.g. an all-CJK name).
 *
 * A run of one separator collapses to that separator (`a..b` → `a.b`); a run
 * mixing separators becomes `-` (`Smith - Jones` → `smith-jones`), which reads
 * best for the spaces-around-dash case that dominates real department names.
 * Names over 63 characters keep 54 and gain a hash of the raw text, so two
 * long names that share a prefix stay distinct and stable.
 */
export function normalizeEntityName(raw: string): string | undefined {
  // Most names (email local parts) are plain ASCII words joined by single
  // separators: the rules below would only lower-case them.
  if (raw.length <= MAX_NAME_LENGTH && PLAIN_NAME.test(raw)) {
    return raw.toLowerCase();
  }
  const replaced = foldToAscii(raw)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/[._-]{2,}/g, run =>
      run.split('').every(ch => ch === run[0]) ? run[0] : '-',
    );
  let start = 0;
  while (start < replaced.length && isSeparator(replaced[start])) start++;
  const name = trimTrailingSeparators(replaced.slice(start));
  if (!name) return undefined;
  if (name.length <= MAX_NAME_LENGTH) return name;
  return `${trimTrailingSeparators(
    name.slice(0, KEEP_BEFORE_HASH),
  )}-${shortHash(raw, HASH_LENGTH)}`;
}

/**
 * A valid Kubernetes label value (≤ 63 chars, starts and ends alphanumeric,
 * `-_.` inside), or undefined when nothing valid remains. Case is kept:
 * label values are case-sensitive and `Full-Time` is what people search for.
 */
export function sanitizeLabelValue(raw: string): string | undefined {
  const replaced = foldToAscii(raw).replace(/[^A-Za-z0-9._-]+/g, '-');
  const trimmed = replaced
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/[^A-Za-z0-9]+$/, '');
  const capped = trimmed
    .slice(0, MAX_NAME_LENGTH)
    .replace(/[^A-Za-z0-9]+$/, '');
  return capped || undefined;
}

// ---------------------------------------------------------------------------
// User names

const USER_FALLBACKS: UserNamingStrategy[] = [
  'first-last',
  'employee-number',
  'employee-id',
];

function splitEmail(
  email: string | undefined,
): { local: string; domain: string } | undefined {
  const trimmed = nonBlank(email);
  if (!trimmed) return undefined;
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return undefined;
  return { local: trimmed.slice(0, at), domain: trimmed.slice(at + 1) };
}

/** The name one strategy gives, or undefined when the record lacks what it needs. */
export function userNameFor(
  employee: PaycorEmployeeRecord,
  strategy: UserNamingStrategy,
): string | undefined {
  switch (strategy) {
    case 'email-local-part': {
      const parts = splitEmail(employee.email);
      return parts && normalizeEntityName(parts.local);
    }
    case 'email': {
      const parts = splitEmail(employee.email);
      return parts && normalizeEntityName(`${parts.local}_${parts.domain}`);
    }
    case 'employee-number': {
      const number = nonBlank(employee.employeeNumber);
      return number && normalizeEntityName(`employee-${number}`);
    }
    case 'employee-id':
      return normalizeEntityName(employee.id);
    case 'first-last': {
      const first = nonBlank(employee.firstName) ?? '';
      const last = nonBlank(employee.lastName) ?? '';
      if (!first && !last) return undefined;
      return normalizeEntityName(`${first}.${last}`);
    }
    default:
      return undefined;
  }
}

/**
 * The name an employee asks for: the configured strategy, then `first-last`,
 * `employee-number`, `employee-id`. The last resort (an id with nothing
 * usable in it, which Paycor GUIDs never are) is a hash of the id so every
 * employee always gets some valid name.
 */
export function wantedUserName(
  employee: PaycorEmployeeRecord,
  strategy: UserNamingStrategy,
): string {
  return chooseUserName(employee, strategy).name;
}

/** Which strategy gave an employee's wanted name (`hash`: none did). */
export interface UserNameChoice {
  name: string;
  strategy: UserNamingStrategy | 'hash';
  /** strategies tried before it that gave nothing */
  skipped: UserNamingStrategy[];
}

/** `wantedUserName`, saying which strategy the name came from. */
export function chooseUserName(
  employee: PaycorEmployeeRecord,
  strategy: UserNamingStrategy,
): UserNameChoice {
  const skipped: UserNamingStrategy[] = [];
  for (const s of [strategy, ...USER_FALLBACKS.filter(f => f !== strategy)]) {
    const name = userNameFor(employee, s);
    if (name) return { name, strategy: s, skipped };
    skipped.push(s);
  }
  return {
    name: `employee-${shortHash(employee.id, 12)}`,
    strategy: 'hash',
    skipped,
  };
}

const STRATEGY_SOURCES: Record<UserNamingStrategy | 'hash', string> = {
  'email-local-part': "the work email's local part",
  email: 'the whole work email',
  'employee-number': 'the employee number',
  'employee-id': 'the Paycor employee id',
  'first-last': 'first and last name',
  hash: 'a hash of the employee id (nothing else gave a usable name)',
};

/** A sentence on where a User name comes from (the trace's naming step). */
export function describeUserNameChoice(
  choice: UserNameChoice,
  configured: UserNamingStrategy,
): string {
  const from = `from ${STRATEGY_SOURCES[choice.strategy]}`;
  if (choice.skipped.length === 0) {
    return `Wants the name ${choice.name}, ${from} (userNaming: ${configured}).`;
  }
  return `Wants the name ${choice.name}, ${from}: ${choice.skipped.join(
    ', then ',
  )} gave no usable name (userNaming: ${configured}, with fallbacks).`;
}

// ---------------------------------------------------------------------------
// Department names

const GROUP_FALLBACKS: GroupNamingStrategy[] = ['code', 'id'];

function departmentBase(
  department: PaycorDepartmentRecord,
  strategy: GroupNamingStrategy,
): string | undefined {
  switch (strategy) {
    case 'name':
      return nonBlank(department.description);
    case 'code': {
      const code = nonBlank(department.code);
      return code && `dept-${code}`;
    }
    case 'id':
      return nonBlank(department.id);
    default:
      return undefined;
  }
}

/**
 * The name a department asks for: its strategy (then `code`, then `id`) with
 * the prefix in front. A strategy counts as usable only when its own text
 * yields a name, so a CJK department with prefix `paycor-` becomes
 * `paycor-dept-110`, not a bare `paycor`.
 */
export function wantedDepartmentName(
  department: PaycorDepartmentRecord,
  naming: { strategy: GroupNamingStrategy; prefix: string },
): string {
  const prefix = naming.prefix ?? '';
  for (const s of [
    naming.strategy,
    ...GROUP_FALLBACKS.filter(f => f !== naming.strategy),
  ]) {
    const base = departmentBase(department, s);
    if (base && normalizeEntityName(base)) {
      return normalizeEntityName(`${prefix}${base}`)!;
    }
  }
  return (
    normalizeEntityName(`${prefix}dept-${shortHash(department.id, 12)}`) ??
    `dept-${shortHash(department.id, 12)}`
  );
}

// ---------------------------------------------------------------------------
// Collisions

export interface NameClaim {
  /** employee or department id */
  id: string;
  wanted: string;
  /** the name this record was given by the previous run */
  previousName?: string;
}

export interface NameCollision {
  id: string;
  wanted: string;
  given: string;
  /** the claim that kept the wanted name */
  winnerId?: string;
  /** set instead of winnerId when a reserved name (org/admin Group) won */
  reservedBy?: string;
}

export interface NameAssignment {
  names: Map<string, string>;
  collisions: NameCollision[];
}

/**
 * Gives every claim a unique name. `claims` must come in priority order
 * (best first); within one wanted name the record that held it last run wins
 * (a newcomer never takes an existing entity's name, which would re-point
 * every ownership ref at a different person), else the first in priority.
 * Names in `reserved` (name → holder) are never given out.
 *
 * Losers get `<wanted>-<8 hex of sha1(id)>`, stable across runs. Should that
 * ever be taken too, the hash input gains a counter, still deterministic.
 */
export function assignNames(
  claims: readonly NameClaim[],
  reserved: ReadonlyMap<string, string> = new Map(),
): NameAssignment {
  // Most names are wanted once: a list only for those wanted more often.
  const byName = new Map<string, NameClaim | NameClaim[]>();
  for (const claim of claims) {
    const key = claim.wanted.toLowerCase();
    const seen = byName.get(key);
    if (seen === undefined) byName.set(key, claim);
    else if (Array.isArray(seen)) seen.push(claim);
    else byName.set(key, [seen, claim]);
  }

  const names = new Map<string, string>();
  const taken = new Set<string>(
    [...reserved.keys()].map(name => name.toLowerCase()),
  );
  const losers: Array<{
    claim: NameClaim;
    winnerId?: string;
    reservedBy?: string;
  }> = [];

  for (const [key, entry] of byName) {
    const reservedBy = reserved.get(key);
    if (!Array.isArray(entry) && reservedBy === undefined) {
      names.set(entry.id, entry.wanted);
      taken.add(key);
      continue;
    }
    const list = Array.isArray(entry) ? entry : [entry];
    if (reservedBy !== undefined) {
      for (const claim of list) losers.push({ claim, reservedBy });
      continue;
    }
    const winner =
      list.find(c => c.previousName?.toLowerCase() === key) ?? list[0];
    names.set(winner.id, winner.wanted);
    taken.add(key);
    for (const claim of list) {
      if (claim !== winner) losers.push({ claim, winnerId: winner.id });
    }
  }

  const collisions: NameCollision[] = [];
  for (const { claim, winnerId, reservedBy } of losers) {
    let given = withHashSuffix(claim.wanted, claim.id);
    for (let n = 1; taken.has(given.toLowerCase()); n++) {
      given = withHashSuffix(claim.wanted, `${claim.id}#${n}`);
    }
    taken.add(given.toLowerCase());
    names.set(claim.id, given);
    collisions.push({
      id: claim.id,
      wanted: claim.wanted,
      given,
      ...(winnerId !== undefined ? { winnerId } : {}),
      ...(reservedBy !== undefined ? { reservedBy } : {}),
    });
  }
  return { names, collisions };
}
