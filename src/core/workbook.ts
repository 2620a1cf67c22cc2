/**
 * The workbook as data: every sheet, its columns, headers, notes, formats and dropdowns.
 * The Apps Script installer and the offline .xlsx writer both apply this one description.
 */

import { AGGREGATION_RULES, MEASURE_MARKERS, TRANSVERSAL } from './observation/vocabulary';
import {
  type AxisRef,
  type DomainRef,
  INDICATOR_DIRECTIONS,
  INDICATOR_TYPES,
  INDICATOR_UNITS,
  MAX_SHEET_NAME,
  type Referentiel,
  STATUSES,
  TERRITORY_LEVELS,
} from './referentiel';

export type ColumnType =
  | 'id'
  | 'text'
  | 'longtext'
  | 'code'
  | 'codes'
  | 'choice'
  | 'number'
  | 'integer'
  | 'money'
  | 'year'
  | 'date'
  | 'datetime'
  | 'boolean'
  /** Paramètres values: text, dates or numbers, so no forced format. */
  | 'mixed';

export type Dropdown =
  | { kind: 'list'; values: string[] }
  | { kind: 'checkbox' }
  /** The values of another sheet's column, so that new territories or indicators appear at once. */
  | { kind: 'column'; sheet: SheetRole; column: string };

export interface ColumnSpec {
  key: string;
  header: string;
  type: ColumnType;
  required: boolean;
  width: number;
  note: string;
  dropdown?: Dropdown;
}

export type SheetRole =
  | 'settings'
  | 'referentiel'
  | 'territories'
  | 'funders'
  | 'actions'
  | 'indicators'
  | 'measures'
  | 'opinions'
  | 'decisions'
  | 'closings'
  | 'journal'
  | 'checks';

export interface SheetSpec {
  /** Stable key: the role, or `actions:CODE` for a domain sheet. */
  key: string;
  name: string;
  role: SheetRole;
  domain?: string;
  columns: ColumnSpec[];
  tabColor: string;
  /** The Journal is append-only: the whole sheet warns before a hand edit. */
  protectWholeSheet: boolean;
}

export interface FunderColumnSource {
  code: string;
  name: string;
}

export const SHEET_NAMES = {
  settings: 'Paramètres',
  referentiel: 'Référentiel',
  territories: 'Territoires',
  funders: 'Financeurs',
  indicators: 'Indicateurs',
  measures: 'Mesures',
  opinions: 'Avis',
  decisions: 'Décisions',
  closings: 'Clôtures',
  journal: 'Journal',
  checks: 'Contrôles',
} as const;

export const NUMBER_FORMATS: Record<ColumnType, string | null> = {
  id: '@',
  text: '@',
  longtext: '@',
  code: '@',
  codes: '@',
  choice: '@',
  number: null,
  integer: '#,##0',
  money: '#,##0.00 "€"',
  year: '0',
  date: 'dd/mm/yyyy',
  datetime: 'dd/mm/yyyy hh:mm',
  boolean: null,
  mixed: null,
};

const WIDTHS: Record<ColumnType, number> = {
  id: 90,
  text: 180,
  longtext: 280,
  code: 220,
  codes: 160,
  choice: 120,
  number: 100,
  integer: 100,
  money: 120,
  year: 70,
  date: 100,
  datetime: 130,
  boolean: 90,
  mixed: 320,
};

function col(
  key: string,
  header: string,
  type: ColumnType,
  note: string,
  extra: { required?: boolean; dropdown?: Dropdown; width?: number } = {},
): ColumnSpec {
  return {
    key,
    header,
    type,
    note,
    required: extra.required ?? false,
    width: extra.width ?? WIDTHS[type],
    ...(extra.dropdown ? { dropdown: extra.dropdown } : {}),
  };
}

const list = (values: readonly string[]): Dropdown => ({ kind: 'list', values: [...values] });
const CHECKBOX: Dropdown = { kind: 'checkbox' };

/** "RU1 — Améliorer …": what dropdowns show and cells hold; the code before the dash is what counts. */
export const CODE_SEPARATOR = ' — ';
export function codeLabel(code: string, label: string): string {
  return `${code}${CODE_SEPARATOR}${label}`;
}

export function funderHeader(code: string): string {
  return `Financement ${code} (€)`;
}
export function funderCodeOfHeader(header: string): string | null {
  const m = /^Financement (.+) \(€\)$/.exec(header.trim());
  return m ? m[1]!.trim() : null;
}
export const FUNDER_KEY_PREFIX = 'funder:';

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

