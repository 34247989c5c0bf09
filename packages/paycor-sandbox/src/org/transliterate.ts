/**
 * ASCII transliteration for e-mail local parts: work e-mails are `first.last@domain`,
 * and real mail systems only take ASCII there. Latin diacritics are stripped via Unicode
 * decomposition; Cyrillic and Greek use a simple romanisation; scripts without a
 * letter-by-letter mapping (CJK, Hangul, Hebrew, Arabic) yield '' and the caller falls
 * back to another part of the name.
 */

const LATIN_SPECIALS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  ø: 'o',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŋ: 'ng',
};

const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ґ: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  є: 'ye',
  ж: 'zh',
  з: 'z',
  и: 'i',
  і: 'i',
  ї: 'yi',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

const GREEK: Record<string, string> = {
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
};

const LETTERS: Record<string, string> = {
  ...LATIN_SPECIALS,
  ...CYRILLIC,
  ...GREEK,
};

const isAsciiAlphanumeric = (char: string) =>
  (char >= 'a' && char <= 'z') || (char >= '0' && char <= '9');

/** Lowercase ASCII letters and digits only; '' when nothing is transliterable. */
export function toAsciiSlug(name: string): string {
  let out = '';
  for (const char of name.toLowerCase().normalize('NFC')) {
    // Whole letters first: й and ё must not decay into и and е by losing their marks.
    const whole = LETTERS[char];
    if (whole !== undefined) {
      out += whole;
      continue;
    }
    for (const part of char.normalize('NFKD')) {
      out += isAsciiAlphanumeric(part) ? part : LETTERS[part] ?? '';
    }
  }
  return out;
}
