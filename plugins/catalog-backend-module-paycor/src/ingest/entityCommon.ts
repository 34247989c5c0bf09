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
  /** `reportingLines.enabled` is false: Users say so (see buildUserEntity) */
  reportingLinesOff?: boolean;
}

/**
 * Text as the catalog can index it. PostgreSQL's text type cannot hold NUL
 * (U+0000), and the catalog copies every entity field into text columns (its
 * search table): with one NUL in a Paycor name, the entity itself is stored
 * (as JSON, where NUL is an escape) but its search rows fail to update, so
 * filters (`kind=user`, `spec.profile.email=…`) go on seeing the previous
 * version, or nothing for a new entity. Paycor's data can contain NUL; it is
 * dropped. Every text that comes from Paycor or from people goes through here
 * on its way into an entity (names are made of `[a-z0-9-_.]` already).
 */
export function catalogText(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
}

/** `catalogText`, trimmed; undefined when nothing is left. */
export function catalogTextIfPresent(
  value: string | null | undefined,
): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = catalogText(value).trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * The annotations every entity starts with, in a fixed order (the caller
 * hashes entities, so key order is part of the output).
 */
export function baseAnnotations(
  ctx: EntityContext,
  location: string,
): Record<string, string> {
  const safeLocation = catalogText(location); // holds a Paycor id
  return {
    [ANNOTATION_LOCATION]: safeLocation,
    [ANNOTATION_ORIGIN_LOCATION]: safeLocation,
    [PAYCOR_ANNOTATIONS.providerId]: ctx.providerId,
    [PAYCOR_ANNOTATIONS.legalEntityId]: ctx.legalEntityId,
  };
}

/** Sets `key` only when `value` is a non-blank string (trimmed, no NUL). */
export function setIfPresent(
  target: Record<string, string>,
  key: string,
  value: string | undefined,
): void {
  const text = catalogTextIfPresent(value);
  if (text !== undefined) target[key] = text;
}