function fixedSheets(ref: Referentiel): SheetSpec[] {
  const domains = ref.domains.map((d) => codeLabel(d.code, d.name));
  const objectives = ref.domains.flatMap((d) => d.objectives.map((o) => codeLabel(o.code, o.label)));
  const sheet = (
    role: Exclude<SheetRole, 'actions'>,
    tabColor: string,
    columns: ColumnSpec[],
  ): SheetSpec => ({
    key: role,
    name: SHEET_NAMES[role],
    role,
    columns,
    tabColor,
    protectWholeSheet: role === 'journal',
  });
  return [
    sheet('settings', '#5f6368', [
      col('name', 'Paramètre', 'text', 'Nom du paramètre (ne pas modifier).', { required: true, width: 260 }),
      col('value', 'Valeur', 'mixed', 'Valeur du paramètre.'),
      col('help', 'Description', 'longtext', 'À quoi sert le paramètre.', { width: 360 }),
    ]),
    sheet('referentiel', '#5f6368', [
      col(
        'code',
        'Code',
        'id',
        'Code stable (ex. RU, RU1, RU1.2)\u00a0: majuscules et chiffres. Ne pas le modifier une fois des actions saisies\u00a0: elles y font référence.',
        { required: true },
      ),
      col('level', 'Niveau', 'choice', `${REFERENTIEL_LEVELS.join(', ')}.`, {
        required: true,
        dropdown: list(REFERENTIEL_LEVELS),
      }),
      col(
        'parent',
        'Parent',
        'code',
        'Code du domaine (pour un objectif) ou de l’objectif (pour une ligne d’action).',
        { width: 90 },
      ),
      col(
        'name',
        'Nom de la feuille',
        'text',
        `Pour un domaine\u00a0: le nom de sa feuille d’actions (${MAX_SHEET_NAME} caractères au plus). « Installer ou mettre à jour le classeur » crée la feuille d’un nouveau domaine\u00a0; pour renommer une feuille, renommez l’onglet et cette cellule ensemble.`,
        { width: 200 },
      ),
      col(
        'label',
        'Libellé',
        'longtext',
        'Libellé affiché dans les listes et le rapport ; vous pouvez le reformuler.',
        { required: true, width: 420 },
      ),
      col(
        'steeringBody',
        'Instance de pilotage',
        'text',
        'Pour un domaine : le lieu de pilotage et d’animation.',
        { width: 260 },
      ),
      col('active', 'Actif', 'boolean', 'Décochez pour retirer une entrée des listes sans la supprimer.', {
        dropdown: CHECKBOX,
        width: 70,
      }),
    ]),
    sheet('territories', '#188038', [
      col('code', 'Code', 'id', 'Code court et stable (ex. Q-PONTANEZEN).', { required: true }),
      col('name', 'Nom', 'text', 'Nom du territoire.', { required: true }),
      col('level', 'Niveau', 'choice', `Un des niveaux : ${TERRITORY_LEVELS.join(', ')}.`, {
        required: true,
        dropdown: list(TERRITORY_LEVELS),
        width: 150,
      }),
      col(
        'parent',
        'Rattachement',
        'code',
        'Code du territoire qui le contient (ex. BREST pour un quartier).',
        { width: 110, dropdown: { kind: 'column', sheet: 'territories', column: 'code' } },
      ),
      col('comment', 'Commentaire', 'longtext', 'Précisions (contour, géographie prioritaire…).'),
      col(
        'officialCode',
        'Code officiel',
        'code',
        'Code du quartier prioritaire (ex. QP029001), code commune INSEE (ex. 29019) ou SIREN de l’EPCI : il relie les fichiers d’observation importés au territoire.',
        { width: 120 },
      ),
    ]),
    sheet('funders', '#188038', [
      col(
        'code',
        'Code',
        'id',
        'Code court et stable : il donne son nom à la colonne « Financement CODE (€) » des feuilles d’actions.',
        { required: true },
      ),
      col('name', 'Nom', 'text', 'Nom du financeur.', { required: true, width: 280 }),
      col('kind', 'Type', 'text', 'État, commune, intercommunalité, département, région, organisme…'),
      col('active', 'Actif', 'boolean', 'Décochez pour ne plus proposer ce financeur.', {
        dropdown: CHECKBOX,
        width: 70,
      }),
    ]),
    sheet('indicators', '#e37400', [
      col('code', 'Code', 'id', 'Code stable de l’indicateur (ex. SA-IND-01).', { required: true }),
      col(
        'domain',
        'Domaine',
        'code',
        `Domaine d’intervention ; « ${TRANSVERSAL} » (ou vide) pour un indicateur de contexte qui les concerne tous.`,
        { dropdown: list([TRANSVERSAL, ...domains]) },
      ),
      col('objective', 'Objectif', 'code', 'Objectif suivi (facultatif).', { dropdown: list(objectives) }),
      col('label', 'Libellé', 'text', 'Ce que mesure l’indicateur.', { required: true, width: 280 }),
      col('kind', 'Type', 'choice', `${INDICATOR_TYPES.join(', ')}.`, {
        required: true,
        dropdown: list(INDICATOR_TYPES),
      }),
      col('unit', 'Unité', 'choice', `Unité des valeurs : ${INDICATOR_UNITS.join(', ')}.`, {
        required: true,
        dropdown: list(INDICATOR_UNITS),
      }),
      col(
        'direction',
        'Sens souhaité',
        'choice',
        'hausse : l’indicateur s’améliore quand il monte ; baisse : quand il descend.',
        { required: true, dropdown: list(INDICATOR_DIRECTIONS) },
      ),
      col(
        'baseline',
        'Valeur de référence',
        'number',
        'Valeur de départ (nombre) ; facultative pour un indicateur de contexte, dont l’évolution se lit depuis l’année de référence.',
      ),
      col('baselineYear', 'Année de référence', 'year', 'Année de la valeur de référence.', {
        required: true,
        width: 90,
      }),
      col('target', 'Cible', 'number', 'Valeur visée (nombre) ; un indicateur de contexte n’en a pas.'),
      col('targetYear', 'Année cible', 'year', 'Année où la cible doit être atteinte.', { width: 90 }),
      col('source', 'Source', 'text', 'Producteur de la donnée (INSEE, CAF, ANPE…).'),
      col('comment', 'Commentaire', 'longtext', 'Définition, mode de calcul.'),
      ...observationColumns(),
    ]),
    sheet('measures', '#e37400', [
      col('indicator', 'Indicateur', 'code', 'Code d’un indicateur de la feuille Indicateurs.', {
        required: true,
        width: 120,
        dropdown: { kind: 'column', sheet: 'indicators', column: 'code' },
      }),
      col('year', 'Année', 'year', 'Année de la mesure, dans la période du contrat.', { required: true }),
      col('territory', 'Territoire', 'code', 'Code d’un territoire de la feuille Territoires.', {
        required: true,
        width: 140,
        dropdown: { kind: 'column', sheet: 'territories', column: 'code' },
      }),
      col(
        'value',
        'Valeur',
        'number',
        'Valeur mesurée, dans l’unité de l’indicateur (un pourcentage entre 0 et 100) ; vide pour une valeur secrète ou non disponible.',
      ),
      col('source', 'Source', 'text', 'Producteur de la donnée.'),
      col('comment', 'Commentaire', 'longtext', 'Précisions sur la mesure.'),
      col(
        'marker',
        'Statut de la valeur',
        'choice',
        `${MEASURE_MARKERS.join(' ou ')} : la valeur n’est pas publiée et reste vide (jamais lue comme zéro).`,
        { dropdown: list(MEASURE_MARKERS), width: 150 },
      ),
      col('updatedAt', 'Mis à jour le', 'datetime', 'Rempli par le module à chaque enregistrement.'),
      col('updatedBy', 'Mis à jour par', 'text', 'Rempli par le module à chaque enregistrement.'),
    ]),
    sheet('opinions', '#9334e6', [
      col('year', 'Année du rapport', 'year', 'Année du rapport annuel soumis à l’avis.', {
        required: true,
        width: 90,
      }),
      col('kind', 'Type d’instance', 'choice', `${OPINION_KINDS.join(', ')}.`, {
        required: true,
        dropdown: list(OPINION_KINDS),
        width: 150,
      }),
      col(
        'instance',
        'Instance',
        'text',
        'Nom de l’instance consultée (ex. conseil citoyen de Pontanézen, conseil municipal de Brest).',
        { required: true, width: 240 },
      ),
      col('territory', 'Territoire', 'code', 'Quartier ou commune de l’instance (feuille Territoires).', {
        width: 140,
        dropdown: { kind: 'column', sheet: 'territories', column: 'code' },
      }),
      col(
        'referralDate',
        'Date de saisine',
        'date',
        'Date à laquelle le rapport a été transmis à l’instance\u00a0: son avis est attendu au moins un mois avant la délibération.',
        { required: true },
      ),
      col('opinionDate', 'Date de l’avis', 'date', 'Date à laquelle l’instance a rendu son avis.'),
      col(
        'opinion',
        'Avis (texte ou lien)',
        'longtext',
        'Le texte de l’avis, ou le lien vers le document\u00a0: il est annexé au rapport.',
        { width: 360 },
      ),
    ]),
    sheet('journal', '#5f6368', [
      col('at', 'Horodatage', 'datetime', 'Quand.'),
      col('user', 'Utilisateur', 'text', 'Qui.'),
      col(
        'operation',
        'Opération',
        'text',
        'Quoi (création, modification, attribution d’ID, génération de rapport…).',
      ),
      col('sheet', 'Feuille', 'text', 'Feuille concernée.', { width: 150 }),
      col('record', 'Enregistrement', 'text', 'Identifiant de l’enregistrement.', { width: 120 }),
      col('before', 'Avant', 'longtext', 'Valeurs avant la modification.'),
      col('after', 'Après', 'longtext', 'Valeurs après la modification.'),
    ]),
    sheet('checks', '#d93025', [
      col(
        'severity',
        'Gravité',
        'text',
        'erreur : à corriger avant le comité ; avertissement : à vérifier.',
        { width: 110 },
      ),
      col('sheet', 'Feuille', 'text', 'Feuille du problème.', { width: 150 }),
      col('row', 'Ligne', 'integer', 'Ligne du problème.', { width: 60 }),
      col('column', 'Colonne', 'text', 'Colonne du problème.', { width: 160 }),
      col('value', 'Valeur', 'text', 'Valeur trouvée.', { width: 160 }),
      col('message', 'Message', 'longtext', 'Ce qui ne va pas et comment le corriger.', { width: 420 }),
      col('link', 'Lien', 'text', 'Cliquez pour aller à la cellule.', { width: 90 }),
    ]),
  ];
}

