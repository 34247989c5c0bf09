import { escapeNonAscii, stringifyAscii } from './asciiJson';

describe('ASCII-only JSON', () => {
  it('escapes non-ASCII like System.Text.Json and parses back to the same value', () => {
    const value = {
      name: 'Zoë Ångström',
      cjk: '佐藤',
      emoji: '😀',
      plain: 'a"b\\c',
    };
    const text = stringifyAscii(value);
    expect(text).toMatch(/^[\x20-\x7e]*$/);
    expect(text).toContain('Zo\\u00EB');
    expect(text).toContain('\\uD83D\\uDE00');
    expect(JSON.parse(text)).toEqual(value);
    expect(escapeNonAscii('{"a":1}')).toBe('{"a":1}');
  });
});
