import { PAYCOR_ANNOTATIONS as A } from '@paycor-backstage/plugin-paycor-common';

const ANNOTATIONS = 'metadata.annotations.';
const LABELS = 'metadata.labels.';

/**
 * What someone reading a person's history calls each field of their User the
 * sync writes; several fields can be one thing (the manager's id and ref).
 */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  'metadata.description': 'job title',
  'spec.profile.displayName': 'display name',
  'spec.profile.email': 'email',
  'spec.memberOf': 'department',
  [ANNOTATIONS + A.jobTitle]: 'job title',
  [ANNOTATIONS + A.departmentId]: 'department',
  [ANNOTATIONS + A.managerEmployeeId]: 'manager',
  [ANNOTATIONS + A.managerRef]: 'manager',
  [ANNOTATIONS + A.reportingLineEnd]: 'reporting line',
  [ANNOTATIONS + A.reportingLineNote]: 'reporting line',
  [ANNOTATIONS + A.reportingLines]: 'reporting line',
  [ANNOTATIONS + A.workLocation]: 'work location',
  [ANNOTATIONS + A.employeeNumber]: 'employee number',
  [ANNOTATIONS + A.employmentType]: 'employment type',
  [ANNOTATIONS + A.employmentStatus]: 'employment status',
};

/**
 * The changed fields of a User (dotted paths, as a run records them) in
 * words, each thing once, in the order first named: annotations and labels
 * the config maps from Paycor fields keep their key.
 */
export function fieldLabels(paths: readonly string[]): string[] {
  const labels = new Set<string>();
  for (const path of paths) labels.add(labelOf(path));
  return [...labels];
}

function labelOf(path: string): string {
  const known = FIELD_LABELS[path];
  if (known) return known;
  if (path.startsWith(ANNOTATIONS)) {
    return `annotation ${path.slice(ANNOTATIONS.length)}`;
  }
  if (path.startsWith(LABELS)) return `label ${path.slice(LABELS.length)}`;
  return path;
}
