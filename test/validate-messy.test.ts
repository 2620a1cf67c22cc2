/**
 * The messy workbook (test/fixtures/messy.ts) gives exactly the problems a careful reader would list,
 * and what « Valider les données » shows of them: the Contrôles rows, the links, the highlights, the dialog.
 */

import { cellA1 } from '../src/core/problems';
import { frenchSpacing as fr } from '../src/core/typography';
import {
  checksLayout,
  markRanges,
  problemLink,
  summariseProblems,
  validateWorkbook,
  validationSummary,
} from '../src/core/validate';
import { messyWorkbook } from './fixtures/messy';
import { cleanWorkbook, largeWorkbook } from './fixtures/workbook';

const RU = 'Renouvellement urbain, habitat';
const RE = 'Réussite éducative';
const IE = 'Insertion et emploi';
const SA = 'Santé';
const PD = 'Prévention de la délinquance';
const IND = 'Indicateurs';
const M = 'Mesures';
const TODAY = new Date(2009, 5, 30);

type Row = [severity: 'E' | 'W', sheet: string, cell: string, value: string, message: string];

const nbsp = '\u00a0';
/** Amounts as messages print them: digits grouped by a narrow no-break space, a no-break space before €. */
const euros = (text: string) => `${text.replace(/ /g, '\u202f')}${nbsp}€`;
const moved = (header: string, unknown: string) =>
  `Colonne « ${header} » introuvable : son en-tête a été renommé ou supprimé. En-têtes non reconnus : ${unknown}. Rétablissez l’en-tête exact ou lancez « Installer ou mettre à jour le classeur » ; en attendant, cette colonne n’est pas contrôlée.`;

