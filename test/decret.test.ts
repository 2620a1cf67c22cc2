/**
 * The report plan of the contrats de ville (décret n° 2015-1118): its six parts fed by the workbook's
 * data, and the Avis sheet whose opinions are annexed, with the one-month rule between saisine and
 * délibération checked by the validation and recalled by the report.
 */
import type { Grid } from '../src/core/cells';
import { buildDemoWorkbook } from '../src/core/demo';
import { planInstall } from '../src/core/install';
import { oneMonthAfter } from '../src/core/opinions';
import { findPreset } from '../src/core/presets';
import { actionsInScope } from '../src/core/report/aggregate';
import { buildReport } from '../src/core/report/builder';
import { DECRET_TITLES, porteurKind, urbanRenewalActions } from '../src/core/report/decret';
import { reportToHtml } from '../src/core/report/html';
import { type Block, cellString } from '../src/core/report/model';
import { validateWorkbook } from '../src/core/validate';
import { renderGoogleDoc } from '../src/gas/google-doc';
import { createGasFake } from './fake';

const TODAY = new Date(2017, 0, 15);
const CDV = findPreset('contrat-de-ville-2015')!;

/**
 * The contrat de ville demo workbook, its Avis and its DSU and délibération settings emptied, then filled
 * as a test needs.
 */
function cdvWorkbook(settings: Record<string, unknown> = {}, opinions: unknown[][] = []): Map<string, Grid> {
  const grids = buildDemoWorkbook({ preset: CDV });
  const params = grids.get('Paramètres')!;
  grids.set('Avis', grids.get('Avis')!.slice(0, 1));
  const cleared = { 'Date de délibération du rapport': '', 'Communes bénéficiaires de la DSU': '' };
  for (const [name, value] of Object.entries({ ...cleared, ...settings })) {
    const row = params.find((r) => r[0] === name)!;
    row[1] = value as Grid[number][number];
  }
  const avis = grids.get('Avis')!;
  for (const row of opinions) avis.push(row as Grid[number]);
  return grids;
}

function report(grids: Map<string, Grid>) {
  const validation = validateWorkbook(grids, { today: TODAY });
  return {
    validation,
    blocks: buildReport(validation.data, validation, {
      year: 2016,
      scope: { kind: 'contract' },
      generatedAt: TODAY,
      edition: 'google-sheets',
    }).blocks,
  };
}

/** The blocks of a part, from its heading to the next heading of the same level. */
function part(blocks: Block[], title: string): Block[] {
  const start = blocks.findIndex((b) => b.kind === 'heading' && b.text === title);
  expect(start).toBeGreaterThanOrEqual(0);
  const level = (blocks[start] as { level: number }).level;
  const end = blocks.findIndex((b, i) => i > start && b.kind === 'heading' && b.level <= level);
  return blocks.slice(start, end < 0 ? undefined : end);
}
const tables = (blocks: Block[]) =>
  blocks.flatMap((b) => (b.kind === 'table' ? [b.rows.map((r) => r.map(cellString))] : []));
const texts = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));

