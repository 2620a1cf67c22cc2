/**
 * The first install: « Installer ou mettre à jour le classeur » on a workbook without a Référentiel opens
 * a short dialog to choose the contract's model (preset); the dialog then calls installWithPreset.
 * A workbook that has its Référentiel is upgraded at once, its référentiel as the users left it.
 */
import * as z from 'zod';
import type { PresetChoice, PresetRequest } from '../core/api';
import { findPreset, PRESETS } from '../core/presets';
import { SHEET_NAMES } from '../core/workbook';
import { runInstall } from './install';
import { activeSpreadsheet } from './sheets';

const DIALOG_TITLE = 'Installer le classeur';

export function installWorkbook(): void {
  const ss = activeSpreadsheet();
  const referentiel = ss.getSheetByName(SHEET_NAMES.referentiel);
  const ui = SpreadsheetApp.getUi();
  if (!referentiel || referentiel.getLastRow() <= 1) {
    const html = HtmlService.createHtmlOutputFromFile('InstallDialog').setWidth(560).setHeight(560);
    ui.showModalDialog(html, DIALOG_TITLE);
    return;
  }
  ui.alert('Pilotage CUCS', runInstall(ss), ui.ButtonSet.OK);
}

/** What the dialog offers; the first is the default. */
export function presetChoices(): PresetChoice[] {
  return PRESETS.map((p) => ({
    id: p.id,
    title: p.title,
    description: p.description,
    domains: p.referentiel.domains.map((d) => d.name),
    axes: p.referentiel.axes.map((a) => a.label),
    axesTitle: p.axesTitle,
  }));
}

const PresetRequestSchema = z.object({
  preset: z.string().refine((id) => findPreset(id) !== undefined, {
    message: `Modèle inconnu\u00a0: choisissez ${PRESETS.map((p) => p.title).join(', ')}.`,
  }),
});

/** Installs the workbook from the chosen model; returns the French summary of what was created. */
export function installWithPreset(input: PresetRequest): string {
  const parsed = PresetRequestSchema.safeParse(input);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join(' '));
  return runInstall(activeSpreadsheet(), findPreset(parsed.data.preset));
}