const EXPECTED: Row[] = [
  [
    'W',
    RU,
    'O3',
    '20 000,00 €',
    `« 20 000,00 € » est saisi comme du texte : il est lu comme 20${nbsp}000. Ressaisissez-le comme un nombre pour que le tableur le reconnaisse.`,
  ],
  ['W', RU, 'B4', 'ru3', '« ru3 » n’est pas écrit comme dans le Référentiel : écrivez « RU3 ».'],
  [
    'E',
    RU,
    'C5',
    'RU2.1 — Développement de l’accession à coût maîtrisé',
    'La ligne d’action RU2.1 ne relève pas de l’objectif RU1 : choisissez une ligne RU1.x.',
  ],
  [
    'W',
    RU,
    'G6',
    'brest',
    '« brest » n’est pas écrit comme dans la feuille Territoires : écrivez « BREST ».',
  ],
  [
    'W',
    RU,
    'D7',
    'projet de renouvellement urbain de Pontanézen',
    'Doublon probable de la ligne 2 (même intitulé, porteur et objectif) : vérifiez qu’il ne s’agit pas de la même action.',
  ],
  [
    'W',
    RE,
    'L2',
    'En Cours',
    '« En Cours » n’est pas écrit comme dans la liste déroulante : écrivez « en cours ».',
  ],
  [
    'W',
    RE,
    'M2',
    '12/03/2008',
    '« 12/03/2008 » est saisi comme du texte : il est lu comme 12/03/2008. Ressaisissez-le comme une date (jj/mm/aaaa) pour que le tableur le reconnaisse.',
  ],
  ['E', RE, 'G3', 'Q-KEROURIEN ; Q-SIAM', 'Territoire « Q-SIAM » inconnu de la feuille Territoires.'],
  ['E', RE, 'N3', '', 'Une action réalisée doit avoir une date de fin.'],
  [
    'E',
    IE,
    'AD1',
    'Financement FEDER (€)',
    'La colonne « Financement FEDER (€) » ne correspond à aucun financeur : ajoutez « FEDER » à la feuille Financeurs ou renommez la colonne.',
  ],
  [
    'E',
    IE,
    'A2',
    'IE-001',
    'ID « IE-001 » en double (aussi ligne 4) : chaque action doit avoir son propre ID.',
  ],
  [
    'W',
    IE,
    'Z2',
    '2007 : permanence ouverte deux jours par semaine',
    'Chantier prioritaire sans avancée ni frein pour 2008 : ajoutez une ligne « 2008 : … » dans « Avancées » ou « Freins ».',
  ],
  [
    'W',
    IE,
    'A3:3',
    '',
    'Ligne vide au milieu du tableau : supprimez-la (les tris et filtres du tableur s’arrêtent à la première ligne vide).',
  ],
  [
    'E',
    IE,
    'A4',
    'IE-001',
    'ID « IE-001 » en double (aussi ligne 2) : chaque action doit avoir son propre ID.',
  ],
  [
    'W',
    IE,
    'O4',
    `40${nbsp}000`,
    `Le plan de financement ne boucle pas : crédits spécifiques + cofinancements = ${euros('50 000')} pour un budget prévu de ${euros('40 000')} (écart ${euros('10 000')}, toléré ${euros('0')}).`,
  ],
  ['E', IE, 'P4', `50${nbsp}000`, 'Les crédits spécifiques dépassent le budget prévu.'],
  ['E', SA, 'A1:1', '', moved('Date de fin', '« Fin prévue »')],
  [
    'W',
    SA,
    'O2',
    `25${nbsp}000`,
    `Le plan de financement ne boucle pas : crédits spécifiques + cofinancements = ${euros('20 000')} pour un budget prévu de ${euros('25 000')} (écart ${euros('5 000')}, toléré ${euros('0')}).`,
  ],
  ['W', SA, 'A3', 'SA-002 ', 'Espaces en trop dans « SA-002  » : écrivez « SA-002 ».'],
  ['E', SA, 'X3', '-500', 'Dépensé : le montant ne peut pas être négatif.'],
  ['E', SA, 'B4', 'SA9', 'Objectif « SA9 » inconnu du Référentiel.'],
  ['E', PD, 'A1:1', '', moved('Public cible', 'aucun ; colonne sans en-tête : H')],
  ['E', PD, 'N2', '01/03/2008', 'La date de fin précède la date de début.'],
  [
    'E',
    PD,
    'B3',
    'SA2 — Consolider l’accessibilité aux soins pour les populations précaires',
    'L’objectif SA2 relève du domaine « Santé », pas de « Prévention de la délinquance ».',
  ],
  [
    'W',
    PD,
    'O3',
    `5${nbsp}000`,
    `Le plan de financement ne boucle pas : crédits spécifiques + cofinancements = ${euros('3 000')} pour un budget prévu de ${euros('5 000')} (écart ${euros('2 000')}, toléré ${euros('0')}).`,
  ],
  ['E', PD, 'R3', `-2${nbsp}000`, 'Financement VILLE : le montant ne peut pas être négatif.'],
  ['E', PD, 'D4', '', '« Intitulé de l’action » est obligatoire.'],
  [
    'E',
    PD,
    'L4',
    'terminée',
    'Statut inconnu : choisissez programmée, en cours, réalisée, reportée, abandonnée.',
  ],
  [
    'W',
    PD,
    'M4',
    '01/10/2006',
    'La date de début (01/10/2006) est hors de la période du contrat (du 01/01/2007 au 31/12/2009).',
  ],
  [
    'W',
    IND,
    'F2',
    'Logements',
    '« Logements » n’est pas écrit comme dans la liste déroulante : écrivez « logements ».',
  ],
  [
    'W',
    IND,
    'L2',
    'Brest métropole habitat',
    'Cellules fusionnées (L2:M2) : annulez la fusion ; seule la première cellule est lue, les autres sont ignorées.',
  ],
  ['E', IND, 'H4', 'n.c.', '« n.c. » n’est pas un nombre.'],
  [
    'E',
    IND,
    'C5',
    'RU2 — Rééquilibrer et diversifier l’offre de logements à l’échelle de l’agglomération',
    'L’objectif RU2 relève du domaine « Renouvellement urbain, habitat », pas de « Santé ».',
  ],
  [
    'W',
    IND,
    'A6',
    'PD-IND-01',
    'Aucune valeur pour 2008 dans la feuille Mesures : saisissez la mesure de l’année de rapport.',
  ],
  ['E', IND, 'G6', 'stable', 'Sens souhaité : hausse ou baisse.'],
  ['W', M, 'C3', 'Q-PONTANEZEN ', 'Espaces en trop dans « Q-PONTANEZEN  » : écrivez « Q-PONTANEZEN ».'],
  ['E', M, 'D9', '112', 'Un pourcentage est compris entre 0 et 100 : 112 n’en est pas un.'],
  ['E', M, 'A20', 'SA-IND-09', 'Indicateur « SA-IND-09 » inconnu de la feuille Indicateurs.'],
  ['E', M, 'C21', 'Q-SAINT-PIERRE', 'Territoire « Q-SAINT-PIERRE » inconnu de la feuille Territoires.'],
  [
    'E',
    M,
    'B22',
    '2011',
    'Année 2011 hors de la période du contrat (2007 à 2009) et différente de l’année de référence de l’indicateur.',
  ],
  [
    'E',
    M,
    'D23',
    '95',
    'Deuxième valeur pour RU-IND-01, 2008, BREST (déjà ligne 4) : une seule valeur par indicateur, année et territoire.',
  ],
];

