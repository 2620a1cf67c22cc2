/**
 * The models a new workbook can start from: a référentiel, the Paramètres and the funders. Each only
 * gives the first content of its sheets: once installed, the Référentiel sheet is the référentiel and
 * the users adapt it. The model's name stays in Paramètres: it chooses the report's plan.
 */
import { DEFAULT_FUNDERS, type DefaultFunder, type Referentiel } from '../referentiel';
import type { Settings } from '../schemas';
import { DEFAULT_SETTINGS } from '../settings';
import { SHEET_NAMES } from '../workbook';
import { CONTRAT_DE_VILLE_2015 } from './contrat-de-ville-2015';
import { CUCS_BREST_2006 } from './cucs-brest-2006';
import { CUCS_BREST_2006_DEMO } from './cucs-brest-2006-demo';
import type { DemoSamples } from './demo-samples';
import { QUARTIERS_2030 } from './quartiers-2030';

export interface Preset {
  id: string;
  /** The name shown in the install dialog and the help. */
  title: string;
  description: string;
  referentiel: Referentiel;
  settings: Settings;
  funders: DefaultFunder[];
  /** The plan of the annual report: the CUCS one, or the six parts of décret n° 2015-1118. */
  reportPlan: 'cucs' | 'decret-2015-1118';
  /** What the contract calls the tags of its actions: axes transversaux, priorités nationales. */
  axesTitle: string;
  /** Sample content of the demo workbook, by domain code (generic samples for the others). */
  demo: Record<string, DemoSamples>;
}

/** The funders of a contrat de ville after 2015: the Département replaced the Conseil général. */
const CONTRAT_DE_VILLE_FUNDERS: DefaultFunder[] = DEFAULT_FUNDERS.map((f) =>
  f.kind === 'Département'
    ? { code: 'CD29', name: 'Conseil départemental du Finistère', kind: 'Département' }
    : f.kind === 'État'
      ? { ...f, name: 'État (crédits de la politique de la ville, droit commun)' }
      : f.kind === 'Intercommunalité'
        ? { ...f, name: 'Brest métropole' }
        : f,
);

const REPORT_TITLE = 'Rapport annuel sur la politique de la ville';

export const PRESETS: Preset[] = [
  {
    id: 'cucs-brest-2006',
    title: 'Contrat urbain de cohésion sociale (Brest, 2006)',
    description:
      'Les cinq domaines du CUCS de Brest métropole océane, leurs objectifs, lignes d’action et instances de pilotage.',
    referentiel: CUCS_BREST_2006,
    settings: DEFAULT_SETTINGS,
    funders: DEFAULT_FUNDERS,
    reportPlan: 'cucs',
    axesTitle: 'Axes transversaux',
    demo: CUCS_BREST_2006_DEMO,
  },
  {
    id: 'contrat-de-ville-2015',
    title: 'Contrat de ville 2015–2023',
    description:
      'Les trois piliers (cohésion sociale\u00a0; cadre de vie et renouvellement urbain\u00a0; développement économique et emploi) et les axes transversaux\u00a0: jeunesse, égalité entre les femmes et les hommes, lutte contre les discriminations, valeurs de la République et citoyenneté.',
    referentiel: CONTRAT_DE_VILLE_2015,
    settings: {
      ...DEFAULT_SETTINGS,
      contractName: 'Contrat de ville de Brest métropole',
      periodStart: '2015-01-01',
      periodEnd: '2023-12-31',
      reportingYear: 2016,
      reportTitle: REPORT_TITLE,
      author: 'Direction de la politique de la ville',
      preset: 'contrat-de-ville-2015',
    },
    funders: CONTRAT_DE_VILLE_FUNDERS,
    reportPlan: 'decret-2015-1118',
    axesTitle: 'Axes transversaux',
    demo: {},
  },
  {
    id: 'quartiers-2030',
    title: 'Contrat de ville « Engagements Quartiers 2030 »',
    description:
      'Des enjeux choisis localement avec les habitants (trois exemples à remplacer) et les priorités nationales\u00a0: éducation\u00a0; emploi et développement économique\u00a0; santé\u00a0; sécurité et tranquillité\u00a0; cadre de vie et transition écologique\u00a0; lutte contre les discriminations\u00a0; égalité entre les femmes et les hommes.',
    referentiel: QUARTIERS_2030,
    settings: {
      ...DEFAULT_SETTINGS,
      contractName: 'Contrat de ville « Engagements Quartiers 2030 » de Brest métropole',
      periodStart: '2024-01-01',
      periodEnd: '2030-12-31',
      reportingYear: 2025,
      reportTitle: REPORT_TITLE,
      author: 'Direction de la politique de la ville',
      preset: 'quartiers-2030',
    },
    funders: CONTRAT_DE_VILLE_FUNDERS,
    reportPlan: 'decret-2015-1118',
    axesTitle: 'Priorités nationales',
    demo: {},
  },
];

export const DEFAULT_PRESET = PRESETS[0]!;
export const DEFAULT_REFERENTIEL: Referentiel = DEFAULT_PRESET.referentiel;

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id.trim().toLowerCase());
}

/** The preset a workbook was installed from (its Paramètres), the CUCS one for the first workbooks. */
export function presetOf(settings: Pick<Settings, 'preset'>): Preset {
  return findPreset(settings.preset) ?? DEFAULT_PRESET;
}

/** Whether a workbook has the Avis sheet: the contrats de ville's, or any workbook that already holds it. */
export function hasOpinions(
  settings: Pick<Settings, 'preset'>,
  sheetNames: { has(name: string): boolean },
): boolean {
  return presetOf(settings).reportPlan === 'decret-2015-1118' || sheetNames.has(SHEET_NAMES.opinions);
}

/** « cucs-brest-2006, contrat-de-ville-2015 ou quartiers-2030 », for messages. */
export function presetNames(): string {
  const ids = PRESETS.map((p) => p.id);
  return `${ids.slice(0, -1).join(', ')} ou ${ids[ids.length - 1]}`;
}
