/** @jest-environment-options {"globalsCleanup": "off"} */
// The sidebar's decision functions against the Apps Script fake holding the installed demo workbook.
import type { SaveDecisionRequest } from '../src/core/decisions';
import type { Decision } from '../src/core/schemas';
import { getSidebarData, loadDecisions, saveDecision } from '../src/gas/sidebar';
import { type DemoFake, installedDemo } from './sidebar-fixture';

let demo: DemoFake;
beforeEach(() => {
  demo = installedDemo('chef.projet@brest.fr');
});
afterEach(() => demo.restore());

const DECISIONS = 'Décisions';
/** The demo holds four decisions (rows 2 to 5): a new one goes on row 6, as DEC-005. */
const NEW_ROW = 6;
const values = (sheet: string) => demo.fake.spreadsheet.inspect.sheet(sheet).values;
const cell = (row: number, name: string) =>
  values(DECISIONS)[row - 1]![values(DECISIONS)[0]!.map(String).indexOf(name)];
const lastJournal = () => {
  const [, user, operation, sheet, record, before, after] = values('Journal').at(-1)!;
  return { user, operation, sheet, record, before, after };
};
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value));

const decision = (over: Partial<Decision> = {}): Decision => ({
  id: '',
  instance: 'comité de pilotage',
  date: '2009-03-10',
  kind: 'décision',
  decision: 'Étendre le diagnostic en marchant à Kérourien.',
  concerns: ['RU', 'RU-002'],
  responsable: 'Mission RU',
  deadline: '2009-06-30',
  suite: 'à engager',
  comment: '',
  updatedAt: '',
  updatedBy: '',
  ...over,
});

describe('decisions from the sidebar', () => {
  it('opens on a workbook installed before the Décisions sheet, and says to install when saving one', () => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    ss.deleteSheet(ss.getSheetByName(DECISIONS)!);
    expect(json(getSidebarData()).decisions).toEqual([]);
    expect(() => saveDecision(json({ decision: decision(), origin: null }))).toThrow(
      /« Décisions » est absente/,
    );
  });

  it('creates a decision with the next ID under the lock, journals it, and lists it at the next opening', () => {
    const saved = json(saveDecision(json({ decision: decision(), origin: null })));
    expect(saved).toMatchObject({
      created: true,
      row: NEW_ROW,
      message: 'Décision DEC-005 créée (ligne 6 de « Décisions »).',
    });
    expect(cell(NEW_ROW, 'ID')).toBe('DEC-005');
    expect(cell(NEW_ROW, 'Date')).toEqual(new Date(2009, 2, 10));
    expect(cell(NEW_ROW, 'Concerne')).toBe('RU ; RU-002');
    expect(cell(NEW_ROW, 'Mis à jour par')).toBe('chef.projet@brest.fr');
    expect(demo.fake.calls.count('LockService.getDocumentLock')).toBe(1);
    expect(demo.fake.locks.held()).toBe(false);
    expect(demo.fake.calls.count('Range.setValues')).toBe(2); // the row, the Journal entry
    expect(lastJournal()).toMatchObject({
      user: 'chef.projet@brest.fr',
      operation: 'création de décision',
      sheet: DECISIONS,
      record: 'DEC-005',
    });
    const data = json(getSidebarData());
    expect(data.decisions.map((d) => d.decision.id)).toEqual([
      'DEC-005',
      'DEC-004',
      'DEC-003',
      'DEC-002',
      'DEC-001',
    ]); // newest first
  });

  it('follows a decision up: only its suite, comment and stamp change', () => {
    const created = json(saveDecision(json({ decision: decision(), origin: null })));
    const loaded = json(loadDecisions()).find((d) => d.row === NEW_ROW);
    const request: SaveDecisionRequest = {
      decision: { ...loaded!.decision, suite: 'réalisée', comment: 'Fait en mai.' },
      origin: { version: loaded!.version, row: loaded!.row },
    };
    const saved = json(saveDecision(request));
    expect(saved).toMatchObject({
      created: false,
      row: created.row,
      message: 'Décision DEC-005 enregistrée (ligne 6 de « Décisions »).',
    });
    expect(cell(NEW_ROW, 'Suite')).toBe('réalisée');
    expect(cell(NEW_ROW, 'Décision')).toBe('Étendre le diagnostic en marchant à Kérourien.');
    expect(lastJournal()).toMatchObject({
      operation: 'modification de décision',
      before: 'Suite : à engager\nCommentaire : ',
      after: 'Suite : réalisée\nCommentaire : Fait en mai.',
    });
  });

  it('refuses, without writing, a decision changed by someone else since it was loaded', () => {
    saveDecision(json({ decision: decision(), origin: null }));
    const loaded = json(loadDecisions()).find((d) => d.row === NEW_ROW);
    saveDecision({
      decision: { ...loaded!.decision, comment: 'Par un collègue' },
      origin: { version: loaded!.version, row: NEW_ROW },
    });
    const journalRows = values('Journal').length;
    expect(() =>
      saveDecision({
        decision: { ...loaded!.decision, suite: 'abandonnée' },
        origin: { version: loaded!.version, row: NEW_ROW },
      }),
    ).toThrow(
      /Cette décision a été modifiée par quelqu’un d’autre depuis son ouverture \(ligne 6, par chef\.projet@brest\.fr/,
    );
    expect(cell(NEW_ROW, 'Suite')).toBe('à engager');
    expect(values('Journal').length).toBe(journalRows);
    expect(demo.fake.locks.held()).toBe(false);
  });

  it('refuses in French a request the sidebar would not send', () => {
    expect(() =>
      saveDecision(
        json({
          decision: decision({ concerns: ['RU-999'], suite: 'bientôt' as Decision['suite'] }),
          origin: null,
        }),
      ),
    ).toThrow('Saisie refusée :\nSuite inconnue : choisissez à engager, en cours, réalisée, abandonnée.');
    expect(() => saveDecision(json({ decision: decision({ concerns: ['RU-999'] }), origin: null }))).toThrow(
      'Saisie refusée :\nCode inconnu (domaine, objectif ou ID d’action) : RU-999.',
    );
    expect(values(DECISIONS).length).toBe(NEW_ROW - 1);
  });
});
