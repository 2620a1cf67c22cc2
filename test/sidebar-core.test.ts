import type { Grid } from '../src/core/cells';
import { buildDemoWorkbook } from '../src/core/demo';
import {
  actionWrite,
  checkAction,
  checkMeasure,
  conflictMessage,
  domainTable,
  fnv1a,
  fundingWarning,
  locateMeasure,
  measureMessage,
  measureWrite,
  prepareActionSave,
  prepareProgress,
  progressWrite,
  referenceLists,
  rowVersion,
  sidebarData,
} from '../src/core/editing';
import { progressForYear, setProgressForYear } from '../src/core/progress';
import { readWorkbook } from '../src/core/records';
import type { Action } from '../src/core/schemas';
import { type OwnCell, readTable } from '../src/core/table';
import { newAction as baseAction } from './support/actions';

const RU = 'Renouvellement urbain, habitat';
const stamp = { at: new Date(2008, 2, 12, 14, 5), by: 'pilote.ru@brest.fr' };

function demo(edit?: (grids: Map<string, Grid>) => void) {
  const grids = buildDemoWorkbook();
  edit?.(grids);
  return readWorkbook(grids);
}

/** The core tests' action: a chantier prioritaire over two territories. */
const newAction = (overrides: Partial<Action> = {}): Action =>
  baseAction({ territories: ['Q-KEROURIEN', 'BREST'], chantier: true, ...overrides });

const header = (grid: Grid) => grid[0]!.map(String);
/** The value a save writes in the column `name`, undefined when it leaves that cell alone. */
const cellOf = (cells: OwnCell[], grid: Grid, name: string) =>
  cells.find((c) => c.column === header(grid).indexOf(name))?.value;

describe('avancées and freins by year', () => {
  const text = '2007 : comité réuni\n2009 : bilan prévu';

  it('inserts a new year in chronological order', () => {
    expect(setProgressForYear(text, 2008, 'convention signée')).toBe(
      '2007 : comité réuni\n2008 : convention signée\n2009 : bilan prévu',
    );
  });

  it('replaces the lines of the year where they were, one prefixed line per entry line', () => {
    const before = '2007 : comité réuni\n2008 : ancien texte\n2008 : autre ligne\nnote libre';
    expect(setProgressForYear(before, 2008, 'premier point\n\nsecond point')).toBe(
      '2007 : comité réuni\n2008 : premier point\n2008 : second point\nnote libre',
    );
  });

  it('removes the year when the entry is blank and appends after the last year', () => {
    expect(setProgressForYear(text, 2009, '  ')).toBe('2007 : comité réuni');
    expect(setProgressForYear('', 2008, 'démarrage')).toBe('2008 : démarrage');
    expect(setProgressForYear(text, 2010, 'fin')).toBe(`${text}\n2010 : fin`);
  });

  it('reads one year back', () => {
    expect(progressForYear('2008 : a\n2007 : b\n2008 : c', 2008)).toBe('a\nc');
    expect(progressForYear('2008 : a', 2007)).toBe('');
  });
});

describe('row versions', () => {
  it('is FNV-1a', () => {
    expect(fnv1a('')).toBe('811c9dc5');
    expect(fnv1a('a')).toBe('e40c292c');
    expect(fnv1a('foobar')).toBe('bf9cf968');
  });

  it('changes with the module’s cells, not with the user’s own columns nor the column order', () => {
    const spec = domainTable(demo(), 'RU').spec;
    const headers = ['ID', 'Intitulé de l’action', 'Notes perso', 'Statut', 'Financement ETAT (€)'];
    const table = readTable(spec, [headers]);
    const version = rowVersion(table, ['RU-001', 'Titre', 'x', 'en cours', 100]);
    expect(rowVersion(table, ['RU-001', 'Titre', 'autre note', 'en cours', 100])).toBe(version);
    expect(rowVersion(table, ['RU-001', 'Titre', 'x', 'réalisée', 100])).not.toBe(version);
    expect(rowVersion(table, ['RU-001', 'Titre', 'x', 'en cours', 200])).not.toBe(version);
    const moved = readTable(spec, [['Statut', 'ID', 'Financement ETAT (€)', 'Intitulé de l’action']]);
    expect(rowVersion(moved, ['en cours', 'RU-001', 100, 'Titre'])).toBe(version);
  });
});

