import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import { PAYCOR_ANNOTATIONS } from '@paycor-backstage/plugin-paycor-common';
import { LocationBuilder } from './refs';

/** What every emitted entity shares. */
export interface EntityContext {
  namespace: string;
  providerId: string;
  legalEntityId: string;
  locations: LocationBuilder;
}

/**
 * The annotations every entity starts with, in a fixed order (the caller
 * hashes entities, so key order is part of the output).
 */
export function baseAnnotations(
  ctx: EntityContext,
  location: string,
): Record<string, string> {
  return {
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
    [PAYCOR_ANNOTATIONS.providerId]: ctx.providerId,
    [PAYCOR_ANNOTATIONS.legalEntityId]: ctx.legalEntityId,
  };
}

/** Sets `key` only when `value` is a non-blank string (trimmed). */
export function setIfPresent(
  target: Record<string, string>,
  key: string,
  value: string | undefined,
): void {
  if (typeof value !== 'string') return;
  const trimmed = value.trim();
  if (trimmed !== '') target[key] = trimmed;
}
