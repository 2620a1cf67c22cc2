/**
 * Each rule of « Valider les données », on the small clean workbook: a case that passes (often at the
 * rule's boundary) and a case that fails, with the exact message and cell.
 */
import type { CellValue, Grid } from '../src/core/cells';
import { cellA1, columnLetter } from '../src/core/problems';
import { type ValidationOptions, validateWorkbook } from '../src/core/validate';
import { smallWorkbook, type Workbook } from './fixtures/workbook';

const RU = 'Renouvellement urbain, habitat';
const RE = 'Réussite éducative';
const SA = 'Santé';
const TODAY = new Date(2009, 5, 30);

interface Seen {
  severity: 'erreur' | 'avertissement';
  sheet: string;
  cell: string;
  message: string;
}
const E = (sheet: string, cell: string, message: string): Seen => ({
  severity: 'erreur',
  sheet,
  cell,
  message,
});
const W = (sheet: string, cell: string, message: string): Seen => ({
  severity: 'avertissement',
  sheet,
  cell,
  message,
});

function problems(grids: Workbook, opts: ValidationOptions = {}): Seen[] {
  return validateWorkbook(grids, { today: TODAY, ...opts }).problems.map((p) => ({
    severity: p.severity,
    sheet: p.sheet,
    cell: cellA1(p) ?? '',
    message: p.message,
  }));
}

function grid(g: Workbook, sheet: string): Grid {
  const found = g.get(sheet);
  if (!found) throw new Error(`no sheet ${sheet}`);
  return found;
}

function col(g: Workbook, sheet: string, header: string): number {
  const i = grid(g, sheet)[0]!.indexOf(header);
  if (i < 0) throw new Error(`no header ${header} in ${sheet}`);
  return i;
}

/** Types a value into a cell found by its header (row is the 1-based sheet row). */
function set(g: Workbook, sheet: string, row: number, header: string, value: CellValue): Workbook {
  grid(g, sheet)[row - 1]![col(g, sheet, header)] = value;
  return g;
}

/** The 1-based row whose cell under `header` equals `value`. */
function rowOf(g: Workbook, sheet: string, header: string, value: CellValue): number {
  const i = col(g, sheet, header);
  const r = grid(g, sheet).findIndex((row) => row[i] === value);
  if (r < 0) throw new Error(`no ${String(value)} in ${sheet}`);
  return r + 1;
}

function appendRow(g: Workbook, sheet: string, copyOf: number, changes: Record<string, CellValue>): number {
  const rows = grid(g, sheet);
  rows.push([...rows[copyOf - 1]!]);
  for (const [header, value] of Object.entries(changes)) set(g, sheet, rows.length, header, value);
  return rows.length;
}

function removeColumn(g: Workbook, sheet: string, header: string): void {
  const i = col(g, sheet, header);
  for (const row of grid(g, sheet)) row.splice(i, 1);
}

const d = (y: number, m: number, day: number) => new Date(y, m - 1, day);

describe('the small clean workbook', () => {
  it('has no problem and no ID to assign', () => {
    const result = validateWorkbook(smallWorkbook(), { today: TODAY });
    expect(result.problems).toEqual([]);
    expect(result.idAssignments).toEqual([]);
    expect(result.counts).toEqual({ erreur: 0, avertissement: 0, bySheet: {} });
    expect(result.data.actions).toHaveLength(11);
  });
});

