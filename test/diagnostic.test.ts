/** Menu « Vérifier l’environnement », through dist/Code.js in the fake, and its pure judgement. */
import {
  diagnosticText,
  type EnvironmentFacts,
  environmentChecks,
  PROBE_TEXTS,
} from '../src/core/diagnostic';
import { frenchSpacing } from '../src/core/typography';
import type { PlainTextApostrophe } from './fake';
import { ensureBuilt, type LoadedBundle, loadBundle } from './support/bundle';

beforeAll(() => {
  ensureBuilt();
});

function run(bundle: LoadedBundle): string {
  bundle.call('checkEnvironment');
  const dialog = bundle.fake.ui.dialogs.at(-1)!;
  expect(dialog.dialogTitle).toBe('Pilotage CUCS — vérification de l’environnement');
  return dialog.content;
}

/** The copyable summary, from the dialog's textarea. */
function summary(html: string): string {
  const text = /<textarea[^>]*>([\s\S]*)<\/textarea>/.exec(html)![1]!;
  return text
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

describe.each(['stripped', 'kept'] as PlainTextApostrophe[])('apostrophe in a @ cell %s', (reading) => {
  it.each(['Indian/Reunion', 'America/Cayenne', 'Europe/Paris'])(
    'finds everything in order in an installed spreadsheet in %s, and leaves no sheet behind',
    (zone) => {
      const bundle = loadBundle({ spreadsheetTimeZone: zone, plainTextApostrophe: reading });
      bundle.call('installWithPreset', { preset: 'cucs-brest-2006' });
      const sheets = bundle.fake.spreadsheet.sheetNames();
      const text = summary(run(bundle));
      expect(text).toContain(frenchSpacing('Tout est en ordre.'));
      expect(text).toContain(
        frenchSpacing(`[ok] Fuseau horaire : classeur : ${zone} ; script : Europe/Paris.`),
      );
      expect(text).toContain(
        frenchSpacing('[ok] Aller-retour d’une date : 30/03/2008 écrit puis relu à l’identique'),
      );
      for (const probe of PROBE_TEXTS) expect(text).toContain(frenchSpacing(`« ${probe} »`));
      expect(text).not.toContain(frenchSpacing('à vérifier'));
      expect(bundle.fake.spreadsheet.sheetNames()).toEqual(sheets);
    },
  );
});

describe('what it asks the user to check', () => {
  it('a workbook not installed, a GMT spreadsheet, no lock, no email: each with what to do', () => {
    const bundle = loadBundle({ spreadsheetTimeZone: 'Etc/GMT', authMode: 'FULL' });
    bundle.fake.locks.unavailable = ['document', 'script'];
    bundle.fake.setAuthMode('LIMITED');
    const text = summary(run(bundle));
    expect(text).toContain(frenchSpacing('4 points à vérifier.'));
    expect(text).toContain(frenchSpacing('[à vérifier] Fuseau horaire : classeur : Etc/GMT'));
    expect(text).toContain(
      frenchSpacing('[à vérifier] Verrou des enregistrements : Aucun verrou n’est disponible'),
    );
    expect(text).toContain(frenchSpacing('[à vérifier] Adresse de l’utilisateur (Journal)'));
    expect(text).toContain(
      frenchSpacing('[à vérifier] Feuilles et en-têtes du module : feuilles absentes : Paramètres'),
    );
    expect(text).toContain(frenchSpacing('À faire : Lancez « Installer ou mettre à jour le classeur ».'));
    expect(text).toContain(frenchSpacing('[ok] Aller-retour d’une date'));
  });

  it('says which text came back changed, and to pass the summary on', () => {
    const facts: EnvironmentFacts = {
      spreadsheetZone: 'Indian/Reunion',
      scriptZone: 'Europe/Paris',
      zoneKnown: true,
      locale: 'en_US',
      date: { read: '2008-03-29', shown: '29/03/2008' },
      texts: [
        { written: '0123', read: '123', formula: '' },
        { written: '=x', read: '#ERROR!', formula: '=x' },
        { written: '-jeunes', read: '-jeunes', formula: '' },
      ],
      documentLock: false,
      scriptLock: true,
      docsApi: false,
      email: 'agent@brest.fr',
      missingSheets: [],
      missingHeaders: [{ sheet: 'Mesures', headers: ['Source'] }],
    };
    const text = diagnosticText(environmentChecks(facts), '30/11/2026');
    expect(text.split('\n').slice(0, 2)).toEqual([
      'Pilotage CUCS — vérification de l’environnement (30/11/2026)',
      '5 points à vérifier.',
    ]);
    expect(text).toContain(
      frenchSpacing('[à vérifier] Service Google Docs API (rapport) : Absent : le rapport sera complet'),
    );
    expect(text).toContain(frenchSpacing('[à vérifier] Paramètres régionaux : en_US'));
    expect(text).toContain(frenchSpacing('30/03/2008 écrit, relu 2008-03-29, affiché « 29/03/2008 ».'));
    expect(text).toContain(frenchSpacing('« 0123 » relu « 123 » ; « =x » relu « #ERROR! » (formule =x)'));
    expect(text).toContain(frenchSpacing('[ok] Verrou des enregistrements : Pas de verrou du document ici'));
    expect(text).toContain(frenchSpacing('« Mesures » sans « Source »'));
  });
});
