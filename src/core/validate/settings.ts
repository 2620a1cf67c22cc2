/** Paramètres: a model name the add-on does not know would silently give the report the CUCS plan. */
import { cellText, normaliseKey } from '../cells';
import { findPreset, presetNames } from '../presets';
import type { Problem } from '../problems';
import { SETTING_DEFS } from '../settings';
import { SHEET_NAMES } from '../workbook';
import type { RuleContext } from './context';
import { MSG } from './messages';

export function presetRule(ctx: RuleContext): Problem[] {
  const typed = ctx.data.settings.preset;
  if (findPreset(typed)) return [];
  const name = normaliseKey(SETTING_DEFS.find((d) => d.key === 'preset')!.name);
  const grid = ctx.grids.get(SHEET_NAMES.settings) ?? [];
  const index = grid.findIndex((r, i) => i > 0 && normaliseKey(cellText(r[0] ?? '')) === name);
  return [
    {
      severity: 'avertissement',
      sheet: SHEET_NAMES.settings,
      row: index > 0 ? index + 1 : null,
      column: index > 0 ? 'Valeur' : null,
      columnIndex: index > 0 ? 1 : null,
      value: typed,
      message: MSG.unknownPreset(typed, presetNames()),
    },
  ];
}
