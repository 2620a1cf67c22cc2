/**
 * The comité's year: the Décisions it takes and follows up, and the Clôtures that freeze a year's figures.
 */

import type { Referentiel } from '../referentiel';
import { col, list, SHEET_NAMES, type SheetSpec } from './columns';

/** Where a comité's decisions are followed up (seed, slide 15: « impulse les infléchissements »). */
export const DECISION_SUITES = ['à engager', 'en cours', 'réalisée', 'abandonnée'] as const;
export const DECISION_KINDS = ['décision', 'infléchissement'] as const;
export const GENERAL_INSTANCES = ['comité de pilotage', 'comité opérationnel'] as const;

/** The bodies that decide: the contract's two comités, then each domain's steering body (référentiel). */
export function decisionInstances(ref: Referentiel): string[] {
  const bodies = ref.domains.map((d) => d.steeringBody.trim()).filter((b) => b !== '');
  return [...new Set<string>([...GENERAL_INSTANCES, ...bodies])];
}

/**
 * The Clôtures sheet, written only by « Clôturer l’année… » and « Rouvrir une année… »: one row per
 * reopening, and per closing as many rows as its stored figures need (a cell holds 50,000 characters).
 * Protected like the Journal: the figures of a closed year must not be edited by hand.
 */
export const CLOSINGS_SPEC: SheetSpec = {
  key: 'closings',
  name: SHEET_NAMES.closings,
  role: 'closings',
  tabColor: '#5f6368',
  protectWholeSheet: true,
  columns: [
    col('year', 'Année', 'year', 'Année clôturée ou rouverte.'),
    col('operation', 'Opération', 'text', 'clôture ou réouverture.', { width: 110 }),
    col('at', 'Horodatage', 'datetime', 'Quand.'),
    col('user', 'Utilisateur', 'text', 'Qui.'),
    col('reason', 'Motif', 'longtext', 'Motif de la réouverture, ou de la clôture malgré des erreurs.'),
    col(
      'fingerprint',
      'Empreinte',
      'text',
      'Empreinte des chiffres arrêtés : elle change si on les modifie.',
      { width: 150 },
    ),
    col('part', 'Partie', 'text', 'Partie des chiffres arrêtés (1/3, 2/3…).', { width: 70 }),
    col('data', 'Données', 'longtext', 'Chiffres du rapport arrêtés à la clôture (ne pas modifier).', {
      width: 200,
    }),
  ],
};

/** The Décisions sheet: what a comité decided, about what, by whom, by when, and what came of it. */
export function decisionsSheetSpec(ref: Referentiel): SheetSpec {
  const domains = ref.domains.map((d) => d.code).join(', ');
  return {
    key: 'decisions',
    name: SHEET_NAMES.decisions,
    role: 'decisions',
    tabColor: '#9334e6',
    protectWholeSheet: false,
    columns: [
      col(
        'id',
        'ID',
        'id',
        'Identifiant de la décision (ex. DEC-001). Laissez vide : il est attribué à l’enregistrement ou par « Valider les données ».',
      ),
      col(
        'instance',
        'Instance',
        'text',
        'Comité de pilotage, comité opérationnel ou instance de pilotage d’un domaine (Référentiel).',
        {
          required: true,
          dropdown: list(decisionInstances(ref)),
          width: 220,
        },
      ),
      col('date', 'Date', 'date', 'Date de la réunion où la décision a été prise (jj/mm/aaaa).', {
        required: true,
      }),
      col('kind', 'Type', 'choice', `${DECISION_KINDS.join(' ou ')}.`, {
        required: true,
        dropdown: list(DECISION_KINDS),
      }),
      col('decision', 'Décision', 'longtext', 'Ce que l’instance a décidé ou l’infléchissement demandé.', {
        required: true,
        width: 320,
      }),
      col(
        'concerns',
        'Concerne',
        'codes',
        `Codes concernés, séparés par « ; » : un domaine (${domains}), un objectif ou l’ID d’une action ou d’un chantier prioritaire (ex. RU-003).`,
      ),
      col('responsable', 'Responsable', 'text', 'Qui met en œuvre la décision.'),
      col(
        'deadline',
        'Échéance',
        'date',
        'Date à laquelle la décision doit être mise en œuvre, après la date de la réunion.',
      ),
      col('suite', 'Suite', 'choice', `${DECISION_SUITES.join(', ')}.`, {
        required: true,
        dropdown: list(DECISION_SUITES),
      }),
      col('comment', 'Commentaire', 'longtext', 'Ce qui a été fait, ce qui bloque.'),
      col('updatedAt', 'Mis à jour le', 'datetime', 'Rempli par le module à chaque enregistrement.'),
      col('updatedBy', 'Mis à jour par', 'text', 'Rempli par le module à chaque enregistrement.'),
    ],
  };
}
