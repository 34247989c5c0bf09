import type { OrgStore } from '../org/OrgStore';
import type { Department } from '../paycor/types';

/** Ids of a department's descendants (not including itself), lower-cased. */
export function descendantIds(
  store: OrgStore,
  departmentId: string,
): Set<string> {
  const children = new Map<string, string[]>();
  for (const department of store.departments.values()) {
    const parent = department.parentId?.toLowerCase();
    if (!parent) continue;
    const siblings = children.get(parent) ?? [];
    siblings.push(department.id.toLowerCase());
    children.set(parent, siblings);
  }
  const found = new Set<string>();
  const queue = [departmentId.toLowerCase()];
  while (queue.length) {
    for (const child of children.get(queue.pop()!) ?? []) {
      if (!found.has(child)) {
        found.add(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/**
 * Re-levels a department and everything below it after a move: level = parent's + 1,
 * and 2 at the top (level 1 is the payroll, api.md §4.9).
 */
export function relevelSubtree(store: OrgStore, departmentId: string): void {
  const root = store.departments.get(departmentId);
  if (!root) return;
  const levelOf = (department: Department) => {
    const parent = department.parentId
      ? store.departments.get(department.parentId)
      : undefined;
    return parent ? parent.level + 1 : 2;
  };
  const ordered = [root.id, ...descendantIds(store, root.id)];
  // Parents before children: sort by depth in the (acyclic) tree.
  const depth = (id: string) => {
    let d = 0;
    for (
      let dep = store.departments.get(id);
      dep?.parentId;
      dep = store.departments.get(dep.parentId)
    )
      d++;
    return d;
  };
  ordered.sort((a, b) => depth(a) - depth(b));
  for (const id of ordered) {
    const department = store.departments.get(id)!;
    const level = levelOf(department);
    if (level !== department.level)
      store.departments.set({ ...department, level });
  }
}
