/** The Référentiel sheet read back into the contract's domains, objectives, action lines and axes. */

import { type Grid, normaliseKey } from '../cells';
import { DEFAULT_REFERENTIEL } from '../presets';
import { type DomainRef, findDomain, MAX_DOMAINS, MAX_SHEET_NAME, type Referentiel } from '../referentiel';
import { readTable, type Table } from '../table';
import { fixedSheetSpec, SHEET_NAMES } from '../workbook';
import { str } from './values';

/**
 * Reads the Référentiel sheet, in its row order: its active domains (the first twelve: the validation
 * reports the others), their objectives and action lines by parent code, and its transversal axes.
 * `whenEmpty` is the référentiel of a workbook with no Référentiel rows yet (the chosen preset).
 */
export function readReferentiel(table: Table | undefined, whenEmpty: Referentiel): Referentiel {
  if (!table || table.rows.length === 0) return whenEmpty;
  const active = table.rows.filter((r) => r.values.active !== false).map((r) => r.values);
  const rowsOf = (level: string, parent?: string) =>
    active.filter(
      (v) => v.level === level && str(v.code) !== '' && (parent === undefined || str(v.parent) === parent),
    );
  const taken = new Set<string>(Object.values(SHEET_NAMES).map(normaliseKey));
  const domains: DomainRef[] = rowsOf('domaine')
    .map((v) => {
      const code = str(v.code);
      // Workbooks installed before the « Nom de la feuille » column are CUCS ones: their sheets
      // bear the names of the CUCS preset.
      const legacy = findDomain(DEFAULT_REFERENTIEL, code);
      const label = str(v.label) || legacy?.label || code;
      return {
        code,
        name: sheetNameFrom(str(v.name) || legacy?.name || label),
        label,
        steeringBody: str(v.steeringBody),
        objectives: rowsOf('objectif', code).map((o) => ({
          code: str(o.code),
          label: str(o.label),
          lines: rowsOf('ligne d’action', str(o.code)).map((l) => ({
            code: str(l.code),
            label: str(l.label),
          })),
        })),
      };
    })
    // Two sheets cannot bear one name: the validation reports the domain left out.
    .filter((d) => !taken.has(normaliseKey(d.name)) && taken.add(normaliseKey(d.name)))
    .slice(0, MAX_DOMAINS);
  const axes = rowsOf('axe transversal').map((v) => ({ code: str(v.code), label: str(v.label) }));
  return { domains, axes };
}

/** The référentiel of a workbook given as grids, from its Référentiel sheet alone. */
export function referentielOfGrids(grids: ReadonlyMap<string, Grid>): Referentiel {
  const spec = fixedSheetSpec('referentiel');
  const grid = grids.get(spec.name);
  return readReferentiel(grid && readTable(spec, grid), DEFAULT_REFERENTIEL);
}

/** A valid sheet name from a typed name or a label: the characters a sheet name may hold, 31 at most. */
export function sheetNameFrom(label: string): string {
  return label
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_SHEET_NAME)
    .trim();
}
