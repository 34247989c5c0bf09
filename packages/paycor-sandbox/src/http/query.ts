import type { Request } from 'express';
import type { IncludeCatalog } from '../paycor/scopes';
import { isGuid } from '../paycor/ids';
import { validationError } from './errors';

/**
 * Query-string binding the way ASP.NET Core does it for Paycor's controllers: parameter
 * names and enum values are case-insensitive, a repeated scalar parameter binds its
 * first value, and a value that does not bind is a 400 naming the parameter.
 */

/** All values of a query parameter, matching its name case-insensitively. */
export function queryValues(req: Request, name: string): string[] {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const [key, value] of Object.entries(req.query)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    if (Array.isArray(value)) values.push(...value.map(String));
    else values.push(String(value));
  }
  return values;
}

/** The first value of a scalar parameter; empty strings bind to "not given", as in ASP.NET. */
export function queryValue(req: Request, name: string): string | undefined {
  const value = queryValues(req, name)[0];
  return value === undefined || value === '' ? undefined : value;
}

export function parseEnumParameter<T extends string>(
  req: Request,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const raw = queryValue(req, name);
  if (raw === undefined) return undefined;
  const match = allowed.find(
    value => value.toLowerCase() === raw.toLowerCase(),
  );
  if (!match) throw validationError(name, raw);
  return match;
}

/** An int32 (or, with `bits: 64`, int64 as bigint-safe string) query parameter. */
export function parseIntegerParameter(
  req: Request,
  name: string,
  bits: 32 | 64,
): bigint | undefined {
  const raw = queryValue(req, name);
  if (raw === undefined) return undefined;
  if (!/^[+-]?\d+$/.test(raw.trim())) throw validationError(name, raw);
  const value = BigInt(raw.trim());
  const limit = bits === 32 ? 2n ** 31n : 2n ** 63n;
  if (value < -limit || value >= limit) throw validationError(name, raw);
  return value;
}

export function parseGuidParameter(
  req: Request,
  name: string,
): string | undefined {
  const raw = queryValue(req, name);
  if (raw === undefined) return undefined;
  if (!isGuid(raw)) throw validationError(name, raw);
  return raw.toLowerCase();
}

/**
 * `include`: repeated keys (`include=Position&include=Status`, the spec's
 * `style: form, explode: true`), any case, `All` meaning every value of the catalogue.
 * Guess (api.md Q6): a comma-separated list is not a value ASP.NET binds, so
 * `include=Position,Status` is a 400 rather than silently accepted.
 */
export function parseIncludes(
  req: Request,
  catalog: IncludeCatalog,
): Set<string> {
  const included = new Set<string>();
  const names = Object.keys(catalog);
  for (const raw of queryValues(req, 'include')) {
    if (raw === '') continue;
    if (raw.toLowerCase() === 'all') {
      names.forEach(n => included.add(n));
      continue;
    }
    const match = names.find(n => n.toLowerCase() === raw.toLowerCase());
    if (!match) throw validationError('include', raw);
    included.add(match);
  }
  return included;
}

/** Route parameter that must bind to a GUID; a non-GUID is a 400 like any binding failure. */
export function guidRouteParameter(value: string, name: string): string {
  if (!isGuid(value)) throw validationError(name, value);
  return value.toLowerCase();
}

/** Route parameter that must bind to a positive int32. */
export function int32RouteParameter(value: string, name: string): number {
  const parsed = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 2147483647) {
    throw validationError(name, value);
  }
  return parsed;
}