describe('the Avis sheet', () => {
  it('belongs to the contrats de ville, not to a CUCS workbook', () => {
    expect(planInstall(new Map(), CDV).sheets.map((s) => s.spec.name)).toContain('Avis');
    expect(planInstall(new Map()).sheets.map((s) => s.spec.name)).not.toContain('Avis');
  });

  it('counts a month from the saisine, to the month’s last day when it has no such day', () => {
    expect(oneMonthAfter('2016-05-15')).toBe('2016-06-15');
    expect(oneMonthAfter('2016-01-31')).toBe('2016-02-29');
    expect(oneMonthAfter('2016-12-10')).toBe('2017-01-10');
  });

  it('warns on the saisine less than a month before the délibération, and refuses an opinion before it', () => {
    const grids = cdvWorkbook({ 'Date de délibération du rapport': new Date(2016, 5, 10) }, [
      [
        2016,
        'conseil citoyen',
        'Conseil citoyen de Pontanézen',
        'Q-PONTANEZEN',
        new Date(2016, 4, 2),
        new Date(2016, 4, 20),
        'Avis favorable, avec une réserve sur la propreté.',
      ],
      [
        2016,
        'conseil municipal',
        'Conseil municipal de Brest',
        'BREST',
        new Date(2016, 4, 20),
        new Date(2016, 4, 30),
        'https://exemple.fr/deliberation.pdf',
      ],
      [
        2016,
        'conseil citoyen',
        'Conseil citoyen de Bellevue',
        'Q-BELLEVUE',
        new Date(2016, 3, 20),
        new Date(2016, 3, 10),
        '',
      ],
    ]);
    const { validation, blocks } = report(grids);
    const onAvis = validation.problems.filter((p) => p.sheet === 'Avis');
    expect(onAvis.map((p) => [p.row, p.column, p.severity, p.message])).toEqual([
      [
        3,
        'Date de saisine',
        'avertissement',
        'Saisine à moins d’un mois de la délibération du 10/06/2016 (Paramètres)\u00a0: l’instance doit disposer d’au moins un mois pour rendre son avis.',
      ],
      [4, 'Date de l’avis', 'erreur', 'L’avis est daté d’avant la saisine.'],
    ]);
    const annex = part(blocks, 'Avis des conseils citoyens et des conseils municipaux');
    expect(texts(annex)).toEqual([
      'Délibération du conseil communautaire\u00a0: 10/06/2016.',
      'Attention\u00a0: Conseil municipal de Brest a été saisi le 20/05/2016, moins d’un mois avant la délibération du 10/06/2016.',
    ]);
    expect(tables(annex)[0]).toEqual([
      [
        'Conseil citoyen de Pontanézen (conseil citoyen)',
        '02/05/2016',
        '20/05/2016',
        'Avis favorable, avec une réserve sur la propreté.',
      ],
      [
        'Conseil municipal de Brest (conseil municipal)',
        '20/05/2016',
        '30/05/2016',
        'https://exemple.fr/deliberation.pdf',
      ],
    ]);
  });

  it('annexes the opinions and warns, in the report, of a late saisine', () => {
    const grids = cdvWorkbook({ 'Date de délibération du rapport': new Date(2016, 5, 10) }, [
      [2016, 'conseil municipal', 'Conseil municipal de Brest', 'BREST', new Date(2016, 4, 20), null, ''],
      [
        2015,
        'conseil municipal',
        'Conseil municipal de Brest',
        'BREST',
        new Date(2015, 4, 2),
        new Date(2015, 4, 30),
        'Avis de 2015',
      ],
    ]);
    const annex = part(report(grids).blocks, 'Avis des conseils citoyens et des conseils municipaux');
    expect(annex.find((b) => b.kind === 'paragraph' && b.tone === 'warning')).toEqual({
      kind: 'paragraph',
      tone: 'warning',
      text: 'Attention\u00a0: Conseil municipal de Brest a été saisi le 20/05/2016, moins d’un mois avant la délibération du 10/06/2016.',
    });
    expect(tables(annex)[0]).toEqual([
      ['Conseil municipal de Brest (conseil municipal)', '20/05/2016', 'avis attendu', '—'],
    ]);
  });
});

describe('the model named in Paramètres', () => {
  it('warns, on its cell, of a model the add-on does not know: the report then follows the CUCS plan', () => {
    const grids = cdvWorkbook({ 'Modèle du contrat': 'contrat de ville' });
    const { validation, blocks } = report(grids);
    const row = grids.get('Paramètres')!.findIndex((r) => r[0] === 'Modèle du contrat') + 1;
    expect(validation.problems.filter((p) => p.sheet === 'Paramètres')).toEqual([
      expect.objectContaining({
        severity: 'avertissement',
        row,
        column: 'Valeur',
        message:
          'Modèle du contrat « contrat de ville » inconnu\u00a0: le rapport suit le plan du CUCS. Indiquez cucs-brest-2006, contrat-de-ville-2015 ou quartiers-2030.',
      }),
    ]);
    expect(blocks.some((b) => b.kind === 'heading' && b.text === DECRET_TITLES[0])).toBe(false);
  });
});

