export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const round = (value: number, digits = 0) => {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** A plain-text table with aligned columns (numbers right-aligned). */
export function table(
  header: string[],
  rows: Array<Array<string | number>>,
): string {
  const cells = [header, ...rows.map(r => r.map(c => String(c)))];
  const widths = header.map((_, i) =>
    Math.max(...cells.map(r => (r[i] ?? '').length)),
  );
  const line = (r: string[], isHeader = false) =>
    `| ${r
      .map((c, i) =>
        isHeader || !/^[-+]?[\d.,]+( ?[%×a-zA-Z/]*)?$/.test(c)
          ? c.padEnd(widths[i])
          : c.padStart(widths[i]),
      )
      .join(' | ')} |`;
  return [
    line(cells[0], true),
    `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.slice(1).map(r => line(r)),
  ].join('\n');
}