function validateMessy() {
  const { grids, merged } = messyWorkbook();
  return validateWorkbook(grids, { merged, today: TODAY });
}

describe('the messy workbook', () => {
  it('gives the expected problems, cell by cell, in workbook order', () => {
    const seen: Row[] = validateMessy().problems.map((p) => [
      p.severity === 'erreur' ? 'E' : 'W',
      p.sheet,
      cellA1(p) ?? '',
      p.value,
      p.message,
    ]);
    expect(seen).toEqual(EXPECTED);
  });

  it('assigns the two IDs left blank, after the highest of the domain', () => {
    expect(validateMessy().idAssignments).toEqual([
      { sheet: RU, row: 5, columnIndex: 0, id: 'RU-005' },
      { sheet: RU, row: 7, columnIndex: 0, id: 'RU-006' },
    ]);
  });

  it('counts the problems by severity and by sheet, in workbook order', () => {
    const result = validateMessy();
    const expected = {
      erreur: 24,
      avertissement: 17,
      bySheet: {
        [RU]: { erreur: 1, avertissement: 4 },
        [RE]: { erreur: 2, avertissement: 2 },
        [IE]: { erreur: 4, avertissement: 3 },
        [SA]: { erreur: 3, avertissement: 2 },
        [PD]: { erreur: 6, avertissement: 2 },
        [IND]: { erreur: 3, avertissement: 3 },
        [M]: { erreur: 5, avertissement: 1 },
      },
    };
    expect(result.counts).toEqual(expected);
    expect(summariseProblems(result)).toEqual(expected);
    expect(Object.keys(result.counts.bySheet)).toEqual([RU, RE, IE, SA, PD, IND, M]);
  });

  it('sums up counts by sheet and the IDs given in the closing dialog', () => {
    expect(validationSummary(validateMessy())).toBe(
      fr(
        [
          '24 erreurs et 17 avertissements :',
          '• Renouvellement urbain, habitat : 1 erreur, 4 avertissements',
          '• Réussite éducative : 2 erreurs, 2 avertissements',
          '• Insertion et emploi : 4 erreurs, 3 avertissements',
          '• Santé : 3 erreurs, 2 avertissements',
          '• Prévention de la délinquance : 6 erreurs, 2 avertissements',
          '• Indicateurs : 3 erreurs, 3 avertissements',
          '• Mesures : 5 erreurs, 1 avertissement',
          '',
          'Le détail est dans la feuille Contrôles, avec un lien vers chaque cellule. Les cellules concernées sont surlignées : rouge pour une erreur, jaune pour un avertissement.',
          '',
          '2 ID attribués aux lignes saisies sans ID (noté au Journal) :',
          '• RU-005 : Renouvellement urbain, habitat, ligne 5',
          '• RU-006 : Renouvellement urbain, habitat, ligne 7',
        ].join('\n'),
      ),
    );
  });
});

describe('clean workbooks', () => {
  it('the demo workbook has nothing to fix', () => {
    const result = validateWorkbook(cleanWorkbook(), { today: TODAY });
    expect(result.problems).toEqual([]);
    expect(validationSummary(result)).toBe(fr('Aucun problème : les données sont prêtes pour le comité.'));
  });

  it('the large workbook has no error (its last indicators may lack a value for the reporting year)', () => {
    const result = validateWorkbook(largeWorkbook(), { today: new Date(2020, 0, 1) });
    const others = result.problems.filter((p) => !p.message.startsWith('Aucune valeur pour'));
    expect(others).toEqual([]);
    expect(result.data.actions).toHaveLength(1000);
    expect(result.data.measures).toHaveLength(10_000);
  });
});