describe('checking an action form', () => {
  const lists = referenceLists(demo());

  it('accepts a complete action', () => {
    expect(checkAction(newAction(), lists)).toEqual({ ok: true, value: newAction() });
  });

  it('gives a French message per field', () => {
    const result = checkAction(newAction({ title: ' ', budget: Number.NaN, funding: { VILLE: -5 } }), lists);
    expect(result).toEqual({
      ok: false,
      errors: {
        title: 'L’intitulé est obligatoire.',
        budget: 'Budget prévu : un montant en euros est attendu.',
        'funding.VILLE': 'Un cofinancement ne peut pas être négatif.',
      },
    });
  });

  it('rejects codes unknown to the workbook’s lists', () => {
    const result = checkAction(
      newAction({
        objective: 'RE1',
        actionLine: 'RU1.2',
        territories: ['Q-INCONNU'],
        funding: { MECENE: 10 },
      }),
      lists,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        objective: 'Objectif inconnu dans ce domaine : « RE1 ».',
        actionLine: 'La ligne d’action « RU1.2 » n’appartient pas à l’objectif choisi.',
        territories: 'Territoire inconnu (feuille Territoires) : Q-INCONNU.',
        'funding.MECENE': 'Financeur inconnu (feuille Financeurs) : MECENE.',
      },
    });
  });

  it('checks a measure against Indicateurs and Territoires', () => {
    const measure = {
      indicator: 'RU-IND-01',
      year: 2008,
      territory: 'BMO',
      value: 140,
      source: '',
      comment: '',
    };
    expect(checkMeasure(measure, lists)).toEqual({
      ok: false,
      errors: { value: 'Un pourcentage est compris entre 0 et 100.' },
    });
    expect(checkMeasure({ ...measure, indicator: 'XX', territory: 'Paris', value: 3 }, lists)).toEqual({
      ok: false,
      errors: {
        indicator: 'Indicateur inconnu (feuille Indicateurs) : « XX ».',
        territory: 'Territoire inconnu (feuille Territoires) : « Paris ».',
      },
    });
  });
});

describe('funding warning', () => {
  it('says what is missing or in excess, within the tolerance', () => {
    expect(fundingWarning({ budget: 10000, credits: 4000, funding: { VILLE: 6000 } }, 0)).toBeNull();
    expect(fundingWarning({ budget: 10000, credits: 4000, funding: { VILLE: 3000 } }, 0)).toBe(
      'Le plan de financement ne boucle pas : il manque 3\u202f000\u00a0€ pour atteindre le budget prévu (10\u202f000\u00a0€).',
    );
    expect(fundingWarning({ budget: 10000, credits: 8000, funding: { VILLE: 3000 } }, 0)).toBe(
      'Le plan de financement ne boucle pas : les financements dépassent le budget prévu (10\u202f000\u00a0€) de 1\u202f000\u00a0€.',
    );
    expect(fundingWarning({ budget: 10000, credits: 9950, funding: {} }, 100)).toBeNull();
    expect(fundingWarning({ budget: null, credits: 500, funding: {} }, 0)).toBe(
      'Indiquez le budget prévu : les financements totalisent 500\u00a0€.',
    );
  });
});

