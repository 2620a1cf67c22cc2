/**
 * Every message the validation writes itself (cell-type and schema messages come from core/table and
 * core/schemas). Kept together so that the wording stays consistent and the user guide can explain each.
 */
import { formatDateFr, formatEuros, formatNumberFr } from '../cells';
import { agree } from '../typography';

const quote = (s: string) => `« ${s} »`;
const quoteList = (items: string[]) => items.map(quote).join(', ');
const isoFr = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return formatDateFr(new Date(y!, m! - 1, d!));
};

export const MSG = {
  missingSheet: (sheet: string) =>
    `Feuille ${quote(sheet)} absente : lancez « Installer ou mettre à jour le classeur ».`,
  missingHeader: (header: string, unknown: string[], blankColumns: string[]) =>
    `Colonne ${quote(header)} introuvable : son en-tête a été renommé ou supprimé. En-têtes non reconnus : ${
      unknown.length ? quoteList(unknown) : 'aucun'
    }${blankColumns.length ? ` ; ${agree(blankColumns.length, 'colonne')} sans en-tête : ${blankColumns.join(', ')}` : ''}. Rétablissez l’en-tête exact ou lancez « Installer ou mettre à jour le classeur » ; en attendant, cette colonne n’est pas contrôlée.`,
  noHeaders: (sheet: string) =>
    `Feuille ${quote(sheet)} sans ligne d’en-têtes : lancez « Installer ou mettre à jour le classeur ».`,
  missingFunderHeader: (header: string) =>
    `Colonne ${quote(header)} absente : lancez « Installer ou mettre à jour le classeur » pour l’ajouter.`,
  headerVariant: (found: string, header: string) =>
    `En-tête ${quote(found)} lu comme ${quote(header)} : lancez « Installer ou mettre à jour le classeur » pour rétablir l’orthographe exacte.`,
  duplicateHeader: (header: string, first: string) =>
    `En-tête ${quote(header)} en double : seule la colonne ${first} est lue et écrite par le module ; renommez celle-ci.`,
  unknownFunderColumn: (header: string, code: string) =>
    `La colonne ${quote(header)} ne correspond à aucun financeur : ajoutez ${quote(code)} à la feuille Financeurs ou renommez la colonne.`,
  blankRow: () =>
    'Ligne vide au milieu du tableau : supprimez-la (les tris et filtres du tableur s’arrêtent à la première ligne vide).',
  mergedCells: (a1: string) =>
    `Cellules fusionnées (${a1}) : annulez la fusion ; seule la première cellule est lue, les autres sont ignorées.`,
  spaces: (typed: string, clean: string) => `Espaces en trop dans ${quote(typed)} : écrivez ${quote(clean)}.`,
  variant: (typed: string, canonical: string, where: string) =>
    `${quote(typed)} n’est pas écrit comme dans ${where} : écrivez ${quote(canonical)}.`,
  notInList: (typed: string, values: readonly string[]) =>
    `${quote(typed)} ne fait pas partie de la liste : choisissez ${values.join(', ')}.`,
  duplicateId: (id: string, others: string[]) =>
    `ID ${quote(id)} en double (aussi ${others.join(', ')}) : chaque action doit avoir son propre ID.`,
  duplicateCode: (code: string, others: string[]) =>
    `Code ${quote(code)} en double (aussi ${others.join(', ')}) : chaque code doit être unique.`,
  likelyDuplicate: (row: number) =>
    `Doublon probable de la ligne ${row} (même intitulé, porteur et objectif) : vérifiez qu’il ne s’agit pas de la même action.`,
  unknownObjective: (code: string) => `Objectif ${quote(code)} inconnu du Référentiel.`,
  objectiveOfOtherDomain: (code: string, itsDomain: string, expected: string) =>
    `L’objectif ${code} relève du domaine ${quote(itsDomain)}, pas de ${quote(expected)}.`,
  lateReferral: (deliberation: string, referral: string) =>
    `Saisine ${referral >= deliberation ? 'postérieure à' : 'à moins d’un mois de'} la délibération du ${isoFr(deliberation)} (Paramètres)\u00a0: l’instance doit disposer d’au moins un mois pour rendre son avis.`,
  unknownPreset: (typed: string, known: string) =>
    `Modèle du contrat ${quote(typed)} inconnu\u00a0: le rapport suit le plan du CUCS. Indiquez ${known}.`,
  unknownAxis: (code: string) => `Axe transversal ${quote(code)} inconnu du Référentiel.`,
  unknownActionLine: (code: string) => `Ligne d’action ${quote(code)} inconnue du Référentiel.`,
  lineNotUnderObjective: (line: string, objective: string) =>
    `La ligne d’action ${line} ne relève pas de l’objectif ${objective} : choisissez une ligne ${objective}.x.`,
  unknownTerritory: (code: string) => `Territoire ${quote(code)} inconnu de la feuille Territoires.`,
  unknownParentTerritory: (code: string) => `Rattachement ${quote(code)} inconnu de la feuille Territoires.`,
  noDomain: () =>
    'Le Référentiel ne compte aucun domaine actif\u00a0: ajoutez au moins une ligne de niveau « domaine » (code, libellé, nom de la feuille).',
  tooManyDomains: (code: string, max: number) =>
    `Domaine ${quote(code)} ignoré\u00a0: un contrat compte au plus ${max} domaines. Décochez « Actif » sur un domaine ou regroupez-en deux.`,
  domainCodeFormat: (code: string) =>
    `Code de domaine ${quote(code)}\u00a0: majuscules et chiffres, 8 caractères au plus, en commençant par une lettre (ex. RU). Il préfixe les ID des actions.`,
  sheetNameChanged: (typed: string, used: string) =>
    `Nom de feuille ${quote(typed)} impossible (31 caractères au plus, sans les signes [ ] : * ? / \\)\u00a0: la feuille s’appelle ${quote(used)}.`,
  sheetNameMissing: (used: string) =>
    `Nom de la feuille vide\u00a0: la feuille du domaine s’appelle ${quote(used)}, tiré du libellé. Indiquez-le ici pour qu’elle garde son nom si le libellé change.`,
  sheetNameTaken: (name: string) =>
    `Nom de feuille ${quote(name)} déjà pris (par une feuille du module ou un autre domaine)\u00a0: ce domaine est ignoré tant qu’il n’a pas son propre nom.`,
  unknownParentCode: (code: string, expected: 'domaine' | 'objectif') =>
    `${code ? `Parent ${quote(code)} inconnu` : 'Parent manquant'} : indiquez le code d’un ${expected} du Référentiel.`,
  dateOutsidePeriod: (what: string, iso: string, start: string, end: string) =>
    `${what} (${isoFr(iso)}) est hors de la période du contrat (du ${isoFr(start)} au ${isoFr(end)}).`,
  doneInFuture: (iso: string) =>
    `Action réalisée avec une date de fin à venir (${isoFr(iso)}) : vérifiez le statut ou la date.`,
  negativeFunding: (code: string) => `Financement ${code} : le montant ne peut pas être négatif.`,
  fundingMismatch: (total: number, budget: number, tolerance: number) =>
    `Le plan de financement ne boucle pas : crédits spécifiques + cofinancements = ${formatEuros(total)} pour un budget prévu de ${formatEuros(budget)} (écart ${formatEuros(Math.abs(total - budget))}, toléré ${formatEuros(tolerance)}).`,
  fundingWithoutBudget: (total: number) =>
    `Financements saisis (${formatEuros(total)}) sans budget prévu : renseignez « Budget prévu (€) ».`,
  chantierWithoutProgress: (year: number) =>
    `Chantier prioritaire sans avancée ni frein pour ${year} : ajoutez une ligne « ${year} : … » dans « Avancées » ou « Freins ».`,
  progressLineWithoutYear: (line: string) =>
    `Ligne sans année : ${quote(line)}. Commencez chaque ligne par l’année (ex. « 2008 : … ») pour qu’elle figure au rapport.`,
  targetBeforeBaseline: (target: number, baseline: number) =>
    `L’année cible (${target}) précède l’année de référence (${baseline}).`,
  unknownWeight: (code: string) =>
    `Pondération : « ${code} » n’est pas un indicateur de la feuille Indicateurs (l’indicateur de population qui pondère la moyenne).`,
  noValueForYear: (year: number) =>
    `Aucune valeur pour ${year} dans la feuille Mesures : saisissez la mesure de l’année de rapport.`,
  unknownIndicator: (code: string) => `Indicateur ${quote(code)} inconnu de la feuille Indicateurs.`,
  yearOutsidePeriod: (year: number, start: number, end: number) =>
    `Année ${year} hors de la période du contrat (${start} à ${end}) et différente de l’année de référence de l’indicateur.`,
  duplicateMeasure: (indicator: string, year: number, territory: string, row: number) =>
    `Deuxième valeur pour ${indicator}, ${year}, ${territory} (déjà ligne ${row}) : une seule valeur par indicateur, année et territoire.`,
  percentOutOfRange: (value: number) =>
    `Un pourcentage est compris entre 0 et 100 : ${formatNumberFr(value)} n’en est pas un.`,
};

export const WHERE = {
  referentiel: 'le Référentiel',
  territories: 'la feuille Territoires',
  indicators: 'la feuille Indicateurs',
  list: 'la liste déroulante',
};
