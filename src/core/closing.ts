/**
 * Closing a year once the comité has discussed it: its report model (the figures the comité saw) and
 * its year-N values are stored in the Clôtures sheet with a fingerprint, who and when. Afterwards the
 * year's report is rebuilt from what was stored, the validation flags every year-N value changed since,
 * and the sidebar refuses to change them, until the year is reopened with a reason. Pure: records in,
 * rows, problems and report models out.
 */
import { type CellValue, formatDateFr, formatNumberFr, normaliseKey, toIsoDateTime } from './cells';
import { fnv1a } from './editing';
import type { JournalEntry } from './journal';
import type { Problem } from './problems';
import { progressForYear, setProgressForYear } from './progress';
import type { Located, WorkbookData } from './records';
import { refusedYear, reportYears } from './report/aggregate';
import { buildReport, type ReportOptions } from './report/builder';
import { dateTimeFr } from './report/format';
import { type Block, paragraph, type ReportDocument } from './report/model';
import type { Action, Measure } from './schemas';
import { layoutRow, type Table } from './table';
import { plural } from './typography';
import type { ValidationResult } from './validate';
import { SHEET_NAMES } from './workbook';

/** What a comité saw of year N, and the year-N values whose later change is flagged. */
export interface ClosingData {
  year: number;
  /** The contract's report model at the closing. */
  report: ReportDocument;
  /** A value marked « secret statistique » or « non disponible » is stored with its mark and no number. */
  measures: { indicator: string; territory: string; value: number | null; marker?: Measure['marker'] }[];
  /** Year-N avancées and freins of each action, by ID. */
  progress: { id: string; avancees: string; freins: string }[];
}

export interface Closing {
  year: number;
  /** ISO date-time, in the spreadsheet's zone. */
  at: string;
  user: string;
  reason: string;
  fingerprint: string;
  /** The stored figures; null when their cells no longer give back the fingerprint. */
  data: ClosingData | null;
  /** The Clôtures rows holding it. */
  rows: number[];
}

/** A cell holds 50,000 characters in Google Sheets, 32,767 in Excel: the figures are cut into parts under both. */
export const PART_CHARS = 30_000;

// ------------------------------------------------------------------ what is stored

export function frozenMeasures(data: Pick<WorkbookData, 'measures'>, year: number): ClosingData['measures'] {
  return data.measures
    .filter((m) => m.record.year === year)
    .map(({ record: m }) => ({
      indicator: m.indicator,
      territory: m.territory,
      value: m.value,
      marker: m.marker,
    }));
}

export function frozenProgress(data: Pick<WorkbookData, 'actions'>, year: number): ClosingData['progress'] {
  return data.actions
    .filter((a) => a.record.id !== '')
    .map(({ record: a }) => ({
      id: a.id,
      avancees: progressForYear(a.avancees, year),
      freins: progressForYear(a.freins, year),
    }))
    .filter((p) => p.avancees !== '' || p.freins !== '');
}

export function closingData(data: WorkbookData, report: ReportDocument): ClosingData {
  return {
    year: report.year,
    report,
    measures: frozenMeasures(data, report.year),
    progress: frozenProgress(data, report.year),
  };
}

export function fingerprintOf(json: string): string {
  return `${fnv1a(json)}-${json.length.toString(36)}`;
}

export interface ClosingPlan {
  /** Rows to append to the Clôtures sheet, laid out by its header. */
  rows: CellValue[][];
  journal: JournalEntry;
  fingerprint: string;
  /** Characters stored, and cells used, for the bench. */
  chars: number;
}

const measureKey = (m: { indicator: string; territory: string }) =>
  `${normaliseKey(m.indicator)}|${normaliseKey(m.territory)}`;

/**
 * Parts of at most PART_CHARS characters, cut between two visible ASCII characters: a cell's text
 * may lose a space or a no-break space at its ends on its way through a spreadsheet.
 */
