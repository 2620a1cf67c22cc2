import { formatsForWrite, parseFrenchNumber, readBoolean, readDate } from '../src/core/cells';
import { planInstall } from '../src/core/install';
import { completeJournalHeader, idAssignmentEntries } from '../src/core/journal';
import { DEFAULT_REFERENTIEL } from '../src/core/presets';
import { codeOf, readWorkbook, resolveCode } from '../src/core/records';
import { findObjective } from '../src/core/referentiel';
import { ActionSchema, fieldErrors } from '../src/core/schemas';
import { cellRuns, changedCells, columnRuns, layoutRow, mapHeaders, ownCells } from '../src/core/table';
import { workbookSpec } from '../src/core/workbook';

describe('référentiel from the seed', () => {
  it('has the five domains with the seed’s objectives, action lines and steering bodies', () => {
    const ref = DEFAULT_REFERENTIEL;
    expect(ref.domains.map((d) => [d.code, d.objectives.length])).toEqual([
      ['RU', 3],
      ['RE', 4],
      ['IE', 5],
      ['SA', 5],
      ['PD', 5],
    ]);
    expect(findObjective(ref, 'RU3')?.label).toBe('Garantir l’accès des publics défavorisés au logement');
    expect(findObjective(ref, 'SA5')?.lines.map((l) => l.code)).toEqual([
      'SA5.1',
      'SA5.2',
      'SA5.3',
      'SA5.4',
      'SA5.5',
    ]);
    expect(findObjective(ref, 'PD2')?.lines[0]?.label).toBe(
      'améliorer l’intervention en milieu carcéral et préparer la sorite',
    );
    expect(ref.domains.find((d) => d.code === 'SA')?.steeringBody).toBe('atelier santé ville sur Brest');
    expect(ref.domains.find((d) => d.code === 'SA')?.label).toBe(
      'Un projet local coordonné de promotion de la santé',
    );
  });
});

describe('cells typed by people', () => {
  it.each([
    ['1 234,50 €', 1234.5],
    ['1\u00a0234,5', 1234.5],
    ['01000', 1000],
    ['-3,5', -3.5],
    ['12 %', 12],
    ['1.234', 1234],
    ['1.5', 1.5],
    ['abc', null],
    ['12,3,4', null],
  ])('reads %p as %p', (text, expected) => {
    expect(parseFrenchNumber(text)).toBe(expected);
  });

  it('reads dates typed as text and rejects impossible ones', () => {
    expect(readDate('12/03/2008')).toEqual({ ok: true, value: new Date(2008, 2, 12), typedAsText: true });
    expect(readDate('2008-03-12')).toEqual({ ok: true, value: new Date(2008, 2, 12), typedAsText: true });
    expect(readDate('31/02/2008')).toEqual({ ok: false });
  });

  it('reads checkboxes typed as words', () => {
    expect(readBoolean('Oui')).toEqual({ ok: true, value: true, typedAsText: true });
    expect(readBoolean(false)).toEqual({ ok: true, value: false, typedAsText: false });
    expect(readBoolean('peut-être')).toEqual({ ok: false });
  });

  it('formats every cell receiving text as plain text, and gives a number or a date out of one', () => {
    const values = [['=x', '0123', '+33', '', 12, new Date(2008, 2, 12), true, null]];
    const current = [['General', '@', '0.00', '#,##0', '@', '@', '@', '@']];
    expect(formatsForWrite(values, current, [null, null, null, null, '#,##0', 'dd/mm/yyyy'])).toEqual([
      ['@', '@', '@', '#,##0', '#,##0', 'dd/mm/yyyy', 'General', '@'],
    ]);
    expect(formatsForWrite([[new Date(2008, 2, 12, 14, 5)]], [['General']])).toEqual([['dd/mm/yyyy hh:mm']]);
    expect(formatsForWrite([[new Date(2008, 2, 12)]], [['d mmm yyyy']])).toEqual([['d mmm yyyy']]);
  });
});