describe('the six parts of décret n° 2015-1118', () => {
  it('follows the plan, the CUCS parts inside the third', () => {
    const { blocks } = report(cdvWorkbook());
    const h1 = blocks.flatMap((b) => (b.kind === 'heading' && b.level === 1 ? [b.text] : []));
    expect(h1).toEqual(['Synthèse', ...DECRET_TITLES, 'Annexes']);
    const third = part(blocks, DECRET_TITLES[2]);
    expect(
      third.filter((b) => b.kind === 'heading' && b.level === 2).map((b) => (b as { text: string }).text),
    ).toEqual([
      'Suites données aux décisions',
      'Chantiers prioritaires',
      'CS — Cohésion sociale',
      'CV — Cadre de vie, renouvellement',
      'DE — Économie et emploi',
      'Fiches territoire',
      'Financements',
      'Participation des habitants',
      'Axes transversaux',
    ]);
  });

  it('part 1 lists the orientations, their objectives and the axes of the Référentiel', () => {
    const first = part(report(cdvWorkbook()).blocks, DECRET_TITLES[0]);
    const lists = first.flatMap((b) => (b.kind === 'bullets' ? [b.items] : []));
    expect(lists[0]).toEqual(CDV.referentiel.domains[0]!.objectives.map((o) => `${o.code} — ${o.label}`));
    expect(lists.at(-1)).toEqual(CDV.referentiel.axes.map((a) => `${a.code} — ${a.label}`));
  });

  it('part 2 shows the domains’ context and result indicators after the transversal ones', () => {
    const grids = cdvWorkbook();
    const second = part(report(grids).blocks, DECRET_TITLES[1]);
    const data = validateWorkbook(grids, { today: TODAY }).data;
    const ofDomains = (kind: string) =>
      data.indicators.filter((i) => i.record.kind === kind && i.record.domain !== '').length;
    const [, context, results] = tables(second);
    expect(context).toHaveLength(ofDomains('contexte'));
    expect(results).toHaveLength(ofDomains('résultat'));
    expect(second.flatMap((b) => (b.kind === 'heading' && b.level === 2 ? [b.text] : []))).toEqual([
      'Indicateurs de contexte transversaux',
      'Indicateurs de contexte des orientations',
      'Indicateurs de résultat',
    ]);
  });

  it('part 2 marks a result value a warning concerns, and names its measure under the table', () => {
    const grids = cdvWorkbook();
    const data = validateWorkbook(grids, { today: TODAY }).data;
    const result = data.indicators.find(
      (i) => i.record.kind === 'résultat' && i.record.domain !== '',
    )!.record;
    const mesures = grids.get('Mesures')!;
    const [indicator, year, territory] = ['Indicateur', 'Année', 'Territoire'].map((h) =>
      mesures[0]!.indexOf(h),
    );
    const row = mesures.findIndex(
      (r) => String(r[indicator!]).startsWith(result.code) && r[year!] === 2016 && r[territory!] !== '',
    );
    // A territory typed with a space too many: a warning; the value counts.
    mesures[row]![territory!] = `${mesures[row]![territory!]} `;
    const second = part(report(grids).blocks, DECRET_TITLES[1]);
    const results = part(second, 'Indicateurs de résultat');
    expect(tables(results)[0]!.some((r) => r.some((c) => c.endsWith(' *')))).toBe(true);
    expect(results.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []))).toContainEqual(
      expect.stringContaining(`(Mesures, ligne ${row + 1} ; voir l’annexe « Qualité des données »)`),
    );
  });

  it('part 3 counts the actions by porteur: EPCI, communes, others', () => {
    const ctx = {
      data: {
        territories: [
          { code: 'BMO', name: 'Brest métropole', level: 'agglomération' as const, parent: '', comment: '' },
          { code: 'GUIPAVAS', name: 'Guipavas', level: 'commune' as const, parent: 'BMO', comment: '' },
        ],
      },
    } as never;
    expect(porteurKind('BMO — mission renouvellement urbain, Brest métropole', ctx)).toBe('EPCI');
    expect(porteurKind('Ville de Brest — direction éducation', ctx)).toBe('Communes');
    expect(porteurKind('Centre communal d’action sociale de Guipavas', ctx)).toBe('Communes');
    expect(porteurKind('Mission locale du pays de Brest', ctx)).toBe(
      'Autres porteurs (État, associations, bailleurs…)',
    );
    const grids = cdvWorkbook();
    const { blocks, validation } = report(grids);
    const byPorteur = part(blocks, DECRET_TITLES[2]).find((b) => b.kind === 'table')!;
    if (byPorteur.kind !== 'table') throw new Error('no table');
    const count = (cell: string) => Number(cell.replace(/\s/g, ''));
    const rows = byPorteur.rows.map((r) => r.map(cellString));
    expect(rows.map((r) => r[0])).toEqual([
      'EPCI',
      'Communes',
      'Autres porteurs (État, associations, bailleurs…)',
    ]);
    // The year's actions, classified one by one, give the same counts as the table.
    const actions = actionsInScope(
      validation.data.actions.map((x) => x.record),
      validation.data.territories,
      { kind: 'contract' },
      2016,
    );
    const kinds = actions.map((x) => porteurKind(x.porteur, { data: validation.data } as never));
    expect(rows.map((r) => count(r[1]!))).toEqual(rows.map((r) => kinds.filter((k) => k === r[0]).length));
    expect(count(cellString(byPorteur.footer![1]!))).toBe(actions.length);
    expect(kinds.filter((k) => k === 'EPCI').length).toBeGreaterThan(0);
    expect(kinds.filter((k) => k === 'Communes').length).toBeGreaterThan(0);
  });

  it('part 5 takes the actions of the renewal pillar; part 6 those of the DSU communes named in Paramètres', () => {
    const grids = cdvWorkbook({ 'Communes bénéficiaires de la DSU': 'BREST' });
    const { blocks, validation } = report(grids);
    const fifth = part(blocks, DECRET_TITLES[4]);
    const renewal = urbanRenewalActions({
      data: validation.data,
      actions: validation.data.actions.map((a) => a.record),
    });
    expect(renewal.length).toBeGreaterThan(0);
    expect(renewal.every((a) => a.domain === 'CV')).toBe(true);
    expect(tables(fifth)[0]!.length).toBeGreaterThan(0);
    expect(tables(fifth)[0]!.every((r) => r[1] === 'Cadre de vie, renouvellement')).toBe(true);
    const sixth = part(blocks, DECRET_TITLES[5]);
    expect(sixth.some((b) => b.kind === 'heading' && b.text === 'Brest')).toBe(true);
    expect(tables(sixth)[0]!.length).toBeGreaterThan(0);
    const none = part(report(cdvWorkbook()).blocks, DECRET_TITLES[5]);
    expect(texts(none)).toEqual([
      'Aucune commune bénéficiaire de la dotation de solidarité urbaine n’est indiquée (paramètre « Communes bénéficiaires de la DSU »)\u00a0: cette partie est sans objet.',
    ]);
  });
});

