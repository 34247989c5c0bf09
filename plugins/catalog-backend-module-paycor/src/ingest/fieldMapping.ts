import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  KubernetesValidatorFunctions,
} from '@backstage/catalog-model';
import { PAYCOR_ANNOTATIONS } from '@paycor-backstage/plugin-paycor-common';
import { PaycorProviderConfig } from '../config/types';
import { catalogTextIfPresent } from './entityCommon';
import { sanitizeLabelValue } from './naming';
import { PaycorEmployeeRecord } from './types';
import { compareStrings } from './util';

/** Keys the provider sets itself; a mapping can never overwrite them. */
const RESERVED_ANNOTATIONS: ReadonlySet<string> = new Set([
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ...Object.values(PAYCOR_ANNOTATIONS),
]);

export interface CompiledFieldMapping {
  /** [target key, source path], sorted by target key */
  annotations: ReadonlyArray<readonly [string, string]>;
  labels: ReadonlyArray<readonly [string, string]>;
}

/**
 * Checks the configured targets once per run. Targets the catalog would
 * reject (invalid keys) and annotations the provider owns are dropped
 * instead of producing Users the catalog refuses; sorting makes the key order
 * of emitted entities independent of how config was written.
 */
export function compileFieldMapping(
  fieldMapping: PaycorProviderConfig['fieldMapping'] | undefined,
): CompiledFieldMapping {
  const pick = (
    map: Record<string, string> | undefined,
    isValidKey: (key: string) => boolean,
  ) =>
    Object.entries(map ?? {})
      .filter(
        ([target, source]) =>
          isValidKey(target) && typeof source === 'string' && source !== '',
      )
      .sort(([a], [b]) => compareStrings(a, b));
  return {
    annotations: pick(
      fieldMapping?.annotations,
      key =>
        KubernetesValidatorFunctions.isValidAnnotationKey(key) &&
        !RESERVED_ANNOTATIONS.has(key),
    ),
    labels: pick(fieldMapping?.labels, key =>
      KubernetesValidatorFunctions.isValidLabelKey(key),
    ),
  };
}

/** Mapped annotations with a non-blank value (trimmed). */
export function mappedAnnotations(
  employee: PaycorEmployeeRecord,
  mapping: CompiledFieldMapping,
): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  for (const [target, source] of mapping.annotations) {
    const value = catalogTextIfPresent(employee.mapped?.[source]);
    if (value !== undefined) result.push([target, value]);
  }
  return result;
}

/** Mapped labels, values made valid label values; dropped when nothing valid is left. */
export function mappedLabels(
  employee: PaycorEmployeeRecord,
  mapping: CompiledFieldMapping,
): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  for (const [target, source] of mapping.labels) {
    const raw = employee.mapped?.[source];
    const value = typeof raw === 'string' ? sanitizeLabelValue(raw) : undefined;
    if (value !== undefined) result.push([target, value]);
  }
  return result;
}
