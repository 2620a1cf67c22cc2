/**
 * The Décisions sheet: an instance of the contract, codes that exist, an échéance after the date (also
 * when another cell of the row is invalid, which stops the schema's rule), IDs used once.
 */
import {
  canonicalInstance,
  concernableCodes,
  decisionLists,
  unknownConcernsMessage,
  unknownInstanceMessage,
} from '../decisions';
import type { Problem } from '../problems';
import { resolveCode } from '../records';
import { deadlineProblem } from '../schemas';
import { cellProblem, type RuleContext } from './context';
import { duplicateCodes } from './references';

export function decisionRules(ctx: RuleContext): Problem[] {
  const table = ctx.data.tables.get('decisions');
  if (!table) return [];
  const lists = decisionLists(ctx.data);
  const codes = concernableCodes(lists);
  const byRow = new Map(ctx.data.decisions.map((d) => [d.row, d.record]));
  const problems = table.rows.flatMap((row) => {
    const decision = byRow.get(row.row);
    if (!decision) return [];
    const found: Problem[] = [];
    if (decision.instance && !canonicalInstance(decision.instance, lists.referentiel)) {
      found.push(...cellProblem(table, row, 'instance', 'erreur', unknownInstanceMessage(decision.instance)));
    }
    const unknown = decision.concerns.filter((c) => !resolveCode(c, codes));
    if (unknown.length > 0) {
      found.push(...cellProblem(table, row, 'concerns', 'erreur', unknownConcernsMessage(unknown)));
    }
    const late = deadlineProblem(decision);
    if (late) found.push(...cellProblem(table, row, 'deadline', 'erreur', late));
    return found;
  });
  return [...problems, ...duplicateCodes(table, 'id')];
}