describe('saving an action (pure plan)', () => {
  it('creates RU-009 after the last row, code cells as in the dropdowns, text as typed', () => {
    const data = demo();
    const table = domainTable(data, 'RU');
    const target = prepareActionSave(
      table,
      { action: newAction({ title: '=HYPERLINK("http://x";"clic")', porteur: '+33 2 98' }), origin: null },
      referenceLists(data),
    );
    expect(target.existing).toBeNull();
    expect(target.action.id).toBe('RU-009');
    const write = actionWrite(table, target, data.referentiel, stamp);
    const grid = buildDemoWorkbook().get(RU)!;
    expect(write.row).toBe(10);
    expect(write.created).toBe(true);
    expect(cellOf(write.cells, grid, 'ID')).toBe('RU-009');
    expect(cellOf(write.cells, grid, 'Objectif')).toBe(
      'RU1 — Améliorer la qualité urbaine et résidentielle des quartiers prioritaires',
    );
    expect(cellOf(write.cells, grid, 'Ligne d’action')).toBe('RU1.2 — La gestion urbaine de proximité');
    expect(cellOf(write.cells, grid, 'Intitulé de l’action')).toBe('=HYPERLINK("http://x";"clic")');
    expect(cellOf(write.cells, grid, 'Porteur (maître d’œuvre)')).toBe('+33 2 98');
    expect(cellOf(write.cells, grid, 'Territoires')).toBe('Q-KEROURIEN ; BREST');
    expect(cellOf(write.cells, grid, 'Date de début')).toEqual(new Date(2008, 3, 1));
    expect(cellOf(write.cells, grid, 'Financement VILLE (€)')).toBe(6000);
    expect(cellOf(write.cells, grid, 'Financement ETAT (€)')).toBe('');
    expect(cellOf(write.cells, grid, 'Mis à jour le')).toBe(stamp.at);
    expect(cellOf(write.cells, grid, 'Mis à jour par')).toBe('pilote.ru@brest.fr');
    expect(write.journal).toMatchObject({ operation: 'création', record: 'RU-009', before: '' });
    expect(write.journal.after).toContain('Intitulé de l’action : =HYPERLINK("http://x";"clic")');
  });

  it('edits the row found by ID, writing only the cells of its own columns that change', () => {
    const data = demo((grids) => {
      const grid = grids.get(RU)!;
      grid[0]!.push('Mon calcul');
      for (const row of grid.slice(1)) row.push(1);
      // RU-002 has moved: two rows were swapped since the sidebar opened.
      [grid[1], grid[2]] = [grid[2]!, grid[1]!];
    });
    const table = domainTable(data, 'RU');
    const row = table.rows.find((r) => r.values.id === 'RU-002')!;
    const origin = { version: rowVersion(table, row.raw), row: 3 };
    const loaded = checkAction({ ...newAction({ id: 'RU-002', status: 'en cours' }) }, referenceLists(data));
    if (!loaded.ok) throw new Error('invalid');
    const target = prepareActionSave(table, { action: loaded.value, origin }, referenceLists(data));
    expect(target.existing?.row).toBe(2);
    const write = actionWrite(table, target, data.referentiel, stamp);
    expect(write.row).toBe(2);
    expect(write.created).toBe(false);
    const userColumn = table.headerRow.length - 1;
    expect(write.cells.map((c) => c.column)).not.toContain(userColumn);
    const grid = [table.headerRow];
    expect(cellOf(write.cells, grid, 'Intitulé de l’action')).toBe('Jardins partagés de Kérourien');
    // Unchanged cells (the objective, the ID) are left alone.
    expect(cellOf(write.cells, grid, 'ID')).toBeUndefined();
    expect(cellOf(write.cells, grid, 'Mis à jour le')).toBe(stamp.at);
    expect(write.journal.operation).toBe('modification');
    expect(write.journal.before).toContain('Intitulé de l’action : Diagnostic en marchant');
    expect(write.journal.after).toContain('Intitulé de l’action : Jardins partagés de Kérourien');
  });

  it('refuses to overwrite a row changed since it was loaded, saying by whom', () => {
    const data = demo();
    const table = domainTable(data, 'RU');
    const origin = { version: 'périmée', row: 2 };
    expect(() =>
      prepareActionSave(table, { action: newAction({ id: 'RU-001' }), origin }, referenceLists(data)),
    ).toThrow(
      'Cette action a été modifiée par quelqu’un d’autre depuis son ouverture (ligne 2, par service.dsu@brest.fr le 15/11/2008 à 10 h 30). Rechargez-la avant d’enregistrer.',
    );
    expect(conflictMessage(7, { updatedAt: '', updatedBy: '' })).toBe(
      'Cette action a été modifiée par quelqu’un d’autre depuis son ouverture (ligne 7). Rechargez-la avant d’enregistrer.',
    );
  });

  it('refuses a duplicated or vanished ID, and a new action that brings its own ID', () => {
    const data = demo((grids) => {
      grids.get(RU)![3]![0] = 'RU-001';
    });
    const table = domainTable(data, 'RU');
    const lists = referenceLists(data);
    const origin = { version: 'x', row: 2 };
    expect(() => prepareActionSave(table, { action: newAction({ id: 'RU-001' }), origin }, lists)).toThrow(
      'L’ID RU-001 figure sur plusieurs lignes de « Renouvellement urbain, habitat » (2, 4) : corrigez le doublon avant d’enregistrer.',
    );
    expect(() => prepareActionSave(table, { action: newAction({ id: 'RU-099' }), origin }, lists)).toThrow(
      'L’action RU-099 est introuvable dans la feuille « Renouvellement urbain, habitat » : elle a peut-être été supprimée ou son ID modifié. Rechargez-la.',
    );
    expect(() =>
      prepareActionSave(table, { action: newAction({ id: 'RU-050' }), origin: null }, lists),
    ).toThrow('Une nouvelle action reçoit son ID à l’enregistrement : laissez le champ ID vide.');
  });

  it('gives an ID to a row typed without one, if the row is still what was loaded', () => {
    const data = demo((grids) => {
      grids.get(RU)![4]![0] = '';
    });
    const table = domainTable(data, 'RU');
    const row = table.rows.find((r) => r.row === 5)!;
    const lists = referenceLists(data);
    const origin = { version: rowVersion(table, row.raw), row: 5 };
    const target = prepareActionSave(table, { action: newAction(), origin }, lists);
    expect(target.existing?.row).toBe(5);
    expect(target.action.id).toBe('RU-009');
    expect(() =>
      prepareActionSave(table, { action: newAction(), origin: { ...origin, row: 6 } }, lists),
    ).toThrow(
      'La ligne 6 de « Renouvellement urbain, habitat » a changé depuis son ouverture (lignes insérées, supprimées ou modifiées). Rechargez-la avant d’enregistrer.',
    );
  });
});

