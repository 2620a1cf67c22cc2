/**
 * The report's core: achievement rules, aggregations and the document built from the small workbook
 * of test/report-fixture.ts. Every expected figure is computed by hand in the comments next to it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemoWorkbook } from '../src/core/demo';
import { readWorkbook, type WorkbookData } from '../src/core/records';
import { assess, progressTowardsTarget, type Reading, trendText } from '../src/core/report/achievement';
import {
  actionsInScope,
  domainSummaries,
  fundingMatrix,
  isActiveInYear,
  keyFigures,
  type ReportScope,
  territoryMatrix,
} from '../src/core/report/aggregate';
import { buildReport } from '../src/core/report/builder';
import { reportToHtml } from '../src/core/report/html';
import {
  indexMeasures,
  indicatorRows,
  measuredTerritories,
  scopeValue,
} from '../src/core/report/indicator-values';
import { type Block, cellString, type ReportDocument } from '../src/core/report/model';
import { chartToSvg, niceTicks, wrapText } from '../src/core/report/svg';
import { smallWorkbook } from './report-fixture';

const YEAR = 2008;
const CONTRACT: ReportScope = { kind: 'contract' };
const GENERATED = new Date(2009, 0, 15, 10, 30);

let data: WorkbookData;
beforeAll(() => {
  data = readWorkbook(smallWorkbook());
});

const actions = () => data.actions.map((a) => a.record);
const inScope = (scope: ReportScope = CONTRACT) => actionsInScope(actions(), data.territories, scope, YEAR);
const build = (scope: ReportScope = CONTRACT, problems = []) =>
  buildReport(data, { problems }, { year: YEAR, scope, generatedAt: GENERATED, edition: 'google-sheets' });

const reading = (r: Partial<Reading>): Reading => ({
  direction: 'hausse',
  baseline: 0,
  target: 100,
  previous: null,
  value: null,
  ...r,
});

describe('achievement, read in the desired direction', () => {
  it('is (V − B) / (T − B) for a hausse indicator', () => {
    // 60 → 180 wanted, 150 reached: 90 / 120 = 75 %
    expect(progressTowardsTarget(60, 180, 150)).toBeCloseTo(0.75);
    expect(assess(reading({ baseline: 60, target: 180, previous: 90, value: 150 })).mark).toBe(
      'en bonne voie',
    );
  });

  it('uses the same formula for a baisse indicator: falling towards the target is progress', () => {
    // 8 → 4 wanted, 6 reached: (6 − 8) / (4 − 8) = 50 %
    const a = assess(reading({ direction: 'baisse', baseline: 8, target: 4, previous: 7, value: 6 }));
    expect(a.progress).toBeCloseTo(0.5);
    expect(a.mark).toBe('en bonne voie');
    expect(a.trend).toBe('baisse');
    expect(trendText(a.trend, 'baisse')).toBe('↘ en baisse (favorable)');
  });

  it('marks a baisse indicator that rises above its baseline as en recul', () => {
    // 300 → 250 wanted, 310 reached: (310 − 300) / (250 − 300) = −20 %
    const a = assess(reading({ direction: 'baisse', baseline: 300, target: 250, previous: 290, value: 310 }));
    expect(a.progress).toBeCloseTo(-0.2);
    expect(a.mark).toBe('en recul');
    expect(trendText(a.trend, 'baisse')).toBe('↗ en hausse (défavorable)');
  });

  it('marks atteint from 100 %, even beyond the target', () => {
    expect(assess(reading({ baseline: 40, target: 120, value: 120 })).mark).toBe('atteint');
    // 85 / 80 = 106 %
    expect(assess(reading({ baseline: 40, target: 120, previous: 100, value: 125 })).progress).toBeCloseTo(
      1.0625,
    );
    expect(assess(reading({ direction: 'baisse', baseline: 21, target: 15, value: 14 })).mark).toBe(
      'atteint',
    );
  });

  it('marks en recul a value worse than N-1 even when ahead of the baseline', () => {
    // 70 % of the way, but down from 80: moving away from the target
    expect(assess(reading({ baseline: 0, target: 100, previous: 80, value: 70 })).mark).toBe('en recul');
    // baisse: 11.5 after 11 is a rise, the wrong way
    expect(
      assess(reading({ direction: 'baisse', baseline: 12, target: 4, previous: 11, value: 11.5 })).mark,
    ).toBe('en recul');
  });

  it('needs 50 %, or 25 % while improving, to be en bonne voie; else à surveiller', () => {
    expect(assess(reading({ value: 50 })).mark).toBe('en bonne voie');
    expect(assess(reading({ value: 49 })).mark).toBe('à surveiller');
    expect(assess(reading({ previous: 20, value: 25 })).mark).toBe('en bonne voie');
    expect(assess(reading({ previous: 25, value: 25 })).mark).toBe('à surveiller');
    expect(assess(reading({ value: 30 })).mark).toBe('à surveiller');
    // baisse, exactly 25 %: (19.5 − 21) / (15 − 21) = 0.25, improving since 20
    expect(
      assess(reading({ direction: 'baisse', baseline: 21, target: 15, previous: 20, value: 19.5 })).mark,
    ).toBe('en bonne voie');
    // stable at a third of the way: (22 − 24) / (18 − 24)
    const stable = assess(
      reading({ direction: 'baisse', baseline: 24, target: 18, previous: 22, value: 22 }),
    );
    expect(stable.progress).toBeCloseTo(1 / 3);
    expect(stable.mark).toBe('à surveiller');
    expect(trendText(stable.trend, 'baisse')).toBe('→ stable');
  });

  it('reads a target equal to the baseline as « hold the line », in the desired direction', () => {
    expect(progressTowardsTarget(90, 90, 91)).toBeNull();
    expect(assess(reading({ baseline: 90, target: 90, value: 91 })).mark).toBe('atteint');
    expect(assess(reading({ baseline: 90, target: 90, value: 90 })).mark).toBe('atteint');
    expect(assess(reading({ baseline: 90, target: 90, value: 89 })).mark).toBe('en recul');
    expect(assess(reading({ direction: 'baisse', baseline: 5, target: 5, value: 4 })).mark).toBe('atteint');
    expect(assess(reading({ direction: 'baisse', baseline: 5, target: 5, value: 6 })).mark).toBe('en recul');
  });

  it('says pas de donnée without a value for N or without a reference, and no trend without N-1', () => {
    const missing = assess(reading({ previous: 40, value: null }));
    expect(missing).toEqual({ progress: null, mark: 'pas de donnée', trend: null });
    expect(assess(reading({ baseline: null, target: null, value: 10 })).mark).toBe('pas de donnée');
    expect(assess(reading({ value: 60 })).trend).toBeNull();
    expect(trendText(null, 'hausse')).toBe('— non calculable');
  });
});

describe('aggregations on the small workbook (2008)', () => {
  it('reads the fixture without problems', () => {
    expect(data.problems).toEqual([]);
  });

  it('keeps the actions whose period meets the year', () => {
    expect(isActiveInYear({ startDate: '2007-03-01', endDate: null }, YEAR)).toBe(true);
    expect(isActiveInYear({ startDate: '2006-01-01', endDate: '2007-06-30' }, YEAR)).toBe(false);
    expect(isActiveInYear({ startDate: '2009-01-01', endDate: null }, YEAR)).toBe(false);
    expect(isActiveInYear({ startDate: null, endDate: null }, YEAR)).toBe(true);
    // RE-003 ended in 2007
    expect(inScope().map((a) => a.id)).toEqual(['RU-001', 'RU-002', 'RU-003', 'RE-001', 'RE-002', 'SA-001']);
  });

  it('computes the key figures', () => {
    const k = keyFigures(inScope(), data.territories, CONTRACT);
    expect(k.actions).toBe(6);
    expect(k.byStatus).toEqual({
      programmée: 1, // RE-002
      'en cours': 1, // RU-001
      réalisée: 2, // RU-002, RE-001
      reportée: 1, // SA-001
      abandonnée: 1, // RU-003
      'statut non reconnu': 0,
    });
    expect(k.chantiers).toBe(2); // RU-001, RE-002
    // without RU-003 (abandoned): 100 000 + 50 000 + 40 000 + 30 000 + 10 000
    expect(k.budget).toBe(230_000);
    // 30 000 + 10 000 + 10 000 + 15 000 + 5 000
    expect(k.credits).toBe(70_000);
    // (50 000 + 20 000) + 40 000 + 30 000 + 15 000 + 5 000
    expect(k.cofunding).toBe(160_000);
    expect(k.participation).toBe(3); // RU-001, RE-001, SA-001
    expect(k.participationShare).toBeCloseTo(0.5);
    expect(k.quartiers.map((q) => q.code)).toEqual(['Q-PONT', 'Q-BELL']);
    expect(k.quartiersOfScope).toHaveLength(3);
  });

  it('sums by domain', () => {
    const rows = domainSummaries(inScope(), data.referentiel.domains).map((s) => [
      s.domain.code,
      s.actions,
      s.byStatus.réalisée,
      s.budget,
      s.credits,
      s.cofunding,
      s.participation,
    ]);
    expect(rows).toEqual([
      ['RU', 3, 1, 150_000, 40_000, 110_000, 1],
      ['RE', 2, 1, 70_000, 25_000, 45_000, 1],
      ['IE', 0, 0, 0, 0, 0, 0],
      ['SA', 1, 0, 10_000, 5_000, 5_000, 1],
      ['PD', 0, 0, 0, 0, 0, 0],
    ]);
  });

  it('crosses funders and domains', () => {
    const rows = fundingMatrix(inScope(), data.funders, data.referentiel.domains).map((r) => [
      r.code,
      Object.fromEntries([...r.byDomain].filter(([, v]) => v !== 0)),
      r.total,
    ]);
    expect(rows).toEqual([
      [null, { RU: 40_000, RE: 25_000, SA: 5_000 }, 70_000],
      ['ETAT', { RU: 40_000, RE: 15_000 }, 55_000],
      ['VILLE', { RU: 50_000 }, 50_000],
      ['BMO', { RU: 20_000 }, 20_000],
      ['CG29', { SA: 5_000 }, 5_000],
      ['REGION', {}, 0],
      ['CAF', { RE: 30_000 }, 30_000],
      ['BAILLEURS', {}, 0],
    ]);
  });

  it('crosses territories and domains, each action whole for every territory it concerns', () => {
    const rows = territoryMatrix(inScope(), data.territories, data.referentiel.domains, CONTRACT).map((r) => [
      r.territory?.code,
      Object.fromEntries(
        [...r.byDomain].filter(([, c]) => c.actions > 0).map(([d, c]) => [d, [c.actions, c.budget]]),
      ),
      [r.total.actions, r.total.budget],
    ]);
    expect(rows).toEqual([
      // Brest and its quartiers: every action of the year, RU-003 abandoned (no money)
      ['BREST', { RU: [3, 150_000], RE: [2, 70_000], SA: [1, 10_000] }, [6, 230_000]],
      // RU-001 100 000; RE-001 40 000 whole, though it also concerns Bellevue; SA-001 10 000
      ['Q-PONT', { RU: [1, 100_000], RE: [1, 40_000], SA: [1, 10_000] }, [3, 150_000]],
      // RU-003 abandoned (no money); RE-001 40 000 whole; RE-002 30 000
      ['Q-BELL', { RU: [1, 0], RE: [2, 70_000] }, [3, 70_000]],
      ['Q-KER', {}, [0, 0]],
    ]);
  });

  it('narrows a territory scope to the territory and what lies below it', () => {
    expect(inScope({ kind: 'territory', code: 'Q-BELL' }).map((a) => a.id)).toEqual([
      'RU-003',
      'RE-001',
      'RE-002',
    ]);
    expect(inScope({ kind: 'territory', code: 'BREST' })).toHaveLength(6);
    expect(inScope({ kind: 'domain', code: 'RE' }).map((a) => a.id)).toEqual(['RE-001', 'RE-002']);
  });

  it('reads an indicator at the agglomération, else sums or averages the widest level measured', () => {
    const index = indexMeasures(data.measures.map((m) => m.record));
    expect(measuredTerritories('RU-IND-1', index, data.territories, CONTRACT)).toEqual(['BMO']);
    // No BMO value for RE-IND-1: the two quartiers are summed (persons): 40 + 50, 70 + 80
    const codes = measuredTerritories('RE-IND-1', index, data.territories, CONTRACT);
    expect(codes).toEqual(['Q-PONT', 'Q-BELL']);
    expect(scopeValue({ code: 'RE-IND-1', unit: 'personnes' }, 2007, codes, index)).toBe(90);
    expect(scopeValue({ code: 'RE-IND-1', unit: 'personnes' }, 2008, codes, index)).toBe(150);
    // A rate would be averaged: (70 + 80) / 2
    expect(scopeValue({ code: 'RE-IND-1', unit: '%' }, 2008, codes, index)).toBe(75);
  });

  it('assesses every indicator of the contract', () => {
    const index = indexMeasures(data.measures.map((m) => m.record));
    const rows = indicatorRows(
      data.indicators.map((i) => i.record),
      index,
      data.territories,
      CONTRACT,
      YEAR,
      [2006, 2007, 2008],
    );
    const summary = rows.map((r) => [
      r.indicator.code,
      r.reading.previous,
      r.reading.value,
      r.assessment.progress === null ? null : Math.round(r.assessment.progress * 1000) / 1000,
      r.assessment.mark,
    ]);
    expect(summary).toEqual([
      ['RU-IND-1', 7, 6, 0.5, 'en bonne voie'], // (6 − 8) / (4 − 8)
      ['RU-IND-2', 100, 125, 1.063, 'atteint'], // 85 / 80
      ['RE-IND-1', 90, 150, 0.75, 'en bonne voie'], // 90 / 120
      ['RE-IND-2', 20, 19.5, 0.25, 'en bonne voie'], // −1.5 / −6, improving
      ['IE-IND-1', 22, 22, 0.333, 'à surveiller'], // −2 / −6, stable
      ['SA-IND-1', null, 91, null, 'atteint'], // target = baseline = 90
      ['SA-IND-2', 1000, null, null, 'pas de donnée'],
      ['PD-IND-1', 290, 310, -0.2, 'en recul'], // 10 / −50
    ]);
    // Chart series: the baseline year stands at 0 % when it has no measure; 2007: (7 − 8) / (4 − 8)
    expect([...rows[0]!.progressSeries.values()]).toEqual([0, 0.25, 0.5]);
  });

  it('takes a territory’s own baseline for a rate, and none for a count it never measured at the baseline', () => {
    const index = indexMeasures(data.measures.map((m) => m.record));
    const scope: ReportScope = { kind: 'territory', code: 'Q-PONT' };
    const rows = indicatorRows(
      data.indicators.map((i) => i.record),
      index,
      data.territories,
      scope,
      YEAR,
      [YEAR],
    );
    const vacancy = rows.find((r) => r.indicator.code === 'RU-IND-1')!;
    // Own 2006 value 12, contract target 4: (11.5 − 12) / (4 − 12) = 6.25 %, but up from 11
    expect(vacancy.reading).toMatchObject({ baseline: 12, target: 4, previous: 11, value: 11.5 });
    expect(vacancy.assessment.mark).toBe('en recul');
    const children = rows.find((r) => r.indicator.code === 'RE-IND-1')!;
    expect(children.reading).toMatchObject({ baseline: null, target: null, value: 70 });
    expect(children.assessment.mark).toBe('pas de donnée');
  });
});

const headings = (doc: ReportDocument) =>
  doc.blocks.flatMap((b) => (b.kind === 'heading' ? [`${'#'.repeat(b.level)} ${b.text}`] : []));
const tables = (doc: ReportDocument) =>
  doc.blocks.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');
const paragraphs = (doc: ReportDocument) =>
  doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));

describe('the report document', () => {
  it('follows the plan of the issue, a domain part for each domain', () => {
    const doc = build();
    expect(doc.name).toBe(
      'Rapport annuel Contrat urbain de cohésion sociale de Brest métropole océane 2008 — 15/01/2009',
    );
    expect(doc.blocks[0]).toEqual({
      kind: 'title',
      text: 'L’agglomération et ses quartiers : observation et mise en œuvre du contrat',
    });
    expect(doc.blocks[1]).toEqual({ kind: 'subtitle', text: 'Rapport annuel 2008' });
    const domainPart = (name: string) => [
      `# ${name}`,
      '## Objectifs et actions',
      '## Indicateurs',
      '## Avancées et freins 2008',
    ];
    const fiche = (name: string) => [
      `## Fiche territoire : ${name}`,
      '### Situation',
      '### Ce que fait le contrat',
    ];
    expect(headings(doc)).toEqual([
      '# Synthèse',
      '## Par domaine d’intervention',
      '# Suites données aux décisions',
      '# Chantiers prioritaires',
      ...domainPart('RU — Renouvellement urbain, habitat'),
      ...domainPart('RE — Réussite éducative'),
      ...domainPart('IE — Insertion et emploi'),
      ...domainPart('SA — Santé'),
      ...domainPart('PD — Prévention de la délinquance'),
      '# Fiches territoire',
      ...fiche('Pontanézen (quartier prioritaire)'),
      ...fiche('Bellevue (quartier prioritaire)'),
      ...fiche('Kérédern (quartier prioritaire)'),
      ...fiche('Brest métropole océane (agglomération)'),
      '# Financements',
      '# Participation des habitants',
      '# Annexes',
      '## Qualité des données',
      '## Liste des actions',
      '## Actions et budget par territoire',
      '### Actions qui concernent chaque territoire',
      '### Budget prévu des actions qui concernent chaque territoire (budget entier de chaque action)',
      '## Note de méthode',
    ]);
    // The title page stands apart; the parts flow on under their headings.
    const breaks = doc.blocks.flatMap((b, i) => (b.kind === 'pageBreak' ? [doc.blocks[i + 1]] : []));
    expect(breaks).toEqual([{ kind: 'heading', level: 1, text: 'Synthèse' }]);
  });

  it('states the scope, the generation date and the date of the data on the title page', () => {
    const text = paragraphs(build());
    expect(text).toContain('Périmètre : ensemble du contrat.');
    expect(text).toContain('Document généré le 15/01/2009 à 10:30.');
    // Latest « Mis à jour le »: the 2008 measures, 20/12/2008
    expect(text).toContain(
      'Données à jour au 20/12/2008 (dernière mise à jour enregistrée dans le classeur).',
    );
  });

  it('puts the hand-computed key figures in the synthesis', () => {
    const figures = tables(build())[0]!.rows.map((r) => r.map(cellString));
    expect(figures).toEqual([
      ['Actions suivies', '6'],
      ['dont programmées', '1'],
      ['dont en cours', '1'],
      ['dont réalisées', '2'],
      ['dont reportées', '1'],
      ['dont abandonnées', '1'],
      ['Chantiers prioritaires', '2'],
      ['Budget prévu (hors actions abandonnées)', '230\u202f000\u00a0€'],
      ['Crédits spécifiques du contrat', '70\u202f000\u00a0€'],
      ['Cofinancements', '160\u202f000\u00a0€'],
      ['Actions associant les habitants', '3 sur 6 (50\u00a0%)'],
      ['Quartiers prioritaires concernés', '2 sur 3 (67\u00a0%) : Pontanézen, Bellevue'],
      ['Indicateurs suivis', '8 (2 atteint, 3 en bonne voie, 1 à surveiller, 1 en recul, 1 pas de donnée)'],
    ]);
    const byDomain = tables(build())[1]!;
    expect(byDomain.footer).toEqual([
      'Total',
      '6',
      '2',
      '230\u202f000\u00a0€',
      '70\u202f000\u00a0€',
      '160\u202f000\u00a0€',
      '3',
    ]);
  });

  it('lists the chantiers prioritaires with their 2008 avancées and freins', () => {
    const chantiers = tables(build())[2]!;
    expect(chantiers.rows).toEqual([
      [
        'RU-001 — Résidentialisation des immeubles',
        'Renouvellement urbain, habitat',
        'Brest métropole habitat',
        'en cours',
        'travaux lancés',
        'retard des entreprises',
      ],
      [
        'RE-002 — Parcours de réussite éducative',
        'Réussite éducative',
        'Centre social de Bellevue',
        'programmée',
        '—',
        'recrutement du coordinateur',
      ],
    ]);
  });

  it('shows each indicator with its values, trend, achievement and mark', () => {
    const doc = build();
    const indicatorTable = tables(doc).find((t) => t.columns[0]!.header === 'Indicateur')!;
    expect(indicatorTable.columns.map((c) => c.header)).toEqual([
      'Indicateur',
      'Référence',
      '2007',
      '2008',
      'Cible',
      'Tendance 2007 → 2008',
      'Réalisation',
      'Appréciation',
    ]);
    expect(indicatorTable.rows.map((r) => r.map(cellString))).toEqual([
      [
        'Taux de vacance du parc social (RU-IND-1, %, baisse souhaitée)',
        '8\u00a0% (2006)',
        '7\u00a0%',
        '6\u00a0%',
        '4\u00a0% (2009)',
        '↘ en baisse (favorable)',
        '50\u00a0%',
        '➚ en bonne voie',
      ],
      [
        'Logements en accession livrés (RU-IND-2, logements, hausse souhaitée)',
        '40 (2006)',
        '100',
        '125',
        '120 (2009)',
        '↗ en hausse (favorable)',
        '106\u00a0%',
        '✔ atteint',
      ],
    ]);
    const health = tables(doc).filter((t) => t.columns[0]!.header === 'Indicateur')[3]!;
    expect(health.rows.map((r) => [r[6], cellString(r[7]!)])).toEqual([
      ['cible = référence', '✔ atteint'],
      ['—', '– pas de donnée'],
    ]);
  });

  it('draws the synthesis charts and one trend chart per domain with three values or more', () => {
    const charts = build().blocks.flatMap((b) => (b.kind === 'chart' ? [b.chart] : []));
    expect(charts.map((c) => [c.kind, c.title])).toEqual([
      ['bar', 'Budget prévu par domaine (€)'],
      ['stackedBar', 'Actions par statut et par domaine'],
      ['line', 'Renouvellement urbain, habitat : progression des indicateurs vers leur cible'],
      ['line', 'Réussite éducative : progression des indicateurs vers leur cible'],
      ['line', 'Insertion et emploi : progression des indicateurs vers leur cible'],
      // Santé's one indicator has two values (2007, 2008): its table says more than a line would.
      ['line', 'Prévention de la délinquance : progression des indicateurs vers leur cible'],
      ['bar', 'Financements par financeur (€)'],
    ]);
    // Insertion et emploi and Prévention de la délinquance have no action: no empty place in the bars.
    expect(charts[0]!.categories).toEqual(['Renouvellement urbain, habitat', 'Réussite éducative', 'Santé']);
    expect(charts[0]!.series[0]).toEqual({ name: 'Budget prévu', values: [150_000, 70_000, 10_000] });
    expect(charts[1]!.series.map((s) => [s.name, s.values])).toEqual([
      ['programmée', [0, 1, 0]],
      ['en cours', [1, 0, 0]],
      ['réalisée', [1, 1, 0]],
      ['reportée', [0, 0, 1]],
      ['abandonnée', [1, 0, 0]],
    ]);
    // PD-IND-1: 0 % in 2006, (290 − 300) / (250 − 300) = 20 % in 2007, −20 % in 2008
    expect(charts[5]!.categories).toEqual(['2006', '2007', '2008']);
    expect(charts[5]!.series).toEqual([{ name: 'PD-IND-1 Accidents corporels', values: [0, 20, -20] }]);
  });

  it('says so in a sentence when a part is empty', () => {
    const text = paragraphs(build());
    expect(text).toContain('Aucune action de ce domaine n’est suivie en 2008.');
    expect(text).toContain(
      'Aucune avancée ni aucun frein n’est noté pour 2008 : ajoutez des lignes « 2008 : … » dans les colonnes Avancées et Freins des actions.',
    );
    expect(text).toContain('Le contrôle des données n’a relevé aucun problème.');
    const health = paragraphs(build({ kind: 'domain', code: 'IE' }));
    expect(health).toContain('Aucun chantier prioritaire n’est suivi en 2008 dans ce périmètre.');
    expect(health).toContain('Aucune action de 2008 n’associe les habitants dans ce périmètre.');
    expect(health).toContain('Aucun financement n’est saisi pour les actions de 2008 dans ce périmètre.');
  });

  it('narrows every part to a domain scope', () => {
    const doc = build({ kind: 'domain', code: 'RE' });
    expect(doc.name).toBe(
      'Rapport annuel Contrat urbain de cohésion sociale de Brest métropole océane 2008 (domaine « Réussite éducative ») — 15/01/2009',
    );
    expect(headings(doc).filter((h) => h.startsWith('# R'))).toEqual(['# RE — Réussite éducative']);
    expect(tables(doc)[0]!.rows[0]).toEqual(['Actions suivies', '2']);
  });

  it('summarises the validation in the annex', () => {
    const problem = (sheet: string, severity: 'erreur' | 'avertissement') => ({
      severity,
      sheet,
      row: 3,
      column: 'Statut',
      columnIndex: 11,
      value: 'x',
      message: 'm',
    });
    const doc = build(CONTRACT, [
      problem('Santé', 'erreur'),
      problem('Santé', 'erreur'),
      problem('Mesures', 'avertissement'),
    ] as never);
    expect(paragraphs(doc)).toContain(
      'Le contrôle des données a relevé 2 erreurs et 1 avertissement ; le détail figure dans la feuille Contrôles, que le menu « Extensions › Pilotage CUCS › Valider les données » met à jour. Une valeur en erreur n’est comptée dans aucun total, taux, graphique ni appréciation de ce rapport : elle y figure comme « donnée à corriger ». Un avertissement n’écarte rien, mais ce qu’il concerne porte la marque *.',
    );
    const quality = tables(doc).find((t) => t.columns[0]!.header === 'Feuille')!;
    expect(quality.rows).toEqual([
      ['Santé', '2', '0'],
      ['Mesures', '0', '1'],
    ]);
    expect(quality.footer).toEqual(['Total', '2', '1']);
  });

  it('writes the method note of the annex with the thresholds it applies', () => {
    const doc = build();
    const notes = doc.blocks.at(-1)!;
    expect(notes.kind).toBe('bullets');
    const text = (notes as { items: string[] }).items.join('\n');
    expect(text).toContain('(valeur N − valeur de référence) ÷ (cible − valeur de référence)');
    expect(text).toContain('« atteint » à partir de 100\u00a0%');
    expect(text).toContain(
      '« en bonne voie » à partir de 50\u00a0%, ou à partir de 25\u00a0% si la valeur s’améliore',
    );
    expect(text).toContain('la mesure du territoire de niveau agglomération');
  });
});

describe('every scope of the demo workbook', () => {
  it('keeps the same parts for the contract, each territory and each domain, every domain in one', () => {
    const demo = readWorkbook(buildDemoWorkbook());
    const scopes: ReportScope[] = [
      CONTRACT,
      ...demo.territories.map((t) => ({ kind: 'territory' as const, code: t.code })),
      ...demo.referentiel.domains.map((d) => ({ kind: 'domain' as const, code: d.code })),
    ];
    for (const scope of scopes) {
      const doc = buildReport(
        demo,
        { problems: [] },
        { year: YEAR, scope, generatedAt: GENERATED, edition: 'google-sheets' },
      );
      const all = headings(doc).filter((h) => h.startsWith('# ') && !/^# [A-Z]{2} — /.test(h));
      // A short territory report gathers the domains without action there in one part.
      const without = all.find((h) => /^# Domaines? sans action$/.test(h));
      const parts = all.filter((h) => h !== without);
      // A territory report opens with its fiche; the others have a fiche per quartier and the agglomération.
      const territory =
        scope.kind === 'territory' ? demo.territories.find((t) => t.code === scope.code)! : null;
      expect(parts).toEqual([
        ...(territory ? [`# Fiche territoire : ${territory.name} (${territory.level})`] : []),
        '# Synthèse',
        '# Suites données aux décisions',
        '# Chantiers prioritaires',
        ...(territory ? [] : ['# Fiches territoire']),
        '# Financements',
        '# Participation des habitants',
        '# Annexes',
      ]);
      const domains = headings(doc).filter((h) => /^# [A-Z]{2} — /.test(h));
      const at = doc.blocks.findIndex((b) => b.kind === 'heading' && `# ${b.text}` === without);
      const sentence = at < 0 ? '' : (doc.blocks[at + 1] as { text: string }).text;
      const listed = demo.referentiel.domains.filter((d) => sentence.includes(`« ${d.name} »`));
      expect(domains.length + listed.length).toBe(scope.kind === 'domain' ? 1 : 5);
      if (doc.layout === 'full') expect(without).toBeUndefined();
    }
  });
});

describe('HTML rendering', () => {
  const SNAPSHOT = join(__dirname, 'report-small.html');

  it('matches the readable snapshot of the small workbook (UPDATE_REPORT_SNAPSHOT=1 rewrites it)', () => {
    const html = reportToHtml(build());
    if (process.env.UPDATE_REPORT_SNAPSHOT === '1') writeFileSync(SNAPSHOT, html);
    expect(html).toBe(readFileSync(SNAPSHOT, 'utf8'));
  });

  it('escapes the workbook’s text', () => {
    const html = reportToHtml(build());
    expect(html).toContain('Local de gestion urbaine &lt;abandonné&gt;');
    expect(html).not.toContain('<abandonné>');
  });
});

describe('SVG charts', () => {
  it('chooses round ticks and wraps long labels', () => {
    expect(niceTicks(0, 150_000)).toEqual([0, 50_000, 100_000, 150_000]);
    expect(niceTicks(-20, 100)).toEqual([-25, 0, 25, 50, 75, 100]);
    expect(wrapText('Renouvellement urbain, habitat', 14, 3)).toEqual([
      'Renouvellement',
      'urbain,',
      'habitat',
    ]);
    expect(wrapText('un deux trois quatre cinq six', 7, 2)).toEqual(['un deux', 'trois…']);
  });

  it('draws one bar per value, one path per series, with French numbers and escaped text', () => {
    const svg = chartToSvg(
      {
        kind: 'bar',
        title: 'Budget <test>',
        categories: ['A', 'B'],
        series: [
          { name: 'S1', values: [1500, 2500] },
          { name: 'S2', values: [500, null] },
        ],
        unit: '€',
        description: 'd',
      },
      { width: 600, height: 300 },
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300"')).toBe(true);
    expect(svg).toContain('<title>Budget &lt;test&gt;</title>');
    expect(svg.match(/<rect [^>]*fill="#(0072B2|E69F00)"><title>/g)).toHaveLength(3);
    expect(svg).toContain('B — S1\u00a0: 2\u202f500\u00a0€');
    expect(svg).toContain('font-family="DejaVu Sans, Arial, sans-serif"');
    const line = chartToSvg(
      {
        kind: 'line',
        title: 't',
        categories: ['2006', '2007', '2008', '2009'],
        series: [{ name: 'S', values: [0, 20, null, 60] }],
        unit: '% de la cible',
        description: 'd',
      },
      { width: 600, height: 300 },
    );
    // The missing 2008 breaks the line: one segment 2006–2007, a lone point in 2009
    expect(line.match(/<polyline /g)).toHaveLength(1);
    expect(line.match(/<circle /g)).toHaveLength(3);
  });
});
