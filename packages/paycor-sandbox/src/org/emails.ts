import { toAsciiSlug } from './transliterate';

/** RFC 5321 caps the local part at 64 octets; leave room for a de-duplicating counter. */
const MAX_LOCAL_PART = 60;

/**
 * Hands out `first.last@domain` work addresses, unique case-insensitively: the second
 * Maria Okafor becomes maria.okafor2@…. Names without a Latin transliteration fall back
 * to whichever part has one, then to the employee number.
 */
export class WorkEmailRegistry {
  private readonly taken = new Set<string>();

  constructor(
    readonly domain: string,
    existing: Iterable<string | null | undefined> = [],
  ) {
    for (const address of existing)
      if (address) this.taken.add(address.toLowerCase());
  }

  allocate(
    firstName: string,
    lastName: string,
    employeeNumber: string,
  ): string {
    const parts = [toAsciiSlug(firstName), toAsciiSlug(lastName)].filter(
      Boolean,
    );
    const base = (
      parts.length ? parts.join('.') : `employee.${employeeNumber}`
    ).slice(0, MAX_LOCAL_PART);
    let address = `${base}@${this.domain}`;
    for (let n = 2; this.taken.has(address); n++)
      address = `${base}${n}@${this.domain}`;
    this.taken.add(address);
    return address;
  }
}

/** A company domain from its name: "Strosin - DuBuque" → "strosin-dubuque.com". */
export function companyDomain(companyName: string): string {
  const words = companyName
    .split(/[^\p{L}\p{N}]+/u)
    .map(toAsciiSlug)
    .filter(Boolean);
  return `${words.join('-') || 'example'}.com`;
}