export function cutIntoParts(json: string): string[] {
  const solid = /[!-~]/;
  const parts: string[] = [];
  let start = 0;
  while (start < json.length) {
    let end = Math.min(start + PART_CHARS, json.length);
    while (end < json.length && end > start + 1 && !(solid.test(json[end - 1]!) && solid.test(json[end]!)))
      end--;
    parts.push(json.slice(start, end));
    start = end;
  }
  return parts;
}

/** The figures cut into parts, one row each, the first carrying who, when and why. */
export function planClosing(
  table: Pick<Table, 'mapping'>,
  stored: ClosingData,
  stamp: { at: Date; by: string },
  reason: string,
): ClosingPlan {
  const json = JSON.stringify(stored);
  const fingerprint = fingerprintOf(json);
  const parts = cutIntoParts(json);
  const rows = parts.map((part, i) =>
    layoutRow(table.mapping, {
      year: stored.year,
      operation: 'clôture',
      at: stamp.at,
      user: stamp.by,
      reason,
      fingerprint,
      part: `${i + 1}/${parts.length}`,
      data: part,
    }),
  );
  return {
    rows,
    fingerprint,
    chars: json.length,
    journal: {
      operation: `clôture de l’année ${stored.year}`,
      sheet: SHEET_NAMES.closings,
      record: String(stored.year),
      user: stamp.by,
      before: '',
      after: [
        `Empreinte : ${fingerprint}`,
        `${plural(stored.measures.length, 'mesure')} de ${stored.year}, avancées et freins de ${plural(stored.progress.length, 'action')}`,
        ...(reason ? [`Motif : ${reason}`] : []),
      ].join('\n'),
    },
  };
}

export function planReopening(
  table: Pick<Table, 'mapping'>,
  closing: Closing,
  stamp: { at: Date; by: string },
  reason: string,
): { rows: CellValue[][]; journal: JournalEntry } {
  if (reason.trim() === '') {
    throw new Error(`Indiquez le motif de la réouverture de ${closing.year} : il est noté au Journal.`);
  }
  return {
    rows: [
      layoutRow(table.mapping, {
        year: closing.year,
        operation: 'réouverture',
        at: stamp.at,
        user: stamp.by,
        reason: reason.trim(),
      }),
    ],
    journal: {
      operation: `réouverture de l’année ${closing.year}`,
      sheet: SHEET_NAMES.closings,
      record: String(closing.year),
      user: stamp.by,
      before: `Clôture du ${closingWhen(closing)} (empreinte ${closing.fingerprint})`,
      after: `Motif : ${reason.trim()}`,
    },
  };
}

// ------------------------------------------------------------------ reading the Clôtures sheet

const text = (v: unknown) =>
  typeof v === 'string' ? v : v instanceof Date ? toIsoDateTime(v) : v == null ? '' : String(v);

/** The closings in force, by year: a year's last closing, unless a reopening came after it. */
export function activeClosings(table: Table | undefined): Map<number, Closing> {
  const active = new Map<number, Closing>();
  if (!table) return active;
  let current: (Closing & { parts: string[] }) | null = null;
  const finish = () => {
    if (!current) return;
    const json = current.parts.join('');
    const intact = fingerprintOf(json) === current.fingerprint;
    const { parts: _parts, ...closing } = current;
    active.set(current.year, { ...closing, data: intact ? (JSON.parse(json) as ClosingData) : null });
    current = null;
  };
  for (const row of table.rows) {
    const v = row.values;
    const year = typeof v.year === 'number' ? v.year : null;
    if (year === null) continue;
    const operation = text(v.operation);
    const part = /^(\d+)\/(\d+)$/.exec(text(v.part));
    const continues =
      current !== null &&
      current.year === year &&
      current.fingerprint === text(v.fingerprint) &&
      part &&
      part[1] !== '1';
    if (operation === 'clôture' && continues) {
      current!.parts.push(text(v.data));
      current!.rows.push(row.row);
      continue;
    }
    finish();
    if (operation === 'clôture') {
      current = {
        year,
        at: text(v.at),
        user: text(v.user),
        reason: text(v.reason),
        fingerprint: text(v.fingerprint),
        data: null,
        rows: [row.row],
        parts: [text(v.data)],
      };
    } else if (operation === 'réouverture') {
      active.delete(year);
    }
  }
  finish();
  return active;
}

