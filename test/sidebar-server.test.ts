/** @jest-environment-options {"globalsCleanup": "off"} */
// The sidebar's server functions against the Apps Script fake holding the installed demo workbook.
import type { LoadedAction, SaveActionRequest } from '../src/core/editing';
import type { Action } from '../src/core/schemas';
import {
  getSidebarData,
  loadAction,
  loadSelectedAction,
  openSidebar,
  saveAction,
  saveMeasure,
  updateProgress,
} from '../src/gas/sidebar';
import { type DemoFake, installedDemo, RU_SHEET } from './sidebar-fixture';
import { newAction } from './support/actions';

let demo: DemoFake;
beforeEach(() => {
  demo = installedDemo();
});
afterEach(() => demo.restore());

const values = (sheet: string) => demo.fake.spreadsheet.inspect.sheet(sheet).values;
const formulas = (sheet: string) => demo.fake.spreadsheet.inspect.sheet(sheet).formulas;
const header = (sheet: string) => values(sheet)[0]!.map(String);
/** The cell of a row (1-based) under a header, as the sheet now holds it. */
const cell = (sheet: string, row: number, name: string) =>
  values(sheet)[row - 1]![header(sheet).indexOf(name)];
const journal = () => values('Journal').slice(1);
const lastJournal = () => {
  const [at, user, operation, sheet, record, before, after] = journal().at(-1)!;
  return { at, user, operation, sheet, record, before, after };
};

/** What a sidebar does: load, change some fields, send back with the version it loaded. */
function edit(loaded: LoadedAction, changes: Partial<Action>): SaveActionRequest {
  return {
    action: { ...loaded.action, ...changes },
    origin: { version: loaded.version, row: loaded.row },
  };
}

/** A JSON round trip, as google.script.run does. */
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value));

describe('opening', () => {
  it('shows the built page in a sidebar', () => {
    demo.fake.htmlFiles.Sidebar = '<p>Saisie</p>';
    openSidebar();
    expect(demo.fake.ui.sidebars).toEqual([
      { title: 'Pilotage CUCS — saisie', content: '<p>Saisie</p>', width: null, height: null },
    ]);
  });

  it('brings everything in one read per sheet, with the action under the cursor', () => {
    demo.fake.setActive(RU_SHEET, 3, 4);
    const data = json(getSidebarData());
    expect(data.currentAction?.action).toMatchObject({ id: 'RU-002', title: 'Diagnostic en marchant' });
    expect(data.currentAction?.row).toBe(3);
    expect(data.activeDomain).toBe('RU');
    expect(data.referentiel.domains.map((d) => d.code)).toEqual(['RU', 'RE', 'IE', 'SA', 'PD']);
    expect(data.territories.map((t) => t.code)).toContain('Q-PONTANEZEN');
    expect(data.funders.map((f) => f.code)).toEqual([
      'ETAT',
      'VILLE',
      'BMO',
      'CG29',
      'REGION',
      'CAF',
      'BAILLEURS',
    ]);
    // 20 of the domains, 6 context indicators of the observation data.
    expect(data.indicators).toHaveLength(26);
    expect(data.actionsIndex).toHaveLength(40);
    expect(data.settings.reportingYear).toBe(2008);
    expect(data.user).toBe('pilote.ru@brest.fr');
    // Paramètres, Référentiel, Territoires, Financeurs, the 5 domains, Indicateurs, Mesures, Décisions:
    // not the Journal.
    expect(demo.fake.calls.count('Range.getValues')).toBe(12);
    expect(demo.fake.calls.count('Range.set')).toBe(0);
  });

  it('has no current action when the cursor is elsewhere', () => {
    demo.fake.setActive('Mesures', 5, 1);
    const data = getSidebarData();
    expect(data.currentAction).toBeNull();
    expect(data.activeDomain).toBeNull();
  });
});

