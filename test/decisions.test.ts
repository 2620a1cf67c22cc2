/**
 * The Décisions sheet: the form's check, the save under the lock (IDs, row versions, Journal) and the
 * validation of rows typed in the sheet, on the small clean workbook.
 */
import {
  checkDecision,
  decisionLists,
  decisionWrite,
  loadedDecisions,
  prepareDecisionSave,
  type SaveDecisionRequest,
} from '../src/core/decisions';
import { cellA1 } from '../src/core/problems';
import { readWorkbook } from '../src/core/records';
import type { Decision } from '../src/core/schemas';
import { validateWorkbook } from '../src/core/validate';
import { typedDecision, withDecisions } from './fixtures/decisions';
import { smallWorkbook, type Workbook } from './fixtures/workbook';

const DECISIONS = 'Décisions';
const STAMP = { at: new Date(2009, 2, 12, 10, 30), by: 'chef.projet@brest.fr' };

const decision = (over: Partial<Decision> = {}): Decision => ({
  id: '',
  instance: 'comité de pilotage',
  date: '2009-03-10',
  kind: 'infléchissement',
  decision: 'Recentrer l’accompagnement scolaire sur les collégiens de Pontanézen.',
  concerns: ['RE', 'RE-001'],
  responsable: 'Direction de l’éducation',
  deadline: '2009-09-01',
  suite: 'à engager',
  comment: '',
  updatedAt: '',
  updatedBy: '',
  ...over,
});

const typed = typedDecision;

describe('the decision form', () => {
  const lists = decisionLists(readWorkbook(smallWorkbook()));

  it('accepts a decision about a domain and an action of the workbook', () => {
    expect(checkDecision(decision(), lists)).toEqual({ ok: true, value: decision() });
  });

  it('names each field to correct, in French', () => {
    const checked = checkDecision(
      decision({ deadline: '2009-01-01', decision: ' ', suite: 'peut-être' as Decision['suite'] }),
      lists,
    );
    expect(checked).toEqual({
      ok: false,
      errors: {
        decision: 'Le texte de la décision est obligatoire.',
        suite: 'Suite inconnue : choisissez à engager, en cours, réalisée, abandonnée.',
      },
    });
    expect(checkDecision(decision({ deadline: '2009-01-01' }), lists)).toEqual({
      ok: false,
      errors: { deadline: 'L’échéance précède la date de la décision.' },
    });
  });

  it('refuses an instance and codes the contract does not know', () => {
    const checked = checkDecision(
      decision({ instance: 'conseil des sages', concerns: ['ZZ', 'RU-999', 'SA'] }),
      lists,
    );
    expect(checked).toEqual({
      ok: false,
      errors: {
        instance:
          'Instance inconnue : « conseil des sages ». Choisissez le comité de pilotage, le comité opérationnel ou l’instance de pilotage d’un domaine (Référentiel).',
        concerns: 'Codes inconnus (domaine, objectif ou ID d’action) : ZZ, RU-999.',
      },
    });
  });

  it('accepts a domain’s steering body from the référentiel as instance', () => {
    const body = lists.referentiel.domains.find((d) => d.code === 'SA')!.steeringBody;
    expect(checkDecision(decision({ instance: body, concerns: ['SA1'] }), lists).ok).toBe(true);
  });
});

