/** The « Fiche territoire » of the report, built from the demo workbook's fictional observation data. */
import { buildDemoWorkbook } from '../src/core/demo';
import { readWorkbook, type WorkbookData } from '../src/core/records';
import { buildReport } from '../src/core/report/builder';
import { formatEuros } from '../src/core/report/format';
import { type Block, cellString, paragraph, type ReportDocument } from '../src/core/report/model';
import { validateWorkbook } from '../src/core/validate';

const GENERATED = new Date(2009, 0, 15, 10, 30);
let data: WorkbookData;
beforeAll(() => {
  data = readWorkbook(buildDemoWorkbook());
});

const build = (scope: Parameters<typeof buildReport>[2]['scope']): ReportDocument =>
  buildReport(
    data,
    { problems: [] },
    { year: 2008, scope, generatedAt: GENERATED, edition: 'google-sheets' },
  );

const headings = (doc: ReportDocument) =>
  doc.blocks.flatMap((b) => (b.kind === 'heading' ? [`${b.level} ${b.text}`] : []));

/** The blocks from a heading to the next heading of the same or a higher level. */
function section(doc: ReportDocument, text: string): Block[] {
  const start = doc.blocks.findIndex((b) => b.kind === 'heading' && b.text === text);
  const level = (doc.blocks[start] as Extract<Block, { kind: 'heading' }>).level;
  const end = doc.blocks.findIndex((b, i) => i > start && b.kind === 'heading' && b.level <= level);
  return doc.blocks.slice(start, end < 0 ? undefined : end);
}

const rowsOf = (block: Block | undefined) =>
  block?.kind === 'table' ? block.rows.map((r) => r.map(cellString)) : [];

