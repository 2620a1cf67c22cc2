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
import { type Block, cellString } from '../src/core/report/model';
import { validateWorkbook } from '../src/core/validate';

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

  it('part 2 shows the context and result indicators', () => {
    const grids = cdvWorkbook();
    const second = part(report(grids).blocks, DECRET_TITLES[1]);
    const data = validateWorkbook(grids, { today: TODAY }).data;
    // Transversal context indicators (no domain) are read in the fiches territoire, not in this table.
    const observed = data.indicators.filter(
      (i) => i.record.kind === 'contexte' && i.record.domain !== '',
    ).length;
    const [first] = tables(second);
    expect(first).toHaveLength(observed);
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
