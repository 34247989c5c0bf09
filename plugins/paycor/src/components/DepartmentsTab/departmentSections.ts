import {
  DepartmentList,
  DepartmentView,
} from '@paycor-backstage/plugin-paycor-common';

/** One row of the tree: a department and how deep it sits. */
export interface DepartmentRow {
  department: DepartmentView;
  depth: number;
}

/** Top departments under the same Group outside the tree, with their subtrees. */
export interface DepartmentSection {
  /**
   * The Group the top departments hang under (organization, admin-defined or
   * hand-written Group); undefined for departments without a Group.
   */
  parentRef?: string;
  rows: DepartmentRow[];
}

/**
 * Cuts the tree the server sends (`treeOrder`, and each department's `depth`)
 * into the sections the tab draws: a top department (depth 0) starts rows
 * under the outside Group it hangs under, and the deeper rows after it are
 * its subtree. A backend older than `treeOrder` sends neither: its
 * departments are listed flat, as they come.
 */
export function departmentSections(list: DepartmentList): DepartmentSection[] {
  const byId = new Map(list.items.map(d => [d.id, d]));
  const ordered = list.treeOrder
    ? list.treeOrder.flatMap(id => byId.get(id) ?? [])
    : list.items;

  const sections = new Map<string, DepartmentSection>();
  let current: DepartmentSection | undefined;
  for (const department of ordered) {
    const depth = department.depth ?? 0;
    if (depth === 0 || !current) {
      const key = department.effectiveParentRef ?? '';
      current = sections.get(key) ?? {
        parentRef: department.effectiveParentRef,
        rows: [],
      };
      sections.set(key, current);
    }
    current.rows.push({ department, depth });
  }
  return [...sections.values()];
}

/**
 * The Groups a department must not be re-homed under, lower-cased: its own and
 * those of its subtree (the rows after it that sit deeper), since that would
 * make it its own ancestor.
 */
export function subtreeRefs(
  sections: DepartmentSection[],
  departmentId: string,
): Set<string> {
  const refs = new Set<string>();
  for (const { rows } of sections) {
    const start = rows.findIndex(r => r.department.id === departmentId);
    if (start < 0) continue;
    for (let i = start; i < rows.length; i++) {
      if (i > start && rows[i].depth <= rows[start].depth) break;
      const ref = rows[i].department.entityRef;
      if (ref) refs.add(ref.toLocaleLowerCase('en-US'));
    }
  }
  return refs;
}