/** « 15/01/2009 à 10:30 par chef.projet@brest.fr ». */
export function closingWhen(closing: Pick<Closing, 'at' | 'user'>): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(closing.at);
  const when = m ? `${m[3]}/${m[2]}/${m[1]} à ${m[4]}:${m[5]}` : closing.at;
  return closing.user ? `${when} par ${closing.user}` : when;
}

/** What the sidebar says when a change would touch a closed year. */
export function closedYearMessage(closing: Closing): string {
  return `L’année ${closing.year} est clôturée (clôture du ${closingWhen(closing)}) : ses mesures, ses avancées et ses freins ne peuvent plus être modifiés. Pour les corriger, rouvrez l’année (« Rouvrir une année clôturée… ») en indiquant le motif.`;
}

/** Refuses an action save that changes the avancées or freins of a closed year. */
export function refuseClosedProgress(
  before: Pick<Action, 'avancees' | 'freins'> | null,
  after: Pick<Action, 'avancees' | 'freins'>,
  closings: Map<number, Closing>,
): void {
  for (const closing of closings.values()) {
    const y = closing.year;
    const same = (key: 'avancees' | 'freins') =>
      progressForYear(before?.[key] ?? '', y) === progressForYear(after[key], y);
    if (!same('avancees') || !same('freins')) throw new Error(closedYearMessage(closing));
  }
}

// ------------------------------------------------------------------ after the closing

/** A measure's value as a person reads it: the number, or its mark when it has none. */
function storedValue(m: { value: number | null; marker?: string }): string {
  return m.value === null ? (m.marker ?? '') : formatNumberFr(m.value);
}

/** Every year-N value changed since the closing, as an error on its cell. */
export function changesSinceClosing(data: WorkbookData, closing: Closing): Problem[] {
  if (!closing.data) return [];
  const { year } = closing;
  const since = `depuis la clôture de ${year} (${closingWhen(closing)})`;
  const fix = 'rétablissez-la ou rouvrez l’année (« Rouvrir une année clôturée… »).';
  const problems: Problem[] = [];
  const stored = new Map(closing.data.measures.map((m) => [measureKey(m), m]));
  const seen = new Set<string>();
  const measures = data.tables.get('measures');
  for (const { row, record } of data.measures.filter((m) => m.record.year === year)) {
    const key = measureKey(record);
    seen.add(key);
    const before = stored.get(key);
    if (before && before.value === record.value && (before.marker ?? '') === record.marker) continue;
    const message = before
      ? `Mesure de ${year} modifiée ${since} : la valeur arrêtée était ${storedValue(before)} ; ${fix}`
      : `Mesure de ${year} ajoutée ${since} : supprimez-la ou rouvrez l’année (« Rouvrir une année clôturée… »).`;
    problems.push(
      cellAt(
        measures,
        SHEET_NAMES.measures,
        row,
        'value',
        record.value === null ? record.marker : String(record.value),
        message,
      ),
    );
  }
  for (const m of closing.data.measures.filter((m) => !seen.has(measureKey(m)))) {
    problems.push({
      severity: 'erreur',
      sheet: SHEET_NAMES.measures,
      row: null,
      column: null,
      columnIndex: null,
      value: '',
      message: `Mesure de ${year} supprimée ${since} : ${m.indicator}, ${m.territory}, valeur arrêtée ${storedValue(m)} ; saisissez-la à nouveau ou rouvrez l’année.`,
    });
  }
  const progress = new Map(closing.data.progress.map((p) => [normaliseKey(p.id), p]));
  for (const located of data.actions) {
    const a = located.record;
    const before = progress.get(normaliseKey(a.id)) ?? { avancees: '', freins: '' };
    for (const key of ['avancees', 'freins'] as const) {
      const now = progressForYear(a[key], year);
      if (a.id === '' || now === before[key]) continue;
      const label = key === 'avancees' ? 'Avancées' : 'Freins';
      const table = data.tables.get(data.specs.find((s) => s.name === located.sheet)?.key ?? '');
      problems.push(
        cellAt(
          table,
          located.sheet,
          located.row,
          key,
          now,
          `${label} de ${year} modifiées ${since} : le texte arrêté était « ${before[key] || 'vide'} » ; rétablissez-le ou rouvrez l’année (« Rouvrir une année clôturée… »).`,
        ),
      );
    }
  }
  return problems;
}