describe('sheets and headers', () => {
  it('reports a missing domain sheet and asks for the installer', () => {
    const g = smallWorkbook();
    g.delete(SA);
    expect(problems(g)).toEqual([
      E(SA, '', 'Feuille « Santé » absente : lancez « Installer ou mettre à jour le classeur ».'),
    ]);
  });

  it('reports a sheet emptied of its header row', () => {
    const g = smallWorkbook();
    g.set(SA, []);
    expect(problems(g)).toEqual([
      E(
        SA,
        'A1:1',
        'Feuille « Santé » sans ligne d’en-têtes : lancez « Installer ou mettre à jour le classeur ».',
      ),
    ]);
  });

  it('reports a renamed header, lists the unknown headers and skips the column’s checks', () => {
    const g = smallWorkbook();
    set(g, RU, 1, 'Statut', 'État');
    set(g, RU, 3, 'État', 'n’importe quoi');
    expect(problems(g)).toEqual([
      E(
        RU,
        'A1:1',
        'Colonne « Statut » introuvable : son en-tête a été renommé ou supprimé. En-têtes non reconnus : « État ». Rétablissez l’en-tête exact ou lancez « Installer ou mettre à jour le classeur » ; en attendant, cette colonne n’est pas contrôlée.',
      ),
    ]);
  });

  it('reports a deleted header and the column left without one', () => {
    const g = smallWorkbook();
    set(g, RU, 1, 'Public cible', '');
    expect(problems(g)).toEqual([
      E(
        RU,
        'A1:1',
        'Colonne « Public cible » introuvable : son en-tête a été renommé ou supprimé. En-têtes non reconnus : aucun ; colonne sans en-tête : H. Rétablissez l’en-tête exact ou lancez « Installer ou mettre à jour le classeur » ; en attendant, cette colonne n’est pas contrôlée.',
      ),
    ]);
  });

  it('reads a header typed with another case but asks to restore it', () => {
    const g = set(smallWorkbook(), RU, 1, 'Statut', 'statut ');
    expect(problems(g)).toEqual([
      W(
        RU,
        'L1',
        'En-tête « statut » lu comme « Statut » : lancez « Installer ou mettre à jour le classeur » pour rétablir l’orthographe exacte.',
      ),
    ]);
  });

  it('rejects a header found twice, naming the column the add-on reads', () => {
    const g = smallWorkbook();
    grid(g, RU).forEach((row, i) => {
      row.push(i === 0 ? 'Statut' : 'à relancer');
    });
    const last = grid(g, RU)[0]!.length;
    expect(problems(g)).toEqual([
      E(
        RU,
        `${columnLetter(last - 1)}1`,
        'En-tête « Statut » en double : seule la colonne L est lue et écrite par le module ; renommez celle-ci.',
      ),
    ]);
  });

  it('warns when a funder column is missing, without guessing where its amounts went', () => {
    const g = smallWorkbook();
    removeColumn(g, RU, 'Financement CAF (€)');
    expect(problems(g)).toEqual([
      W(
        RU,
        'A1:1',
        'Colonne « Financement CAF (€) » absente : lancez « Installer ou mettre à jour le classeur » pour l’ajouter.',
      ),
    ]);
  });

  it('rejects a funder column whose funder is not in Financeurs, and accepts an inactive funder’s', () => {
    const g = smallWorkbook();
    grid(g, RU).forEach((row, i) => {
      row.push(i === 0 ? 'Financement FEDER (€)' : '');
    });
    expect(problems(g)).toEqual([
      E(
        RU,
        'AD1',
        'La colonne « Financement FEDER (€) » ne correspond à aucun financeur : ajoutez « FEDER » à la feuille Financeurs ou renommez la colonne.',
      ),
    ]);
    appendRow(g, 'Financeurs', 2, { Code: 'FEDER', Nom: 'Fonds européen', Actif: false });
    expect(problems(g)).toEqual([]);
  });

  it('warns about a blank row inside a table, not about blank rows after it', () => {
    const g = smallWorkbook();
    const rows = grid(g, RU);
    const blank = () => rows[0]!.map(() => '');
    rows.push(blank(), blank());
    expect(problems(g)).toEqual([]);
    rows.splice(2, 0, blank());
    expect(problems(g)).toEqual([
      W(
        RU,
        'A3:3',
        'Ligne vide au milieu du tableau : supprimez-la (les tris et filtres du tableur s’arrêtent à la première ligne vide).',
      ),
    ]);
  });

  it('warns about merged cells, given as A1 ranges or positions', () => {
    const g = smallWorkbook();
    expect(problems(g, { merged: new Map([[RU, []]]) })).toEqual([]);
    const message =
      'Cellules fusionnées (D2:E2) : annulez la fusion ; seule la première cellule est lue, les autres sont ignorées.';
    expect(problems(g, { merged: new Map([[RU, ['D2:E2']]]) })).toEqual([W(RU, 'D2', message)]);
    expect(problems(g, { merged: new Map([[RU, [{ row: 2, col: 4, rows: 1, cols: 2 }]]]) })).toEqual([
      W(RU, 'D2', message),
    ]);
  });
});

describe('columns found by header name', () => {
  it('checks a sheet whose columns were reordered, and locates problems at their new place', () => {
    const g = smallWorkbook();
    g.set(
      RU,
      grid(g, RU).map((row) => [...row].reverse()),
    );
    expect(problems(g)).toEqual([]);
    set(g, RU, 3, 'Date de fin', '');
    // 29 columns reversed: « Date de fin » (N, the 14th) is now the 16th, P.
    expect(problems(g)).toEqual([E(RU, 'P3', 'Une action réalisée doit avoir une date de fin.')]);
  });

  it('ignores the user’s own columns', () => {
    const g = smallWorkbook();
    grid(g, RU).forEach((row, i) => {
      row.splice(3, 0, i === 0 ? 'Notes internes' : '=A1');
    });
    expect(problems(g)).toEqual([]);
  });
});

