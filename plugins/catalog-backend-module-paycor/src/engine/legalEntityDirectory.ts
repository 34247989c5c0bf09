import { EmployeeElsewhere } from '../ingest/reportingLines';
import { LoadedSnapshot } from './loadedSnapshot';

/**
 * Which other legal entity lists an employee: what a plan needs to tell a
 * manager from another configured legal entity (the line ends with a note)
 * from a manager id nobody knows (a conflict). `key` changes whenever the
 * answers may.
 */
export interface ElsewhereView {
  key: string;
  lookup(employeeId: string): EmployeeElsewhere | undefined;
}

interface Member {
  legalEntityId: string;
  /** the provider's stored snapshot (decoded at most once per version) */
  stored: () => Promise<LoadedSnapshot | undefined>;
}

/**
 * The providers of this module, so a plan of one can look up employees of
 * the others. Every replica answers the same: each reads the other
 * providers' stored snapshots (from the database when not in memory), and
 * only when the plan's snapshot names a manager it does not list.
 */
export class LegalEntityDirectory {
  private readonly members = new Map<string, Member>();
  private readonly unlisted = new WeakMap<LoadedSnapshot, boolean>();

  register(providerId: string, member: Member) {
    this.members.set(providerId, member);
  }

  async view(
    providerId: string,
    snapshot: LoadedSnapshot,
  ): Promise<ElsewhereView | undefined> {
    if (this.members.size < 2 || !this.namesUnlistedManagers(snapshot)) {
      return undefined;
    }
    const others: Array<EmployeeElsewhere & { snapshot: LoadedSnapshot }> = [];
    for (const [id, member] of [...this.members].sort(([a], [b]) =>
      a < b ? -1 : 1,
    )) {
      if (id === providerId) continue;
      const stored = await member.stored();
      if (stored) {
        others.push({
          providerId: id,
          legalEntityId: member.legalEntityId,
          snapshot: stored,
        });
      }
    }
    if (others.length === 0) return undefined;
    return {
      key: others.map(o => `${o.providerId}@${o.snapshot.id}`).join(','),
      lookup: employeeId => {
        const found = others.find(o => o.snapshot.employees.has(employeeId));
        return (
          found && {
            providerId: found.providerId,
            legalEntityId: found.legalEntityId,
          }
        );
      },
    };
  }

  /** Whether any record of the snapshot names a manager it does not list. */
  private namesUnlistedManagers(snapshot: LoadedSnapshot): boolean {
    let answer = this.unlisted.get(snapshot);
    if (answer === undefined) {
      const { employees } = snapshot;
      answer = employees.list().some(({ employee }) => {
        const managerId = employee.managerId?.trim();
        return Boolean(managerId) && !employees.has(managerId!);
      });
      this.unlisted.set(snapshot, answer);
    }
    return answer;
  }
}