function cellAt(
  table: Table | undefined,
  sheet: string,
  row: number,
  key: string,
  value: string,
  message: string,
): Problem {
  const columnIndex = table?.mapping.index.get(key) ?? null;
  const column = table?.spec.columns.find((c) => c.key === key)?.header ?? null;
  return { severity: 'erreur', sheet, row, column, columnIndex, value, message };
}

/** A closing whose stored figures no longer match their fingerprint: edited by hand. */
export function alteredClosingProblem(closing: Closing): Problem {
  return {
    severity: 'erreur',
    sheet: SHEET_NAMES.closings,
    row: closing.rows[0] ?? null,
    column: null,
    columnIndex: null,
    value: '',
    message: `Les chiffres arrêtés de ${closing.year} ont été modifiés à la main (l’empreinte ${closing.fingerprint} ne correspond plus) : le rapport de ${closing.year} est construit sur le classeur actuel. Rouvrez puis clôturez l’année à nouveau.`,
  };
}

/** The workbook with the closed year's measures, avancées and freins put back as stored. */
export function withFrozenValues(data: WorkbookData, closing: Closing): WorkbookData {
  if (!closing.data) return data;
  const { year } = closing;
  const stored = closing.data;
  const progress = new Map(stored.progress.map((p) => [normaliseKey(p.id), p]));
  const frozenMeasures: Located<Measure>[] = stored.measures.map((m) => ({
    sheet: SHEET_NAMES.measures,
    row: 0,
    record: {
      ...m,
      marker: m.marker ?? '',
      year,
      source: '',
      comment: '',
      updatedAt: closing.at,
      updatedBy: closing.user,
    },
  }));
  return {
    ...data,
    measures: [...data.measures.filter((m) => m.record.year !== year), ...frozenMeasures],
    actions: data.actions.map((l) => {
      const p = progress.get(normaliseKey(l.record.id)) ?? { avancees: '', freins: '' };
      if (l.record.id === '') return l;
      return {
        ...l,
        record: {
          ...l.record,
          avancees: setProgressForYear(l.record.avancees, year, p.avancees),
          freins: setProgressForYear(l.record.freins, year, p.freins),
        },
      };
    }),
  };
}

/** The title page's word on the closing, and on whether the workbook changed since. */
export function closingNote(closing: Closing, changes: number): Block[] {
  return [
    paragraph(`Chiffres arrêtés le ${closingWhen(closing)} (clôture de l’année ${closing.year}).`, 'note'),
    paragraph(
      changes === 0
        ? `Le classeur n’a pas changé depuis : ses valeurs de ${closing.year} sont celles arrêtées.`
        : `Le classeur a changé depuis : ${plural(changes, 'valeur')} de ${closing.year} ${changes > 1 ? 'diffèrent' : 'diffère'} de celles arrêtées (voir « Valider les données ») ; ce rapport reprend les chiffres arrêtés.`,
      changes === 0 ? 'note' : 'warning',
    ),
  ];
}

/** The title page with the closing's note after its « Document généré le … » line. */
function withNote(report: ReportDocument, note: Block[], at: Date): ReportDocument {
  const blocks = [...report.blocks];
  const generated = blocks.findIndex(
    (b) => b.kind === 'paragraph' && b.text.startsWith('Document généré le '),
  );
  if (generated < 0) blocks.splice(2, 0, ...note);
  else blocks.splice(generated, 1, paragraph(`Document généré le ${dateTimeFr(at)}.`), ...note);
  return { ...report, blocks };
}

