/**
 * The workbook as data: every sheet, its columns, headers, notes, formats and dropdowns.
 * The Apps Script installer and the offline .xlsx writer both apply this one description.
 */

import type { Referentiel } from './referentiel';
import { actionSheetSpec } from './workbook/action-sheets';
import type { FunderColumnSource, SheetRole, SheetSpec } from './workbook/columns';
import { CLOSINGS_SPEC, decisionsSheetSpec } from './workbook/comite-sheets';
import { fixedSheets } from './workbook/fixed-sheets';

export * from './workbook/action-sheets';
export * from './workbook/columns';
export * from './workbook/comite-sheets';
export * from './workbook/fixed-sheets';

/**
 * The whole workbook, in tab order; it depends on the référentiel and funders the workbook holds, and on
 * its report plan: the Avis sheet belongs to the contrats de ville (décret n° 2015-1118).
 */
export function workbookSpec(
  ref: Referentiel,
  funders: FunderColumnSource[],
  options: { opinions?: boolean } = {},
): SheetSpec[] {
  const [settings, referentiel, territories, fundersSheet, indicators, measures, opinions, journal, checks] =
    fixedSheets(ref);
  return [
    settings!,
    referentiel!,
    territories!,
    fundersSheet!,
    ...ref.domains.map((d) => actionSheetSpec(d, funders, ref.axes)),
    indicators!,
    measures!,
    ...(options.opinions ? [opinions!] : []),
    decisionsSheetSpec(ref),
    CLOSINGS_SPEC,
    journal!,
    checks!,
  ];
}

/** A sheet that does not depend on the référentiel (Journal, Contrôles, Paramètres…). */
export function fixedSheetSpec(role: Exclude<SheetRole, 'actions'>): SheetSpec {
  return sheetSpecByRole(fixedSheets({ domains: [], axes: [] }), role);
}

export function sheetSpecByRole(specs: SheetSpec[], role: SheetRole): SheetSpec {
  const spec = specs.find((s) => s.role === role);
  if (!spec) throw new Error(`Feuille ${role} absente de la description du classeur`);
  return spec;
}