describe('progress update (pure plan)', () => {
  it('changes status and the year’s lines only', () => {
    const data = demo();
    const table = domainTable(data, 'RU');
    const row = table.rows.find((r) => r.values.id === 'RU-001')!;
    const request = {
      domain: 'RU' as const,
      id: 'RU-001',
      origin: { version: rowVersion(table, row.raw), row: 2 },
      status: 'en cours' as const,
      year: 2008,
      avancees: 'les travaux ont commencé',
      freins: '',
    };
    const found = prepareProgress(table, request);
    const write = progressWrite(table, found, request, stamp);
    const grid = buildDemoWorkbook().get(RU)!;
    expect(write.row).toBe(2);
    expect(cellOf(write.cells, grid, 'Statut')).toBe('en cours');
    expect(cellOf(write.cells, grid, 'Avancées')).toBe(
      '2007 : le comité de suivi s’est réuni trois fois\n2008 : les travaux ont commencé',
    );
    expect(cellOf(write.cells, grid, 'Budget prévu (€)')).toBeUndefined();
    expect(cellOf(write.cells, grid, 'Intitulé de l’action')).toBeUndefined();
    expect(write.cells.map((c) => grid[0]![c.column]).sort()).toEqual(
      ['Avancées', 'Freins', 'Mis à jour le', 'Mis à jour par', 'Statut'].sort(),
    );
    expect(write.journal.operation).toBe('avancement 2008');
    expect(write.journal.after).toContain('Statut : en cours');
    expect(() => prepareProgress(table, { ...request, status: 'réalisée' })).toThrow(
      'Une action réalisée doit avoir une date de fin : renseignez-la dans l’onglet « Action ».',
    );
  });
});

describe('measure upsert (pure plan)', () => {
  const request = {
    indicator: 'RU-IND-01',
    year: 2007,
    territory: 'Q-PONTANEZEN',
    value: 26,
    source: 'Observatoire',
    comment: '',
  };

  it('replaces the value of the same (indicator, year, territory) in place', () => {
    const data = demo();
    const table = data.tables.get('measures')!;
    const write = measureWrite(table, request, locateMeasure(table, request), stamp);
    expect(write.created).toBe(false);
    expect(write.row).toBe(3);
    expect(write.previousValue).toBe(25.5);
    expect(write.cells.map((c) => c.value).slice(0, 2)).toEqual([26, 'Observatoire']);
    expect(measureMessage(write, 'Mesures')).toBe('Mesure remplacée (ligne 3 de « Mesures ») : 25,5 → 26.');
    expect(write.journal).toMatchObject({
      operation: 'remplacement de mesure',
      record: 'RU-IND-01 2007 Q-PONTANEZEN',
      before: 'Valeur : 25,5\nSource : Observatoire du contrat',
      after: 'Valeur : 26\nSource : Observatoire',
    });
  });

  it('appends a new key after the last row', () => {
    const data = demo();
    const table = data.tables.get('measures')!;
    const fresh = { ...request, year: 2009 };
    const write = measureWrite(table, fresh, locateMeasure(table, fresh), stamp);
    expect(write.created).toBe(true);
    expect(write.row).toBe(table.rows.at(-1)!.row + 1);
    expect(measureMessage(write, 'Mesures')).toBe(`Mesure créée (ligne ${write.row} de « Mesures »).`);
  });
});

describe('sidebar data', () => {
  it('carries the action under the cursor with its version, and the search index', () => {
    const data = demo();
    const result = sidebarData(data, { sheet: RU, row: 3 }, 'pilote.ru@brest.fr');
    expect(result.currentAction?.action.id).toBe('RU-002');
    expect(result.currentAction?.row).toBe(3);
    expect(result.currentAction?.version).toBe(
      rowVersion(domainTable(data, 'RU'), buildDemoWorkbook().get(RU)![2]!),
    );
    expect(result.activeDomain).toBe('RU');
    expect(result.actionsIndex).toHaveLength(40);
    expect(result.actionsIndex[0]).toEqual({
      id: 'RU-001',
      title: 'Résidentialisation des immeubles',
      domain: 'RU',
      sheet: RU,
      row: 2,
      status: 'reportée',
      axes: [],
    });
    expect(sidebarData(data, { sheet: 'Mesures', row: 3 }, '').currentAction).toBeNull();
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
