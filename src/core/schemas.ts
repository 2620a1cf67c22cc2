/**
 * The records of the workbook, as zod schemas: the single source of truth for their shape and for the
 * French messages shown in the sidebar and by the validation. Types are inferred, never written twice.
 * Records are plain JSON (dates as ISO yyyy-mm-dd strings) so that they cross google.script.run as is.
 */
import * as z from 'zod';
import { fr } from 'zod/locales';
import { fromIsoDate } from './cells';
import { AGGREGATION_RULES, MEASURE_MARKERS } from './observation/vocabulary';
import {
  INDICATOR_DIRECTIONS,
  INDICATOR_TYPES,
  INDICATOR_UNITS,
  STATUSES,
  TERRITORY_LEVELS,
} from './referentiel';
import { DECISION_KINDS, DECISION_SUITES, OPINION_KINDS } from './workbook';

z.config(fr());

const text = z.string().trim();
const requiredText = (message: string) => z.string().trim().min(1, message);

export const isoDate = z
  .string()
  .refine((s) => fromIsoDate(s) !== null, 'Date invalide : utilisez le format jj/mm/aaaa.');

const amount = (label: string) =>
  z
    .number({ error: `${label} : un montant en euros est attendu.` })
    .nonnegative(`${label} : le montant ne peut pas être négatif.`)
    .nullable();

const year = z
  .number({ error: 'Une année est attendue (ex. 2008).' })
  .int('Une année est un nombre entier.')
  .min(1990, 'Année trop ancienne.')
  .max(2100, 'Année trop lointaine.');

