/** A closed year: every value of the year changed since its closing, and stored figures edited by hand. */
import { activeClosings, alteredClosingProblem, changesSinceClosing } from '../closing';
import type { Problem } from '../problems';
import type { RuleContext } from './context';

export function closingRules(ctx: RuleContext): Problem[] {
  const closings = activeClosings(ctx.data.tables.get('closings'));
  return [...closings.values()].flatMap((closing) =>
    closing.data ? changesSinceClosing(ctx.data, closing) : [alteredClosingProblem(closing)],
  );
}
