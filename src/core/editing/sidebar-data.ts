/**
 * What the sidebar receives when it opens or loads an action: the lists, a search index and the loaded
 * records.
 */

import type { LoadedDecision } from '../decisions';
import type { WorkbookData } from '../records';
import { findDomain, type Referentiel, STATUSES, type Status } from '../referentiel';
import type { Action, Funder, Indicator, Settings, Territory } from '../schemas';
import type { Table } from '../table';
import { loadedAction } from './actions';
import type { ReferenceLists } from './checks';
import type { LoadActionRequest, SavedMeasureRecord } from './requests';
import { findActionRow } from './rows';

export interface LoadedAction {
  action: Action;
  /** Fingerprint of the row as read, sent back with a save to detect a concurrent change. */
  version: string;
  sheet: string;
  row: number;
}

export interface SavedAction extends LoadedAction {
  created: boolean;
  message: string;
}

export interface SavedMeasure {
  created: boolean;
  sheet: string;
  row: number;
  measure: SavedMeasureRecord;
  message: string;
}

export interface ActionSummary {
  id: string;
  title: string;
  domain: string;
  sheet: string;
  row: number;
  status: string;
  /** Its transversal axes, for the search's filter. */
  axes: string[];
}

export interface MeasureSummary {
  indicator: string;
  year: number;
  territory: string;
  value: number;
}

export interface SidebarData {
  referentiel: Referentiel;
  territories: Territory[];
  funders: Funder[];
  indicators: Indicator[];
  settings: Settings;
  statuses: Status[];
  /** The action under the cursor when it is on an action row of a domain sheet. */
  currentAction: LoadedAction | null;
  /** The domain of the sheet under the cursor, proposed for a new action. */
  activeDomain: string | null;
  actionsIndex: ActionSummary[];
  /** Values of the recent years (see RECENT_MEASURE_YEARS). */
  measures: MeasureSummary[];
  /** Every decision of the Décisions sheet, most recent first (src/core/decisions.ts). */
  decisions: LoadedDecision[];
  user: string;
}

export function referenceLists(data: WorkbookData): ReferenceLists {
  return {
    referentiel: data.referentiel,
    territories: data.territories,
    funders: data.funders,
    indicators: data.indicators.map((i) => i.record),
  };
}

export function domainTable(data: WorkbookData, domain: string): Table {
  const table = data.tables.get(`actions:${domain}`);
  const known = findDomain(data.referentiel, domain);
  if (!known) {
    throw new Error(
      `Domaine inconnu\u00a0: « ${domain} » n’est pas un domaine actif de la feuille Référentiel.`,
    );
  }
  if (!table) {
    const name = known.name;
    throw new Error(
      `La feuille « ${name} » est absente : lancez « Installer ou mettre à jour le classeur ».`,
    );
  }
  return table;
}

/** The action on row `row` of sheet `sheet`, when that is an action row of a domain sheet. */
export function actionAt(data: WorkbookData, sheet: string, row: number): LoadedAction | null {
  const spec = data.specs.find((s) => s.role === 'actions' && s.name === sheet);
  const table = spec && data.tables.get(spec.key);
  const found = table?.rows.find((r) => r.row === row);
  return table && found ? loadedAction(table, found, referenceLists(data)) : null;
}

export function loadAction(data: WorkbookData, request: LoadActionRequest): LoadedAction {
  const table = domainTable(data, request.domain);
  if (request.id) return loadedAction(table, findActionRow(table, request.id), referenceLists(data));
  const found = request.row === null ? null : actionAt(data, table.spec.name, request.row);
  if (!found)
    throw new Error(`La ligne ${request.row ?? '?'} de « ${table.spec.name} » est vide. Rechargez la liste.`);
  return found;
}

/**
 * Years before the reporting year whose values the sidebar gets, to say beforehand that a value will be
 * replaced: enough for the usual catch-up, while Mesures can hold ten thousand rows. For older years the
 * server's answer still says whether it created or replaced.
 */
const RECENT_MEASURE_YEARS = 2;

export function sidebarData(
  data: WorkbookData,
  active: { sheet: string; row: number } | null,
  user: string,
): Omit<SidebarData, 'decisions'> {
  const activeSpec = active && data.specs.find((s) => s.role === 'actions' && s.name === active.sheet);
  return {
    referentiel: data.referentiel,
    territories: data.territories,
    funders: data.funders,
    indicators: data.indicators.map((i) => i.record),
    settings: data.settings,
    statuses: [...STATUSES],
    currentAction: active && activeSpec ? actionAt(data, active.sheet, active.row) : null,
    activeDomain: activeSpec?.domain ?? null,
    actionsIndex: data.actions.map(({ sheet, row, record }) => ({
      id: record.id,
      title: record.title,
      domain: record.domain,
      sheet,
      row,
      status: record.status,
      axes: record.axes,
    })),
    measures: data.measures.flatMap(({ record: m }) =>
      m.year >= data.settings.reportingYear - RECENT_MEASURE_YEARS && m.value !== null
        ? [{ indicator: m.indicator, year: m.year, territory: m.territory, value: m.value }]
        : [],
    ),
    user,
  };
}