describe('saving a decision', () => {
  const data = readWorkbook(withDecisions([typed()]));
  const table = data.tables.get('decisions')!;
  const lists = decisionLists(data);
  const [loaded] = loadedDecisions(data);

  it('gives a new decision the next free ID, at the end of the sheet, and journals it', () => {
    const request: SaveDecisionRequest = {
      decision: decision({ instance: 'Comité de Pilotage', concerns: ['re-001'] }),
      origin: null,
    };
    const target = prepareDecisionSave(table, request, lists);
    expect(target.decision).toMatchObject({
      id: 'DEC-002',
      instance: 'comité de pilotage',
      concerns: ['RE-001'],
    });
    const write = decisionWrite(table, target, STAMP);
    expect(write).toMatchObject({ row: 3, created: true });
    expect(write.journal).toMatchObject({
      operation: 'création de décision',
      sheet: DECISIONS,
      record: 'DEC-002',
    });
    expect(write.journal.after).toContain('Échéance : 01/09/2009');
  });

  it('writes only the cells that change when the suite is followed up', () => {
    const target = prepareDecisionSave(
      table,
      {
        decision: { ...loaded!.decision, suite: 'en cours', comment: 'Local trouvé.' },
        origin: { version: loaded!.version, row: 2 },
      },
      lists,
    );
    const write = decisionWrite(table, target, STAMP);
    const headers = write.cells.map((c) => String(table.headerRow[c.column]));
    expect(headers).toEqual(['Suite', 'Commentaire', 'Mis à jour le', 'Mis à jour par']);
    expect(write.journal).toMatchObject({
      operation: 'modification de décision',
      before: 'Suite : réalisée\nCommentaire : ',
      after: 'Suite : en cours\nCommentaire : Local trouvé.',
    });
  });

  it('refuses a row changed by someone else since it was loaded', () => {
    const changed = readWorkbook(
      withDecisions([typed({ comment: 'Changé à côté', updatedBy: 'autre@brest.fr' })]),
    );
    const request = { decision: loaded!.decision, origin: { version: loaded!.version, row: 2 } };
    expect(() => prepareDecisionSave(changed.tables.get('decisions')!, request, lists)).toThrow(
      'Cette décision a été modifiée par quelqu’un d’autre depuis son ouverture (ligne 2, par autre@brest.fr). Rechargez-la avant d’enregistrer.',
    );
  });

  it('refuses, before anything is written, a code the workbook does not know', () => {
    const request = { decision: decision({ concerns: ['XX-001'] }), origin: null };
    expect(() => prepareDecisionSave(table, request, lists)).toThrow(
      'Code inconnu (domaine, objectif ou ID d’action) : XX-001.',
    );
  });
});

describe('validating the Décisions sheet', () => {
  const seen = (grids: Workbook) =>
    validateWorkbook(grids, { today: new Date(2009, 5, 30) })
      .problems.filter((p) => p.sheet === DECISIONS)
      .map((p) => `${cellA1(p)} ${p.message}`);

  it('accepts clean decisions', () => {
    expect(seen(withDecisions([typed(), typed({ id: 'DEC-002', concerns: ['SA1'] })]))).toEqual([]);
  });

  it('flags unknown instance and codes, an échéance before the date, a suite out of the list, a duplicate ID', () => {
    const grids = withDecisions([
      typed({ instance: 'bureau municipal', concerns: ['RU-404'] }),
      typed({ deadline: new Date(2008, 0, 1), suite: 'faite' }),
    ]);
    expect(seen(grids)).toEqual([
      'A2 Code « DEC-001 » en double (aussi ligne 3) : chaque code doit être unique.',
      'B2 Instance inconnue : « bureau municipal ». Choisissez le comité de pilotage, le comité opérationnel ou l’instance de pilotage d’un domaine (Référentiel).',
      'F2 Code inconnu (domaine, objectif ou ID d’action) : RU-404.',
      'A3 Code « DEC-001 » en double (aussi ligne 2) : chaque code doit être unique.',
      'H3 L’échéance précède la date de la décision.',
      'I3 Suite inconnue : choisissez à engager, en cours, réalisée, abandonnée.',
    ]);
  });

  it('gives the next DEC number to a decision typed without ID', () => {
    const result = validateWorkbook(withDecisions([typed(), typed({ id: '' })]));
    expect(result.idAssignments.filter((a) => a.sheet === DECISIONS)).toEqual([
      { sheet: DECISIONS, row: 3, columnIndex: 0, id: 'DEC-002' },
    ]);
  });
});
