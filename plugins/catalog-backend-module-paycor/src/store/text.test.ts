import { storableOptionalText, storableText } from './text';

describe('storable text (PostgreSQL cannot hold NUL)', () => {
  it('drops every NUL and keeps everything else', () => {
    expect(storableText('a\u0000b\u0000')).toBe('ab');
    expect(storableText('\u0000')).toBe('');
    const text = 'tab\tline\nÜnïcödé 🚀 \u0001';
    expect(storableText(text)).toBe(text);
  });

  it('maps missing values to null for nullable columns', () => {
    expect(storableOptionalText(undefined)).toBeNull();
    expect(storableOptionalText(null)).toBeNull();
    expect(storableOptionalText('n\u0000ote')).toBe('note');
    expect(storableOptionalText('')).toBe('');
  });
});
