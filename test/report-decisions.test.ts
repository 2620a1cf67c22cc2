/**
 * The comité's decisions in the annual report: « Suites données aux décisions » (the year's decisions and
 * the earlier ones still open), and the decisions concerning each chantier prioritaire and domain.
 */
import { readWorkbook } from '../src/core/records';
import type { ReportScope } from '../src/core/report/aggregate';
import { buildReport } from '../src/core/report/builder';
import type { Block, ReportDocument } from '../src/core/report/model';
import { validateWorkbook } from '../src/core/validate';
import { typedDecision, withDecisions } from './fixtures/decisions';
import type { Workbook } from './fixtures/workbook';

const GENERATED = new Date(2010, 0, 15, 10, 30);
const CONTRACT: ReportScope = { kind: 'contract' };

function report(grids: Workbook, year: number, scope: ReportScope = CONTRACT): ReportDocument {
  const { problems } = validateWorkbook(grids, { today: GENERATED });
  return buildReport(
    readWorkbook(grids),
    { problems },
    { year, scope, generatedAt: GENERATED, edition: 'google-sheets' },
  );
}

/** The blocks under a heading, up to the next heading of the same or a higher level. */
function part(doc: ReportDocument, text: string): Block[] {
  const start = doc.blocks.findIndex((b) => b.kind === 'heading' && b.text === text);
  if (start < 0) return [];
  const level = (doc.blocks[start] as Extract<Block, { kind: 'heading' }>).level;
  const end = doc.blocks.findIndex((b, i) => i > start && b.kind === 'heading' && b.level <= level);
  return doc.blocks.slice(start + 1, end < 0 ? undefined : end);
}
const texts = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
const rows = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'table' ? b.rows : []));

const DECISIONS = [
  typedDecision(),
  typedDecision({
    id: 'DEC-002',
    date: new Date(2008, 9, 2),
    kind: 'infléchissement',
    decision: 'Associer le collège aux ateliers de réussite éducative.',
    concerns: ['RE-001'],
    deadline: new Date(2008, 11, 31),
    suite: 'en cours',
    responsable: 'Direction de l’éducation',
  }),
  typedDecision({
    id: 'DEC-003',
    date: new Date(2009, 2, 12),
    decision: 'Lancer un diagnostic santé à Kérourien.',
    concerns: ['SA'],
    deadline: null,
    suite: 'à engager',
  }),
];

describe('Suites données aux décisions', () => {
  const grids = withDecisions(DECISIONS);

  it('lists the decisions of the year with their suite, and says which passed their échéance', () => {
    const follow = part(report(grids, 2008), 'Suites données aux décisions');
    expect(texts(follow)).toEqual([
      '2 décisions prises en 2008 : 1 en cours, 1 réalisée. 1 décision a dépassé son échéance sans être réalisée.',
    ]);
    expect(rows(follow)).toEqual([
      [
        '14/03/2008',
        'comité de pilotage',
        'Ouvrir un second local de quartier.',
        'RU ; RU-001',
        'Ville de Brest',
        '31/12/2008',
        'réalisée',
      ],
      [
        '02/10/2008',
        'comité de pilotage',
        'Infléchissement : Associer le collège aux ateliers de réussite éducative.',
        'RE-001',
        'Direction de l’éducation',
        '31/12/2008',
        'en cours (échéance dépassée)',
      ],
    ]);
  });

  it('shows a decision in the next year’s report, with the earlier ones still open', () => {
    const follow = part(report(grids, 2009), 'Suites données aux décisions');
    expect(rows(follow).map((r) => r[2])).toEqual([
      'Infléchissement : Associer le collège aux ateliers de réussite éducative.',
      'Lancer un diagnostic santé à Kérourien.',
    ]);
    expect(texts(follow)[0]).toBe(
      '1 décision prise en 2009 : 1 à engager. 1 décision antérieure reste à mettre en œuvre. 1 décision a dépassé son échéance sans être réalisée.',
    );
  });

  it('says so when there is none', () => {
    expect(texts(part(report(grids, 2007), 'Suites données aux décisions'))).toEqual([
      'Aucune décision des instances du contrat n’est enregistrée pour 2007 dans ce périmètre, ni aucune décision antérieure restant à mettre en œuvre (feuille « Décisions »).',
    ]);
  });

  it('leaves out, and counts, a decision the validation rejects', () => {
    const wrong = withDecisions([...DECISIONS, typedDecision({ id: 'DEC-004', concerns: ['ZZ-999'] })]);
    const follow = part(report(wrong, 2008), 'Suites données aux décisions');
    expect(rows(follow)).toHaveLength(2);
    expect(texts(follow)).toContain(
      '1 décision de la période est écartée de ce rapport : sa ligne de la feuille « Décisions » porte une erreur (voir l’annexe).',
    );
  });

  it('keeps to the decisions of a domain in that domain’s report', () => {
    const follow = part(report(grids, 2008, { kind: 'domain', code: 'RE' }), 'Suites données aux décisions');
    expect(rows(follow).map((r) => r[3])).toEqual(['RE-001']);
  });
});

describe('decisions under the parts they concern', () => {
  const doc = report(withDecisions(DECISIONS), 2008);

  it('shows in each domain part the decisions about the domain, its objectives or its actions', () => {
    const ru = doc.blocks.find((b) => b.kind === 'heading' && b.text.startsWith('RU — '));
    const re = doc.blocks.find((b) => b.kind === 'heading' && b.text.startsWith('RE — '));
    expect(
      rows(part(doc, (ru as { text: string }).text)).filter(
        (r) => r[2] === 'Ouvrir un second local de quartier.',
      ),
    ).toHaveLength(1);
    expect(
      part(doc, (re as { text: string }).text).some(
        (b) => b.kind === 'heading' && b.text === 'Décisions concernant le domaine',
      ),
    ).toBe(true);
    const sa = doc.blocks.find((b) => b.kind === 'heading' && b.text.startsWith('SA — '));
    expect(
      part(doc, (sa as { text: string }).text).some(
        (b) => b.kind === 'heading' && b.text === 'Décisions concernant le domaine',
      ),
    ).toBe(false);
  });

  it('shows under the chantiers prioritaires the decisions about one of them', () => {
    const chantiers = part(doc, 'Chantiers prioritaires');
    const about = part({ ...doc, blocks: chantiers }, 'Décisions concernant les chantiers prioritaires');
    // RU-001 and RE-001 are the chantiers prioritaires of 2008; DEC-003 (2009) is about the domain SA.
    expect(rows(about).map((r) => [r[2], r[3]])).toEqual([
      ['Ouvrir un second local de quartier.', 'RU ; RU-001'],
      ['Infléchissement : Associer le collège aux ateliers de réussite éducative.', 'RE-001'],
    ]);
  });
});
