/*
 * config.d.ts is what Backstage shows and checks of the config (and which
 * values it hides as secrets); providerConfigSchema is what the module
 * accepts. They must describe the same keys, types and required keys, and
 * mark the same credentials secret. config.d.ts is compiled to JSON Schema
 * with Backstage's own tooling (@backstage/config-loader), the zod schema
 * with zod's (the input side, before defaults and conversions).
 */
import { loadConfigSchema } from '@backstage/config-loader';
import { z } from 'zod';
import { providerConfigSchema } from './schema';

type JsonSchema = Record<string, any>;

/** One node, reduced to what both tools must agree on. */
interface Shape {
  types: string[];
  enum?: string[];
  properties?: Record<
    string,
    { required: boolean; secret: boolean; shape: Shape }
  >;
  items?: Shape;
  values?: Shape;
}

const ANY: Shape = { types: ['any'] };

function reduce(schema: JsonSchema | boolean | undefined): Shape {
  if (
    schema === undefined ||
    schema === true ||
    Object.keys(schema).length === 0
  ) {
    return ANY;
  }
  if (schema === false) return { types: [] };
  const variants: JsonSchema[] = schema.anyOf ?? schema.oneOf ?? [];
  if (variants.length > 0) {
    const shapes = variants.map(reduce);
    if (shapes.some(s => s.types.includes('any'))) return ANY;
    return merge(shapes);
  }
  const types = new Set<string>();
  const declared: string[] = [schema.type ?? []].flat();
  for (const t of declared) {
    types.add(t === 'integer' ? 'number' : t);
  }
  const values: unknown[] | undefined =
    schema.enum ?? (schema.const !== undefined ? [schema.const] : undefined);
  if (values && types.size === 0) {
    for (const v of values) types.add(typeof v);
  }
  const shape: Shape = { types: [...types].sort() };
  if (values) shape.enum = values.map(String).sort();
  if (schema.properties) {
    const requiredKeys = new Set<string>(schema.required ?? []);
    shape.properties = {};
    for (const [key, value] of Object.entries<JsonSchema>(schema.properties)) {
      shape.properties[key] = {
        required: requiredKeys.has(key),
        secret: value.visibility === 'secret',
        shape: reduce(value),
      };
    }
  }
  if (schema.items) shape.items = reduce(schema.items);
  if (
    schema.additionalProperties &&
    typeof schema.additionalProperties === 'object'
  ) {
    shape.values = reduce(schema.additionalProperties);
  }
  return shape;
}

function merge(shapes: Shape[]): Shape {
  const types = [...new Set(shapes.flatMap(s => s.types))].sort();
  const merged: Shape = { types };
  const enums = shapes.map(s => s.enum);
  if (enums.every(Boolean))
    merged.enum = [...new Set(enums.flat() as string[])].sort();
  const withProperties = shapes.filter(s => s.properties);
  if (withProperties.length === 1)
    merged.properties = withProperties[0].properties;
  const withItems = shapes.filter(s => s.items);
  if (withItems.length === 1) merged.items = withItems[0].items;
  const withValues = shapes.filter(s => s.values);
  if (withValues.length === 1) merged.values = withValues[0].values;
  return merged;
}

/**
 * Every disagreement, by dotted path. Where one side leaves a value
 * unconstrained (`schedule`: Backstage's own reader checks it) only its
 * presence is compared; enums are compared where both sides list values.
 */
function differences(dts: Shape, zod: Shape, path = '(provider)'): string[] {
  if (dts.types.includes('any') || zod.types.includes('any')) return [];
  const found: string[] = [];
  if (dts.types.join() !== zod.types.join()) {
    found.push(
      `${path}: config.d.ts says ${dts.types.join(
        '|',
      )}, the schema ${zod.types.join('|')}`,
    );
  }
  if (dts.enum && zod.enum && dts.enum.join() !== zod.enum.join()) {
    found.push(
      `${path}: config.d.ts allows ${dts.enum.join(
        ', ',
      )}; the schema ${zod.enum.join(', ')}`,
    );
  }
  if (dts.properties || zod.properties) {
    const a = dts.properties ?? {};
    const b = zod.properties ?? {};
    for (const key of [
      ...new Set([...Object.keys(a), ...Object.keys(b)]),
    ].sort()) {
      const at = `${path}.${key}`;
      if (!a[key]) {
        found.push(`${at}: in the schema, missing from config.d.ts`);
      } else if (!b[key]) {
        found.push(`${at}: in config.d.ts, missing from the schema`);
      } else {
        if (a[key].required !== b[key].required) {
          found.push(
            `${at}: ${
              a[key].required ? 'required' : 'optional'
            } in config.d.ts, ${
              b[key].required ? 'required' : 'optional'
            } in the schema`,
          );
        }
        if (a[key].secret !== b[key].secret) {
          found.push(
            `${at}: ${
              a[key].secret ? '' : 'not '
            }@visibility secret in config.d.ts, ${
              b[key].secret ? '' : 'not '
            }secret in the schema`,
          );
        }
        found.push(...differences(a[key].shape, b[key].shape, at));
      }
    }
  }
  if (dts.items || zod.items) {
    found.push(...differences(dts.items ?? ANY, zod.items ?? ANY, `${path}[]`));
  }
  if (dts.values || zod.values) {
    found.push(
      ...differences(dts.values ?? ANY, zod.values ?? ANY, `${path}.*`),
    );
  }
  return found;
}

async function configDtsProvider(): Promise<JsonSchema> {
  const schema = await loadConfigSchema({
    dependencies: [],
    packagePaths: [require.resolve('../../package.json')],
    excludePackageDependencies: true,
  });
  const [{ value }] = (schema.serialize() as any).schemas;
  return value.properties.catalog.properties.providers.properties.paycor
    .additionalProperties;
}

function zodProvider(): JsonSchema {
  return z.toJSONSchema(providerConfigSchema, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
}

describe('config.d.ts and providerConfigSchema', () => {
  jest.setTimeout(60_000);

  it('describe the same keys, types, required keys and secrets', async () => {
    const dts = reduce(await configDtsProvider());
    const zod = reduce(zodProvider());
    expect(Object.keys(dts.properties ?? {}).length).toBeGreaterThan(20);
    expect(differences(dts, zod)).toEqual([]);
  });

  it('the comparison sees a real mismatch', () => {
    const base = reduce(zodProvider());
    const changed = structuredClone(base);
    changed.properties!.clientSecret.secret = false;
    changed.properties!.preStartDays.shape.types = ['string'];
    delete changed.properties!.timeZone;
    changed.properties!.filters.shape.properties!.onLeave = {
      required: false,
      secret: false,
      shape: { types: ['string'] },
    };
    expect(differences(changed, base)).toEqual([
      '(provider).clientSecret: not @visibility secret in config.d.ts, secret in the schema',
      '(provider).filters.onLeave: in config.d.ts, missing from the schema',
      '(provider).preStartDays: config.d.ts says string, the schema number|string',
      '(provider).timeZone: in the schema, missing from config.d.ts',
    ]);
  });
});
