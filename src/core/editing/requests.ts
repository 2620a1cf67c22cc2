/**
 * Requests the sidebar sends, validated with the same schemas on both ends, and the French messages of a
 * refused form.
 */

import * as z from 'zod';
import { ActionSchema, type Measure, MeasureFields } from '../schemas';

/** Where an action was loaded from: the row's version, and its row (used only for a row without ID). */
export const OriginSchema = z.object({
  version: z.string().min(1, 'Version de la ligne manquante : rechargez l’action.'),
  row: z.number().int().min(2),
});
export type Origin = z.infer<typeof OriginSchema>;

const domainCode = z.string().trim().min(1, 'Choisissez un domaine.');

/** Create (origin null, ID empty: it is assigned) or edit (origin of the loaded row). */
export const SaveActionRequestSchema = z.object({ action: ActionSchema, origin: OriginSchema.nullable() });
export type SaveActionRequest = z.infer<typeof SaveActionRequestSchema>;

/** Status and the year's avancées / freins of an existing action; the rest of the row is untouched. */
export const ProgressRequestSchema = z.object({
  domain: domainCode,
  id: ActionSchema.shape.id,
  origin: OriginSchema,
  status: ActionSchema.shape.status,
  year: MeasureFields.shape.year,
  avancees: z.string().trim(),
  freins: z.string().trim(),
});
export type ProgressRequest = z.infer<typeof ProgressRequestSchema>;

/** An action by ID, or by row for a row typed in the sheet without ID. */
export const LoadActionRequestSchema = z.object({
  domain: domainCode,
  id: z.string().trim(),
  row: z.number().int().min(2).nullable(),
});
export type LoadActionRequest = z.infer<typeof LoadActionRequestSchema>;

/** The sidebar saves a number; a value marked secret or unavailable comes from the sheet or an import. */
/** A measure as the sidebar saves it: always a number, never a mark. */
export type SavedMeasureRecord = MeasureRequest & Pick<Measure, 'marker' | 'updatedAt' | 'updatedBy'>;

export const MeasureRequestSchema = MeasureFields.omit({
  updatedAt: true,
  updatedBy: true,
  marker: true,
}).extend({
  value: z.number({ error: 'La valeur doit être un nombre.' }),
});
export type MeasureRequest = z.infer<typeof MeasureRequestSchema>;

/** Field → first French message; funder amounts are keyed `funding.CODE` so each shows by its input. */
export function formErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const [first, second] = issue.path.map(String);
    const field = first === 'funding' && second ? `funding.${second}` : (first ?? '_');
    if (!(field in errors)) errors[field] = issue.message;
  }
  return errors;
}

/** Server side: the parsed request, or an Error listing the French messages. */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  refuse(formErrors(parsed.error));
}

/** The French messages of the fields, each once. */
export function refuse(errors: Record<string, string>): never {
  throw new Error(`Saisie refusée :\n${[...new Set(Object.values(errors))].join('\n')}`);
}
