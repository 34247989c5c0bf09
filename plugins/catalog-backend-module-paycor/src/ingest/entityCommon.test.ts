import {
  baseAnnotations,
  catalogText,
  catalogTextIfPresent,
  EntityContext,
  setIfPresent,
} from './entityCommon';
import { locationBuilder } from './refs';

const ctx: EntityContext = {
  namespace: 'default',
  providerId: 'acme',
  legalEntityId: '501123',
  locations: locationBuilder('acme', '501123'),
};

describe('catalog text (PostgreSQL cannot hold NUL)', () => {
  it('catalogText drops every NUL and keeps everything else', () => {
    expect(catalogText('An\u0000a\u0000')).toBe('Ana');
    expect(catalogText('\u0000')).toBe('');
    const text = 'Ünïcödé\ttext\n🚀';
    expect(catalogText(text)).toBe(text);
  });

  it('catalogTextIfPresent trims, and is undefined when only NUL or blanks are left', () => {
    expect(catalogTextIfPresent(' An\u0000a ')).toBe('Ana');
    expect(catalogTextIfPresent('\u0000 \u0000')).toBeUndefined();
    expect(catalogTextIfPresent(' ')).toBeUndefined();
    expect(catalogTextIfPresent(undefined)).toBeUndefined();
    expect(catalogTextIfPresent(null)).toBeUndefined();
  });

  it('setIfPresent drops NUL, and leaves out a value that was nothing but NUL', () => {
    const target: Record<string, string> = {};
    setIfPresent(target, 'a', ' Eng\u0000ineer ');
    setIfPresent(target, 'b', '\u0000');
    expect(target).toEqual({ a: 'Engineer' });
  });

  it('baseAnnotations drops NUL from a location built from a Paycor id', () => {
    const annotations = baseAnnotations(
      ctx,
      ctx.locations.employee('e\u00001'),
    );
    expect(annotations['backstage.io/managed-by-location']).toBe(
      'paycor:acme/legalentities/501123/employees/e1',
    );
    expect(annotations['backstage.io/managed-by-origin-location']).toBe(
      'paycor:acme/legalentities/501123/employees/e1',
    );
  });
});
