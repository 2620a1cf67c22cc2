/**
 * The contract's référentiel as data: its domains (1 to 12), their objectives and action lines, their
 * steering bodies, and the transversal axes that tag actions. A workbook's référentiel is read from its
 * Référentiel sheet; the presets (src/core/presets) only give the rows a new workbook starts with.
 * Codes are stable: users may edit labels in the Référentiel sheet, never the codes.
 */

export interface ActionLineRef {
  code: string;
  label: string;
}
export interface ObjectiveRef {
  code: string;
  label: string;
  lines: ActionLineRef[];
}
export interface DomainRef {
  code: string;
  /** Short name, used as the sheet name: at most 31 characters, the limit of .xlsx files. */
  name: string;
  /** The domain's orientation, as the contract words it. */
  label: string;
  steeringBody: string;
  objectives: ObjectiveRef[];
}
/** A transversal axis or national priority: a tag that actions of any domain may carry. */
export interface AxisRef {
  code: string;
  label: string;
}
export interface Referentiel {
  domains: DomainRef[];
  axes: AxisRef[];
}

/** A contract has 1 to 12 domains: one sheet each. */
export const MAX_DOMAINS = 12;
/** Sheet names are at most 31 characters in Google Sheets as in .xlsx files. */
export const MAX_SHEET_NAME = 31;

export const STATUSES = ['programmée', 'en cours', 'réalisée', 'reportée', 'abandonnée'] as const;
export type Status = (typeof STATUSES)[number];

export const TERRITORY_LEVELS = ['agglomération', 'commune', 'quartier prioritaire', 'autre'] as const;
export type TerritoryLevel = (typeof TERRITORY_LEVELS)[number];

export const INDICATOR_TYPES = ['contexte', 'réalisation', 'résultat'] as const;
export const INDICATOR_DIRECTIONS = ['hausse', 'baisse'] as const;
export const INDICATOR_UNITS = [
  'nombre',
  '%',
  '€',
  'taux pour 1000',
  'jours',
  'personnes',
  'logements',
] as const;

export interface DefaultFunder {
  code: string;
  name: string;
  kind: string;
}

/** The usual co-funders of a CUCS (slide 13: specific credits and co-funding). */
export const DEFAULT_FUNDERS: DefaultFunder[] = [
  { code: 'ETAT', name: 'État (ACSé, crédits de droit commun)', kind: 'État' },
  { code: 'VILLE', name: 'Ville de Brest', kind: 'Commune' },
  { code: 'BMO', name: 'Brest métropole océane', kind: 'Intercommunalité' },
  { code: 'CG29', name: 'Conseil général du Finistère', kind: 'Département' },
  { code: 'REGION', name: 'Conseil régional de Bretagne', kind: 'Région' },
  { code: 'CAF', name: 'Caisse d’allocations familiales du Finistère', kind: 'Organisme social' },
  { code: 'BAILLEURS', name: 'Bailleurs sociaux', kind: 'Bailleur' },
];

/** The top of the territory tree (slide 5); the quartiers prioritaires are the user's to add. */
export const DEFAULT_TERRITORIES = [
  { code: 'BMO', name: 'Brest métropole océane', level: 'agglomération' as TerritoryLevel, parent: '' },
  { code: 'BREST', name: 'Brest', level: 'commune' as TerritoryLevel, parent: 'BMO' },
];

export function findDomain(ref: Referentiel, code: string): DomainRef | undefined {
  return ref.domains.find((d) => d.code === code);
}

export function allObjectives(ref: Referentiel): (ObjectiveRef & { domain: string })[] {
  return ref.domains.flatMap((d) => d.objectives.map((o) => ({ ...o, domain: d.code })));
}

export function findObjective(
  ref: Referentiel,
  code: string,
): (ObjectiveRef & { domain: string }) | undefined {
  return allObjectives(ref).find((o) => o.code === code);
}