/**
 * The report of a year as it stands: built from the workbook for an open year; for a closed one, the
 * stored model itself for the contract, and for a territory or a domain the workbook with the year's
 * stored values put back. Its title page says when the figures were frozen and whether the workbook
 * changed since.
 */
export function reportOfYear(
  validation: Pick<ValidationResult, 'data' | 'problems'>,
  options: ReportOptions,
): ReportDocument {
  const { data } = validation;
  const closing = activeClosings(data.tables.get('closings')).get(options.year);
  if (!closing) return buildReport(data, validation, options);
  if (!closing.data) {
    const live = buildReport(data, validation, options);
    return withNote(
      live,
      [paragraph(alteredClosingProblem(closing).message, 'warning')],
      options.generatedAt,
    );
  }
  const changes = changesSinceClosing(data, closing);
  const note = closingNote(closing, changes.length);
  if (options.scope.kind === 'contract') {
    const stored = closing.data.report;
    const name = stored.name.replace(/ — [^—]*$/, ` — ${formatDateFr(options.generatedAt)}`);
    return withNote({ ...stored, name, edition: options.edition }, note, options.generatedAt);
  }
  // The changed values are replaced by the stored ones: their errors do not leave them out of the counts.
  const changed = new Set(changes.map((p) => `${p.sheet}|${p.row}|${p.message}`));
  const problems = validation.problems.filter((p) => !changed.has(`${p.sheet}|${p.row}|${p.message}`));
  return withNote(
    buildReport(withFrozenValues(data, closing), { problems }, options),
    note,
    options.generatedAt,
  );
}

// ------------------------------------------------------------------ the two operations

export interface YearRequest {
  year: number;
  /** Mandatory to reopen, and to close despite validation errors. */
  reason: string;
}

export function closingsTable(data: Pick<WorkbookData, 'tables'>): Table {
  const table = data.tables.get('closings');
  if (!table) {
    throw new Error(
      `La feuille « ${SHEET_NAMES.closings} » est absente : lancez « Installer ou mettre à jour le classeur ».`,
    );
  }
  return table;
}

/**
 * « Clôturer l’année… » from a fresh validation: refuses a year already closed or outside the
 * contract, and a workbook with errors unless a reason is given; else the rows to append.
 */
export function prepareClosing(
  validation: Pick<ValidationResult, 'data' | 'problems' | 'counts'>,
  request: YearRequest,
  stamp: { at: Date; by: string },
  edition: ReportOptions['edition'],
): ClosingPlan {
  const { data } = validation;
  const table = closingsTable(data);
  const { year } = request;
  const refused = refusedYear(
    year,
    reportYears(
      data.settings,
      data.indicators.map((i) => i.record),
    ),
  );
  if (refused) throw new Error(refused);
  const already = activeClosings(table).get(year);
  if (already) throw new Error(`L’année ${year} est déjà clôturée (clôture du ${closingWhen(already)}).`);
  const errors = validation.counts.erreur;
  const reason = request.reason.trim();
  if (errors > 0 && reason === '') {
    throw new Error(
      `La validation trouve ${plural(errors, 'erreur')} : corrigez-les (« Valider les données ») avant de clôturer ${year}, ou clôturez malgré tout en indiquant un motif.`,
    );
  }
  const report = buildReport(data, validation, {
    year,
    scope: { kind: 'contract' },
    generatedAt: stamp.at,
    edition,
  });
  return planClosing(table, closingData(data, report), stamp, reason);
}

export function prepareReopening(
  data: Pick<WorkbookData, 'tables'>,
  request: YearRequest,
  stamp: { at: Date; by: string },
): { rows: CellValue[][]; journal: JournalEntry } {
  const table = closingsTable(data);
  const closing = activeClosings(table).get(request.year);
  if (!closing) throw new Error(`L’année ${request.year} n’est pas clôturée : il n’y a rien à rouvrir.`);
  return planReopening(table, closing, stamp, request.reason);
}

/** Refuses a measure or a progress update of a closed year. */
export function refuseClosedYear(closings: Map<number, Closing>, year: number): void {
  const closing = closings.get(year);
  if (closing) throw new Error(closedYearMessage(closing));
}
