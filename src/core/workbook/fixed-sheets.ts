/**
 * The sheets every contract has whatever its référentiel: Paramètres, Référentiel, Territoires,
 * Financeurs, Indicateurs, Mesures, Avis, Journal and Contrôles.
 */

import { AGGREGATION_RULES, MEASURE_MARKERS, TRANSVERSAL } from '../observation/vocabulary';
import {
  INDICATOR_DIRECTIONS,
  INDICATOR_TYPES,
  INDICATOR_UNITS,
  MAX_SHEET_NAME,
  type Referentiel,
  TERRITORY_LEVELS,
} from '../referentiel';
import {
  CHECKBOX,
  type ColumnSpec,
  codeLabel,
  col,
  list,
  SHEET_NAMES,
  type SheetRole,
  type SheetSpec,
} from './columns';

export function fixedSheets(ref: Referentiel): SheetSpec[] {
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
