// Strict in-memory fake of the Apps Script services used by Pilotage CUCS. See README.md next to this file.

import * as vm from 'node:vm';
import type { ChartSpec } from './blob';
import { createCharts } from './charts';
import { type AuthMode, type CallLog, createContext, type PlainTextApostrophe, type Realm } from './core';
import { createDocsService } from './docs-api';
import { createDocumentApp, type DocumentModel, type FakeDocument } from './document';
import { parseA1, toA1 } from './grid';
import { createInspector, type SheetInspection, type SheetSnapshot } from './inspect';
import { type CellValue, localeRules } from './locale';
import {
  createLockService,
  createLoggers,
  createPropertiesService,
  createScriptApp,
  createSession,
  createUtilities,
  type LockLog,
  type LogEntry,
  type PropertyStore,
  type UnzipOfNonZip,
} from './services';
import { createSpreadsheet } from './spreadsheet';
import { createFakeUi, createHtmlService, createUiSurface, type FakeUi } from './ui';

export type { ChartSpec } from './blob';
export type { AuthMode, CallLog, PlainTextApostrophe, Realm } from './core';
export type { FakeDocument, OutlineEntry, StyleOp } from './document';
export type {
  CellSnapshot,
  ConditionalRuleInfo,
  ProtectionInfo,
  SheetInspection,
  SheetSnapshot,
  ValidationInfo,
} from './inspect';
export type { LockLog, LogEntry, PropertyStore } from './services';
export type {
  AlertRecord,
  DialogRecord,
  FakeUi,
  HtmlRecord,
  MenuItemRecord,
  MenuRecord,
  PromptRecord,
  ToastRecord,
} from './ui';

export interface GasFakeOptions {
  /** Spreadsheet locale: 'fr_FR' (default), other 'fr_*', 'en_US', other 'en_*' (day-first dates). */
  locale?: string;
  /** The script's zone; default (and it should be) the zone of the process running the tests. */
  timeZone?: string;
  /** The spreadsheet's zone (getSpreadsheetTimeZone), where typed dates fall at midnight; default timeZone. */
  spreadsheetTimeZone?: string;
  /** A leading apostrophe written into a @ cell: 'stripped' (default) or 'kept' as a character. */
  plainTextApostrophe?: PlainTextApostrophe;
  userEmail?: string;
  spreadsheetName?: string;
  authMode?: AuthMode;
  /** Date/Error constructors for the values the fake creates; pass a node:vm context's own to run a bundle there. */
  realm?: Realm;
  /** What Utilities.unzip does with bytes that are no zip (not documented): throw (default) or answer []. */
  unzipOfNonZip?: UnzipOfNonZip;
}

export interface GasGlobals {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  DocumentApp: GoogleAppsScript.Document.DocumentApp;
  /** The Docs advanced service (appsscript.json enables it). */
  Docs: GoogleAppsScript.Docs;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  LockService: GoogleAppsScript.Lock.LockService;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  Session: GoogleAppsScript.Base.Session;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  Charts: GoogleAppsScript.Charts.Charts;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  Logger: GoogleAppsScript.Base.Logger;
  console: Console;
}

/** Test-side view of the active spreadsheet. */
export interface FakeSpreadsheet {
  readonly id: string;
  readonly name: string;
  sheetNames(): string[];
  activeSheetName(): string;
  /** The active range as A1 notation, e.g. 'B3' or 'A1:C4'. */
  activeRange(): string;
  inspect: { sheet(name: string): SheetInspection };
  snapshot(name: string): SheetSnapshot;
}