describe('cells: types, required fields, list values', () => {
  it('requires the title, the porteur, the objective and the status', () => {
    const g = smallWorkbook();
    set(g, RU, 2, 'Intitulé de l’action', '  ');
    set(g, RU, 3, 'Statut', '');
    expect(problems(g)).toEqual([
      E(RU, 'D2', '« Intitulé de l’action » est obligatoire.'),
      E(RU, 'L3', '« Statut » est obligatoire.'),
    ]);
  });

  it('rejects what is not a number, a date or a checkbox', () => {
    const g = smallWorkbook();
    set(g, RU, 2, 'Budget prévu (€)', 'beaucoup');
    set(g, RU, 3, 'Date de début', '31/02/2008');
    set(g, RU, 4, 'Chantier prioritaire', 'peut-être');
    expect(problems(g)).toEqual([
      E(RU, 'O2', '« beaucoup » n’est pas un nombre.'),
      E(RU, 'M3', '« 31/02/2008 » n’est pas une date (jj/mm/aaaa).'),
      E(RU, 'I4', '« peut-être » n’est pas une case à cocher (oui/non).'),
    ]);
  });

  it('reads numbers and dates typed as text, and says so', () => {
    const g = smallWorkbook();
    set(g, RU, 3, 'Dépensé (€)', '1 234,50 €');
    set(g, RU, 3, 'Date de début', '15/01/2007');
    expect(problems(g)).toEqual([
      W(
        RU,
        'M3',
        '« 15/01/2007 » est saisi comme du texte : il est lu comme 15/01/2007. Ressaisissez-le comme une date (jj/mm/aaaa) pour que le tableur le reconnaisse.',
      ),
      W(
        RU,
        'X3',
        '« 1 234,50 € » est saisi comme du texte : il est lu comme 1\u00a0234,5. Ressaisissez-le comme un nombre pour que le tableur le reconnaisse.',
      ),
    ]);
  });

  it('rejects an unknown status and suggests the right spelling of a variant', () => {
    const g = smallWorkbook();
    set(g, RU, 2, 'Statut', 'En Cours');
    set(g, RU, 3, 'Statut', 'terminée');
    expect(problems(g)).toEqual([
      W(RU, 'L2', '« En Cours » n’est pas écrit comme dans la liste déroulante : écrivez « en cours ».'),
      E(RU, 'L3', 'Statut inconnu : choisissez programmée, en cours, réalisée, reportée, abandonnée.'),
    ]);
  });

  it('reads a variant as its canonical value, so that the rules still apply to it', () => {
    const g = set(smallWorkbook(), RU, 3, 'Statut', 'Réalisée');
    set(g, RU, 3, 'Date de fin', '');
    expect(problems(g)).toEqual([
      W(RU, 'L3', '« Réalisée » n’est pas écrit comme dans la liste déroulante : écrivez « réalisée ».'),
      E(RU, 'N3', 'Une action réalisée doit avoir une date de fin.'),
    ]);
  });

  it('warns about spaces around an ID or a code', () => {
    const g = smallWorkbook();
    set(g, RU, 2, 'ID', 'RU-001 ');
    set(g, 'Mesures', 2, 'Territoire', ' BREST');
    expect(problems(g)).toEqual([
      W(RU, 'A2', 'Espaces en trop dans « RU-001  » : écrivez « RU-001 ».'),
      W('Mesures', 'C2', 'Espaces en trop dans «  BREST » : écrivez « BREST ».'),
    ]);
  });

  it('reports an unreadable setting and keeps the default', () => {
    const g = set(smallWorkbook(), 'Paramètres', 3, 'Valeur', 'début 2007');
    expect(problems(g)).toEqual([
      E('Paramètres', 'B3', '« Début du contrat » : valeur illisible, la valeur par défaut est utilisée.'),
    ]);
  });
});

