/**
 * A domain's sheet of actions: its columns follow the référentiel's domain, the funders and the
 * transversal axes.
 */

import { type AxisRef, type DomainRef, STATUSES } from '../referentiel';
import {
  CHECKBOX,
  type ColumnSpec,
  codeLabel,
  col,
  FUNDER_KEY_PREFIX,
  type FunderColumnSource,
  funderHeader,
  list,
  type SheetSpec,
} from './columns';

/** The tags of an action: a column only when the référentiel has axes (none in the CUCS one). */
function axesColumns(axes: AxisRef[]): ColumnSpec[] {
  if (axes.length === 0) return [];
  return [
    col(
      'axes',
      'Axes transversaux',
      'codes',
      `Axes transversaux ou priorités nationales que sert l’action (codes du Référentiel), séparés par « ; » (ex. ${axes
        .slice(0, 2)
        .map((a) => a.code)
        .join(' ; ')}) : ${axes.map((a) => codeLabel(a.code, a.label)).join(' ; ')}.`,
      { dropdown: list(axes.map((a) => a.code)), width: 140 },
    ),
  ];
}

function actionColumns(domain: DomainRef, funders: FunderColumnSource[], axes: AxisRef[]): ColumnSpec[] {
  const objectives = domain.objectives.map((o) => codeLabel(o.code, o.label));
  const lines = domain.objectives.flatMap((o) => o.lines.map((l) => codeLabel(l.code, l.label)));
  return [
    col(
      'id',
      'ID',
      'id',
      `Identifiant unique de l’action (ex. ${domain.code}-001). Laissez vide : il est attribué à l’enregistrement ou par « Valider les données ».`,
    ),
    col(
      'objective',
      'Objectif',
      'code',
      `Objectif du domaine « ${domain.name} » (liste du Référentiel). Seul le code compte (ex. ${domain.code}1).`,
      { required: true, dropdown: list(objectives) },
    ),
    col(
      'actionLine',
      'Ligne d’action',
      'code',
      'Ligne d’action de l’objectif choisi (liste du Référentiel).',
      { dropdown: list(lines) },
    ),
    col('title', 'Intitulé de l’action', 'text', 'Intitulé court et parlant de l’action.', {
      required: true,
      width: 240,
    }),
    col('porteur', 'Porteur (maître d’œuvre)', 'text', 'Structure qui conduit l’action.', { required: true }),
    col('partners', 'Partenaires', 'text', 'Partenaires associés, séparés par des virgules.'),
    col(
      'territories',
      'Territoires',
      'codes',
      'Codes de la feuille Territoires, séparés par « ; » (ex. BREST ; Q-PONTANEZEN).',
      { dropdown: { kind: 'column', sheet: 'territories', column: 'code' } },
    ),
    ...axesColumns(axes),
    col('publicCible', 'Public cible', 'text', 'Publics visés (jeunes, familles, demandeurs d’emploi…).'),
    col(
      'chantier',
      'Chantier prioritaire',
      'boolean',
      'Cochez si l’action relève d’un chantier prioritaire du contrat.',
      { dropdown: CHECKBOX },
    ),
    col(
      'participation',
      'Participation des habitants',
      'boolean',
      'Cochez si les habitants sont associés à l’action.',
      { dropdown: CHECKBOX },
    ),
    col(
      'participationHow',
      'Modalités de participation',
      'longtext',
      'Comment les habitants sont associés (conseil citoyen, ateliers, enquêtes…).',
    ),
    col('status', 'Statut', 'choice', `Un des statuts : ${STATUSES.join(', ')}.`, {
      required: true,
      dropdown: list(STATUSES),
    }),
    col('startDate', 'Date de début', 'date', 'Date de début (jj/mm/aaaa).'),
    col('endDate', 'Date de fin', 'date', 'Date de fin (jj/mm/aaaa), obligatoire pour une action réalisée.'),
    col('budget', 'Budget prévu (€)', 'money', 'Coût total prévu de l’action, en euros.'),
    col(
      'credits',
      'Crédits spécifiques CUCS (€)',
      'money',
      'Part financée par les crédits spécifiques du contrat ; ne peut dépasser le budget prévu.',
    ),
    ...funders.map((f) =>
      col(
        `${FUNDER_KEY_PREFIX}${f.code}`,
        funderHeader(f.code),
        'money',
        `Cofinancement apporté par ${f.name} (feuille Financeurs), en euros.`,
      ),
    ),
    col('spent', 'Dépensé (€)', 'money', 'Montant réellement dépensé à ce jour.'),
    col('beneficiaries', 'Bénéficiaires', 'integer', 'Nombre de personnes touchées.'),
    col('avancees', 'Avancées', 'longtext', 'Une ligne par année, ex. « 2008 : ouverture du local ».'),
    col('freins', 'Freins', 'longtext', 'Une ligne par année, ex. « 2008 : départ du coordinateur ».'),
    col('updatedAt', 'Mis à jour le', 'datetime', 'Rempli par le module à chaque enregistrement.'),
    col('updatedBy', 'Mis à jour par', 'text', 'Rempli par le module à chaque enregistrement.'),
  ];
}

export function actionSheetSpec(
  domain: DomainRef,
  funders: FunderColumnSource[],
  axes: AxisRef[] = [],
): SheetSpec {
  return {
    key: `actions:${domain.code}`,
    name: domain.name,
    role: 'actions',
    domain: domain.code,
    columns: actionColumns(domain, funders, axes),
    tabColor: '#1a73e8',
    protectWholeSheet: false,
  };
}
