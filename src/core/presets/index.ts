/**
 * The référentiels a new workbook can start from. Each is only the first content of the Référentiel
 * sheet: once installed, the sheet is the référentiel and the users adapt it.
 */
import type { Referentiel } from '../referentiel';
import { CUCS_BREST_2006 } from './cucs-brest-2006';
import { CUCS_BREST_2006_DEMO } from './cucs-brest-2006-demo';
import type { DemoSamples } from './demo-samples';

export interface Preset {
  id: string;
  /** The name shown in the install dialog and the help. */
  title: string;
  description: string;
  referentiel: Referentiel;
  /** Sample content of the demo workbook, by domain code (generic samples for the others). */
  demo: Record<string, DemoSamples>;
}

export const PRESETS: Preset[] = [
  {
    id: 'cucs-brest-2006',
    title: 'Contrat urbain de cohésion sociale (Brest, 2006)',
    description:
      'Les cinq domaines du CUCS de Brest métropole océane, leurs objectifs, lignes d’action et instances de pilotage.',
    referentiel: CUCS_BREST_2006,
    demo: CUCS_BREST_2006_DEMO,
  },
];

export const DEFAULT_PRESET = PRESETS[0]!;
export const DEFAULT_REFERENTIEL: Referentiel = DEFAULT_PRESET.referentiel;

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id.trim().toLowerCase());
}