describe('codes exist and fit', () => {
  it('rejects an unknown objective and suggests the code of a variant', () => {
    const g = smallWorkbook();
    set(g, RU, 2, 'Objectif', 'ru1');
    set(g, RU, 3, 'Objectif', 'RU9');
    expect(problems(g)).toEqual([
      W(RU, 'B2', '« ru1 » n’est pas écrit comme dans le Référentiel : écrivez « RU1 ».'),
      E(RU, 'B3', 'Objectif « RU9 » inconnu du Référentiel.'),
    ]);
  });

  it('rejects an objective of another domain', () => {
    const g = set(smallWorkbook(), RU, 2, 'Objectif', 'RE1 — conduire une action éducative');
    expect(problems(g)).toEqual([
      E(
        RU,
        'B2',
        'L’objectif RE1 relève du domaine « Réussite éducative », pas de « Renouvellement urbain, habitat ».',
      ),
    ]);
  });

  it('rejects an unknown action line and a line of another objective; a blank line is allowed', () => {
    const g = smallWorkbook();
    set(g, RU, 2, 'Ligne d’action', 'RU1.9');
    set(g, RU, 3, 'Ligne d’action', 'RU2.1 — Développement de l’accession à coût maîtrisé');
    set(g, RU, 4, 'Ligne d’action', '');
    expect(problems(g)).toEqual([
      E(RU, 'C2', 'Ligne d’action « RU1.9 » inconnue du Référentiel.'),
      E(RU, 'C3', 'La ligne d’action RU2.1 ne relève pas de l’objectif RU1 : choisissez une ligne RU1.x.'),
    ]);
  });

  it('checks every territory of the list', () => {
    const g = smallWorkbook();
    set(g, RU, 2, 'Territoires', 'Q-PONTANEZEN ; q-bellevue ; Q-SIAM');
    expect(problems(g)).toEqual([
      E(RU, 'G2', 'Territoire « Q-SIAM » inconnu de la feuille Territoires.'),
      W(
        RU,
        'G2',
        '« q-bellevue » n’est pas écrit comme dans la feuille Territoires : écrivez « Q-BELLEVUE ».',
      ),
    ]);
  });

  it('checks the territories’ parents and levels', () => {
    const g = smallWorkbook();
    set(g, 'Territoires', 4, 'Rattachement', 'BRST');
    set(g, 'Territoires', 5, 'Niveau', 'Quartier Prioritaire');
    expect(problems(g)).toEqual([
      E('Territoires', 'D4', 'Rattachement « BRST » inconnu de la feuille Territoires.'),
      W(
        'Territoires',
        'C5',
        '« Quartier Prioritaire » n’est pas écrit comme dans la liste déroulante : écrivez « quartier prioritaire ».',
      ),
    ]);
  });

  it('checks the Référentiel’s levels and parents', () => {
    const g = smallWorkbook();
    const pd5 = rowOf(g, 'Référentiel', 'Code', 'PD5');
    const pd51 = rowOf(g, 'Référentiel', 'Code', 'PD5.1');
    set(g, 'Référentiel', pd5, 'Parent', 'PD4');
    set(g, 'Référentiel', pd51, 'Niveau', 'sous-objectif');
    expect(problems(g)).toEqual([
      E('Référentiel', `C${pd5}`, 'Parent « PD4 » inconnu : indiquez le code d’un domaine du Référentiel.'),
      E(
        'Référentiel',
        `B${pd51}`,
        '« sous-objectif » ne fait pas partie de la liste : choisissez domaine, objectif, ligne d’action, axe transversal.',
      ),
    ]);
  });

  it('checks the funders’ codes', () => {
    const g = smallWorkbook();
    appendRow(g, 'Financeurs', 2, { Code: 'feder', Nom: 'Fonds européen', Actif: false });
    appendRow(g, 'Financeurs', 2, { Code: 'CAF', Nom: 'CAF (doublon)', Actif: false });
    expect(problems(g)).toEqual([
      E('Financeurs', 'A7', 'Code « CAF » en double (aussi ligne 10) : chaque code doit être unique.'),
      E('Financeurs', 'A9', 'Code de financeur : majuscules, chiffres, - ou _ (ex. CG29).'),
      E('Financeurs', 'A10', 'Code « CAF » en double (aussi ligne 7) : chaque code doit être unique.'),
    ]);
  });
});