describe('part 2: the transversal context indicators, quartier by quartier', () => {
  /** The Mesures row of an indicator's value for a year and territory, and its sheet row number. */
  function measureRow(grids: Map<string, Grid>, indicator: string, year: number, territory: string) {
    const rows = grids.get('Mesures')!;
    const index = rows.findIndex((r) => r[0] === indicator && r[1] === year && r[2] === territory);
    expect(index).toBeGreaterThan(0);
    return { row: rows[index]!, line: index + 1 };
  }
  const transversal = (blocks: Block[]) => tables(part(blocks, 'Indicateurs de contexte transversaux'))[0]!;
  const rowOf = (rows: string[][], indicator: string, quartier: string) =>
    rows.find((r) => r[0] === indicator && r[1] === quartier);
  const CHOMAGE = 'Taux de chômage des 15-64 ans';
  /** A fiche's situation table (the fiches sit in part 3, their headings one level down). */
  const ficheTable = (blocks: Block[], name: string) => {
    const start = blocks.findIndex(
      (b) => b.kind === 'heading' && b.text.startsWith(`Fiche territoire : ${name}`),
    );
    expect(start).toBeGreaterThanOrEqual(0);
    return tables(blocks.slice(start))[0]!;
  };

  it('compares each quartier with its commune and the agglomération, gap and evolution computed by hand', () => {
    const grids = cdvWorkbook();
    // The demo's unemployment rates (%), reference year 2014: Bellevue 21,3 → 20,6, Brest 12,6 → 11,2,
    // Brest métropole océane 9,1 in 2016.
    const value = (year: number, territory: string) => measureRow(grids, 'CTX-CHOM', year, territory).row[3];
    expect([value(2014, 'Q-BELLEVUE'), value(2016, 'Q-BELLEVUE')]).toEqual([21.3, 20.6]);
    expect([value(2014, 'BREST'), value(2016, 'BREST'), value(2016, 'BMO')]).toEqual([12.6, 11.2, 9.1]);
    const { blocks } = report(grids);
    const second = part(blocks, DECRET_TITLES[1]);
    const heads = second.find((b) => b.kind === 'table')!;
    if (heads.kind !== 'table') throw new Error('no table');
    expect(heads.columns.map((c) => c.header)).toEqual([
      'Indicateur',
      'Quartier prioritaire',
      '2016',
      'Brest',
      'Brest métropole océane',
      'Écart à la commune',
      'Évolution depuis 2014',
      'Lecture',
    ]);
    const rows = transversal(blocks);
    // 20,6 − 11,2 = +9,4 points against 8,7 in 2014 (21,3 − 12,6): the gap widens though the rate fell
    // by 0,7 point (21,3 → 20,6), a fall wished for.
    expect(rowOf(rows, CHOMAGE, 'Bellevue')).toEqual([
      CHOMAGE,
      'Bellevue',
      '20,6\u00a0%',
      '11,2\u00a0%',
      '9,1\u00a0%',
      '+9,4\u00a0pts',
      '−0,7\u00a0pts (amélioration)',
      'écart qui se creuse',
    ]);
    // Every quartier prioritaire under each transversal indicator measured for it, in the sheets' order.
    const quartiers = grids
      .get('Territoires')!
      .filter((r) => r[2] === 'quartier prioritaire')
      .map((r) => r[1]);
    expect(rows.filter((r) => r[0] === CHOMAGE).map((r) => r[1])).toEqual(quartiers);
    const indicators = grids
      .get('Indicateurs')!
      .filter((r) => r[1] === 'transversal' && r[4] === 'contexte')
      .map((r) => r[3]);
    expect([...new Set(rows.map((r) => r[0]))]).toEqual(indicators);
    // A value under the secret statistique is shown as such: neither gap nor evolution.
    expect(rows.find((r) => r[2] === 'secret statistique')!.slice(5)).toEqual(['—', '—', '—']);
    // The same cells as the quartier's fiche territoire (whose figures observation-report.test.ts
    // checks against hand-computed ones).
    expect(ficheTable(blocks, 'Pontanézen').find((r) => r[0] === CHOMAGE)).toEqual(
      rowOf(rows, CHOMAGE, 'Pontanézen')!.filter((_, i) => i !== 1),
    );
  });

  it('leaves out a measure the validation rejects, and says where to correct it, in the fiche too', () => {
    const grids = cdvWorkbook();
    const { row, line } = measureRow(grids, 'CTX-CHOM', 2016, 'Q-PONTANEZEN');
    row[3] = 140;
    const { validation, blocks } = report(grids);
    expect(
      validation.problems.some((p) => p.sheet === 'Mesures' && p.row === line && p.severity === 'erreur'),
    ).toBe(true);
    const toCorrect = `donnée à corriger (Mesures, ligne ${line})`;
    expect(rowOf(transversal(blocks), CHOMAGE, 'Pontanézen')!.slice(2)).toEqual([
      toCorrect,
      '11,2\u00a0%',
      '9,1\u00a0%',
      '—',
      '—',
      '—',
    ]);
    expect(ficheTable(blocks, 'Pontanézen').find((r) => r[0] === CHOMAGE)![1]).toBe(toCorrect);
    // The whole of the quartiers is unknown rather than summed without Pontanézen.
    expect(ficheTable(blocks, 'Brest métropole océane').find((r) => r[0] === CHOMAGE)![2]).toBe(
      'non agrégeable ou incomplet',
    );
    // Neither the 140 % nor a chart value of 140: only the data-quality annex names it.
    for (const title of [DECRET_TITLES[1], 'Fiches territoire']) {
      expect(JSON.stringify(part(blocks, title))).not.toMatch(/140[\s\u00a0\u202f]*%|[[,]140[,\]]/);
    }
  });

  it('keeps to the quartiers of a territory report', () => {
    const grids = cdvWorkbook();
    const validation = validateWorkbook(grids, { today: TODAY });
    const blocks = buildReport(validation.data, validation, {
      year: 2016,
      scope: { kind: 'territory', code: 'Q-BELLEVUE' },
      generatedAt: TODAY,
      edition: 'hors-ligne',
    }).blocks;
    const rows = transversal(blocks);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(['Bellevue']));
  });

  it('says so when no transversal indicator is measured for the quartiers', () => {
    const grids = cdvWorkbook();
    grids.set(
      'Mesures',
      grids.get('Mesures')!.filter((r, i) => i === 0 || !String(r[0]).startsWith('CTX-')),
    );
    const blocks = part(report(grids).blocks, 'Indicateurs de contexte transversaux');
    expect(tables(blocks)).toEqual([]);
    expect(texts(blocks)).toEqual([
      'Aucun indicateur de contexte transversal n’est mesuré en 2016 pour les quartiers prioritaires de ce périmètre\u00a0: importez les données d’observation (INSEE, CAF…) ou saisissez-les dans la feuille Mesures.',
    ]);
  });

  it('reaches the HTML preview and the Google Doc', () => {
    const grids = cdvWorkbook();
    const validation = validateWorkbook(grids, { today: TODAY });
    const doc = buildReport(validation.data, validation, {
      year: 2016,
      scope: { kind: 'contract' },
      generatedAt: TODAY,
      edition: 'google-sheets',
    });
    const html = reportToHtml(doc);
    expect(html).toContain('<h3>Indicateurs de contexte transversaux</h3>');
    expect(html).toMatch(/<td>Taux de chômage des 15-64 ans<\/td><td>Pontanézen<\/td>/);
    const fake = createGasFake();
    const restore = fake.install();
    try {
      renderGoogleDoc(doc);
      const outline = fake.documents[0]!.outline();
      const at = outline.findIndex(
        (e) => e.type === 'PARAGRAPH' && e.text === 'Indicateurs de contexte transversaux',
      );
      expect(outline[at]).toMatchObject({ heading: 'HEADING2' });
      const table = outline.slice(at).find((e) => e.type === 'TABLE');
      if (table?.type !== 'TABLE') throw new Error('no table');
      expect(table.rows.find((r) => r[0] === CHOMAGE && r[1] === 'Pontanézen')).toEqual(
        rowOf(transversal(doc.blocks), CHOMAGE, 'Pontanézen'),
      );
    } finally {
      restore();
    }
  });
});
