/** The Avis sheet: an opinion referred less than a month before the délibération is flagged on its date. */
import { lateReferrals } from '../opinions';
import type { Problem } from '../problems';
import { cellProblem, type RuleContext } from './context';
import { MSG } from './messages';

export function opinionRules(ctx: RuleContext): Problem[] {
  const table = ctx.data.tables.get('opinions');
  const { settings } = ctx.data;
  if (!table || !settings.deliberationDate) return [];
  const late = new Map(
    lateReferrals(ctx.data.opinions, settings, settings.reportingYear).map((o) => [o.row, o.record]),
  );
  return table.rows.flatMap((row) => {
    const opinion = late.get(row.row);
    if (!opinion) return [];
    const message = MSG.lateReferral(settings.deliberationDate!, opinion.referralDate);
    return cellProblem(table, row, 'referralDate', 'avertissement', message);
  });
}
