/** The reference sheets the others point to: Référentiel, Territoires, Financeurs. */

import type * as z from 'zod';
import { codeKey, normaliseKey } from '../cells';
import type { Problem } from '../problems';
import { codeOf, sheetNameFrom } from '../records';
import { findDomain, MAX_DOMAINS } from '../referentiel';
import { FunderSchema } from '../schemas';
import type { Table, TableRow } from '../table';
import { cellProblem, forEachDuplicate, otherPlaces, type RuleContext, rowProblem } from './context';
import { MSG } from './messages';

const text = (row: TableRow, key: string): string => {
  const v = row.values[key];
  return typeof v === 'string' ? v : '';
};

/** Every occurrence of a code used twice in its sheet (ignoring case, accents and spaces). */
export function duplicateCodes(table: Table, key = 'code'): Problem[] {
  const problems: Problem[] = [];
  forEachDuplicate(
    table.rows,
    (row) => (text(row, key) ? codeKey(text(row, key)) : null),
    (row, others) => {
      const places = otherPlaces(
        table.spec.name,
        others.map((o) => ({ sheet: table.spec.name, row: o.row })),
      );
      problems.push(...cellProblem(table, row, key, 'erreur', MSG.duplicateCode(text(row, key), places)));
    },
  );
  return problems;
}

export function referentielRules(ctx: RuleContext): Problem[] {
  const table = ctx.data.tables.get('referentiel');
  if (!table) return [];
  const levelOf = new Map(table.rows.map((r) => [text(r, 'code'), text(r, 'level')]));
  const problems = table.rows.flatMap((r) => r.problems);
  for (const row of table.rows) {
    const level = text(row, 'level');
    const parent = codeOf(text(row, 'parent'));
    const expected = level === 'objectif' ? 'domaine' : level === 'ligne d’action' ? 'objectif' : null;
    if (!expected || levelOf.get(parent) === expected) continue;
    problems.push(...cellProblem(table, row, 'parent', 'erreur', MSG.unknownParentCode(parent, expected)));
  }
  return [...problems, ...domainRowRules(ctx, table), ...duplicateCodes(table)];
}

/** Domain rows: a usable code, a sheet name of their own, at most twelve; the reading already kept only these. */
function domainRowRules(ctx: RuleContext, table: Table): Problem[] {
  const domainRows = table.rows.filter((r) => text(r, 'level') === 'domaine' && r.values.active !== false);
  if (domainRows.length === 0) return [rowProblem(table.spec.name, null, 'erreur', MSG.noDomain())];
  const problems: Problem[] = [];
  let kept = 0;
  for (const row of domainRows) {
    const code = text(row, 'code');
    const typed = text(row, 'name');
    const used = findDomain(ctx.data.referentiel, code);
    if (code && !/^[A-Z][A-Z0-9]{0,7}$/.test(code)) {
      problems.push(...cellProblem(table, row, 'code', 'erreur', MSG.domainCodeFormat(code)));
    }
    if (!used) {
      const name = sheetNameFrom(typed || text(row, 'label') || code);
      const over =
        kept >= MAX_DOMAINS &&
        !ctx.data.referentiel.domains.some((d) => normaliseKey(d.name) === normaliseKey(name));
      problems.push(
        ...cellProblem(
          table,
          row,
          over ? 'code' : 'name',
          'erreur',
          over ? MSG.tooManyDomains(code, MAX_DOMAINS) : MSG.sheetNameTaken(name),
        ),
      );
      continue;
    }
    kept++;
    if (typed && typed !== used.name) {
      problems.push(
        ...cellProblem(table, row, 'name', 'avertissement', MSG.sheetNameChanged(typed, used.name)),
      );
    }
    if (!typed && table.mapping.index.has('name') && used.name === sheetNameFrom(text(row, 'label'))) {
      problems.push(...cellProblem(table, row, 'name', 'avertissement', MSG.sheetNameMissing(used.name)));
    }
  }
  return problems;
}

export function territoryRules(ctx: RuleContext): Problem[] {
  const table = ctx.data.tables.get('territories');
  return table ? duplicateCodes(table) : [];
}

export function funderRules(ctx: RuleContext): Problem[] {
  const table = ctx.data.tables.get('funders');
  if (!table) return [];
  const problems = table.rows.flatMap((row) => [
    ...row.problems,
    ...schemaProblems(FunderSchema, table, row, {
      code: text(row, 'code'),
      name: text(row, 'name'),
      kind: text(row, 'kind'),
      active: row.values.active !== false,
    }),
  ]);
  return [...problems, ...duplicateCodes(table)];
}

/** The schema's messages on the cells they concern, leaving out cells that already have a problem. */
export function schemaProblems(
  schema: z.ZodType,
  table: Table,
  row: TableRow,
  candidate: unknown,
): Problem[] {
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return [];
  const flagged = new Set(row.problems.map((p) => p.column));
  return parsed.error.issues.flatMap((issue) => {
    const key = String(issue.path[0] ?? '');
    const column = table.spec.columns.find((c) => c.key === key);
    if (!column || flagged.has(column.header)) return [];
    return cellProblem(table, row, key, 'erreur', issue.message);
  });
}
