/** How figures read in the report: French numbers, euros, shares, dates, indicator values with their unit. */
import { formatDateFr, formatEuros } from '../cells';
import { groupDigits, NBSP } from '../typography';

export { formatEuros };

/** « 1 245 »: a whole number, grouped by thousands with a narrow no-break space. */
export function formatCount(n: number): string {
  return groupDigits(n, 0);
}

/** « 40 % » for 0.4: a share in whole percent. */
export function percentText(share: number): string {
  return `${formatCount(Math.round(share * 100))}${NBSP}%`;
}

/** « 4 sur 10 (40 %) ». */
export function shareText(part: number, whole: number): string {
  if (whole === 0) return `${formatCount(part)} sur 0`;
  return `${formatCount(part)} sur ${formatCount(whole)} (${percentText(part / whole)})`;
}

/** An indicator value in its unit: « 12,5 % », « 1 200 € », « 38 ‰ » for a rate per 1000, else the number. */
export function valueText(value: number | null, unit: string): string {
  if (value === null) return '—';
  if (unit === '€') return formatEuros(value);
  const n = groupDigits(value, 1);
  if (unit === '%') return `${n}${NBSP}%`;
  if (unit === 'taux pour 1000') return `${n}${NBSP}‰`;
  return n;
}

export function isoToFr(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return formatDateFr(new Date(y!, m! - 1, d!));
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** « 26/11/2026 à 15:30 ». */
export function dateTimeFr(d: Date): string {
  return `${formatDateFr(d)} à ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** Orders « RU-2 » before « RU-10 »: IDs are compared number by number. */
export function naturalCompare(a: string, b: string): number {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    const nx = Number(x);
    const ny = Number(y);
    if (i % 2 === 1 && Number.isFinite(nx) && Number.isFinite(ny) && nx !== ny) return nx - ny;
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}
