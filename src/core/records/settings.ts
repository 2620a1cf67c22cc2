/** The Paramètres sheet read back into the settings, each value checked against its kind. */

import { type CellValue, cellText, type Grid, normaliseKey, toIsoDate } from '../cells';
import type { Problem } from '../problems';
import { type Settings, SettingsSchema } from '../schemas';
import { DEFAULT_SETTINGS, SETTING_DEFS } from '../settings';
import { SHEET_NAMES } from '../workbook';

export function readSettings(grid: Grid | undefined, problems: Problem[]): Settings {
  if (!grid) return DEFAULT_SETTINGS;
  const byName = new Map<string, { value: CellValue; row: number }>();
  grid.forEach((row, i) => {
    if (i > 0) byName.set(normaliseKey(cellText(row[0] ?? '')), { value: row[1] ?? '', row: i + 1 });
  });
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const def of SETTING_DEFS) {
    const cell = byName.get(normaliseKey(def.name));
    if (!cell || cellText(cell.value).trim() === '') continue;
    const value = settingValue(def.kind, cell.value);
    if (value === undefined) {
      problems.push({
        severity: 'erreur',
        sheet: SHEET_NAMES.settings,
        row: cell.row,
        column: 'Valeur',
        columnIndex: 1,
        value: cellText(cell.value),
        message: `« ${def.name} » : valeur illisible, la valeur par défaut est utilisée.`,
      });
      continue;
    }
    settings[def.key] = value;
  }
  const parsed = SettingsSchema.safeParse(settings);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    problems.push({
      severity: 'erreur',
      sheet: SHEET_NAMES.settings,
      row: null,
      column: null,
      columnIndex: null,
      value: '',
      message: issue.message,
    });
  }
  return DEFAULT_SETTINGS;
}

export function settingValue(kind: string, value: CellValue): unknown {
  const text = cellText(value).trim();
  switch (kind) {
    case 'date': {
      if (value instanceof Date) return toIsoDate(value);
      const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
      if (m) return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : undefined;
    }
    case 'year':
    case 'number': {
      const n = typeof value === 'number' ? value : Number(text.replace(/\s/g, '').replace(',', '.'));
      return Number.isFinite(n) ? n : undefined;
    }
    case 'boolean':
      return value === true || /^(oui|vrai|true|x)$/i.test(text);
    default:
      return text;
  }
}