export interface GasFake {
  globals: GasGlobals;
  /** Assigns the globals on target (default globalThis); returns a function restoring the previous values. */
  install(target?: object): () => void;
  calls: CallLog;
  spreadsheet: FakeSpreadsheet;
  documents: FakeDocument[];
  ui: FakeUi;
  /** Files served by HtmlService.createHtmlOutputFromFile / createTemplateFromFile ('Sidebar' or 'Sidebar.html'). */
  htmlFiles: Record<string, string>;
  locks: LockLog;
  properties: { document: PropertyStore; user: PropertyStore; script: PropertyStore };
  /** Logger.log and console.* output (never printed). */
  logs: LogEntry[];
  /** Every chart built through Charts, in order. */
  charts: ChartSpec[];
  /** Makes sheetName active with (row, col) as the active and current cell. */
  setActive(sheetName: string, row?: number, col?: number): void;
  /** Adds a sheet (or fills an existing one) from A1 with raw JS values: strings are stored verbatim, never parsed. */
  addSheetWithValues(name: string, values: unknown[][]): GoogleAppsScript.Spreadsheet.Sheet;
  /**
   * An array formula typed by the user at `a1` (top-left) with the results it shows, `values[0][0]` in its
   * own cell: writing a value over any of the other cells breaks it (#REF!), as in Sheets.
   */
  addArrayFormula(sheetName: string, a1: string, formula: string, values: CellValue[][]): void;
  /**
   * A protection someone else set (default owner proprietaire@brest.fr, strict): on `range` ('A1:C3'),
   * or on the whole sheet but its `unprotected` ranges. Writes the script makes into a cell it covers throw
   * Sheets' « You are trying to edit a protected cell or object… » unless it is warning-only or the
   * current user is among its `editors`.
   */
  addProtection(sheetName: string, protection?: ProtectionSpec): void;
  setAuthMode(mode: AuthMode): void;
  snapshotSheet(name: string): SheetSnapshot;
}

export interface ProtectionSpec {
  range?: string;
  description?: string;
  warningOnly?: boolean;
  editors?: string[];
  unprotected?: string[];
}

