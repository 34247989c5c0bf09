/**
 * A stand-in for `usePermission` in tests. `usePermission` caches decisions in
 * a module-wide SWR cache, so tests that need different decisions in one file
 * mock it with this instead:
 *
 * ```ts
 * jest.mock('@backstage/plugin-permission-react', () => ({
 *   ...jest.requireActual('@backstage/plugin-permission-react'),
 *   usePermission: (input: any) =>
 *     jest.requireActual('../../__testUtils__/permissions').mockUsePermission(input),
 * }));
 * ```
 */
const denied = new Set<string>();

/** Denies the named permissions until {@link allowAllPermissions}. */
export function denyPermissions(...names: string[]) {
  names.forEach(name => denied.add(name));
}

export function allowAllPermissions() {
  denied.clear();
}

export function mockUsePermission(input: { permission: { name: string } }) {
  return { loading: false, allowed: !denied.has(input.permission.name) };
}
