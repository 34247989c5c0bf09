import { toAsciiSlug } from './transliterate';

describe('toAsciiSlug', () => {
  it.each([
    ['José', 'jose'],
    ['Nguyễn', 'nguyen'],
    ['Łukasz', 'lukasz'],
    ['Straße', 'strasse'],
    ["O'Brien-Smith", 'obriensmith'],
    ['Дмитрий', 'dmitriy'],
    ['Щербакова', 'shcherbakova'],
    ['Γιώργος', 'giorgos'],
    ['Đặng', 'dang'],
  ])('%s → %s', (input, expected) => {
    expect(toAsciiSlug(input)).toBe(expected);
  });

  it('returns an empty string for scripts without a letter mapping', () => {
    expect(toAsciiSlug('佐藤')).toBe('');
    expect(toAsciiSlug('김민준')).toBe('');
  });
});
