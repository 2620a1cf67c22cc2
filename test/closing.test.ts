/**
 * Closing a year, as pure logic on the small workbook: the stored figures and their fingerprint, the
 * validation after a change of a year-N value, the year-N report rebuilt from the stored figures, and
 * reopening with its reason.
 */
import type { CellValue } from '../src/core/cells';
import {
  activeClosings,
  cutIntoParts,
  PART_CHARS,
  prepareClosing,
  prepareReopening,
  refuseClosedProgress,
  reportOfYear,
} from '../src/core/closing';
import { cellA1 } from '../src/core/problems';
import { readWorkbook } from '../src/core/records';
import type { ReportScope } from '../src/core/report/aggregate';
import type { ReportDocument } from '../src/core/report/model';
import { validateWorkbook } from '../src/core/validate';
import { typedDecision, withDecisions } from './fixtures/decisions';
import { smallWorkbook, type Workbook } from './fixtures/workbook';

const CLOSED_AT = { at: new Date(2009, 0, 20, 17, 5), by: 'chef.projet@brest.fr' };
const LATER = new Date(2009, 4, 2, 9, 0);
const CONTRACT: ReportScope = { kind: 'contract' };

const validate = (grids: Workbook, today = LATER) => validateWorkbook(grids, { today });

/** Appends rows to a sheet of the grids, as the adapters append them. */
function append(grids: Workbook, sheet: string, rows: CellValue[][]): void {
  grids.set(sheet, [...grids.get(sheet)!, ...rows]);
}

function closed(year = 2008, reason = '', grids = smallWorkbook()): Workbook {
  const plan = prepareClosing(validate(grids, CLOSED_AT.at), { year, reason }, CLOSED_AT, 'google-sheets');
  append(grids, 'Clôtures', plan.rows);
  return grids;
}

function setCell(grids: Workbook, sheet: string, header: string, row: number, value: CellValue): void {
  const grid = grids.get(sheet)!;
  grid[row - 1]![grid[0]!.indexOf(header)] = value;
}

/** The 2008 measure rows of Mesures: [row number, value]. */
function measureRows(grids: Workbook): number[] {
  const grid = grids.get('Mesures')!;
  const year = grid[0]!.indexOf('Année');
  return grid.flatMap((r, i) => (i > 0 && r[year] === 2008 ? [i + 1] : []));
}

const figures = (doc: ReportDocument) =>
  doc.blocks.filter((b) => b.kind === 'table' || b.kind === 'chart' || b.kind === 'heading');

describe('closing a year', () => {
  it('stores the report model and the year’s values with a fingerprint, who and when', () => {
    const grids = closed();
    const [closing] = [...activeClosings(readWorkbook(grids).tables.get('closings')).values()];
    expect(closing).toMatchObject({
      year: 2008,
      at: '2009-01-20T17:05:00',
      user: 'chef.projet@brest.fr',
      reason: '',
    });
    expect(closing!.fingerprint).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/);
    expect(closing!.data!.report.year).toBe(2008);
    expect(closing!.data!.measures).toHaveLength(measureRows(smallWorkbook()).length);
    expect(closing!.data!.progress.length).toBeGreaterThan(0);
    expect(validate(grids).problems).toEqual(validate(smallWorkbook()).problems);
  });

  it('needs as many rows as parts, and journals the closing', () => {
    const grids = smallWorkbook();
    const plan = prepareClosing(
      validate(grids, CLOSED_AT.at),
      { year: 2008, reason: '' },
      CLOSED_AT,
      'google-sheets',
    );
    expect(plan.rows.length).toBeGreaterThanOrEqual(Math.ceil(plan.chars / PART_CHARS));
    expect(plan.journal).toMatchObject({
      operation: 'clôture de l’année 2008',
      record: '2008',
      user: 'chef.projet@brest.fr',
    });
  });

  it('refuses a year already closed, and a workbook with errors unless a reason is given', () => {
    const grids = closed();
    expect(() =>
      prepareClosing(validate(grids), { year: 2008, reason: '' }, CLOSED_AT, 'google-sheets'),
    ).toThrow('L’année 2008 est déjà clôturée (clôture du 20/01/2009 à 17:05 par chef.projet@brest.fr).');
    const wrong = smallWorkbook();
    setCell(wrong, 'Mesures', 'Valeur', measureRows(wrong)[0]!, 'beaucoup');
    const validation = validate(wrong);
    expect(() => prepareClosing(validation, { year: 2008, reason: '' }, CLOSED_AT, 'google-sheets')).toThrow(
      /^La validation trouve 1 erreur : corrigez-les/,
    );
    const plan = prepareClosing(
      validation,
      { year: 2008, reason: 'Comité tenu, donnée CAF en attente' },
      CLOSED_AT,
      'google-sheets',
    );
    expect(plan.journal.after).toContain('Motif : Comité tenu, donnée CAF en attente');
  });
});

