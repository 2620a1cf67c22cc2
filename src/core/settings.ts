/** The Paramètres sheet: one named setting a row, read and written by its French name. */
import type { CellValue } from './cells';
import type { Settings } from './schemas';

export interface SettingDef {
  key: keyof Settings;
  name: string;
  kind: 'text' | 'date' | 'year' | 'number' | 'boolean';
  help: string;
}

export const SETTING_DEFS: SettingDef[] = [
  { key: 'contractName', name: 'Nom du contrat', kind: 'text', help: 'Affiché en tête du rapport.' },
  {
    key: 'periodStart',
    name: 'Début du contrat',
    kind: 'date',
    help: 'Première date de la période du contrat.',
  },
  { key: 'periodEnd', name: 'Fin du contrat', kind: 'date', help: 'Dernière date de la période du contrat.' },
  {
    key: 'reportingYear',
    name: 'Année de rapport',
    kind: 'year',
    help: 'Année proposée pour le rapport annuel et les contrôles.',
  },
  {
    key: 'reportTitle',
    name: 'Titre du rapport',
    kind: 'text',
    help: 'Titre de la page de garde du rapport.',
  },
  {
    key: 'author',
    name: 'Service rédacteur',
    kind: 'text',
    help: 'Signature du rapport (maîtrise d’œuvre du contrat).',
  },
  {
    key: 'fundingTolerance',
    name: 'Écart toléré entre financements et budget (€)',
    kind: 'number',
    help: 'Au-delà de cet écart, « Valider » signale un plan de financement qui ne boucle pas.',
  },
  {
    key: 'deliberationDate',
    name: 'Date de délibération du rapport',
    kind: 'date',
    help: 'Date prévue de la délibération du conseil communautaire sur le rapport annuel\u00a0: le rapport signale un avis saisi moins d’un mois avant.',
  },
  {
    key: 'dsuCommunes',
    name: 'Communes bénéficiaires de la DSU',
    kind: 'text',
    help: 'Codes de la feuille Territoires des communes qui reçoivent la dotation de solidarité urbaine, séparés par «\u00a0; »\u00a0: le rapport décrit leurs actions de développement social urbain.',
  },
  {
    key: 'preset',
    name: 'Modèle du contrat',
    kind: 'text',
    help: 'Modèle choisi à l’installation (cucs-brest-2006, contrat-de-ville-2015 ou quartiers-2030)\u00a0: il donne le plan du rapport annuel. Le Référentiel se modifie librement.',
  },
  {
    key: 'fictional',
    name: 'Données fictives',
    kind: 'boolean',
    help: 'Cochez pour un classeur de démonstration : le rapport le signale.',
  },
];

export const DEFAULT_SETTINGS: Settings = {
  contractName: 'Contrat urbain de cohésion sociale de Brest métropole océane',
  periodStart: '2007-01-01',
  periodEnd: '2009-12-31',
  reportingYear: 2008,
  reportTitle: 'L’agglomération et ses quartiers : observation et mise en œuvre du contrat',
  author: 'Service DSU — maîtrise d’œuvre du contrat',
  fundingTolerance: 0,
  deliberationDate: null,
  dsuCommunes: '',
  preset: 'cucs-brest-2006',
  fictional: false,
};

/** A setting as a cell: dates as Date so that the sheet shows them as dates. */
export function settingCell(def: SettingDef, settings: Settings): CellValue {
  const value = settings[def.key];
  if (def.kind === 'date' && typeof value === 'string') {
    const [y, m, d] = value.split('-').map(Number);
    return new Date(y!, m! - 1, d!);
  }
  return value;
}
