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
      row: 2,
      message: 'Décision DEC-001 créée (ligne 2 de « Décisions »).',
    });
    expect(cell(2, 'ID')).toBe('DEC-001');
    expect(cell(2, 'Date')).toEqual(new Date(2009, 2, 10));
    expect(cell(2, 'Concerne')).toBe('RU ; RU-002');
    expect(cell(2, 'Mis à jour par')).toBe('chef.projet@brest.fr');
    expect(demo.fake.calls.count('LockService.getDocumentLock')).toBe(1);
    expect(demo.fake.locks.held()).toBe(false);
    expect(demo.fake.calls.count('Range.setValues')).toBe(2); // the row, the Journal entry
    expect(lastJournal()).toMatchObject({
      user: 'chef.projet@brest.fr',
      operation: 'création de décision',
      sheet: DECISIONS,
      record: 'DEC-001',
    });
    const data = json(getSidebarData());
    expect(data.decisions.map((d) => d.decision.id)).toEqual(['DEC-001']);
  });

  it('follows a decision up: only its suite, comment and stamp change', () => {
    const created = json(saveDecision(json({ decision: decision(), origin: null })));
    const [loaded] = json(loadDecisions());
    const request: SaveDecisionRequest = {
      decision: { ...loaded!.decision, suite: 'réalisée', comment: 'Fait en mai.' },
      origin: { version: loaded!.version, row: loaded!.row },
    };
    const saved = json(saveDecision(request));
    expect(saved).toMatchObject({
      created: false,
      row: created.row,
      message: 'Décision DEC-001 enregistrée (ligne 2 de « Décisions »).',
    });
    expect(cell(2, 'Suite')).toBe('réalisée');
    expect(cell(2, 'Décision')).toBe('Étendre le diagnostic en marchant à Kérourien.');
    expect(lastJournal()).toMatchObject({
      operation: 'modification de décision',
      before: 'Suite : à engager\nCommentaire : ',
      after: 'Suite : réalisée\nCommentaire : Fait en mai.',
    });
  });

  it('refuses, without writing, a decision changed by someone else since it was loaded', () => {
    saveDecision(json({ decision: decision(), origin: null }));
    const [loaded] = json(loadDecisions());
    saveDecision({
      decision: { ...loaded!.decision, comment: 'Par un collègue' },
      origin: { version: loaded!.version, row: 2 },
    });
    const journalRows = values('Journal').length;
    expect(() =>
      saveDecision({
        decision: { ...loaded!.decision, suite: 'abandonnée' },
        origin: { version: loaded!.version, row: 2 },
      }),
    ).toThrow(
      /Cette décision a été modifiée par quelqu’un d’autre depuis son ouverture \(ligne 2, par chef\.projet@brest\.fr/,
    );
    expect(cell(2, 'Suite')).toBe('à engager');
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
    expect(values(DECISIONS).length).toBe(1);
  });
});