describe('cutting the stored figures', () => {
  it('cuts between visible characters, never beside a space, and puts the text back whole', () => {
    const json = JSON.stringify({
      text: `${'a'.repeat(PART_CHARS - 3)}  \u00a0 b`,
      more: 'x'.repeat(PART_CHARS),
    });
    const parts = cutIntoParts(json);
    expect(parts.join('')).toBe(json);
    expect(parts.every((p) => p.length <= PART_CHARS && p === p.trim())).toBe(true);
  });
});

describe('after the closing', () => {
  it('flags on its cell a year-N measure changed in the sheet, and keeps the year-N report unchanged', () => {
    const grids = closed();
    const before = reportOfYear(validate(grids), {
      year: 2008,
      scope: CONTRACT,
      generatedAt: LATER,
      edition: 'google-sheets',
    });
    const row = measureRows(grids)[0]!;
    setCell(grids, 'Mesures', 'Valeur', row, 99);
    const validation = validate(grids);
    const flagged = validation.problems.filter((p) => p.message.includes('depuis la clôture'));
    expect(flagged.map((p) => `${p.sheet}!${cellA1(p)}`)).toEqual([`Mesures!D${row}`]);
    expect(flagged[0]!.severity).toBe('erreur');
    expect(flagged[0]!.message).toMatch(
      /^Mesure de 2008 modifiée depuis la clôture de 2008 \(20\/01\/2009 à 17:05 par chef\.projet@brest\.fr\) : la valeur arrêtée était /,
    );
    const after = reportOfYear(validation, {
      year: 2008,
      scope: CONTRACT,
      generatedAt: LATER,
      edition: 'google-sheets',
    });
    expect(figures(after)).toEqual(figures(before));
    const texts = after.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
    expect(texts).toContain(
      'Chiffres arrêtés le 20/01/2009 à 17:05 par chef.projet@brest.fr (clôture de l’année 2008).',
    );
    expect(texts).toContain(
      'Le classeur a changé depuis : 1 valeur de 2008 diffère de celles arrêtées (voir « Valider les données ») ; ce rapport reprend les chiffres arrêtés.',
    );
    expect(texts).toContain('Document généré le 02/05/2009 à 09:00.');
  });

  it('says when the workbook has not changed, and gives a domain’s report the stored values', () => {
    const grids = closed();
    const row = measureRows(grids)[0]!;
    const stored = grids.get('Mesures')![row - 1]![3];
    const unchanged = reportOfYear(validate(grids), {
      year: 2008,
      scope: CONTRACT,
      generatedAt: LATER,
      edition: 'hors-ligne',
    });
    expect(unchanged.blocks).toContainEqual({
      kind: 'paragraph',
      text: 'Le classeur n’a pas changé depuis : ses valeurs de 2008 sont celles arrêtées.',
      tone: 'note',
    });
    const domain = grids.get('Mesures')![row - 1]![0] as string;
    const scope: ReportScope = { kind: 'domain', code: domain.slice(0, 2) as 'RU' };
    const live = reportOfYear(validate(grids), {
      year: 2008,
      scope,
      generatedAt: LATER,
      edition: 'google-sheets',
    });
    setCell(grids, 'Mesures', 'Valeur', row, (stored as number) + 7);
    const frozen = reportOfYear(validate(grids), {
      year: 2008,
      scope,
      generatedAt: LATER,
      edition: 'google-sheets',
    });
    expect(figures(frozen)).toEqual(figures(live));
  });

  it('gives a domain’s report the decisions with the suite they had at the closing', () => {
    const decision = typedDecision({
      id: 'DEC-002',
      date: new Date(2008, 9, 2),
      concerns: ['RE'],
      deadline: new Date(2009, 5, 30),
      suite: 'en cours',
    });
    const grids = closed(2008, '', withDecisions([decision]));
    const scope: ReportScope = { kind: 'domain', code: 'RE' };
    const options = { year: 2008, scope, generatedAt: LATER, edition: 'hors-ligne' } as const;
    // The suite cell of the decision's row, in every table of the report that lists it.
    const suites = (doc: ReportDocument) =>
      doc.blocks
        .flatMap((b) => (b.kind === 'table' ? b.rows : []))
        .filter((r) => r.some((c) => String(c).includes(decision.decision as string)))
        .map((r) => r.find((c) => /^(en cours|réalisée)/.test(String(c))));
    expect(suites(reportOfYear(validate(grids), options))).toEqual(['en cours', 'en cours']);
    setCell(grids, 'Décisions', 'Suite', 2, 'réalisée');
    expect(suites(reportOfYear(validate(grids), options))).toEqual(['en cours', 'en cours']);
    // The same workbook never closed shows the suite it has now.
    const open = withDecisions([typedDecision({ ...decision, suite: 'réalisée' })]);
    expect(suites(reportOfYear(validate(open), options))).toEqual(['réalisée', 'réalisée']);
  });

  it('flags avancées of the closed year changed in a domain sheet, and not those of another year', () => {
    const grids = closed();
    const sheet = 'Renouvellement urbain, habitat';
    const grid = grids.get(sheet)!;
    const col = grid[0]!.indexOf('Avancées');
    setCell(grids, sheet, 'Avancées', 2, `${grid[1]![col] ?? ''}\n2009 : une avancée de l’année suivante`);
    expect(validate(grids).problems.filter((p) => p.message.includes('depuis la clôture'))).toEqual([]);
    setCell(grids, sheet, 'Avancées', 2, '2008 : réécrit après le comité');
    const flagged = validate(grids).problems.filter((p) => p.message.includes('depuis la clôture'));
    expect(flagged.map((p) => `${p.sheet}!${cellA1(p)}`)).toEqual([
      `${sheet}!${String.fromCharCode(65 + col)}2`,
    ]);
  });

  it('refuses a save that changes the closed year’s avancées or freins', () => {
    const closings = activeClosings(readWorkbook(closed()).tables.get('closings'));
    const before = { avancees: '2008 : local ouvert', freins: '' };
    expect(() =>
      refuseClosedProgress(before, { ...before, avancees: '2008 : local ouvert\n2009 : suite' }, closings),
    ).not.toThrow();
    expect(() => refuseClosedProgress(before, { ...before, freins: '2008 : retard' }, closings)).toThrow(
      'L’année 2008 est clôturée (clôture du 20/01/2009 à 17:05 par chef.projet@brest.fr) : ses mesures, ses avancées et ses freins ne peuvent plus être modifiés. Pour les corriger, rouvrez l’année (« Rouvrir une année clôturée… ») en indiquant le motif.',
    );
  });

  it('reports stored figures edited by hand, and builds the report from the workbook then', () => {
    const grids = closed();
    const sheet = grids.get('Clôtures')!;
    const data = sheet[0]!.indexOf('Données');
    sheet[1]![data] = String(sheet[1]![data]).replace('"year":2008', '"year":2007');
    const problems = validate(grids).problems.filter((p) => p.sheet === 'Clôtures');
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^Les chiffres arrêtés de 2008 ont été modifiés à la main/),
    ]);
  });
});

describe('reopening', () => {
  it('needs a reason, journals it, and lets the year change again', () => {
    const grids = closed();
    const data = readWorkbook(grids);
    expect(() => prepareReopening(data, { year: 2008, reason: '  ' }, CLOSED_AT)).toThrow(
      'Indiquez le motif de la réouverture de 2008 : il est noté au Journal.',
    );
    expect(() => prepareReopening(data, { year: 2007, reason: 'x' }, CLOSED_AT)).toThrow(
      'L’année 2007 n’est pas clôturée : il n’y a rien à rouvrir.',
    );
    const plan = prepareReopening(data, { year: 2008, reason: 'Correction des données CAF' }, CLOSED_AT);
    expect(plan.journal).toMatchObject({
      operation: 'réouverture de l’année 2008',
      after: 'Motif : Correction des données CAF',
    });
    append(grids, 'Clôtures', plan.rows);
    expect(activeClosings(readWorkbook(grids).tables.get('closings')).size).toBe(0);
    setCell(grids, 'Mesures', 'Valeur', measureRows(grids)[0]!, 99);
    expect(validate(grids).problems.filter((p) => p.message.includes('depuis la clôture'))).toEqual([]);
  });
});