describe('dates', () => {
  it('rejects an end before the start; the same day is fine', () => {
    const g = smallWorkbook();
    set(g, RU, 3, 'Date de fin', d(2007, 1, 15));
    expect(problems(g)).toEqual([]);
    set(g, RU, 3, 'Date de fin', d(2007, 1, 14));
    expect(problems(g)).toEqual([E(RU, 'N3', 'La date de fin précède la date de début.')]);
  });

  it('requires an end date for a réalisée action', () => {
    const g = set(smallWorkbook(), RU, 3, 'Date de fin', '');
    expect(problems(g)).toEqual([E(RU, 'N3', 'Une action réalisée doit avoir une date de fin.')]);
  });

  it('warns about dates outside the contract period; its first and last days are inside', () => {
    const g = smallWorkbook();
    set(g, RU, 2, 'Date de début', d(2007, 1, 1));
    set(g, RU, 2, 'Date de fin', d(2009, 12, 31));
    expect(problems(g)).toEqual([]);
    set(g, RU, 2, 'Date de début', d(2006, 12, 31));
    set(g, RU, 2, 'Date de fin', d(2010, 1, 1));
    expect(problems(g)).toEqual([
      W(
        RU,
        'M2',
        'La date de début (31/12/2006) est hors de la période du contrat (du 01/01/2007 au 31/12/2009).',
      ),
      W(
        RU,
        'N2',
        'La date de fin (01/01/2010) est hors de la période du contrat (du 01/01/2007 au 31/12/2009).',
      ),
    ]);
  });

  it('follows the contract period set in Paramètres', () => {
    const g = set(smallWorkbook(), 'Paramètres', 4, 'Valeur', d(2008, 12, 31));
    set(g, RU, 4, 'Date de début', d(2008, 12, 1));
    expect(problems(g).filter((p) => p.sheet === RU)).toEqual([
      W(
        RU,
        'N2',
        'La date de fin (31/12/2009) est hors de la période du contrat (du 01/01/2007 au 31/12/2008).',
      ),
    ]);
  });

  it('warns about a réalisée action ending after today', () => {
    const g = set(smallWorkbook(), RU, 3, 'Date de fin', d(2009, 6, 30));
    expect(problems(g)).toEqual([]);
    set(g, RU, 3, 'Date de fin', d(2009, 7, 1));
    expect(problems(g)).toEqual([
      W(
        RU,
        'N3',
        'Action réalisée avec une date de fin à venir (01/07/2009) : vérifiez le statut ou la date.',
      ),
    ]);
  });
});

describe('money', () => {
  it('rejects negative amounts', () => {
    const g = smallWorkbook();
    set(g, RU, 3, 'Dépensé (€)', -1);
    set(g, RU, 3, 'Bénéficiaires', -3);
    expect(problems(g)).toEqual([
      E(RU, 'X3', 'Dépensé : le montant ne peut pas être négatif.'),
      E(RU, 'Y3', 'Le nombre de bénéficiaires ne peut pas être négatif.'),
    ]);
  });

  it('rejects a negative co-funding, on its cell', () => {
    const g = smallWorkbook();
    set(g, RU, 3, 'Financement VILLE (€)', -12_000);
    set(g, RU, 3, 'Crédits spécifiques CUCS (€)', 32_000);
    expect(problems(g)).toEqual([
      E(RU, 'P3', 'Les crédits spécifiques dépassent le budget prévu.'),
      E(RU, 'R3', 'Financement VILLE : le montant ne peut pas être négatif.'),
    ]);
  });

  it('rejects specific credits above the budget; equal is fine', () => {
    const g = smallWorkbook();
    set(g, RU, 3, 'Crédits spécifiques CUCS (€)', 20_000);
    set(g, RU, 3, 'Financement VILLE (€)', '');
    expect(problems(g)).toEqual([]);
    set(g, RU, 3, 'Crédits spécifiques CUCS (€)', 20_001);
    expect(problems(g)).toEqual([
      W(
        RU,
        'O3',
        'Le plan de financement ne boucle pas : crédits spécifiques + cofinancements = 20\u202f001\u00a0€ pour un budget prévu de 20\u202f000\u00a0€ (écart 1\u00a0€, toléré 0\u00a0€).',
      ),
      E(RU, 'P3', 'Les crédits spécifiques dépassent le budget prévu.'),
    ]);
  });

  it('warns when credits and co-funding do not add up to the budget, beyond the tolerance', () => {
    const g = smallWorkbook();
    set(g, 'Paramètres', 8, 'Valeur', 100);
    set(g, RU, 3, 'Financement VILLE (€)', 11_900);
    expect(problems(g)).toEqual([]);
    set(g, RU, 3, 'Financement VILLE (€)', 11_899.5);
    expect(problems(g)).toEqual([
      W(
        RU,
        'O3',
        'Le plan de financement ne boucle pas : crédits spécifiques + cofinancements = 19\u202f900\u00a0€ pour un budget prévu de 20\u202f000\u00a0€ (écart 101\u00a0€, toléré 100\u00a0€).',
      ),
    ]);
  });

  it('warns about financing without a budget, not about an action with neither', () => {
    const g = smallWorkbook();
    set(g, RU, 4, 'Budget prévu (€)', '');
    expect(problems(g)).toEqual([
      W(
        RU,
        'O4',
        'Financements saisis (45\u202f000\u00a0€) sans budget prévu : renseignez « Budget prévu (€) ».',
      ),
    ]);
    set(g, RU, 4, 'Crédits spécifiques CUCS (€)', '');
    set(g, RU, 4, 'Financement BAILLEURS (€)', '');
    expect(problems(g)).toEqual([]);
  });
});

