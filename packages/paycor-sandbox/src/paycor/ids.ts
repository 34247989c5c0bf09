/**
 * Paycor GUIDs as seen in real payloads (api.md §4.0) follow a zero-padded pattern:
 * `xxxxxxxx-xxxx-0000-0000-0000xxxxxxxx`. The sandbox mints every id in that shape so a
 * client that (wrongly) assumes RFC 4122 version bits fails here first.
 */

const GUID_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether ASP.NET would bind the value to a `Guid` route/query parameter. */
export function isGuid(value: string): boolean {
  return GUID_PATTERN.test(value);
}

/** Canonical form used as the key of every store map (ASP.NET binds GUIDs case-insensitively). */
export function canonicalGuid(value: string): string {
  return value.toLowerCase();
}

/** Formats 20 lowercase hex digits (unchecked: callers mint them) into Paycor's layout. */
export function paycorGuidFromHex(hex20: string): string {
  return `${hex20.slice(0, 8)}-${hex20.slice(
    8,
    12,
  )}-0000-0000-0000${hex20.slice(12)}`;
}
