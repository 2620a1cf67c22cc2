/**
 * The opinions on the annual report (décret n° 2015-1118): the conseils citoyens and the conseils
 * municipaux have at least a month to give theirs before the conseil communautaire deliberates.
 */
import { toIsoDate } from './cells';
import type { Located } from './records';
import type { Opinion, Settings } from './schemas';

/** The same day a month later, or the month's last day when it has no such day (31 January → 28 February). */
export function oneMonthAfter(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const lastDay = new Date(y!, m! + 1, 0).getDate();
  return toIsoDate(new Date(y!, m!, Math.min(d!, lastDay)));
}

/** The opinions on the year's report referred less than a month before the délibération date. */
export function lateReferrals(
  opinions: readonly Located<Opinion>[],
  settings: Pick<Settings, 'deliberationDate'>,
  year: number,
): Located<Opinion>[] {
  const deliberation = settings.deliberationDate;
  if (!deliberation) return [];
  return opinions.filter(
    (o) => o.record.year === year && deliberation < oneMonthAfter(o.record.referralDate),
  );
}