describe('IDs', () => {
  it('rejects an ID used twice, in the same sheet or in another', () => {
    const g = smallWorkbook();
    set(g, RU, 3, 'ID', 'RU-001');
    set(g, RE, 2, 'ID', 'ru-001');
    expect(problems(g)).toEqual([
      E(
        RU,
        'A2',
        'ID « RU-001 » en double (aussi ligne 3, Réussite éducative, ligne 2) : chaque action doit avoir son propre ID.',
      ),
      E(
        RU,
        'A3',
        'ID « RU-001 » en double (aussi ligne 2, Réussite éducative, ligne 2) : chaque action doit avoir son propre ID.',
      ),
      E(
        RE,
        'A2',
        'ID « ru-001 » en double (aussi Renouvellement urbain, habitat, ligne 2, Renouvellement urbain, habitat, ligne 3) : chaque action doit avoir son propre ID.',
      ),
    ]);
  });

  it('gives rows typed without ID the next numbers of their domain, in row order', () => {
    const g = smallWorkbook();
    set(g, RU, 2, 'ID', '');
    appendRow(g, RU, 4, {
      ID: '',
      'Intitulé de l’action': 'Logements adaptés',
      'Date de début': d(2009, 2, 1),
    });
    appendRow(g, RE, 3, { ID: 'RE-017', 'Intitulé de l’action': 'Ludothèque' });
    appendRow(g, RE, 3, { ID: '', 'Intitulé de l’action': 'Accueil du soir' });
    const result = validateWorkbook(g, { today: TODAY });
    expect(result.problems).toEqual([]);
    expect(result.idAssignments).toEqual([
      { sheet: RU, row: 2, columnIndex: 0, id: 'RU-004' },
      { sheet: RU, row: 5, columnIndex: 0, id: 'RU-005' },
      { sheet: RE, row: 5, columnIndex: 0, id: 'RE-018' },
    ]);
    expect(result.data.actions.filter((a) => a.sheet === RU).map((a) => a.record.id)).toEqual([
      'RU-004',
      'RU-002',
      'RU-003',
      'RU-005',
    ]);
  });

  it('gives no ID when the ID column is missing', () => {
    const g = smallWorkbook();
    removeColumn(g, RU, 'ID');
    const result = validateWorkbook(g, { today: TODAY });
    expect(result.idAssignments).toEqual([]);
    expect(result.problems.map((p) => p.message)).toEqual([
      'Colonne « ID » introuvable : son en-tête a été renommé ou supprimé. En-têtes non reconnus : aucun. Rétablissez l’en-tête exact ou lancez « Installer ou mettre à jour le classeur » ; en attendant, cette colonne n’est pas contrôlée.',
    ]);
  });

  it('warns about an action typed twice (same title, porteur and objective) on the later row', () => {
    const g = smallWorkbook();
    appendRow(g, RU, 3, { ID: 'RU-004', 'Porteur (maître d’œuvre)': 'Ville de Brest — direction éducation' });
    expect(problems(g)).toEqual([]);
    appendRow(g, RU, 3, { ID: 'RU-005', 'Intitulé de l’action': 'Gestion urbaine de proximité à  BELLEVUE' });
    expect(problems(g)).toEqual([
      W(
        RU,
        'D6',
        'Doublon probable de la ligne 3 (même intitulé, porteur et objectif) : vérifiez qu’il ne s’agit pas de la même action.',
      ),
    ]);
  });
});