/** What observation data needs of an indicator: its millésime, how it combines, the file's variables. */
function observationColumns(): ColumnSpec[] {
  return [
    col('millesime', 'Millésime', 'text', 'Millésime de la source (ex. recensement 2006, FILOSOFI 2019).', {
      width: 140,
    }),
    col(
      'aggregation',
      'Agrégation',
      'choice',
      `Comment les valeurs des quartiers se combinent pour la commune ou l’agglomération : ${AGGREGATION_RULES.join(', ')}. Vide : somme pour un nombre, non agrégeable pour un taux (un taux ne s’additionne jamais).`,
      { dropdown: list(AGGREGATION_RULES), width: 150 },
    ),
    col(
      'weight',
      'Pondération',
      'code',
      'Pour une moyenne pondérée : le code de l’indicateur de population qui pondère (ex. la population des 15-64 ans pour un taux de chômage).',
      { width: 120, dropdown: { kind: 'column', sheet: 'indicators', column: 'code' } },
    ),
    col(
      'variables',
      'Variables sources',
      'codes',
      'Noms des variables de ce même indicateur dans les fichiers d’observation (ex. TX_CHOM), séparés par « ; » : retenus à l’import, pour que le fichier de l’année suivante s’importe en une fois.',
      { width: 160 },
    ),
  ];
}

