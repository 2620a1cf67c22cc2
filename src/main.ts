/**
 * The single list of entry points: menu handlers, triggers and google.script.run targets.
 * scripts/build.mjs generates one top-level delegating function per key, the only form Apps Script
 * can call; nothing else of the bundle is visible to it.
 */

import type { ImportApi, InstallApi, ReportApi, SidebarApi } from './core/api';
import { closeYear, reopenYear } from './gas/closing';
import { checkEnvironment } from './gas/diagnostic';
import { showHelp } from './gas/help';
import { installWithPreset, installWorkbook, presetChoices } from './gas/install-dialog';
import { onInstall, onOpen } from './gas/menu';
import { importObservations, importPreview, openImportDialog } from './gas/observation';
import { generateReport, openReportDialog, reportCheck, reportChoices, reportPreview } from './gas/report';
import {
  getSidebarData,
  loadAction,
  loadDecisions,
  loadSelectedAction,
  openSidebar,
  saveAction,
  saveDecision,
  saveMeasure,
  updateProgress,
} from './gas/sidebar';
import { validateData } from './gas/validate';

export const entryPoints = {
  onOpen,
  onInstall,
  installWorkbook,
  presetChoices,
  installWithPreset,
  showHelp,
  checkEnvironment,
  openSidebar,
  getSidebarData,
  loadAction,
  loadSelectedAction,
  saveAction,
  updateProgress,
  saveMeasure,
  loadDecisions,
  saveDecision,
  validateData,
  openReportDialog,
  reportChoices,
  reportCheck,
  reportPreview,
  generateReport,
  closeYear,
  reopenYear,
  openImportDialog,
  importPreview,
  importObservations,
};

/** Compile-time check that the pages' server functions are those of the contract (src/core/api.ts). */
type Fulfils<T extends SidebarApi & ReportApi & InstallApi & ImportApi> = T;
export type EntryPointsFulfilTheContract = Fulfils<typeof entryPoints>;
