/**
 * After a closing: the year-N values changed since, flagged by the validation, and the year's report
 * rebuilt from what was stored.
 */

import { formatDateFr, formatNumberFr, isoYear, normaliseKey } from '../cells';
import type { Problem } from '../problems';
import { progressForYear, setProgressForYear } from '../progress';
import type { Located, WorkbookData } from '../records';
import { buildReport, type ReportOptions } from '../report/builder';
import { dateTimeFr } from '../report/format';
import { type Block, paragraph, type ReportDocument } from '../report/model';
import type { Measure } from '../schemas';
import type { Table } from '../table';
import { plural } from '../typography';
import type { ValidationResult } from '../validate';
import { SHEET_NAMES } from '../workbook';
import { activeClosings, closingWhen } from './sheet';
import { type Closing, measureKey } from './stored';

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
    decisions: stored.decisions
      ? [
          ...stored.decisions.map((record) => ({ sheet: SHEET_NAMES.decisions, row: 0, record })),
          ...data.decisions.filter((d) => isoYear(d.record.date) > year),
        ]
      : data.decisions,
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