describe('creating an action', () => {
  it('appends it with the next ID, in one write, journals it and selects it', () => {
    const saved = json(saveAction(json({ action: newAction(), origin: null })));
    expect(saved).toMatchObject({
      created: true,
      row: 10,
      sheet: RU_SHEET,
      message: 'Action RU-009 créée (ligne 10 de « Renouvellement urbain, habitat »).',
    });
    expect(saved.action).toMatchObject({
      id: 'RU-009',
      objective: 'RU1',
      title: 'Jardins partagés de Kérourien',
      funding: { VILLE: 6000 },
      updatedBy: 'pilote.ru@brest.fr',
    });
    expect(cell(RU_SHEET, 10, 'ID')).toBe('RU-009');
    expect(cell(RU_SHEET, 10, 'Objectif')).toBe(
      'RU1 — Améliorer la qualité urbaine et résidentielle des quartiers prioritaires',
    );
    expect(cell(RU_SHEET, 10, 'Territoires')).toBe('Q-KEROURIEN');
    expect(cell(RU_SHEET, 10, 'Date de début')).toEqual(new Date(2008, 3, 1));
    expect(cell(RU_SHEET, 10, 'Budget prévu (€)')).toBe(10000);
    expect(cell(RU_SHEET, 10, 'Participation des habitants')).toBe(true);
    expect(cell(RU_SHEET, 10, 'Mis à jour par')).toBe('pilote.ru@brest.fr');
    expect(cell(RU_SHEET, 10, 'Mis à jour le')).toBeInstanceOf(Date);
    expect(demo.fake.calls.count('Range.setValues')).toBe(2); // the row, the Journal entry
    expect(demo.fake.calls.count('Range.getFormulas')).toBe(0);
    expect(demo.fake.calls.count('LockService.getDocumentLock')).toBe(1);
    expect(demo.fake.locks.held()).toBe(false);
    expect(lastJournal()).toMatchObject({
      user: 'pilote.ru@brest.fr',
      operation: 'création',
      sheet: RU_SHEET,
      record: 'RU-009',
      before: '',
    });
    expect(lastJournal().after).toContain('Intitulé de l’action : Jardins partagés de Kérourien');
    expect(demo.fake.spreadsheet.activeSheetName()).toBe(RU_SHEET);
    expect(demo.fake.spreadsheet.activeRange()).toMatch(/^A10:[A-Z]+10$/);
  });

  it('answers with the row as stored, whose version lets the same sidebar save again', () => {
    const created = json(saveAction({ action: newAction({ spent: 1234.5 }), origin: null }));
    expect(created.action.spent).toBe(1234.5);
    expect(created.action.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    const again = saveAction(edit(created, { status: 'en cours' }));
    expect(again).toMatchObject({ created: false, row: created.row });
    expect(cell(RU_SHEET, created.row, 'Statut')).toBe('en cours');
    expect(loadAction({ domain: 'RU', id: 'RU-009', row: null }).version).toBe(again.version);
  });

  it('keeps the formulas of a column filled down in advance on the row it takes', () => {
    const sheet = demo.fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(RU_SHEET)!;
    const width = header(RU_SHEET).length;
    sheet.insertColumnsAfter(width, 1);
    sheet.getRange(1, width + 1).setValue('Fiche');
    // A formula that shows nothing until its row is filled: the rows below the table look blank.
    const formula = '=HYPERLINK("";"")';
    sheet.getRange(2, width + 1, 20, 1).setFormulas(Array.from({ length: 20 }, () => [formula]));
    const saved = saveAction(json({ action: newAction(), origin: null }));
    expect(saved.row).toBe(10);
    expect(formulas(RU_SHEET)[9]![width]).toBe(formula);
    expect(cell(RU_SHEET, 10, 'Intitulé de l’action')).toBe('Jardins partagés de Kérourien');
  });

  it('stores text typed as =…, +…, -… or @… as text, never as a formula', () => {
    const saved = saveAction({
      action: newAction({
        title: '=IMPORTXML("http://x.fr";"//a")',
        porteur: '+33 2 98 00 00 00',
        partners: '-Association',
        publicCible: '@jeunes',
        avancees: '=1+1',
      }),
      origin: null,
    });
    expect(cell(RU_SHEET, saved.row, 'Intitulé de l’action')).toBe('=IMPORTXML("http://x.fr";"//a")');
    expect(cell(RU_SHEET, saved.row, 'Porteur (maître d’œuvre)')).toBe('+33 2 98 00 00 00');
    expect(cell(RU_SHEET, saved.row, 'Partenaires')).toBe('-Association');
    expect(cell(RU_SHEET, saved.row, 'Public cible')).toBe('@jeunes');
    expect(cell(RU_SHEET, saved.row, 'Avancées')).toBe('=1+1');
    expect(
      formulas(RU_SHEET)
        .flat()
        .filter((f) => f !== ''),
    ).toEqual([]);
    expect(saved.action.title).toBe('=IMPORTXML("http://x.fr";"//a")');
  });

  it('rejects codes the workbook does not know, writing nothing', () => {
    const before = values(RU_SHEET);
    const request = {
      action: newAction({ objective: 'RU9', territories: ['Q-ATLANTIDE'], funding: { MECENE: 100 } }),
      origin: null,
    };
    expect(() => saveAction(request)).toThrow(
      'Saisie refusée :\nObjectif inconnu dans ce domaine : « RU9 ».\nLa ligne d’action « RU1.2 » n’appartient pas à l’objectif choisi.\nTerritoire inconnu (feuille Territoires) : Q-ATLANTIDE.\nFinanceur inconnu (feuille Financeurs) : MECENE.',
    );
    expect(() =>
      saveAction({ action: newAction({ status: 'terminée' as Action['status'] }), origin: null }),
    ).toThrow(
      'Saisie refusée :\nStatut inconnu : choisissez programmée, en cours, réalisée, reportée, abandonnée.',
    );
    expect(values(RU_SHEET)).toEqual(before);
    expect(demo.fake.calls.count('Range.setValues')).toBe(0);
    expect(demo.fake.locks.held()).toBe(false);
  });

  it('refuses to write into a sheet where one of its headers stands twice, writing nothing', () => {
    const sheet = demo.fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(RU_SHEET)!;
    const own = sheet.getLastColumn() + 1;
    sheet.insertColumnsAfter(sheet.getMaxColumns(), 1);
    sheet.getRange(1, own).setValue('Statut');
    const before = values(RU_SHEET);
    demo.fake.calls.reset();
    expect(() => saveAction({ action: newAction(), origin: null })).toThrow(
      `La feuille « ${RU_SHEET} » a plusieurs colonnes « Statut » : renommez celle qui n’est pas la bonne, puis enregistrez à nouveau (rien n’a été écrit).`,
    );
    expect(values(RU_SHEET)).toEqual(before);
    expect(demo.fake.calls.count('Range.setValues')).toBe(0);
  });

  it('rejects a malformed request with the schema’s French messages', () => {
    expect(() => saveAction({ action: { ...newAction(), title: '' }, origin: null })).toThrow(
      'Saisie refusée :\nL’intitulé est obligatoire.',
    );
    expect(() => saveAction('n’importe quoi' as never)).toThrow('Saisie refusée');
  });
});

describe('editing an action', () => {
  it('rewrites the row found by ID, keeping the user’s own column and formula', () => {
    const sheet = demo.fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(RU_SHEET)!;
    const width = header(RU_SHEET).length;
    if (sheet.getMaxColumns() === width) sheet.insertColumnsAfter(width, 1);
    sheet.getRange(1, width + 1).setValue('Suivi interne');
    demo.fake.setActive(RU_SHEET, 3, 1);
    const loaded = json(loadSelectedAction());
    expect(loaded.action.id).toBe('RU-002');
    // Meanwhile someone inserts a row above (RU-002 moves to row 4) and fills their own column.
    sheet.insertRowBefore(2);
    sheet.getRange(4, width + 1).setFormula('=LEN(D4)');
    demo.fake.calls.reset();
    const saved = saveAction(
      json(edit(loaded, { title: 'Diagnostic en marchant 2008', status: 'réalisée' })),
    );
    expect(saved).toMatchObject({
      created: false,
      row: 4,
      message: expect.stringContaining('RU-002 enregistrée'),
    });
    expect(cell(RU_SHEET, 4, 'Intitulé de l’action')).toBe('Diagnostic en marchant 2008');
    expect(cell(RU_SHEET, 4, 'Statut')).toBe('réalisée');
    expect(cell(RU_SHEET, 4, 'Budget prévu (€)')).toBe(230500);
    expect(formulas(RU_SHEET)[3]![width]).toBe('=LEN(D4)');
    expect(demo.fake.calls.count('Range.getFormulas')).toBe(0); // its column is not written: no need to read it
    expect(demo.fake.calls.count('Range.setValues')).toBe(4); // title, status, the stamp (one run each), the Journal
    expect(lastJournal()).toMatchObject({
      operation: 'modification',
      record: 'RU-002',
      before: 'Intitulé de l’action : Diagnostic en marchant\nStatut : en cours',
      after: 'Intitulé de l’action : Diagnostic en marchant 2008\nStatut : réalisée',
    });
  });

  it('answers a French conflict message when the row changed since it was loaded', () => {
    const loaded = json(loadAction({ domain: 'RU', id: 'RU-002', row: null }));
    const sheet = demo.fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(RU_SHEET)!;
    sheet.getRange(3, header(RU_SHEET).indexOf('Statut') + 1).setValue('reportée');
    const before = values(RU_SHEET);
    expect(() => saveAction(edit(loaded, { title: 'Mon titre' }))).toThrow(
      'Cette action a été modifiée par quelqu’un d’autre depuis son ouverture (ligne 3, par service.dsu@brest.fr le 15/11/2008 à 10 h 30). Rechargez-la avant d’enregistrer.',
    );
    expect(values(RU_SHEET)).toEqual(before);
    expect(demo.fake.locks.held()).toBe(false);
  });

  it('keeps both of two interleaved saves, and refuses the stale one on the same row', () => {
    // Two pilots open their sidebars at the same time.
    const first = json(getSidebarData());
    const second = json(getSidebarData());
    const a1 = json(loadAction({ domain: 'RU', id: 'RU-001', row: null }));
    const a2 = json(loadAction({ domain: 'RU', id: 'RU-003', row: null }));
    const b1 = json(loadAction({ domain: 'RU', id: 'RU-003', row: null }));
    // Both create an action from the same stale view of the sheet: both land, with distinct IDs.
    expect(first.actionsIndex).toEqual(second.actionsIndex);
    const created1 = saveAction({ action: newAction({ title: 'Action A' }), origin: null });
    const created2 = saveAction({ action: newAction({ title: 'Action B' }), origin: null });
    expect([created1.action.id, created1.row]).toEqual(['RU-009', 10]);
    expect([created2.action.id, created2.row]).toEqual(['RU-010', 11]);
    // Each edits a different action: both edits are kept.
    saveAction(edit(a1, { porteur: 'Porteur A' }));
    saveAction(edit(a2, { porteur: 'Porteur B' }));
    expect(cell(RU_SHEET, 2, 'Porteur (maître d’œuvre)')).toBe('Porteur A');
    expect(cell(RU_SHEET, 4, 'Porteur (maître d’œuvre)')).toBe('Porteur B');
    // The second pilot saves RU-003 loaded before the first pilot's edit: refused, nothing lost.
    expect(() => saveAction(edit(b1, { porteur: 'Porteur C' }))).toThrow(/modifiée par quelqu’un d’autre/);
    expect(cell(RU_SHEET, 4, 'Porteur (maître d’œuvre)')).toBe('Porteur B');
    expect(cell(RU_SHEET, 10, 'Intitulé de l’action')).toBe('Action A');
    expect(cell(RU_SHEET, 11, 'Intitulé de l’action')).toBe('Action B');
  });

  it('gives an ID to a row typed by hand without one', () => {
    const sheet = demo.fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(RU_SHEET)!;
    sheet.getRange(5, 1).setValue('');
    demo.fake.setActive(RU_SHEET, 5, 3);
    const loaded = json(loadSelectedAction());
    expect(loaded.action.id).toBe('');
    const saved = saveAction(edit(loaded, { beneficiaries: 12 }));
    expect(saved).toMatchObject({ row: 5, created: false });
    expect(saved.action.id).toBe('RU-009');
    expect(cell(RU_SHEET, 5, 'ID')).toBe('RU-009');
    expect(cell(RU_SHEET, 5, 'Bénéficiaires')).toBe(12);
  });

  it('loads a status typed with other capitals or accents as the list’s, so that the form can save it', () => {
    const sheet = demo.fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(RU_SHEET)!;
    sheet.getRange(3, header(RU_SHEET).indexOf('Statut') + 1).setValue('En Cours');
    const loaded = json(loadAction({ domain: 'RU', id: 'RU-002', row: null }));
    expect(loaded.action.status).toBe('en cours');
    const saved = saveAction(edit(loaded, { beneficiaries: 12 }));
    expect(saved.action.status).toBe('en cours');
    expect(cell(RU_SHEET, 3, 'Statut')).toBe('en cours');
  });

  it('says where to put the cursor when the selection is not an action', () => {
    demo.fake.setActive('Mesures', 2, 1);
    expect(() => loadSelectedAction()).toThrow(
      'Placez le curseur sur une ligne d’action d’une feuille de domaine (Renouvellement urbain, habitat, Réussite éducative, Insertion et emploi, Santé, Prévention de la délinquance), puis réessayez.',
    );
    demo.fake.setActive(RU_SHEET, 60, 1);
    expect(() => loadSelectedAction()).toThrow(
      /^La ligne 60 de « Renouvellement urbain, habitat » ne contient pas d’action/,
    );
  });
});

describe('progress update', () => {
  it('changes the status and the year’s lines only', () => {
    const loaded = json(loadAction({ domain: 'RU', id: 'RU-001', row: null }));
    const before = values(RU_SHEET)[1]!;
    const saved = updateProgress(
      json({
        domain: 'RU',
        id: 'RU-001',
        origin: { version: loaded.version, row: loaded.row },
        status: 'en cours',
        year: 2008,
        avancees: 'travaux engagés',
        freins: 'retard des entreprises\ncoût des matériaux',
      }),
    );
    expect(saved.message).toBe(
      'Avancement 2008 de l’action RU-001 enregistré (ligne 2 de « Renouvellement urbain, habitat »).',
    );
    expect(cell(RU_SHEET, 2, 'Statut')).toBe('en cours');
    expect(cell(RU_SHEET, 2, 'Avancées')).toBe(
      '2007 : le comité de suivi s’est réuni trois fois\n2008 : travaux engagés',
    );
    expect(cell(RU_SHEET, 2, 'Freins')).toBe('2008 : retard des entreprises\n2008 : coût des matériaux');
    const after = values(RU_SHEET)[1]!;
    const changed = header(RU_SHEET).filter((_, i) => String(before[i]) !== String(after[i]));
    expect(changed).toEqual(['Statut', 'Avancées', 'Freins', 'Mis à jour le', 'Mis à jour par']);
    expect(lastJournal().operation).toBe('avancement 2008');
  });

  it('leaves text of the user’s own columns as text, however it looks (phone number, « 12/03 », « VRAI »)', () => {
    const sheet = demo.fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(RU_SHEET)!;
    const width = header(RU_SHEET).length;
    sheet.insertColumnsAfter(width, 3);
    sheet
      .getRange(1, width + 1, 1, 3)
      .setValues([['Téléphone du porteur', 'Rendez-vous', 'Convention signée']]);
    // Typed with a leading apostrophe, as a person keeps a phone number's zero: the cells hold text.
    sheet.getRange(2, width + 1, 1, 3).setValues([["'0298000000", "'12/03", "'VRAI"]]);
    expect(values(RU_SHEET)[1]!.slice(width)).toEqual(['0298000000', '12/03', 'VRAI']);
    const loaded = json(loadAction({ domain: 'RU', id: 'RU-001', row: null }));
    updateProgress({
      domain: 'RU',
      id: 'RU-001',
      origin: { version: loaded.version, row: loaded.row },
      status: 'en cours',
      year: 2008,
      avancees: 'travaux engagés',
      freins: '',
    });
    expect(values(RU_SHEET)[1]!.slice(width)).toEqual(['0298000000', '12/03', 'VRAI']);
    const reloaded = json(loadAction({ domain: 'RU', id: 'RU-001', row: null }));
    saveAction(edit(reloaded, { beneficiaries: 110 }));
    expect(values(RU_SHEET)[1]!.slice(width)).toEqual(['0298000000', '12/03', 'VRAI']);
  });

  it('refuses, in French and before writing, a text longer than a cell can hold', () => {
    const loaded = json(loadAction({ domain: 'RU', id: 'RU-001', row: null }));
    const before = values(RU_SHEET);
    demo.fake.calls.reset();
    const request = {
      domain: 'RU' as const,
      id: 'RU-001',
      origin: { version: loaded.version, row: loaded.row },
      status: 'en cours' as const,
      year: 2008,
      avancees: 'x'.repeat(50_000),
      freins: '',
    };
    expect(() => updateProgress(request)).toThrow(
      '« Avancées » dépasse 50\u00a0000 caractères, le maximum d’une cellule : raccourcissez le texte avant d’enregistrer.',
    );
    expect(demo.fake.calls.count('Range.setValues')).toBe(0);
    expect(values(RU_SHEET)).toEqual(before);
    expect(demo.fake.locks.held()).toBe(false);
  });

  it('refuses a stale version', () => {
    const loaded = json(loadAction({ domain: 'RU', id: 'RU-001', row: null }));
    saveAction(edit(loaded, { title: 'Changé ailleurs' }));
    const request = {
      domain: 'RU' as const,
      id: 'RU-001',
      origin: { version: loaded.version, row: loaded.row },
      status: 'en cours' as const,
      year: 2008,
      avancees: '',
      freins: '',
    };
    expect(() => updateProgress(request)).toThrow(
      /modifiée par quelqu’un d’autre depuis son ouverture \(ligne 2, par pilote\.ru@brest\.fr le /,
    );
  });
});

describe('journal', () => {
  const spreadsheet = () => demo.fake.globals.SpreadsheetApp.getActiveSpreadsheet();

  it('journals a save even when the Journal’s header row was cleared, putting its headers back', () => {
    const rows = values('Journal').length;
    spreadsheet().getSheetByName('Journal')!.getRange(1, 1, 1, 7).clearContent();
    const saved = saveAction(json({ action: newAction(), origin: null }));
    expect(saved.message).toBe('Action RU-009 créée (ligne 10 de « Renouvellement urbain, habitat »).');
    expect(header('Journal')).toEqual([
      'Horodatage',
      'Utilisateur',
      'Opération',
      'Feuille',
      'Enregistrement',
      'Avant',
      'Après',
    ]);
    expect(values('Journal')).toHaveLength(rows + 1);
    expect(lastJournal()).toMatchObject({ operation: 'création', sheet: RU_SHEET, record: 'RU-009' });
    expect(demo.fake.locks.held()).toBe(false);
  });

  it('recreates a deleted Journal rather than losing the entry', () => {
    spreadsheet().deleteSheet(spreadsheet().getSheetByName('Journal')!);
    saveMeasure({
      indicator: 'RU-IND-01',
      year: 2009,
      territory: 'Q-PONTANEZEN',
      value: 30,
      source: '',
      comment: '',
    });
    expect(header('Journal')).toEqual([
      'Horodatage',
      'Utilisateur',
      'Opération',
      'Feuille',
      'Enregistrement',
      'Avant',
      'Après',
    ]);
    expect(journal()).toHaveLength(1);
    expect(lastJournal()).toMatchObject({
      user: 'pilote.ru@brest.fr',
      operation: 'création de mesure',
      sheet: 'Mesures',
      record: 'RU-IND-01 2009 Q-PONTANEZEN',
    });
  });
});

describe('indicator values', () => {
  const measure = {
    indicator: 'RU-IND-01',
    year: 2007,
    territory: 'Q-PONTANEZEN',
    value: 27.5,
    source: 'INSEE',
    comment: '=A1',
  };

  it('replaces the value of the same indicator, year and territory where it is', () => {
    const rows = values('Mesures').length;
    const saved = json(saveMeasure(measure));
    expect(saved).toMatchObject({
      created: false,
      row: 3,
      message: 'Mesure remplacée (ligne 3 de « Mesures ») : 25,5 → 27,5.',
    });
    expect(values('Mesures')[2]!.slice(0, 6)).toEqual([
      'RU-IND-01',
      2007,
      'Q-PONTANEZEN',
      27.5,
      'INSEE',
      '=A1',
    ]);
    expect(values('Mesures')).toHaveLength(rows);
    expect(lastJournal()).toMatchObject({
      operation: 'remplacement de mesure',
      record: 'RU-IND-01 2007 Q-PONTANEZEN',
    });
  });

  it('keeps the row’s source and comment when the form leaves them blank', () => {
    expect(values('Mesures')[2]!.slice(0, 5)).toEqual([
      'RU-IND-01',
      2007,
      'Q-PONTANEZEN',
      25.5,
      'Observatoire du contrat',
    ]);
    const sheet = demo.fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Mesures')!;
    sheet.getRange(3, 6).setValue('chiffre provisoire');
    const saved = saveMeasure({ ...measure, source: '', comment: '' });
    expect(saved.message).toBe('Mesure remplacée (ligne 3 de « Mesures ») : 25,5 → 27,5.');
    expect(values('Mesures')[2]!.slice(0, 6)).toEqual([
      'RU-IND-01',
      2007,
      'Q-PONTANEZEN',
      27.5,
      'Observatoire du contrat',
      'chiffre provisoire',
    ]);
    expect(saved.measure).toMatchObject({ source: 'Observatoire du contrat', comment: 'chiffre provisoire' });
  });

  it('keeps the formulas of a column filled down in advance on the row a new value takes', () => {
    const sheet = demo.fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Mesures')!;
    const rows = values('Mesures').length;
    const width = header('Mesures').length;
    sheet.insertColumnsAfter(width, 1);
    sheet.getRange(1, width + 1).setValue('Lien');
    const formula = '=HYPERLINK("";"")';
    sheet.getRange(2, width + 1, rows + 5, 1).setFormulas(Array.from({ length: rows + 5 }, () => [formula]));
    const saved = saveMeasure({ ...measure, year: 2009, value: 30 });
    expect(saved).toMatchObject({ created: true, row: rows + 1 });
    expect(formulas('Mesures')[rows]![width]).toBe(formula);
    expect(values('Mesures')[rows]!.slice(0, 4)).toEqual(['RU-IND-01', 2009, 'Q-PONTANEZEN', 30]);
  });

  it('creates a new row for a new key', () => {
    const rows = values('Mesures').length;
    const saved = saveMeasure({ ...measure, year: 2009, value: 30 });
    expect(saved).toMatchObject({ created: true, row: rows + 1 });
    expect(saved.message).toBe(`Mesure créée (ligne ${rows + 1} de « Mesures »).`);
    expect(values('Mesures')[rows]!.slice(0, 4)).toEqual(['RU-IND-01', 2009, 'Q-PONTANEZEN', 30]);
    expect(demo.fake.calls.count('Range.setValues')).toBe(2);
  });

  it('rejects an unknown indicator or territory', () => {
    expect(() => saveMeasure({ ...measure, indicator: 'XX-01', territory: 'LUNE' })).toThrow(
      'Saisie refusée :\nIndicateur inconnu (feuille Indicateurs) : « XX-01 ».\nTerritoire inconnu (feuille Territoires) : « LUNE ».',
    );
    expect(demo.fake.calls.count('Range.setValues')).toBe(0);
  });
});
