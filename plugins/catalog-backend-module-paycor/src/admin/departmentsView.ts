import {
  DepartmentList,
  DepartmentView,
} from '@paycor-backstage/plugin-paycor-common';
import { DepartmentPlacement } from '../ingest/types';
import { StoredOverride } from '../store/OverrideStore';

// How people read names, not code units: the order is for display only
// (nothing hashes it).
const collator = new Intl.Collator('en-US');
const byName = (a: DepartmentView, b: DepartmentView) =>
  collator.compare(a.name, b.name) || collator.compare(a.id, b.id);

/**
 * The Departments tab's model: every department with its parents and
 * override (who set it and when), sorted by name, plus the tree the tab
 * draws — each department's depth and the order of the rows — so the
 * client does not rebuild it.
 */
export function departmentsView(args: {
  placements: readonly DepartmentPlacement[];
  overrides: readonly StoredOverride[];
  snapshotAt: string;
}): DepartmentList {
  const byId = new Map(args.overrides.map(o => [o.departmentId, o]));
  const items = args.placements.map(d => toView(d, byId, args.snapshotAt));
  const treeOrder = arrangeTree(items);
  return { snapshotAt: args.snapshotAt, items, treeOrder };
}

function toView(
  d: DepartmentPlacement,
  overrides: ReadonlyMap<string, StoredOverride>,
  snapshotAt: string,
): DepartmentView {
  const apiOverride = overrides.get(d.id);
  let override: DepartmentView['override'];
  if (d.override?.source === 'api' && apiOverride) {
    override = {
      parent: apiOverride.parentRef,
      note: apiOverride.note,
      setBy: apiOverride.setBy,
      setAt: apiOverride.setAt,
      source: 'api',
    };
  } else if (d.override?.source === 'config') {
    // config has no author or date; show when it was last applied
    override = {
      parent: d.override.parentRef,
      setBy: 'app-config (departmentParents)',
      setAt: snapshotAt,
      source: 'config',
    };
  }
  return {
    id: d.id,
    code: d.code,
    name: d.name,
    level: d.level,
    paycorParentId: d.paycorParentId,
    paycorParentRef: d.paycorParentRef,
    effectiveParentRef: d.effectiveParentRef,
    entityRef: d.entityRef,
    memberCount: d.memberCount,
    state: d.state,
    overrideProblem: d.overrideProblem,
    override,
  };
}

/**
 * Nests every department under the department whose Group is its effective
 * parent (one without a Group under its Paycor parent), sets `depth` and
 * `treeParentId`, and returns the ids in display order: sections by the
 * outside Group their top departments hang under (largest first, no Group
 * last), depth-first, siblings by name. The transform never makes a cycle;
 * a visited set keeps the walk finite regardless.
 */
function arrangeTree(items: DepartmentView[]): string[] {
  const byRef = new Map<string, DepartmentView>();
  const byId = new Map<string, DepartmentView>();
  for (const item of items) {
    byId.set(item.id, item);
    if (item.entityRef)
      byRef.set(item.entityRef.toLocaleLowerCase('en-US'), item);
  }
  const parentOf = (item: DepartmentView): DepartmentView | undefined => {
    let parent: DepartmentView | undefined;
    if (item.effectiveParentRef) {
      parent = byRef.get(item.effectiveParentRef.toLocaleLowerCase('en-US'));
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
      const list = children.get(parent.id) ?? [];
      list.push(item);
      children.set(parent.id, list);
    } else {
      roots.push(item);
    }
  }

  const sections = new Map<string, { parentRef?: string; ids: string[] }>();
  const placed = new Set<string>();
  const walk = (
    item: DepartmentView,
    depth: number,
    ids: string[],
    parent?: DepartmentView,
  ) => {
    if (placed.has(item.id)) return;
    placed.add(item.id);
    item.depth = depth;
    if (parent) item.treeParentId = parent.id;
    ids.push(item.id);
    for (const child of (children.get(item.id) ?? []).sort(byName)) {
      walk(child, depth + 1, ids, item);
    }
  };
  for (const root of roots.sort(byName)) {
    const key = root.effectiveParentRef ?? '';
    const section = sections.get(key) ?? {
      parentRef: root.effectiveParentRef,
      ids: [],
    };
    sections.set(key, section);
    walk(root, 0, section.ids);
  }
  // Anything a broken link left out (never expected) goes last, flat.
  const rest = items.filter(i => !placed.has(i.id)).sort(byName);
  for (const item of rest) item.depth = 0;

  const ordered = [...sections.values()].sort((a, b) => {
    if (!a.parentRef) return 1;
    if (!b.parentRef) return -1;
    return (
      b.ids.length - a.ids.length || collator.compare(a.parentRef, b.parentRef)
    );
  });
  return [...ordered.flatMap(s => s.ids), ...rest.map(i => i.id)];
}
