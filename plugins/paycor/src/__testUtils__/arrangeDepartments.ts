import {
  DepartmentList,
  DepartmentView,
} from '@paycor-backstage/plugin-paycor-common';

// The in-memory backend's copy of the server's rule for the Departments list
// (catalog-backend-module-paycor src/admin/departmentsView.ts), so the mock
// answers what the server answers after a re-home. The frontend itself never
// builds the tree.

const collator = new Intl.Collator('en-US');
const byName = (a: DepartmentView, b: DepartmentView) =>
  collator.compare(a.name, b.name) || collator.compare(a.id, b.id);
const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * The list as the server sends it: items by name, each with its `depth` and
 * `treeParentId`, and `treeOrder` — sections by the outside Group their top
 * departments hang under (largest first, no Group last), each department
 * followed by its subtree, siblings by name.
 */
export function arrangeDepartments(list: DepartmentList): DepartmentList {
  const items = list.items
    .map(({ depth: _depth, treeParentId: _parent, ...item }) => ({ ...item }))
    .sort(byName) as DepartmentView[];
  const byRef = new Map<string, DepartmentView>();
  const byId = new Map<string, DepartmentView>();
  for (const item of items) {
    byId.set(item.id, item);
    if (item.entityRef) byRef.set(lower(item.entityRef), item);
  }
  const parentOf = (item: DepartmentView) => {
    let parent: DepartmentView | undefined;
    if (item.effectiveParentRef) {
      parent = byRef.get(lower(item.effectiveParentRef));
    } else if (item.paycorParentId !== undefined) {
      parent = byId.get(item.paycorParentId);
    }
    return parent && parent !== item ? parent : undefined;
  };

  const children = new Map<string, DepartmentView[]>();
  const roots: DepartmentView[] = [];
  for (const item of items) {
    const parent = parentOf(item);
    if (parent) {
      children.set(parent.id, [...(children.get(parent.id) ?? []), item]);
    } else {
      roots.push(item);
    }
  }

  const sections = new Map<string, { parentRef?: string; ids: string[] }>();
  const placed = new Set<string>();
  const walk = (item: DepartmentView, depth: number, ids: string[]) => {
    if (placed.has(item.id)) return;
    placed.add(item.id);
    item.depth = depth;
    ids.push(item.id);
    for (const child of children.get(item.id) ?? []) {
      child.treeParentId = item.id;
      walk(child, depth + 1, ids);
    }
  };
  for (const root of roots) {
    const key = root.effectiveParentRef ?? '';
    const section = sections.get(key) ?? {
      parentRef: root.effectiveParentRef,
      ids: [],
    };
    sections.set(key, section);
    walk(root, 0, section.ids);
  }
  const rest = items.filter(i => !placed.has(i.id));
  for (const item of rest) item.depth = 0;

  const ordered = [...sections.values()].sort((a, b) => {
    if (!a.parentRef) return 1;
    if (!b.parentRef) return -1;
    return (
      b.ids.length - a.ids.length || collator.compare(a.parentRef, b.parentRef)
    );
  });
  return {
    ...list,
    items,
    treeOrder: [...ordered.flatMap(s => s.ids), ...rest.map(i => i.id)],
  };
}

/** The entity refs of a department and everything nested under it. */
export function subtreeRefs(
  list: DepartmentList,
  departmentId: string,
): Set<string> {
  // treeParentId comes from a walk of the tree, so the chains end
  const parentIds = new Map(list.items.map(i => [i.id, i.treeParentId]));
  const isUnder = (id: string) => {
    for (let at: string | undefined = id; at; at = parentIds.get(at)) {
      if (at === departmentId) return true;
    }
    return false;
  };
  return new Set(
    list.items
      .filter(i => i.entityRef && isUnder(i.id))
      .map(i => lower(i.entityRef!)),
  );
}