describe('the Fiche territoire', () => {
  it('replaces the contract report’s Territoires part: a fiche per quartier, then the agglomération', () => {
    const h = headings(build({ kind: 'contract' }));
    expect(h).toContain('1 Fiches territoire');
    expect(h).not.toContain('1 Territoires');
    expect(h.filter((t) => t.startsWith('2 Fiche territoire'))).toEqual([
      '2 Fiche territoire : Pontanézen (quartier prioritaire)',
      '2 Fiche territoire : Bellevue (quartier prioritaire)',
      '2 Fiche territoire : Kérédern (quartier prioritaire)',
      '2 Fiche territoire : Kérourien (quartier prioritaire)',
      '2 Fiche territoire : Recouvrance (quartier prioritaire)',
      '2 Fiche territoire : Quéliverzan (quartier prioritaire)',
      '2 Fiche territoire : Lambézellec (quartier prioritaire)',
      '2 Fiche territoire : Brest métropole océane (agglomération)',
    ]);
    // The matrix stays, in the annexes.
    expect(h).toContain('2 Actions et budget par territoire');
  });

  it('sets the quartier next to Brest and the agglomération, with gaps and evolutions', () => {
    const doc = build({ kind: 'territory', code: 'Q-PONTANEZEN' });
    expect(headings(doc)[0]).toBe('1 Fiche territoire : Pontanézen (quartier prioritaire)');
    const situation = section(doc, 'Situation');
    const table = situation.find((b) => b.kind === 'table');
    const chomage = rowsOf(table).find((r) => r[0] === 'Taux de chômage des 15-64 ans')!;
    // 25,1 % against 11,2 %: 13,9 points; 27,5 → 25,1: −2,4 points; the gap was 14,9 points in 2006.
    expect(chomage).toEqual([
      'Taux de chômage des 15-64 ans',
      '25,1\u00a0%',
      '11,2\u00a0%',
      '9,1\u00a0%',
      '+13,9\u00a0pts',
      '−2,4\u00a0pts (amélioration)',
      'écart qui se réduit',
    ]);
    const chart = situation.find((b) => b.kind === 'chart');
    expect(chart?.kind === 'chart' && chart.chart.series.map((s) => s.name)).toEqual([
      'Pontanézen',
      'Brest',
      'Brest métropole océane',
    ]);
  });

  it('marks a value a warning concerns, and names its measure under the table', () => {
    const grids = buildDemoWorkbook();
    const mesures = grids.get('Mesures')!;
    const [indicator, year, territory] = ['Indicateur', 'Année', 'Territoire'].map((h) =>
      mesures[0]!.indexOf(h),
    );
    const row = mesures.findIndex(
      (r) =>
        String(r[indicator!]).startsWith('CTX-CHOM') && r[year!] === 2008 && r[territory!] === 'Q-PONTANEZEN',
    );
    // Typed with a space too many: the validation warns, the value counts.
    mesures[row]![territory!] = 'Q-PONTANEZEN ';
    const checked = validateWorkbook(grids, { today: GENERATED });
    expect(checked.problems.filter((p) => p.sheet === 'Mesures').map((p) => [p.row, p.severity])).toEqual([
      [row + 1, 'avertissement'],
    ]);
    const doc = buildReport(checked.data, checked, {
      year: 2008,
      scope: { kind: 'territory', code: 'Q-PONTANEZEN' },
      generatedAt: GENERATED,
      edition: 'hors-ligne',
    });
    const situation = section(doc, 'Situation');
    const chomage = rowsOf(situation.find((b) => b.kind === 'table')).find(
      (r) => r[0] === 'Taux de chômage des 15-64 ans',
    )!;
    expect(chomage[1]).toBe('25,1\u00a0% *');
    expect(situation).toContainEqual(
      paragraph(
        `* Ligne ou valeur signalée par un avertissement du contrôle des données : elle est comptée, mais à vérifier (Mesures, ligne ${row + 1} ; voir l’annexe « Qualité des données »).`,
        'note',
      ),
    );
  });

  it('shows a secret value as such', () => {
    const doc = build({ kind: 'territory', code: 'Q-KEROURIEN' });
    const revenu = rowsOf(section(doc, 'Situation').find((b) => b.kind === 'table')).find((r) =>
      r[0]!.startsWith('Revenu fiscal médian'),
    )!;
    expect(revenu.slice(1, 2)).toEqual(['secret statistique']);
    expect(revenu[4]).toBe('—');
  });

  it('points the agglomération’s fiche, which every action concerns, to the report’s own parts', () => {
    const doc = build({ kind: 'contract' });
    const fiche = section(doc, 'Fiche territoire : Brest métropole océane (agglomération)');
    const tables = fiche
      .filter((b) => b.kind === 'table')
      .map((b) => (b.kind === 'table' ? b.columns[0]!.header : ''));
    // Its situation and its actions by domain; no list of every chantier nor of every avancée.
    expect(tables.some((h) => h.startsWith('Chantiers prioritaires'))).toBe(false);
    expect(tables).not.toContain('Action');
    const texts = fiche.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
    const chantiers = data.actions.filter((a) => a.record.chantier && a.record.status !== 'abandonnée');
    expect(texts).toContainEqual(
      expect.stringMatching(
        /chantiers prioritaires : leur état est présenté dans la partie « Chantiers prioritaires »\.$/,
      ),
    );
    expect(texts).toContain(
      'Les avancées et les freins de 2008 de ces actions sont présentés dans la partie de leur domaine.',
    );
    expect(chantiers.length).toBeGreaterThan(1);
    // A quartier's fiche keeps its own lists.
    const pontanezen = section(doc, 'Fiche territoire : Pontanézen (quartier prioritaire)');
    const own = pontanezen
      .filter((b) => b.kind === 'table')
      .map((b) => (b.kind === 'table' ? b.columns[0]!.header : ''));
    expect(own.some((h) => h.startsWith('Chantiers prioritaires'))).toBe(true);
  });

  it('says what the contract does in the territory: every action naming it, each for its whole budget', () => {
    // The contract report's first fiche is Pontanézen's.
    const doc = build({ kind: 'contract' });
    const part = section(doc, 'Ce que fait le contrat');
    const ofYear = data.actions
      .map((a) => a.record)
      .filter(
        (a) =>
          a.territories.includes('Q-PONTANEZEN') &&
          (!a.startDate || a.startDate <= '2008-12-31') &&
          (!a.endDate || a.endDate >= '2008-01-01'),
      );
    const budget = ofYear.filter((a) => a.status !== 'abandonnée').reduce((s, a) => s + (a.budget ?? 0), 0);
    const table = part.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.footer?.map(cellString)).toEqual([
      'Total',
      String(ofYear.length),
      formatEuros(budget),
    ]);
    const chantiers = ofYear.filter((a) => a.chantier);
    const chantierTable = part.filter((b) => b.kind === 'table')[1];
    expect(rowsOf(chantierTable).map((r) => r[0])).toEqual(chantiers.map((a) => `${a.id} — ${a.title}`));
    // A territory's own report opens with its fiche: every action there concerns it, and its lists are the
    // report's own parts, which the fiche points to rather than repeating them.
    const own = section(build({ kind: 'territory', code: 'Q-PONTANEZEN' }), 'Ce que fait le contrat');
    expect(own.filter((b) => b.kind === 'table')).toHaveLength(1);
    expect(own.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []))).toContain(
      'Les avancées et les freins de 2008 de ces actions sont présentés dans la partie de leur domaine.',
    );
  });
});
