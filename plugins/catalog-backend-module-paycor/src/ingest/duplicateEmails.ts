import { emailKey } from './filters';
import { PaycorEmployeeRecord } from './types';
import { compareOptional, compareStrings } from './util';

/** An employee that passed dating and filters, with their effective start date. */
export interface Candidate {
  employee: PaycorEmployeeRecord;
  /** YYYY-MM-DD of the effective (re)hire date */
  start?: string;
}

/** Earliest effective hire date first (unknown last), then the lowest id. */
export function compareBySeniority(a: Candidate, b: Candidate): number {
  return (
    compareOptional(a.start, b.start, compareStrings) ||
    compareStrings(a.employee.id, b.employee.id)
  );
}

export interface DuplicateEmail {
  skipped: Candidate;
  owner: Candidate;
  /** the email as the skipped employee has it (trimmed) */
  email: string;
}

/**
 * Finds employees that share a work email (trimmed, case-insensitive) with
 * someone else. The owner is whoever already had a User last run (an email
 * change in Paycor must not hand an existing account to someone else), else
 * the longest-serving, else the lowest id; everyone else sharing the email
 * is skipped.
 */
export function findDuplicateEmails<C extends Candidate>(
  candidates: readonly C[],
  hadUser: (employeeId: string) => boolean,
  keyOf: (candidate: C) => string | undefined = c => emailKey(c.employee.email),
): Array<DuplicateEmail & { skipped: C; owner: C }> {
  // Nearly every email is someone's alone: a list only for those shared.
  const byEmail = new Map<string, C | C[]>();
  let shared = false;
  for (const candidate of candidates) {
    const key = keyOf(candidate);
    if (key === undefined) continue;
    const seen = byEmail.get(key);
    if (seen === undefined) byEmail.set(key, candidate);
    else if (Array.isArray(seen)) seen.push(candidate);
    else {
      byEmail.set(key, [seen, candidate]);
      shared = true;
    }
  }
  const result: Array<DuplicateEmail & { skipped: C; owner: C }> = [];
  if (!shared) return result;
  for (const list of byEmail.values()) {
    if (!Array.isArray(list)) continue;
    const ranked = [...list].sort(
      (a, b) =>
        Number(hadUser(b.employee.id)) - Number(hadUser(a.employee.id)) ||
        compareBySeniority(a, b),
    );
    const [owner, ...others] = ranked;
    for (const skipped of others) {
      result.push({ skipped, owner, email: skipped.employee.email!.trim() });
    }
  }
  return result;
}

/**
 * Why `findDuplicateEmails` let the owner keep a shared email over someone
 * else, by the same ranking: who already had a User, then seniority, then
 * the lower id.
 */
export function duplicateEmailWinnerReason(args: {
  owner: Candidate;
  other: Candidate;
  ownerHadUser: boolean;
  otherHadUser: boolean;
}): string {
  const { owner, other } = args;
  if (args.ownerHadUser && !args.otherHadUser) {
    return 'they already had a User (an email change in Paycor never hands an account to someone else)';
  }
  if (owner.start !== undefined && owner.start !== other.start) {
    return other.start === undefined
      ? `they have a start date (${owner.start}) and this person has none`
      : `they started earlier (${owner.start}, this person ${other.start})`;
  }
  return 'with the same start date, the lower Paycor employee id wins';
}