describe('codes', () => {
  it('takes the code of a dropdown value and finds the canonical spelling of a variant', () => {
    expect(codeOf('RU1 — Améliorer la qualité urbaine')).toBe('RU1');
    expect(codeOf('RU1 - Améliorer')).toBe('RU1');
    expect(codeOf(' RU1.2 ')).toBe('RU1.2');
    expect(resolveCode('ru1', ['RU1', 'RU2'])).toEqual({ code: 'RU1', exact: false });
    expect(resolveCode('RU2', ['RU1', 'RU2'])).toEqual({ code: 'RU2', exact: true });
    expect(resolveCode('XX', ['RU1'])).toBeNull();
  });
});

describe('header mapping', () => {
  const spec = workbookSpec(DEFAULT_REFERENTIEL, [])[2]!; // Territoires: Code, Nom, Niveau, Rattachement, Commentaire, Code officiel

  it('finds columns by name whatever their order, and keeps the user’s own columns apart', () => {
    const mapping = mapHeaders(spec, ['Nom', 'Mon suivi', 'code', 'Niveau', 'Commentaire']);
    expect(mapping.index.get('name')).toBe(0);
    expect(mapping.index.get('code')).toBe(2);
    expect(mapping.variants.map((v) => v.found)).toEqual(['code']);
    expect(mapping.extra).toEqual([{ header: 'Mon suivi', index: 1 }]);
    expect(mapping.missing.map((c) => c.header)).toEqual(['Rattachement', 'Code officiel']);
  });

  it('lays a new record out as a row, text as is', () => {
    const mapping = mapHeaders(spec, ['Nom', 'Mon suivi', 'Code', 'Niveau', 'Commentaire']);
    expect(layoutRow(mapping, { code: 'Q-X', name: '=Quartier' })).toEqual(['=Quartier', '', 'Q-X', '', '']);
  });

  it('writes only the record’s own cells that change, in runs of adjacent columns', () => {
    const mapping = mapHeaders(spec, ['Nom', 'Mon suivi', 'Code', 'Niveau', 'Commentaire']);
    const cells = ownCells(mapping, { code: 'Q-X', name: 'Quartier', level: 'quartier prioritaire' });
    expect(cells.map((c) => c.column).sort()).toEqual([0, 2, 3]);
    const previous = ['Ancien', '=SUM(1)', 'Q-X', 'commune', 4];
    const changed = changedCells(cells, previous);
    expect(changed.map((c) => c.column).sort()).toEqual([0, 3]);
    expect(cellRuns(cells)).toEqual([
      { column: 0, values: ['Quartier'] },
      { column: 2, values: ['Q-X', 'quartier prioritaire'] },
    ]);
    expect(changedCells([{ column: 0, value: new Date(2008, 0, 1) }], [new Date(2008, 0, 1)])).toEqual([]);
    expect(columnRuns([4, 0, 1, 2, 7, 8])).toEqual([
      { column: 0, width: 3 },
      { column: 4, width: 1 },
      { column: 7, width: 2 },
    ]);
  });
});

describe('action schema', () => {
  const valid = {
    id: 'RU-001',
    domain: 'RU',
    objective: 'RU1',
    actionLine: 'RU1.1',
    title: 'Diagnostic en marchant',
    porteur: 'Ville de Brest',
    partners: '',
    territories: ['BREST'],
    publicCible: '',
    chantier: false,
    participation: true,
    participationHow: 'Balades urbaines',
    status: 'réalisée',
    startDate: '2008-01-10',
    endDate: '2008-06-30',
    budget: 1000,
    credits: 400,
    funding: { VILLE: 600 },
    spent: 900,
    beneficiaries: 40,
    avancees: '',
    freins: '',
    updatedAt: '',
    updatedBy: '',
  };

  it('accepts a complete action', () => {
    expect(ActionSchema.safeParse(valid).success).toBe(true);
  });

  it('explains each broken rule in French, by field', () => {
    const result = ActionSchema.safeParse({
      ...valid,
      title: '  ',
      status: 'finie',
      endDate: '2007-12-31',
      credits: 5000,
      budget: -1,
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrors(result.error)).toEqual({
      title: 'L’intitulé est obligatoire.',
      status: 'Statut inconnu : choisissez programmée, en cours, réalisée, reportée, abandonnée.',
      budget: 'Budget prévu : le montant ne peut pas être négatif.',
    });
  });

  it('checks dates, credits and the end date of a finished action', () => {
    const result = ActionSchema.safeParse({ ...valid, endDate: '2007-12-31', credits: 5000 });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrors(result.error)).toEqual({
      endDate: 'La date de fin précède la date de début.',
      credits: 'Les crédits spécifiques dépassent le budget prévu.',
    });
    const unfinished = ActionSchema.safeParse({ ...valid, endDate: null });
    expect(unfinished.success || fieldErrors(unfinished.error)).toEqual({
      endDate: 'Une action réalisée doit avoir une date de fin.',
    });
  });
});