export const ActionSchema = z
  .object({
    id: text.max(40, 'ID trop long (40 caractères au plus).'),
    domain: requiredText('Choisissez un domaine.'),
    objective: requiredText('Choisissez un objectif.'),
    actionLine: text,
    title: requiredText('L’intitulé est obligatoire.').max(
      250,
      'Intitulé trop long (250 caractères au plus).',
    ),
    porteur: requiredText('Le porteur est obligatoire.'),
    partners: text,
    territories: z.array(requiredText('Code de territoire vide.')),
    axes: z.array(requiredText('Code d’axe vide.')).default([]),
    publicCible: text,
    chantier: z.boolean(),
    participation: z.boolean(),
    participationHow: text,
    status: z.enum(STATUSES, { error: `Statut inconnu : choisissez ${STATUSES.join(', ')}.` }),
    startDate: isoDate.nullable(),
    endDate: isoDate.nullable(),
    budget: amount('Budget prévu'),
    credits: amount('Crédits spécifiques'),
    funding: z.record(z.string(), z.number().nonnegative('Un cofinancement ne peut pas être négatif.')),
    spent: amount('Dépensé'),
    beneficiaries: z
      .number({ error: 'Un nombre de bénéficiaires est attendu.' })
      .int('Le nombre de bénéficiaires est un entier.')
      .nonnegative('Le nombre de bénéficiaires ne peut pas être négatif.')
      .nullable(),
    avancees: text,
    freins: text,
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .superRefine((a, ctx) => {
    for (const issue of actionConsistency(a))
      ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
  });
export type Action = z.infer<typeof ActionSchema>;

/** Rules between fields of one action, shared by the schema (sidebar) and the validation (sheets). */
export function actionConsistency(
  a: Pick<Action, 'startDate' | 'endDate' | 'budget' | 'credits' | 'status'>,
): { field: keyof Action; message: string }[] {
  const issues: { field: keyof Action; message: string }[] = [];
  if (a.startDate && a.endDate && a.endDate < a.startDate) {
    issues.push({ field: 'endDate', message: 'La date de fin précède la date de début.' });
  }
  if (a.credits !== null && a.budget !== null && a.credits > a.budget) {
    issues.push({ field: 'credits', message: 'Les crédits spécifiques dépassent le budget prévu.' });
  }
  if (a.status === 'réalisée' && !a.endDate) {
    issues.push({ field: 'endDate', message: 'Une action réalisée doit avoir une date de fin.' });
  }
  return issues;
}

export const IndicatorSchema = z
  .object({
    code: requiredText('Le code de l’indicateur est obligatoire.'),
    /** Empty for a transversal context indicator. */
    domain: text,
    objective: text,
    label: requiredText('Le libellé est obligatoire.'),
    kind: z.enum(INDICATOR_TYPES, { error: `Type inconnu : ${INDICATOR_TYPES.join(', ')}.` }),
    unit: z.enum(INDICATOR_UNITS, { error: `Unité inconnue : ${INDICATOR_UNITS.join(', ')}.` }),
    direction: z.enum(INDICATOR_DIRECTIONS, { error: 'Sens souhaité : hausse ou baisse.' }),
    baseline: z.number({ error: 'La valeur de référence doit être un nombre.' }).nullable(),
    baselineYear: year,
    target: z.number({ error: 'La cible doit être un nombre.' }).nullable(),
    targetYear: year.nullable(),
    source: text,
    comment: text,
    millesime: text.default(''),
    aggregation: z
      .enum(['', ...AGGREGATION_RULES], { error: `Agrégation : ${AGGREGATION_RULES.join(', ')}.` })
      .default(''),
    weight: text.default(''),
    variables: z.array(requiredText('Variable vide.')).default([]),
  })
  .superRefine((i, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    // Observation data has no target and may concern every domain: only a context indicator goes without.
    if (i.kind !== 'contexte') {
      if (!i.domain)
        issue('domain', 'Choisissez un domaine (seul un indicateur de contexte peut être transversal).');
      if (i.baseline === null)
        issue('baseline', 'La valeur de référence est obligatoire (sauf pour un indicateur de contexte).');
      if (i.target === null)
        issue('target', 'La cible est obligatoire (sauf pour un indicateur de contexte).');
    }
    if (i.aggregation === 'somme' && (i.unit === '%' || i.unit === 'taux pour 1000')) {
      issue(
        'aggregation',
        'Un taux ne s’additionne pas : choisissez « moyenne pondérée » ou « non agrégeable ».',
      );
    }
    if (i.aggregation === 'moyenne pondérée' && !i.weight) {
      issue(
        'weight',
        'Une moyenne pondérée demande l’indicateur de population qui pondère (colonne Pondération).',
      );
    }
    if (i.weight && i.weight === i.code) issue('weight', 'Un indicateur ne peut pas se pondérer lui-même.');
  });
export type Indicator = z.infer<typeof IndicatorSchema>;

/** A measure's fields; MeasureSchema adds the rule that ties its value to its marker. */
export const MeasureFields = z.object({
  indicator: requiredText('Choisissez un indicateur.'),
  year,
  territory: requiredText('Choisissez un territoire.'),
  value: z.number({ error: 'La valeur doit être un nombre.' }).nullable(),
  /** « secret statistique » or « non disponible »: the value stays empty, never read as zero. */
  marker: z
    .enum(['', ...MEASURE_MARKERS], { error: `Statut de la valeur : ${MEASURE_MARKERS.join(' ou ')}.` })
    .default(''),
  source: text,
  comment: text,
  updatedAt: z.string(),
  updatedBy: z.string(),
});

export function valueMatchesMarker(m: { value: number | null; marker: string }, ctx: z.RefinementCtx): void {
  if (m.value === null && m.marker === '') {
    ctx.addIssue({
      code: 'custom',
      path: ['value'],
      message: 'La valeur doit être un nombre (ou marquez-la « secret statistique » ou « non disponible »).',
    });
  }
  if (m.value !== null && m.marker !== '') {
    ctx.addIssue({
      code: 'custom',
      path: ['marker'],
      message: `Une valeur marquée « ${m.marker} » reste vide : effacez la valeur ou le statut.`,
    });
  }
}

export const MeasureSchema = MeasureFields.superRefine(valueMatchesMarker);
export type Measure = z.infer<typeof MeasureSchema>;

export const OpinionSchema = z
  .object({
    year,
    kind: z.enum(OPINION_KINDS, { error: `Type d’instance\u00a0: ${OPINION_KINDS.join(' ou ')}.` }),
    instance: requiredText('Indiquez l’instance consultée.'),
    territory: text,
    referralDate: isoDate,
    opinionDate: isoDate.nullable(),
    opinion: text,
  })
  .superRefine((o, ctx) => {
    if (o.opinionDate && o.opinionDate < o.referralDate) {
      ctx.addIssue({ code: 'custom', path: ['opinionDate'], message: 'L’avis est daté d’avant la saisine.' });
    }
  });
export type Opinion = z.infer<typeof OpinionSchema>;

export const TerritorySchema = z.object({
  code: requiredText('Le code du territoire est obligatoire.'),
  name: requiredText('Le nom du territoire est obligatoire.'),
  level: z.enum(TERRITORY_LEVELS, { error: `Niveau inconnu : ${TERRITORY_LEVELS.join(', ')}.` }),
  parent: text,
  /** Code of the quartier prioritaire, INSEE code of the commune or SIREN of the EPCI: matches imports. */
  officialCode: text.default(''),
  comment: text,
});
export type Territory = z.infer<typeof TerritorySchema>;

export const FunderSchema = z.object({
  code: requiredText('Le code du financeur est obligatoire.').regex(
    /^[A-Z0-9][A-Z0-9_-]*$/,
    'Code de financeur : majuscules, chiffres, - ou _ (ex. CG29).',
  ),
  name: requiredText('Le nom du financeur est obligatoire.'),
  kind: text,
  active: z.boolean(),
});
export type Funder = z.infer<typeof FunderSchema>;

export const SettingsSchema = z
  .object({
    contractName: requiredText('Le nom du contrat est obligatoire.'),
    periodStart: isoDate,
    periodEnd: isoDate,
    reportingYear: year,
    reportTitle: requiredText('Le titre du rapport est obligatoire.'),
    author: text,
    fundingTolerance: z.number().nonnegative('La tolérance ne peut pas être négative.'),
    deliberationDate: isoDate.nullable(),
    dsuCommunes: text,
    preset: text,
    fictional: z.boolean(),
  })
  .superRefine((s, ctx) => {
    if (s.periodEnd < s.periodStart) {
      ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'La fin du contrat précède son début.' });
    }
  });
