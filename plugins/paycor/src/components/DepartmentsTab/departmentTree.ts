import { DepartmentView } from '@paycor-backstage/plugin-paycor-common';

/** One row of the tree: a department and how deep it sits. */
export interface DepartmentRow {
  department: DepartmentView;
  depth: number;
  /** the department this row is nested under, if any */
  parent?: DepartmentView;
}

/** Departments whose effective parent is the same Group outside the tree. */
export interface DepartmentSection {
  /**
   * The Group the top departments hang under (organization, admin-defined or
   * hand-written Group); undefined for departments not in the catalog.
   */
  parentRef?: string;
  rows: DepartmentRow[];
}

const byName = (a: DepartmentView, b: DepartmentView) =>
  a.name.localeCompare(b.name, 'en-US') || a.id.localeCompare(b.id);

/**
 * Builds the tree of effective parents: a department is nested under the
 * department whose Group is its `effectiveParentRef`. Departments without a
 * Group (empty, filtered) are nested under their Paycor parent. Everything else
 * is grouped by the outside Group it hangs under. Cycles (never expected from
 * the server) are broken rather than looped.
 */
export function buildDepartmentTree(
  items: DepartmentView[],
): DepartmentSection[] {
  const byRef = new Map<string, DepartmentView>();
  const byId = new Map<string, DepartmentView>();
  for (const item of items) {
    byId.set(item.id, item);
    if (item.entityRef) {
      byRef.set(item.entityRef.toLocaleLowerCase('en-US'), item);
    }
  }

  const treeParent = (item: DepartmentView): DepartmentView | undefined => {
    if (item.effectiveParentRef) {
      const parent = byRef.get(
        item.effectiveParentRef.toLocaleLowerCase('en-US'),
      );
      return parent && parent !== item ? parent : undefined;
    }
    if (item.paycorParentId) {
      const parent = byId.get(item.paycorParentId);
      return parent && parent !== item ? parent : undefined;
    }
    return undefined;
  };

  // A department is a root when it has no parent in the tree or when its
  // ancestors loop back to it.
  const parentOf = new Map<string, DepartmentView | undefined>();
  for (const item of items) {
    let parent = treeParent(item);
    const seen = new Set<string>([item.id]);
    let cursor = parent;
    while (cursor) {
      if (seen.has(cursor.id)) {
        parent = undefined;
        break;
      }
      seen.add(cursor.id);
      cursor = treeParent(cursor);
    }
    parentOf.set(item.id, parent);
  }

  const children = new Map<string, DepartmentView[]>();
  const roots: DepartmentView[] = [];
  for (const item of items) {
    const parent = parentOf.get(item.id);
    if (parent) {
      const list = children.get(parent.id) ?? [];
      list.push(item);
      children.set(parent.id, list);
    } else {
      roots.push(item);
    }
  }

  const sections = new Map<string, DepartmentSection>();
  const emitted = new Set<string>();
  const walk = (
    item: DepartmentView,
    depth: number,
    rows: DepartmentRow[],
    parent?: DepartmentView,
  ) => {
    if (emitted.has(item.id)) return;
    emitted.add(item.id);
    rows.push({ department: item, depth, parent });
    for (const child of (children.get(item.id) ?? []).sort(byName)) {
      walk(child, depth + 1, rows, item);
    }
  };
  for (const root of roots.sort(byName)) {
    const key = root.effectiveParentRef ?? '';
    const section = sections.get(key) ?? {
      parentRef: root.effectiveParentRef,
      rows: [],
    };
    sections.set(key, section);
    walk(root, 0, section.rows);
  }

  return [...sections.values()].sort((a, b) => {
    if (!a.parentRef) return 1;
    if (!b.parentRef) return -1;
    return (
      b.rows.length - a.rows.length || a.parentRef.localeCompare(b.parentRef)
    );
  });
}

/**
 * The Group refs a department must not be re-homed under: its own and those of
 * its descendants in the effective tree (that would make a cycle).
 */
export function refsBelow(
  items: DepartmentView[],
  departmentId: string,
): Set<string> {
  const refs = new Set<string>();
  const sections = buildDepartmentTree(items);
  for (const section of sections) {
    let inside = false;
    let depth = 0;
    for (const row of section.rows) {
      if (row.department.id === departmentId) {
        inside = true;
        depth = row.depth;
      } else if (inside && row.depth <= depth) {
        inside = false;
      }
      if (inside && row.department.entityRef) {
        refs.add(row.department.entityRef.toLocaleLowerCase('en-US'));
      }
    }
  }
  return refs;
}
