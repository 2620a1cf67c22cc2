/**
 * Avancées and freins are kept one line per year in their cell ("2008 : ouverture du local"), so that
 * people can read and type them in the sheet, and the report can pick a year's lines.
 */

const YEAR_LINE = /^\s*(\d{4})\s*[:–—-]\s*(.*)$/;

/** The cell's lines by year; lines without a year prefix are keyed null. Blank lines are dropped. */
export function progressByYear(text: string): Map<number | null, string[]> {
  const byYear = new Map<number | null, string[]>();
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const m = YEAR_LINE.exec(line);
    const year = m ? Number(m[1]) : null;
    const entry = m ? m[2]!.trim() : line.trim();
    byYear.set(year, [...(byYear.get(year) ?? []), entry]);
  }
  return byYear;
}

/** What the cell says for one year, its lines joined by newlines ('' when nothing). */
export function progressForYear(text: string, year: number): string {
  return (progressByYear(text).get(year) ?? []).join('\n');
}

function yearOfLine(line: string): number | null {
  const m = YEAR_LINE.exec(line);
  return m ? Number(m[1]) : null;
}

/**
 * Replaces the year's lines with `entry` (each of its lines prefixed "YEAR : "), or removes them when
 * `entry` is blank. The other lines stay as they are; a new year goes before the first later year,
 * else at the end, so that the cell stays in chronological order.
 */
export function setProgressForYear(text: string, year: number, entry: string): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const added = entry
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => `${year} : ${l}`);
  const firstOfYear = lines.findIndex((l) => yearOfLine(l) === year);
  const kept = lines.filter((l) => yearOfLine(l) !== year);
  let at = firstOfYear;
  if (at < 0) {
    const later = kept.findIndex((l) => (yearOfLine(l) ?? 0) > year);
    at = later < 0 ? kept.length : later;
  }
  kept.splice(at, 0, ...added);
  return kept.join('\n');
}