describe('install plan', () => {
  it('creates every sheet of a new workbook with its seed rows', () => {
    const plan = planInstall(new Map());
    expect(plan.sheets.map((s) => s.spec.name)).toEqual([
      'Paramètres',
      'Référentiel',
      'Territoires',
      'Financeurs',
      'Renouvellement urbain, habitat',
      'Réussite éducative',
      'Insertion et emploi',
      'Santé',
      'Prévention de la délinquance',
      'Indicateurs',
      'Mesures',
      'Décisions',
      'Clôtures',
      'Journal',
      'Contrôles',
    ]);
    expect(plan.sheets.every((s) => s.create)).toBe(true);
    // Excel and LibreOffice files cannot hold longer sheet names.
    expect(plan.sheets.filter((s) => s.spec.name.length > 31)).toEqual([]);
    const referentiel = plan.sheets[1]!;
    // 5 domains, 22 objectives and 81 action lines in the seed (slides 7 to 11).
    expect(referentiel.appendRows).toHaveLength(5 + 22 + 81);
    const santé = plan.sheets[7]!;
    expect(santé.headerRow).toContain('Financement CG29 (€)');
    expect(santé.columns.find((c) => c.spec.key === 'objective')?.spec.dropdown).toEqual({
      kind: 'list',
      values: expect.arrayContaining(['SA1 — Mieux observer la santé']),
    });
    const objective = santé.columns.find((c) => c.spec.key === 'objective')!.spec.dropdown;
    const objectiveValues = objective?.kind === 'list' ? objective.values : [];
    expect(objectiveValues.every((v) => v.startsWith('SA'))).toBe(true);
  });

  it('on a filled workbook keeps the référentiel as the users left it: edited labels, deleted lines', () => {
    const first = planInstall(new Map());
    const grids = new Map(first.sheets.map((s) => [s.spec.name, [s.headerRow, ...s.appendRows]]));
    const referentiel = grids.get('Référentiel')!;
    const label = referentiel[0]!.indexOf('Libellé');
    referentiel[2]![label] = 'Améliorer le cadre de vie (libellé local)';
    const deleted = String(referentiel[5]![0]);
    referentiel.splice(5, 1); // a user deleted an action line
    const plan = planInstall(grids);
    const again = plan.sheets.find((s) => s.spec.name === 'Référentiel')!;
    expect(again.create).toBe(false);
    expect(again.appendRows).toHaveLength(0);
    const read = readWorkbook(grids).referentiel;
    expect(read.domains[0]!.objectives[0]!.label).toBe('Améliorer le cadre de vie (libellé local)');
    expect(
      read.domains.flatMap((d) => d.objectives.flatMap((o) => o.lines.map((l) => l.code))),
    ).not.toContain(deleted);
    expect(plan.changes).toEqual([]);
  });
});

describe('journal', () => {
  it('completes a Journal header row that was cleared or renamed, after its last header', () => {
    const { added, firstAdded, mapping } = completeJournalHeader(['Horodatage', 'Qui ?', 'Opération']);
    expect(added.map((c) => c.header)).toEqual([
      'Utilisateur',
      'Feuille',
      'Enregistrement',
      'Avant',
      'Après',
    ]);
    expect(firstAdded).toBe(3);
    expect(mapping.index.get('user')).toBe(3);
    expect(mapping.index.get('operation')).toBe(2);
    expect(completeJournalHeader([]).added).toHaveLength(7);
  });

  it('writes the same entry for an assigned ID in the add-on and offline', () => {
    expect(idAssignmentEntries([{ sheet: 'Santé', row: 7, id: 'SA-012' }], 'agent@brest.fr')).toEqual([
      {
        operation: 'attribution d’ID (validation)',
        sheet: 'Santé',
        record: 'SA-012',
        before: '',
        after: 'ID : SA-012 (ligne 7)',
        user: 'agent@brest.fr',
      },
    ]);
  });
});