export type Settings = z.infer<typeof SettingsSchema>;

/** First message per field, for forms and cell-level reports. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : '_';
    if (!(field in errors)) errors[field] = issue.message;
  }
  return errors;
}

export const DecisionSchema = z
  .object({
    id: text.max(40, 'ID trop long (40 caractères au plus).'),
    instance: requiredText('Indiquez l’instance qui a décidé.'),
    date: isoDate,
    kind: z.enum(DECISION_KINDS, { error: `Type de décision : ${DECISION_KINDS.join(' ou ')}.` }),
    decision: requiredText('Le texte de la décision est obligatoire.'),
    concerns: z.array(requiredText('Code vide.')),
    responsable: text,
    deadline: isoDate.nullable(),
    suite: z.enum(DECISION_SUITES, { error: `Suite inconnue : choisissez ${DECISION_SUITES.join(', ')}.` }),
    comment: text,
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .superRefine((d, ctx) => {
    const message = deadlineProblem(d);
    if (message) ctx.addIssue({ code: 'custom', path: ['deadline'], message });
  });
export type Decision = z.infer<typeof DecisionSchema>;

/** The rule between a decision's dates, shared by the schema (sidebar) and the validation (sheet). */
export function deadlineProblem(d: { date: string; deadline: string | null }): string | null {
  return d.date && d.deadline && d.deadline < d.date ? 'L’échéance précède la date de la décision.' : null;
}