describe('chantiers prioritaires and their progress', () => {
  const message =
    'Chantier prioritaire sans avancée ni frein pour 2008 : ajoutez une ligne « 2008 : … » dans « Avancées » ou « Freins ».';

  it('asks a running chantier for a line of the reporting year, in Avancées or Freins', () => {
    const g = smallWorkbook();
    set(g, RU, 2, 'Avancées', '2007 : diagnostic');
    expect(problems(g)).toEqual([]);
    set(g, RU, 2, 'Freins', '2009 : départ du chef de projet');
    expect(problems(g)).toEqual([W(RU, 'Z2', message)]);
  });

  it('asks nothing of an abandoned chantier or of one starting after the reporting year', () => {
    const g = smallWorkbook();
    set(g, RU, 2, 'Avancées', '');
    set(g, RU, 2, 'Freins', '');
    expect(problems(g)).toEqual([W(RU, 'Z2', message)]);
    set(g, RU, 2, 'Date de début', d(2009, 1, 1));
    expect(problems(g)).toEqual([]);
    set(g, RU, 2, 'Date de début', d(2007, 3, 1));
    set(g, RU, 2, 'Statut', 'abandonnée');
    expect(problems(g)).toEqual([]);
  });

  it('follows the reporting year set in Paramètres', () => {
    const g = set(smallWorkbook(), 'Paramètres', 5, 'Valeur', 2007);
    expect(problems(g).filter((p) => p.message.startsWith('Chantier'))).toEqual([
      W(
        RE,
        'Z2',
        'Chantier prioritaire sans avancée ni frein pour 2007 : ajoutez une ligne « 2007 : … » dans « Avancées » ou « Freins ».',
      ),
      W(
        'Insertion et emploi',
        'Z2',
        'Chantier prioritaire sans avancée ni frein pour 2007 : ajoutez une ligne « 2007 : … » dans « Avancées » ou « Freins ».',
      ),
    ]);
  });

  it('warns about a progress line without its year', () => {
    const g = set(smallWorkbook(), RU, 2, 'Freins', '2008 : retard du relogement\nmanque de bénévoles');
    expect(problems(g)).toEqual([
      W(
        RU,
        'AA2',
        'Ligne sans année : « manque de bénévoles ». Commencez chaque ligne par l’année (ex. « 2008 : … ») pour qu’elle figure au rapport.',
      ),
    ]);
  });
});

describe('indicators', () => {
  const IND = 'Indicateurs';

  it('requires a known unit and direction and numeric baseline and target', () => {
    const g = smallWorkbook();
    set(g, IND, 2, 'Unité', 'kg');
    set(g, IND, 3, 'Sens souhaité', 'stable');
    set(g, IND, 4, 'Valeur de référence', 'n.c.');
    expect(problems(g)).toEqual([
      E(IND, 'F2', 'Unité inconnue : nombre, %, €, taux pour 1000, jours, personnes, logements.'),
      E(IND, 'G3', 'Sens souhaité : hausse ou baisse.'),
      E(IND, 'H4', '« n.c. » n’est pas un nombre.'),
    ]);
  });

  it('names a Pondération that is not an indicator', () => {
    const g = set(smallWorkbook(), IND, 5, 'Pondération', 'POP-XX');
    expect(problems(g)).toEqual([
      E(
        IND,
        'P5',
        'Pondération : « POP-XX » n’est pas un indicateur de la feuille Indicateurs (l’indicateur de population qui pondère la moyenne).',
      ),
    ]);
  });

  it('lets a context indicator go without target nor domain, not the others', () => {
    const g = smallWorkbook();
    // Row 5 is a context indicator (SA-IND-01), row 3 a result indicator (RE-IND-01).
    set(g, IND, 5, 'Cible', '');
    set(g, IND, 5, 'Domaine', 'transversal');
    set(g, IND, 3, 'Cible', '');
    set(g, IND, 3, 'Domaine', '');
    expect(problems(g)).toEqual([
      E(IND, 'B3', 'Choisissez un domaine (seul un indicateur de contexte peut être transversal).'),
      E(IND, 'J3', 'La cible est obligatoire (sauf pour un indicateur de contexte).'),
    ]);
  });

  it('reads a baseline typed as text', () => {
    const g = set(smallWorkbook(), IND, 3, 'Valeur de référence', '68,5 %');
    expect(problems(g)).toEqual([
      W(
        IND,
        'H3',
        '« 68,5 % » est saisi comme du texte : il est lu comme 68,5. Ressaisissez-le comme un nombre pour que le tableur le reconnaisse.',
      ),
    ]);
  });

  it('checks the domain and the objective, which must be of that domain', () => {
    const g = smallWorkbook();
    set(g, IND, 2, 'Domaine', 'ru');
    set(g, IND, 3, 'Objectif', 'RU1');
    set(g, IND, 4, 'Objectif', 'IE8');
    expect(problems(g)).toEqual([
      W(IND, 'B2', '« ru » n’est pas écrit comme dans le Référentiel : écrivez « RU ».'),
      E(
        IND,
        'C3',
        'L’objectif RU1 relève du domaine « Renouvellement urbain, habitat », pas de « Réussite éducative ».',
      ),
      E(IND, 'C4', 'Objectif « IE8 » inconnu du Référentiel.'),
    ]);
  });

  it('rejects a code used twice', () => {
    const g = smallWorkbook();
    appendRow(g, IND, 2, { Libellé: 'Logements sociaux mis en chantier' });
    expect(problems(g)).toEqual([
      E(IND, 'A2', 'Code « RU-IND-01 » en double (aussi ligne 7) : chaque code doit être unique.'),
      E(IND, 'A7', 'Code « RU-IND-01 » en double (aussi ligne 2) : chaque code doit être unique.'),
    ]);
  });

  it('warns about a target year before the baseline year', () => {
    const g = set(smallWorkbook(), IND, 2, 'Année cible', 2006);
    expect(problems(g)).toEqual([]);
    set(g, IND, 2, 'Année cible', 2005);
    expect(problems(g)).toEqual([W(IND, 'K2', 'L’année cible (2005) précède l’année de référence (2006).')]);
  });

  it('warns about an indicator with no value for the reporting year', () => {
    const g = smallWorkbook();
    set(g, 'Mesures', 4, 'Année', 2009);
    expect(problems(g)).toEqual([]);
    set(g, 'Mesures', 5, 'Année', 2009);
    expect(problems(g)).toEqual([
      W(
        IND,
        'A2',
        'Aucune valeur pour 2008 dans la feuille Mesures : saisissez la mesure de l’année de rapport.',
      ),
    ]);
  });
});

