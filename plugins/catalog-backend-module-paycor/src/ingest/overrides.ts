import { DepartmentTree } from './departmentTree';
import { normalizeGroupRef } from './refs';
import { DepartmentOverride } from './types';
import { compareStrings, nonBlank } from './util';

/**
 * Turns `departmentParents` from config (department id or code → Group ref)
 * into overrides. A key matches a department id first, else every department
 * with that code; keys that match nothing are ignored (the department may
 * not exist yet, and config should not fail a run).
 */
export function overridesFromConfig(
  departmentParents: Readonly<Record<string, string>> | undefined,
  tree: DepartmentTree,
): DepartmentOverride[] {
  const entries = Object.entries(departmentParents ?? {});
  if (entries.length === 0) return [];
  const byCode = new Map<string, string[]>();
  for (const id of tree.ids) {
    const code = nonBlank(tree.get(id)?.code);
    if (code === undefined) continue;
    const list = byCode.get(code);
    if (list) list.push(id);
    else byCode.set(code, [id]);
  }
  const result: DepartmentOverride[] = [];
  for (const [rawKey, parentRef] of entries) {
    const key = rawKey.trim();
    const ids = tree.has(key) ? [key] : byCode.get(key) ?? [];
    for (const departmentId of ids) {
      result.push({ departmentId, parentRef, source: 'config' });
    }
  }
  return result;
}

/**
 * One override per department: an admin's choice in the UI (`api`) beats
 * config, since it is the newer, deliberate decision for that department.
 * Ties within a source go to the lowest ref, so input order never matters.
 */
export function selectOverrides(
  overrides: readonly DepartmentOverride[],
): Map<string, DepartmentOverride> {
  const rank = (o: DepartmentOverride) => (o.source === 'api' ? 0 : 1);
  const chosen = new Map<string, DepartmentOverride>();
  for (const override of overrides) {
    const current = chosen.get(override.departmentId);
    if (
      !current ||
      rank(override) < rank(current) ||
      (rank(override) === rank(current) &&
        compareStrings(override.parentRef, current.parentRef) < 0)
    ) {
      chosen.set(override.departmentId, {
        departmentId: override.departmentId,
        parentRef: override.parentRef,
        source: override.source,
      });
    }
  }
  return chosen;
}

/** A Group whose parent someone chose instead of the default. */
export interface ParentRequest {
  /** stable key: department id, admin group name */
  key: string;
  /** the Group's own ref */
  ref: string;
  /** where it goes when the request cannot be honoured */
  fallbackRef: string;
  /** the requested parent as typed; undefined = no request */
  requested?: string;
}

export interface SettledParent {
  parentRef: string;
  /** true when the requested parent was used */
  applied: boolean;
  /** the normalised requested ref */
  targetRef?: string;
  problem?: 'target-missing' | 'cycle';
  /** for cycles: from the target up to the Group itself */
  cyclePath?: string[];
}

/**
 * Honours requested parents where possible.
 *
 * A target must be a Group that exists (`exists`); otherwise the Group keeps
 * its fallback (`target-missing`). A target that is the Group itself or lies
 * below it, walking up through the settled parents of these Groups and
 * `parentOf` for all others (other Groups of ours, external Groups), is
 * refused (`cycle`).
 *
 * Every valid request is first applied tentatively; then requests are checked
 * from the highest key down and refused while they close a cycle, repeated
 * until nothing changes. So of two requests that are only cyclic together,
 * the one with the higher key (the later one in key order) is refused, and a
 * request is never refused for a cycle that another request's refusal
 * removed. Reverting a refused Group to its fallback can close a new cycle
 * through an accepted request; the repeat pass catches that too. Every
 * round refuses at least one request, so this always ends.
 */
export function settleParents(
  requests: readonly ParentRequest[],
  options: {
    namespace: string;
    exists: (ref: string) => boolean;
    /** parents of Groups not in `requests` */
    parentOf: (ref: string) => string | undefined;
  },
): Map<string, SettledParent> {
  const sorted = [...requests].sort((a, b) => compareStrings(a.key, b.key));
  const byRef = new Map<string, ParentRequest>();
  for (const r of sorted) byRef.set(r.ref, r);

  const settled = new Map<string, SettledParent>();
  for (const r of sorted) {
    if (r.requested === undefined) {
      settled.set(r.key, { parentRef: r.fallbackRef, applied: false });
      continue;
    }
    const targetRef = normalizeGroupRef(r.requested, options.namespace);
    if (targetRef === r.ref) {
      settled.set(r.key, {
        parentRef: r.fallbackRef,
        applied: false,
        targetRef,
        problem: 'cycle',
        cyclePath: [r.ref],
      });
    } else if (targetRef === undefined || !options.exists(targetRef)) {
      settled.set(r.key, {
        parentRef: r.fallbackRef,
        applied: false,
        ...(targetRef !== undefined ? { targetRef } : {}),
        problem: 'target-missing',
      });
    } else {
      settled.set(r.key, { parentRef: targetRef, applied: true, targetRef });
    }
  }

  const parentOf = (ref: string): string | undefined => {
    const own = byRef.get(ref);
    return own ? settled.get(own.key)!.parentRef : options.parentOf(ref);
  };

  for (let changed = true; changed; ) {
    changed = false;
    for (let i = sorted.length - 1; i >= 0; i--) {
      const r = sorted[i];
      const s = settled.get(r.key)!;
      if (!s.applied) continue;
      const path = pathUp(s.parentRef, r.ref, parentOf);
      if (path) {
        settled.set(r.key, {
          parentRef: r.fallbackRef,
          applied: false,
          targetRef: s.targetRef,
          problem: 'cycle',
          cyclePath: path,
        });
        changed = true;
      }
    }
  }
  return settled;
}

/**
 * The chain from `from` up to `target` through `parentOf`, or undefined when
 * the walk ends (or loops in data that is not ours) without meeting `target`.
 */
export function pathUp(
  from: string,
  target: string,
  parentOf: (ref: string) => string | undefined,
): string[] | undefined {
  const path = [from];
  const seen = new Set(path);
  for (let current = from; current !== target; ) {
    const next = parentOf(current);
    if (next === undefined || seen.has(next)) return undefined;
    path.push(next);
    seen.add(next);
    current = next;
  }
  return path;
}