export const REFERENTIEL_LEVELS = ['domaine', 'objectif', 'ligne d’action', 'axe transversal'] as const;
/** The bodies whose opinion on the annual report is annexed to it (décret n° 2015-1118). */
export const OPINION_KINDS = ['conseil citoyen', 'conseil municipal'] as const;

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

/**
 * The whole workbook, in tab order; it depends on the référentiel and funders the workbook holds, and on
 * its report plan: the Avis sheet belongs to the contrats de ville (décret n° 2015-1118).
 */
export function workbookSpec(
  ref: Referentiel,
  funders: FunderColumnSource[],
  options: { opinions?: boolean } = {},
): SheetSpec[] {
  const [settings, referentiel, territories, fundersSheet, indicators, measures, opinions, journal, checks] =
    fixedSheets(ref);
  return [
    settings!,
    referentiel!,
    territories!,
    fundersSheet!,
    ...ref.domains.map((d) => actionSheetSpec(d, funders, ref.axes)),
    indicators!,
    measures!,
    ...(options.opinions ? [opinions!] : []),
    decisionsSheetSpec(ref),
    CLOSINGS_SPEC,
    journal!,
    checks!,
  ];
}

/** A sheet that does not depend on the référentiel (Journal, Contrôles, Paramètres…). */
export function fixedSheetSpec(role: Exclude<SheetRole, 'actions'>): SheetSpec {
  return sheetSpecByRole(fixedSheets({ domains: [], axes: [] }), role);
}

export function sheetSpecByRole(specs: SheetSpec[], role: SheetRole): SheetSpec {
  const spec = specs.find((s) => s.role === role);
  if (!spec) throw new Error(`Feuille ${role} absente de la description du classeur`);
  return spec;
}