describe('measures', () => {
  const M = 'Mesures';

  it('requires a known indicator and territory, and suggests the code of a variant', () => {
    const g = smallWorkbook();
    set(g, M, 2, 'Indicateur', 'ru-ind-01');
    set(g, M, 3, 'Indicateur', 'RU-IND-99');
    set(g, M, 4, 'Territoire', 'PONTANEZEN');
    expect(problems(g)).toEqual([
      W(M, 'A2', '« ru-ind-01 » n’est pas écrit comme dans la feuille Indicateurs : écrivez « RU-IND-01 ».'),
      E(M, 'A3', 'Indicateur « RU-IND-99 » inconnu de la feuille Indicateurs.'),
      E(M, 'C4', 'Territoire « PONTANEZEN » inconnu de la feuille Territoires.'),
    ]);
  });

  it('requires a year within the contract period, or the indicator’s baseline year', () => {
    const g = smallWorkbook();
    set(g, M, 2, 'Année', 2009);
    set(g, M, 3, 'Année', 2006); // the baseline year of the small workbook's indicators
    expect(problems(g)).toEqual([]);
    set(g, M, 2, 'Année', 2005);
    set(g, M, 3, 'Année', 2010);
    const outside = (year: number) =>
      `Année ${year} hors de la période du contrat (2007 à 2009) et différente de l’année de référence de l’indicateur.`;
    expect(problems(g)).toEqual([E(M, 'B2', outside(2005)), E(M, 'B3', outside(2010))]);
  });

  it('accepts one value per indicator, year and territory', () => {
    const g = smallWorkbook();
    appendRow(g, M, 2, { Territoire: 'Q-BELLEVUE' });
    expect(problems(g)).toEqual([]);
    appendRow(g, M, 2, { Valeur: 81 });
    expect(problems(g)).toEqual([
      E(
        M,
        'D23',
        'Deuxième valeur pour RU-IND-01, 2007, BREST (déjà ligne 2) : une seule valeur par indicateur, année et territoire.',
      ),
    ]);
  });

  it('keeps a percentage within 0 and 100', () => {
    const g = smallWorkbook();
    set(g, M, 6, 'Valeur', 100);
    set(g, M, 7, 'Valeur', 0);
    set(g, M, 2, 'Valeur', 250);
    expect(problems(g)).toEqual([]);
    set(g, M, 8, 'Valeur', 100.5);
    set(g, M, 9, 'Valeur', -2);
    expect(problems(g)).toEqual([
      E(M, 'D8', 'Un pourcentage est compris entre 0 et 100 : 100,5 n’en est pas un.'),
      E(M, 'D9', 'Un pourcentage est compris entre 0 et 100 : -2 n’en est pas un.'),
    ]);
  });

  it('requires a numeric value', () => {
    const g = set(smallWorkbook(), M, 2, 'Valeur', 'en attente');
    expect(problems(g)).toEqual([E(M, 'D2', '« en attente » n’est pas un nombre.')]);
  });
});

describe('the workbook is never modified', () => {
  it('leaves every grid as it was, even when it reads variants as canonical codes', () => {
    const g = smallWorkbook();
    set(g, RU, 2, 'Objectif', 'ru1');
    set(g, RU, 2, 'Statut', 'En Cours');
    set(g, RU, 3, 'ID', '');
    const before = JSON.stringify([...g]);
    validateWorkbook(g, { today: TODAY });
    expect(JSON.stringify([...g])).toBe(before);
  });
});