describe('the Contrôles sheet', () => {
  const HEADER = ['Gravité', 'Feuille', 'Ligne', 'Colonne', 'Valeur', 'Message', 'Lien'];

  it('links to the cell, to the row of a header problem, and to nothing for a missing sheet', () => {
    expect(problemLink(123, { row: 5, columnIndex: 13 })).toEqual({
      text: 'Aller en N5',
      url: '#gid=123&range=N5',
    });
    expect(problemLink(7, { row: 1, columnIndex: null })).toEqual({
      text: 'Aller à la ligne 1',
      url: '#gid=7&range=A1:1',
    });
    expect(problemLink(7, { row: null, columnIndex: null })).toEqual({
      text: 'Aller à la feuille',
      url: '#gid=7',
    });
    expect(problemLink(undefined, { row: 3, columnIndex: 0 })).toBeNull();
  });

  it('writes one row per problem under the header, and blanks over the previous run’s rows', () => {
    const problems = validateMessy().problems.slice(0, 2);
    const layout = checksLayout(problems, HEADER, new Map([[RU, 42]]), 6);
    expect(layout.values).toEqual([
      HEADER,
      [
        'avertissement',
        RU,
        3,
        'Budget prévu (€)',
        '20 000,00 €',
        fr(
          `« 20 000,00 € » est saisi comme du texte : il est lu comme 20${nbsp}000. Ressaisissez-le comme un nombre pour que le tableur le reconnaisse.`,
        ),
        'Aller en O3',
      ],
      [
        'avertissement',
        RU,
        4,
        'Objectif',
        'ru3',
        fr('« ru3 » n’est pas écrit comme dans le Référentiel : écrivez « RU3 ».'),
        'Aller en B4',
      ],
      ['', '', '', '', '', '', ''],
      ['', '', '', '', '', '', ''],
      ['', '', '', '', '', '', ''],
    ]);
    expect(layout.linkColumn).toBe(6);
    expect(layout.links).toEqual([
      { text: 'Aller en O3', url: '#gid=42&range=O3' },
      { text: 'Aller en B4', url: '#gid=42&range=B4' },
    ]);
  });

  it('finds its columns by header name and lays text that looks like a formula out as is (written into @ cells)', () => {
    const header = ['Message', 'Lien', 'Gravité', 'Feuille', 'Ligne', 'Colonne', 'Valeur', 'Traité ?'];
    const problem = {
      severity: 'erreur' as const,
      sheet: RU,
      row: 2,
      column: 'Intitulé de l’action',
      columnIndex: 3,
      value: '=SOMME(A1:A3)',
      message: 'x',
    };
    const layout = checksLayout([problem], header, new Map([[RU, 1]]), 0);
    expect(layout.values).toEqual([
      ['Message', 'Lien', 'Gravité', 'Feuille', 'Ligne', 'Colonne', 'Valeur'],
      ['x', 'Aller en D2', 'erreur', RU, 2, 'Intitulé de l’action', '=SOMME(A1:A3)'],
    ]);
    expect(layout.linkColumn).toBe(1);
  });

  it('restores a header row that lost one of its columns', () => {
    const layout = checksLayout([], ['Gravité', 'Feuille', 'Ligne'], new Map(), 3);
    expect(layout.values).toEqual([HEADER, ['', '', '', '', '', '', ''], ['', '', '', '', '', '', '']]);
  });
});

describe('highlighted cells', () => {
  it('groups consecutive cells of a column and shows a cell with an error as an error only', () => {
    const p = (severity: 'erreur' | 'avertissement', row: number | null, columnIndex: number | null) => ({
      severity,
      sheet: RU,
      row,
      column: null,
      columnIndex,
      value: '',
      message: '',
    });
    const marks = markRanges([
      p('erreur', 2, 0),
      p('erreur', 3, 0),
      p('erreur', 5, 0),
      p('avertissement', 5, 0),
      p('avertissement', 4, 27),
      p('avertissement', 7, null),
      p('avertissement', null, null),
    ]);
    expect([...marks]).toEqual([[RU, { erreur: ['A2:A3', 'A5'], avertissement: ['AB4'] }]]);
  });

  it('marks every problem cell of the messy workbook', () => {
    const marks = markRanges(validateMessy().problems);
    expect(marks.get(IE)).toEqual({ erreur: ['A2', 'A4', 'P4', 'AD1'], avertissement: ['O4', 'Z2'] });
    expect(marks.get(SA)).toEqual({ erreur: ['B4', 'X3'], avertissement: ['A3', 'O2'] });
  });
});
