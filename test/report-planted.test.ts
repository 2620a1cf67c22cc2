/**
 * Figures the comité can trust (issue 10): the workbook of test/fixtures/planted.ts, with its planted
 * mistakes, through the report model, the HTML preview, the .docx of the offline edition and the
 * Google Doc. What the validation rejects is counted nowhere and shows as « donnée à corriger »;
 * every territory report agrees with itself; years outside the contract are refused.
 * Expected figures are counted by hand from the fixture's rows, in the comments.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ReportScope, refusedYear, reportYears } from '../src/core/report/aggregate';
import { buildReport } from '../src/core/report/builder';
import { reportToHtml } from '../src/core/report/html';
import { type Block, type Cell, cellString, type ReportDocument } from '../src/core/report/model';
import { frenchSpacing } from '../src/core/typography';
import { type ValidationResult, validateWorkbook } from '../src/core/validate';
import { runInstall } from '../src/gas/install';
import { generateReport, reportPreview } from '../src/gas/report';
import { runCli } from '../src/local/cli';
import { renderDocx } from '../src/local/docx';
import { fillWorkbook, newWorkbook } from '../src/local/workbook-file';
import { xlsxBuffer } from '../src/local/xlsx';
import { createGasFake } from './fake';
import { messyWorkbook } from './fixtures/messy';
import { PLANTED_ACTIONS, PLANTED_INDICATORS, PLANTED_MEASURES, plantedWorkbook } from './fixtures/planted';
import { buildWorkbook } from './fixtures/workbook';
import { captureContext, tempDir, zipText } from './local-helpers';

const TODAY = new Date(2009, 0, 20);
const BELLEVUE: ReportScope = { kind: 'territory', code: 'Q-BELLEVUE' };
const CONTRACT: ReportScope = { kind: 'contract' };

let validation: ValidationResult;
beforeAll(() => {
  validation = validateWorkbook(plantedWorkbook(), { today: TODAY });
});

const build = (scope: ReportScope, edition: 'google-sheets' | 'hors-ligne' = 'hors-ligne') =>
  buildReport(validation.data, validation, { year: 2008, scope, generatedAt: TODAY, edition });

type TableBlock = Extract<Block, { kind: 'table' }>;
const tables = (doc: ReportDocument) => doc.blocks.filter((b): b is TableBlock => b.kind === 'table');
const tableAfter = (doc: ReportDocument, headingText: string): TableBlock => {
  const at = doc.blocks.findIndex((b) => b.kind === 'heading' && b.text === headingText);
  return doc.blocks.slice(at).find((b): b is TableBlock => b.kind === 'table')!;
};
const keyFigure = (doc: ReportDocument, label: string) =>
  cellString(tableAfter(doc, 'Synthèse').rows.find((r) => r[0] === label)![1]!);
const allText = (doc: ReportDocument): string =>
  doc.blocks
    .flatMap((b): string[] => {
      if (b.kind === 'table')
        return [b.columns.map((c) => c.header), ...b.rows, b.footer ?? []]
          .flat()
          .map((c: Cell | string) => (typeof c === 'string' ? c : cellString(c)));
      if (b.kind === 'bullets') return b.items;
      if (b.kind === 'chart') return [b.chart.title, b.chart.description];
      if (b.kind === 'pageBreak') return [];
      return [b.text];
    })
    .join('\n');
const euros = (digits: string) => `${digits.replace(/ /g, '\u202f')}\u00a0€`;

describe('the planted workbook, as the validation sees it', () => {
  it('holds 16 actions and 4 indicators, and the three planted errors', () => {
    expect(validation.data.actions).toHaveLength(16);
    expect(validation.data.indicators).toHaveLength(4);
    const errors = validation.problems
      .filter((p) => p.severity === 'erreur')
      .map((p) => `${p.sheet}, ligne ${p.row}, ${p.column} : ${p.message}`);
    expect(errors).toEqual([
      'Santé, ligne 4, Date de fin : Une action réalisée doit avoir une date de fin.',
      'Prévention de la délinquance, ligne 4, Financement VILLE (€) : Financement VILLE : le montant ne peut pas être négatif.',
      'Mesures, ligne 20, Valeur : Un pourcentage est compris entre 0 et 100 : 140 n’en est pas un.',
    ]);
  });
});

describe('the report model leaves out what the validation rejects', () => {
  it('counts neither the −5 000 € cofinancement nor the réalisée action without end date', () => {
    const doc = build(BELLEVUE);
    // Bellevue 2008: RU-002 20 000, IE-001 60 000, IE-003 60 000 (whole), PD-002 5 000, PD-003 10 000;
    // SA-003 (réalisée, no end date) is left out whole.
    expect(keyFigure(doc, 'Actions suivies')).toBe('5');
    expect(keyFigure(doc, 'dont réalisées')).toBe('1');
    expect(keyFigure(doc, 'Budget prévu (hors actions abandonnées)')).toBe(euros('155 000'));
    // 12 000 + 40 000 + 40 000; PD-003's −5 000 € is not counted (it would give 87 000 €).
    expect(keyFigure(doc, 'Cofinancements')).toBe(euros('92 000'));
    expect(keyFigure(doc, 'Crédits spécifiques du contrat')).toBe(euros('58 000'));
    expect(keyFigure(doc, 'Non compté, donnée à corriger')).toBe(
      '1 action, 1 montant, 1 valeur d’indicateur (voir l’annexe « Qualité des données »)',
    );
  });

  it('says « donnée à corriger » with its place where a rejected figure would have been', () => {
    const doc = build(BELLEVUE);
    const sante = tableAfter(doc, 'SA — Santé');
    const actions = tables(doc).find((t) => t.rows.some((r) => String(r[1]).startsWith('SA-003')))!;
    expect(actions.rows.find((r) => String(r[1]).startsWith('SA-003'))!.slice(4)).toEqual([
      'donnée à corriger (Santé, ligne 4)',
      '—',
    ]);
    expect(sante.rows.find((r) => String(r[1]).startsWith('SA-003'))).toBeDefined();
    const byDomain = tableAfter(doc, 'Par domaine d’intervention');
    expect(byDomain.rows.find((r) => r[0] === 'Santé')!.slice(1, 4)).toEqual(['0', '0', euros('0')]);
    // Bellevue's short report lists its actions in their domains' parts; the contract's, in the annex.
    const list = tableAfter(build(CONTRACT), 'Liste des actions');
    const pd3 = list.rows.find((r) => r[0] === 'PD-003')!;
    // The budget counts (a warning: the funding plan does not balance), marked; the credits too.
    expect(pd3[3]).toBe('Médiation de nuit à Bellevue *');
    expect(pd3[6]).toBe(euros('10 000'));
    const fundingTable = tableAfter(doc, 'Financements');
    // RU-002 12 000 + IE-001 20 000; PD-003's −5 000 is not taken off.
    expect(fundingTable.rows.find((r) => r[0] === 'Ville de Brest')!.at(-1)).toBe(euros('32 000'));
  });

  it('keeps a rejected chantier prioritaire in its table, as « donnée à corriger », uncounted', () => {
    const actions = structuredClone(PLANTED_ACTIONS);
    actions.SA.find((a) => a.id === 'SA-003')!.chantier = true;
    const result = validateWorkbook(buildWorkbook(actions, PLANTED_INDICATORS, PLANTED_MEASURES), {
      today: TODAY,
    });
    const doc = buildReport(result.data, result, {
      year: 2008,
      scope: BELLEVUE,
      generatedAt: TODAY,
      edition: 'hors-ligne',
    });
    const chantiers = tableAfter(doc, 'Chantiers prioritaires');
    expect(chantiers.rows.map((r) => [r[0], r[3]])).toEqual([
      ['IE-001 — Accueil emploi de proximité à Bellevue', 'en cours'],
      ['SA-003 — Bilans de santé des enfants de Bellevue', 'donnée à corriger (Santé, ligne 4)'],
    ]);
    expect(keyFigure(doc, 'Chantiers prioritaires')).toBe('1');
  });

  it('gives the 140 % measure no value, no achievement, no mark and no point on the chart', () => {
    const doc = build(BELLEVUE);
    // No action of Réussite éducative concerns Bellevue: its indicator is in the part of such domains.
    const re = tableAfter(doc, 'Domaine sans action');
    const row = re.rows.find((r) => String(r[0]).includes('(RE-IND-01,'))!;
    expect(row.slice(1, 4)).toEqual([
      '62\u00a0% (2006)',
      '63\u00a0%',
      'donnée à corriger (Mesures, ligne 20)',
    ]);
    expect(row[6]).toBe('—');
    expect(row[7]).toEqual({ text: 'donnée à corriger', mark: 'donnée à corriger' });
    // Its two values left (2006, 2007) make no chart: the table says them.
    const charts = doc.blocks.flatMap((b) => (b.kind === 'chart' ? [b.chart] : []));
    expect(charts.some((c) => c.title.startsWith('Réussite éducative'))).toBe(false);
    const lines = charts.filter((c) => c.kind === 'line').flatMap((c) => c.series);
    expect(Math.max(0, ...lines.flatMap((s) => s.values.filter((v) => v !== null)))).toBeLessThan(200);
    const text = allText(doc);
    expect(text).not.toContain('140\u00a0%');
    expect(text).not.toContain('1\u202f300');
  });

  it('lists every value left out in the data-quality annex, naming the offline command', () => {
    const doc = build(BELLEVUE);
    const annex = tables(doc).find((t) => t.columns[0]!.header === 'Emplacement')!;
    expect(annex.rows).toEqual([
      ['Santé, ligne 4', 'Date de fin', '(vide)', 'Une action réalisée doit avoir une date de fin.'],
      [
        'Prévention de la délinquance, ligne 4',
        'Financement VILLE (€)',
        '-5\u00a0000',
        'Financement VILLE : le montant ne peut pas être négatif.',
      ],
      [
        'Mesures, ligne 20',
        'Valeur',
        '140',
        'Un pourcentage est compris entre 0 et 100 : 140 n’en est pas un.',
      ],
    ]);
    expect(allText(doc)).toContain('la commande « pilotage-cucs valider » met à jour');
    expect(allText(doc)).not.toContain('menu « Extensions');
    expect(allText(build(BELLEVUE, 'google-sheets'))).toContain(
      'le menu « Extensions › Pilotage CUCS › Valider les données » met à jour',
    );
  });

  it('writes no « (s) »: plurals agree with their number', () => {
    const text = allText(build(CONTRACT));
    expect(text).not.toMatch(/\(s\)|\(e\)/);
    expect(text).toContain('En 2008, 14 actions sont suivies');
    expect(allText(build(BELLEVUE))).toContain('1 chantier prioritaire en 2008, dont 0 réalisé.');
  });
});

describe('every error type of the messy workbook', () => {
  const messy = () => {
    const { grids, merged } = messyWorkbook();
    const result = validateWorkbook(grids, { merged, today: new Date(2009, 5, 30) });
    return buildReport(result.data, result, {
      year: 2008,
      scope: CONTRACT,
      generatedAt: TODAY,
      edition: 'hors-ligne',
    });
  };
  const RU = 'Renouvellement urbain, habitat';
  const PD = 'Prévention de la délinquance';
  // Every error on a row of an action, an indicator or a measure; the header problems (line 1) are
  // about a column, not a value, and the annex counts them by sheet.
  const LEFT_OUT = [
    [`${RU}, ligne 5`, 'Ligne d’action'],
    ['Réussite éducative, ligne 3', 'Territoires'],
    ['Réussite éducative, ligne 3', 'Date de fin'],
    ['Insertion et emploi, ligne 2', 'ID'],
    ['Insertion et emploi, ligne 4', 'ID'],
    ['Insertion et emploi, ligne 4', 'Crédits spécifiques CUCS (€)'],
    ['Santé, ligne 3', 'Dépensé (€)'],
    ['Santé, ligne 4', 'Objectif'],
    [`${PD}, ligne 2`, 'Date de fin'],
    [`${PD}, ligne 3`, 'Objectif'],
    [`${PD}, ligne 3`, 'Financement VILLE (€)'],
    [`${PD}, ligne 4`, 'Intitulé de l’action'],
    [`${PD}, ligne 4`, 'Statut'],
    ['Indicateurs, ligne 4', 'Valeur de référence'],
    ['Indicateurs, ligne 5', 'Objectif'],
    ['Indicateurs, ligne 6', 'Sens souhaité'],
    ['Mesures, ligne 9', 'Valeur'],
    ['Mesures, ligne 20', 'Indicateur'],
    ['Mesures, ligne 21', 'Territoire'],
    ['Mesures, ligne 22', 'Année'],
    ['Mesures, ligne 23', 'Valeur'],
  ];

  it('lists each value left out in the annex of the model, the HTML and the .docx', async () => {
    const doc = messy();
    const annex = tables(doc).find((t) => t.columns[0]!.header === 'Emplacement')!;
    expect(annex.rows.map((r) => r.slice(0, 2))).toEqual(LEFT_OUT);
    const html = reportToHtml(doc);
    const xml = zipText(await renderDocx(doc, { chartImage: async () => null }), 'word/document.xml');
    for (const [place] of LEFT_OUT) {
      expect(html).toContain(`<td>${place}</td>`);
      expect(xml).toContain(`>${place}<`);
    }
  });

  it('counts none of the rejected actions and shows each of the year as « donnée à corriger »', () => {
    const doc = messy();
    const list = tableAfter(doc, 'Liste des actions');
    const status = (id: string) => list.rows.filter((r) => r[0] === id).map((r) => r[5]);
    // Both rows of the duplicated ID, each where it is.
    expect(status('IE-001')).toEqual([
      'donnée à corriger (Insertion et emploi, ligne 2)',
      'donnée à corriger (Insertion et emploi, ligne 4)',
    ]);
    const counted = list.rows.filter((r) => !String(r[5]).startsWith('donnée à corriger')).length;
    expect(keyFigure(doc, 'Actions suivies')).toBe(String(counted));
  });
});

describe('one territory rule, the same in the synthesis and every table', () => {
  it('states the rule in the method note and in the tables’ titles', () => {
    const doc = build(BELLEVUE);
    const notes = doc.blocks.at(-1) as { items: string[] };
    expect(notes.items.join('\n')).toContain('chacune pour son budget prévu entier');
    expect(allText(doc)).toContain(
      '5 actions concernent Bellevue en 2008, chacune pour son budget prévu entier.',
    );
    expect(allText(build({ kind: 'territory', code: 'BREST' }))).toContain(
      'Budget prévu des actions qui concernent chaque territoire (budget entier',
    );
  });

  it.each(['Q-PONTANEZEN', 'Q-BELLEVUE', 'Q-KEROURIEN'])(
    'for %s, a quartier, the synthesis equals its fiche’s totals (the matrix would be that one row)',
    (code) => {
      const doc = build({ kind: 'territory', code });
      expect(allText(doc)).not.toContain('Actions qui concernent chaque territoire');
      const at = doc.blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Ce que fait le contrat');
      const fiche = doc.blocks.slice(at).find((b): b is TableBlock => b.kind === 'table')!;
      expect(fiche.columns.map((c) => c.header)).toEqual(['Domaine', 'Actions', 'Budget prévu']);
      expect(fiche.footer!.slice(1)).toEqual([
        keyFigure(doc, 'Actions suivies'),
        keyFigure(doc, 'Budget prévu (hors actions abandonnées)'),
      ]);
    },
  );

  it.each(['BMO', 'BREST'])('for %s, the synthesis equals the territory’s row of both tables', (code) => {
    const doc = build({ kind: 'territory', code });
    const name = validation.data.territories.find((t) => t.code === code)!.name;
    const rowOf = (t: TableBlock) => t.rows.find((r) => String(r[0]).startsWith(`${name} (`))!;
    const count = rowOf(tableAfter(doc, 'Actions qui concernent chaque territoire'));
    const budget = rowOf(
      tableAfter(
        doc,
        'Budget prévu des actions qui concernent chaque territoire (budget entier de chaque action)',
      ),
    );
    expect(count.at(-1)).toBe(keyFigure(doc, 'Actions suivies'));
    const total = budget.at(-1) === '—' ? euros('0') : budget.at(-1);
    expect(total).toBe(keyFigure(doc, 'Budget prévu (hors actions abandonnées)'));
    const domains = tableAfter(doc, 'Par domaine d’intervention');
    expect(cellString(domains.footer![3]!)).toBe(keyFigure(doc, 'Budget prévu (hors actions abandonnées)'));
  });
});

describe('length that fits the content', () => {
  const level1 = (doc: ReportDocument) =>
    doc.blocks.flatMap((b) => (b.kind === 'heading' && b.level === 1 ? [b.text] : []));
  const docxXml = async (doc: ReportDocument) =>
    zipText(await renderDocx(doc, { chartImage: async () => null }), 'word/document.xml');
  const pageBreaks = (xml: string) =>
    (xml.match(/<w:pageBreakBefore\/>|<w:br w:type="page"\/>/g) ?? []).length;

  it('gives a territory of 5 actions a short report: a part for each domain it has actions in', () => {
    const doc = build(BELLEVUE);
    expect(doc.layout).toBe('short');
    expect(doc.blocks.filter((b) => b.kind === 'pageBreak')).toEqual([]);
    expect(level1(doc)).toEqual([
      'Fiche territoire : Bellevue (quartier prioritaire)',
      'Synthèse',
      'Suites données aux décisions',
      'Chantiers prioritaires',
      'RU — Renouvellement urbain, habitat',
      'IE — Insertion et emploi',
      'SA — Santé',
      'PD — Prévention de la délinquance',
      'Domaine sans action',
      'Financements',
      'Participation des habitants',
      'Annexes',
    ]);
    // Its actions are in their domains' parts: no objectives' summary, no list of actions to repeat them.
    const headers = tables(doc).map((t) => t.columns.map((c) => c.header).join('|'));
    expect(headers.filter((h) => h.startsWith('Objectif|Actions|'))).toEqual([]);
    expect(allText(doc)).not.toContain('Liste des actions');
    // Funders and domains that give nothing are left out of the funding table.
    expect(tableAfter(doc, 'Financements').rows.map((r) => r[0])).toEqual([
      'Crédits spécifiques du contrat',
      'État (ACSé, crédits de droit commun)',
      'Ville de Brest',
    ]);
  });

  it('draws no chart of fewer than three values, in any report', () => {
    for (const scope of [BELLEVUE, CONTRACT, { kind: 'domain', code: 'RU' } as const]) {
      for (const b of build(scope).blocks) {
        if (b.kind !== 'chart') continue;
        // A bar of zero shows nothing; a line's point at 0 % (the reference) is a value.
        const values = b.chart.series
          .flatMap((s) => s.values)
          .filter((v) => v !== null && (b.chart.kind === 'line' || v !== 0));
        expect([b.chart.title, values.length >= 3]).toEqual([b.chart.title, true]);
      }
    }
  });

  it('writes the short report’s .docx without a table of contents or a page break', async () => {
    const xml = await docxXml(build(BELLEVUE));
    expect(pageBreaks(xml)).toBe(0);
    expect(xml).not.toContain('Table of Contents');
    // The contract of 16 actions keeps its title page and its contents.
    const contract = await docxXml(build(CONTRACT));
    expect(build(CONTRACT).layout).toBe('full');
    expect(pageBreaks(contract)).toBeGreaterThanOrEqual(2);
    expect(contract).toContain('Table of Contents');
  });
});

describe('years', () => {
  it('run from the earliest reference year (2006) to the contract’s end (2009)', () => {
    const range = reportYears(
      validation.data.settings,
      validation.data.indicators.map((i) => i.record),
    );
    expect(range.years).toEqual([2006, 2007, 2008, 2009]);
    expect(refusedYear(2009, range)).toBeNull();
    expect(refusedYear(2015, range)).toBe(
      'Année 2015 hors du contrat : choisissez une année de 2006 à 2009 (début du contrat ou première année de référence d’un indicateur, jusqu’à la fin du contrat).',
    );
  });
});

describe('a warning on a measure', () => {
  // The 2007 measure of Bellevue typed with a space too many (Mesures, ligne 19): a warning, it counts.
  const measures = PLANTED_MEASURES.map((m) =>
    m.indicator === 'RE-IND-01' && m.year === 2007 && m.territory === 'Q-BELLEVUE'
      ? { ...m, territory: 'Q-BELLEVUE ' }
      : m,
  );
  const warnedBuild = () => {
    const checked = validateWorkbook(buildWorkbook(PLANTED_ACTIONS, PLANTED_INDICATORS, measures), {
      today: TODAY,
    });
    const warnings = checked.problems.filter((p) => p.sheet === 'Mesures' && p.severity === 'avertissement');
    expect(warnings.map((p) => p.row)).toEqual([19]);
    return buildReport(checked.data, checked, {
      year: 2008,
      scope: BELLEVUE,
      generatedAt: TODAY,
      edition: 'hors-ligne',
    });
  };
  const reRow = (doc: ReportDocument) =>
    tables(doc)
      .flatMap((t) => t.rows)
      .find((r) => String(r[0]).includes('(RE-IND-01,'))!;

  it('marks the value it makes in the indicator table, and the table’s note names its place', () => {
    const doc = warnedBuild();
    expect(reRow(doc).slice(1, 4)).toEqual([
      '62\u00a0% (2006)',
      '63\u00a0% *',
      'donnée à corriger (Mesures, ligne 20)',
    ]);
    expect(reRow(build(BELLEVUE))[2]).toBe('63\u00a0%');
    expect(allText(doc)).toContain(
      '* Ligne ou valeur signalée par un avertissement du contrôle des données : elle est comptée, mais à vérifier (Mesures, ligne 19 ; voir l’annexe « Qualité des données »).',
    );
  });

  it('shows the mark and its note in the HTML preview', () => {
    const html = reportToHtml(warnedBuild());
    expect(html).toContain('<td class="num">63\u00a0% *</td>');
    expect(html).toContain('(Mesures, ligne 19\u202f; voir l’annexe');
  });
});

describe('the HTML preview', () => {
  it('shows what is to correct, in French print spacing', () => {
    const html = reportToHtml(build(BELLEVUE, 'google-sheets'));
    expect(html).toContain('donnée à corriger (Mesures, ligne 20)');
    expect(html).toContain('<span class="mark mark-to-correct">✎ donnée à corriger</span>');
    expect(html).toContain(`Cofinancements</td><td class="num">${euros('92 000')}`);
    expect(html).toContain('Périmètre\u00a0: territoire «\u00a0Bellevue\u00a0» (quartier prioritaire).');
    // Outside tags, no ordinary space before « : ; ! ? » nor inside « ».
    const text = html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, '');
    expect(text).not.toMatch(/ [:;!?](\s|$)|« | »/);
    expect(text).not.toContain('(s)');
  });
});

describe('the offline edition (.xlsx → .docx)', () => {
  const { dir, cleanup } = tempDir('planted');
  afterAll(cleanup);

  beforeAll(async () => {
    const workbook = newWorkbook(TODAY, 'agent.dsu');
    fillWorkbook(workbook, plantedWorkbook());
    writeFileSync(join(dir, 'classeur.xlsx'), await xlsxBuffer(workbook));
  });

  it('writes the territory report with « donnée à corriger » and the figures counted by hand', async () => {
    const ctx = captureContext(dir, TODAY);
    const args = [
      'rapport',
      'classeur.xlsx',
      '--annee',
      '2008',
      '--territoire',
      'Q-BELLEVUE',
      '-o',
      'b.docx',
    ];
    expect(await runCli(args, ctx)).toBe(0);
    expect(ctx.out()).toContain('Attention\u00a0: le classeur contient 3 erreurs');
    const xml = zipText(readFileSync(join(dir, 'b.docx')), 'word/document.xml');
    expect(xml).toContain('donnée à corriger (Mesures, ligne 20)');
    expect(xml).toContain('donnée à corriger (Santé, ligne 4)');
    expect(xml).toContain(euros('92 000'));
    expect(xml).not.toContain(euros('87 000'));
    expect(xml).toContain('pilotage-cucs valider');
    expect(xml).not.toContain('1\u202f300');
    expect(xml).toContain('Périmètre\u00a0: territoire «\u00a0Bellevue\u00a0»');
  });

  it('renders the model to .docx with the same texts, in French print spacing', async () => {
    const doc = build(BELLEVUE);
    const xml = zipText(await renderDocx(doc, { chartImage: async () => null }), 'word/document.xml');
    expect(xml).toContain(frenchSpacing('Non compté, donnée à corriger'));
    expect(xml).toContain('✎ ');
    expect(xml).not.toMatch(/ : /);
  });

  it.each(['1999', '2015'])('refuses --annee %s, outside the contract, with exit 2', async (year) => {
    const ctx = captureContext(dir, TODAY);
    expect(await runCli(['rapport', 'classeur.xlsx', '--annee', year, '-o', `r${year}.docx`], ctx)).toBe(2);
    expect(ctx.err()).toContain(`Année ${year} hors du contrat\u00a0: choisissez une année de 2006 à 2009`);
  });
});

describe('the Google Sheets edition (Doc and preview)', () => {
  function installed() {
    const fake = createGasFake();
    const restore = fake.install();
    runInstall();
    for (const [name, grid] of plantedWorkbook()) fake.addSheetWithValues(name, grid);
    return { fake, restore };
  }

  it('writes the same « donnée à corriger » in the Doc, naming the menu', () => {
    const { fake, restore } = installed();
    try {
      generateReport({ year: 2008, scope: BELLEVUE });
      const outline = JSON.stringify(fake.documents[0]!.outline());
      expect(outline).toContain('donnée à corriger (Mesures, ligne 20)');
      expect(outline).toContain(euros('92 000'));
      expect(outline).toContain('Extensions › Pilotage CUCS › Valider les données');
      expect(outline).not.toContain('pilotage-cucs valider');
    } finally {
      restore();
    }
  });

  it('refuses a year outside the contract', () => {
    const { restore } = installed();
    try {
      expect(() => reportPreview({ year: 2015, scope: CONTRACT })).toThrow('Année 2015 hors du contrat');
    } finally {
      restore();
    }
  });
});