export function createGasFake(opts: GasFakeOptions = {}): GasFake {
  const locale = opts.locale ?? 'fr_FR';
  const rules = localeRules(locale);
  if (!rules) throw new Error(`Fake Apps Script: locale ${locale} non prise en charge`);
  const timeZone = opts.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const ctx = createContext({
    realm: opts.realm ?? { Date, Error },
    locale,
    timeZone,
    spreadsheetTimeZone: opts.spreadsheetTimeZone ?? timeZone,
    plainTextApostrophe: opts.plainTextApostrophe ?? 'stripped',
    userEmail: opts.userEmail ?? 'agent@brest.fr',
    authMode: opts.authMode ?? 'FULL',
  });
  const ui = createFakeUi();
  const htmlFiles: Record<string, string> = {};
  const documents: FakeDocument[] = [];
  const logs: LogEntry[] = [];
  const charts: ChartSpec[] = [];
  const uiSurface = createUiSurface(ctx, ui);
  const sheets = createSpreadsheet(ctx, rules, ui, uiSurface, opts.spreadsheetName ?? 'Pilotage CUCS');
  const { model } = sheets;
  const lockService = createLockService(ctx);
  const propertiesService = createPropertiesService(ctx);
  const loggers = createLoggers(ctx, logs);
  const inspector = createInspector(ctx, () => model.sheets);

  const documentModels = new Map<string, DocumentModel>();
  const globals = {
    SpreadsheetApp: sheets.app,
    DocumentApp: createDocumentApp(ctx, documents, documentModels),
    Docs: createDocsService(ctx, documentModels),
    HtmlService: createHtmlService(ctx, htmlFiles),
    LockService: lockService.service,
    PropertiesService: propertiesService.service,
    Session: createSession(ctx),
    Utilities: createUtilities(ctx, opts.unzipOfNonZip),
    Charts: createCharts(ctx, charts),
    ScriptApp: createScriptApp(ctx),
    Logger: loggers.Logger,
    console: loggers.console,
  } as unknown as GasGlobals;

  const sheetNamed = (name: string) => {
    const sheet = model.sheetByName(name);
    if (!sheet) throw ctx.fakeError(`pas de feuille nommée ${name}`);
    return sheet;
  };

  const spreadsheet: FakeSpreadsheet = {
    get id() {
      return model.id;
    },
    get name() {
      return model.name;
    },
    sheetNames: () => model.sheets.map((s) => s.name),
    activeSheetName: () => model.active.name,
    activeRange: () => toA1(model.active.selection.active),
    inspect: { sheet: inspector.sheet },
    snapshot: inspector.snapshot,
  };

  return {
    globals,
    install: (target = globalThis) => install(target, globals as unknown as Record<string, unknown>),
    calls: ctx.calls,
    spreadsheet,
    documents,
    ui,
    htmlFiles,
    locks: lockService.locks,
    properties: propertiesService.stores,
    logs,
    charts,
    setActive: (sheetName, row = 1, col = 1) => {
      const sheet = sheetNamed(sheetName);
      const cell = { row, col, numRows: 1, numCols: 1 };
      model.active = sheet;
      sheet.selection = { active: cell, current: cell };
    },
    addSheetWithValues: (name, values) => {
      const width = Math.max(0, ...values.map((r) => r.length));
      const sheet =
        model.sheetByName(name) ??
        model.addSheet(name, model.sheets.length, Math.max(1000, values.length), Math.max(26, width));
      if (values.length > sheet.maxRows || width > sheet.maxCols)
        throw ctx.fakeError(`${name} est trop petite pour ces valeurs`);
      values.forEach((row, i) => {
        if (row.length > 0)
          sheets.cells.writeRaw(sheet, { row: i + 1, col: 1, numRows: 1, numCols: row.length }, [row], name);
      });
      return sheets.sheetSurface(sheet) as GoogleAppsScript.Spreadsheet.Sheet;
    },
    addArrayFormula: (sheetName, a1, formula, values) => {
      const sheet = sheetNamed(sheetName);
      const anchor = parseA1(a1, sheet.maxRows, sheet.maxCols);
      if (!anchor) throw ctx.fakeError(`${a1} n’est pas une cellule de ${sheetName}`);
      const ref = {
        row: anchor.row,
        col: anchor.col,
        numRows: values.length,
        numCols: values[0]?.length ?? 1,
      };
      sheets.cells.writeRaw(sheet, ref, values, sheetName);
      sheet.formulas.set(ref.row, ref.col, formula);
      sheet.arrays.push(ref);
    },
    addProtection: (sheetName, spec = {}) => {
      const sheet = sheetNamed(sheetName);
      const refOf = (a1: string) => {
        const ref = parseA1(a1, sheet.maxRows, sheet.maxCols);
        if (!ref) throw ctx.fakeError(`${a1} n’est pas une plage de ${sheetName}`);
        return ref;
      };
      if (!spec.range && sheet.protections.some((p) => p.type === 'SHEET'))
        throw ctx.fakeError(`${sheetName} a déjà une protection de feuille (Sheets n’en admet qu’une)`);
      sheet.protections.push({
        type: spec.range ? 'RANGE' : 'SHEET',
        sheet,
        ref: spec.range ? refOf(spec.range) : null,
        description: spec.description ?? '',
        warningOnly: spec.warningOnly ?? false,
        editors: [...(spec.editors ?? [OWNER])],
        domainEdit: false,
        unprotected: (spec.unprotected ?? []).map(refOf),
        removed: false,
      });
    },
    setAuthMode: (mode) => {
      ctx.authMode = mode;
    },
    snapshotSheet: inspector.snapshot,
  };
}

/** The owner of the spreadsheet in tests: the default editor of a protection someone else set. */
const OWNER = 'proprietaire@brest.fr';

function install(target: object, globals: Record<string, unknown>): () => void {
  const previous = Object.keys(globals).map(
    (key) => [key, Object.getOwnPropertyDescriptor(target, key)] as const,
  );
  for (const [key, value] of Object.entries(globals)) {
    Object.defineProperty(target, key, { value, configurable: true, enumerable: true, writable: true });
  }
  return () => {
    for (const [key, descriptor] of previous) {
      if (descriptor) Object.defineProperty(target, key, descriptor);
      else delete (target as Record<string, unknown>)[key];
    }
  };
}

/**
 * A node:vm context holding the fake's globals, for running the built bundle: the Dates and errors the fake
 * hands out belong to that context, so `instanceof Date` / `instanceof Error` hold inside the bundle.
 */
export function createGasVmContext(opts: Omit<GasFakeOptions, 'realm'> = {}): {
  fake: GasFake;
  context: vm.Context;
} {
  const context = vm.createContext({});
  const realm = vm.runInContext('({ Date, Error })', context) as Realm;
  const fake = createGasFake({ ...opts, realm });
  fake.install(context);
  return { fake, context };
}
