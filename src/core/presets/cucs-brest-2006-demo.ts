/** Sample content for the demo workbook of the CUCS preset: porteurs, titles and indicators by domain. */
import type { DemoIndicatorSample, DemoSamples } from './demo-samples';

const PORTEURS: Record<string, string[]> = {
  RU: [
    'Brest métropole habitat',
    'BMO — mission renouvellement urbain',
    'Ville de Brest — gestion urbaine de proximité',
    'Association des gens du voyage du Finistère',
    'Foyer des jeunes travailleurs de Brest',
  ],
  RE: [
    'Ville de Brest — direction éducation',
    'Patronage laïque de Bellevue',
    'Centre social de Pontanézen',
    'Ligue de l’enseignement du Finistère',
    'Collège de Kérichen',
  ],
  IE: [
    'Maison de l’emploi et de la formation du pays de Brest',
    'Mission locale du pays de Brest',
    'PLIE du pays de Brest',
    'Association Don Bosco',
    'Entreprise d’insertion Le Relais',
  ],
  SA: [
    'Atelier santé ville de Brest',
    'CCAS de Brest',
    'Centre hospitalier universitaire de Brest',
    'Association Addictions France 29',
    'Mutualité française Finistère',
  ],
  PD: [
    'CISPD de BMO',
    'Ville de Brest — service prévention',
    'Association d’aide aux victimes du Finistère',
    'Service pénitentiaire d’insertion et de probation',
    'Prévention routière du Finistère',
  ],
};

const TITLES: Record<string, string[]> = {
  RU: [
    'Résidentialisation des immeubles',
    'Diagnostic en marchant',
    'Navette de quartier vers le centre-ville',
    'Maison de services publics',
    'Programme d’accession sociale',
    'Logements sociaux en ZAC',
    'Démolition-reconstruction de la barre',
    'Terrain familial des gens du voyage',
    'Logements relais pour jeunes',
    'Pensions de famille',
  ],
  RE: [
    'Ouverture culturelle des écoles',
    'Formation des animateurs de centres de loisirs',
    'Accompagnement à la scolarité',
    'Équipe pluridisciplinaire de réussite éducative',
    'Ateliers parents-enfants',
    'Café des parents',
    'Lieu d’accueil enfants-parents',
    'Chantiers jeunes',
    'Éducation à l’environnement au jardin partagé',
    'Accueil des 11-15 ans',
  ],
  IE: [
    'Observatoire local de l’emploi',
    'Diagnostic territorial partagé',
    'Permanences emploi de proximité',
    'Clauses d’insertion des marchés publics',
    'Accompagnement renforcé des jeunes en rupture',
    'Parcours vers l’emploi des jeunes sous main de justice',
    'Formation des conseillers à l’accueil interculturel',
    'Couveuse d’entreprises',
    'Chantier d’insertion bâtiment',
    'Plateforme mobilité',
  ],
  SA: [
    'Tableau de bord santé des quartiers',
    'Permanence d’accès aux droits de santé',
    'Consultations avancées en quartier',
    'Ateliers nutrition des familles',
    'Santé communautaire à Bellevue',
    'Prévention des conduites addictives au collège',
    'Boutique de réduction des risques',
    'Formation des personnes relais en santé mentale',
    'Accompagnement dans le logement des personnes fragiles',
    'Groupe d’entraide mutuelle',
  ],
  PD: [
    'Éducation routière des collégiens',
    'Prévention de l’alcoolisation sur l’espace public',
    'Préparation à la sortie de détention',
    'Travaux d’intérêt général',
    'Accueil des victimes au commissariat',
    'Médiation réparation',
    'Écoute des jeunes victimes',
    'Cellule de veille de quartier',
    'Tableau de bord de la tranquillité publique',
    'Réunions publiques d’information',
  ],
};

const INDICATORS: Record<string, DemoIndicatorSample[]> = {
  RU: [
    [
      'Part de logements sociaux dans les programmes neufs',
      '%',
      'hausse',
      18,
      25,
      'BMO — observatoire de l’habitat',
    ],
    [
      'Taux de vacance du parc social des quartiers prioritaires',
      '%',
      'baisse',
      6.5,
      4,
      'Brest métropole habitat',
    ],
    ['Logements en accession à coût maîtrisé livrés', 'logements', 'hausse', 40, 120, 'BMO'],
    ['Habitants satisfaits de la propreté de leur quartier', '%', 'hausse', 52, 65, 'Enquête GUP'],
  ],
  RE: [
    ['Enfants suivis en parcours de réussite éducative', 'personnes', 'hausse', 60, 180, 'PRE de Brest'],
    ['Élèves entrant en 6e avec au moins un an de retard', '%', 'baisse', 21, 15, 'Inspection académique'],
    [
      'Fréquentation des centres de loisirs (journées enfants)',
      'nombre',
      'hausse',
      14000,
      17000,
      'Ville de Brest',
    ],
    [
      'Parents participant aux actions de soutien à la parentalité',
      'personnes',
      'hausse',
      150,
      300,
      'CAF du Finistère',
    ],
  ],
  IE: [
    ['Demandeurs d’emploi de catégorie 1 des quartiers prioritaires', 'nombre', 'baisse', 2900, 2400, 'ANPE'],
    ['Taux de chômage des 16-25 ans', '%', 'baisse', 24, 18, 'INSEE'],
    [
      'Heures d’insertion réalisées au titre des clauses sociales',
      'nombre',
      'hausse',
      20000,
      45000,
      'Maison de l’emploi',
    ],
    ['Créations d’entreprise accompagnées', 'nombre', 'hausse', 25, 60, 'Couveuse d’entreprises'],
  ],
  SA: [
    ['Bénéficiaires de la CMU complémentaire suivis', 'personnes', 'hausse', 800, 1100, 'CPAM du Finistère'],
    ['Couverture vaccinale ROR à 24 mois', '%', 'hausse', 82, 95, 'PMI'],
    ['Passages à la permanence d’accès aux soins', 'nombre', 'hausse', 900, 1400, 'CHU de Brest'],
    ['Personnes relais formées en santé mentale', 'personnes', 'hausse', 20, 80, 'Conseil de santé mentale'],
  ],
  PD: [
    ['Faits de délinquance de voie publique', 'taux pour 1000', 'baisse', 38, 30, 'Police nationale'],
    ['Accidents corporels de la circulation', 'nombre', 'baisse', 310, 250, 'Préfecture'],
    ['Victimes accueillies par l’aide aux victimes', 'personnes', 'hausse', 700, 950, 'AVIMED 29'],
    ['Mesures alternatives à l’incarcération exécutées', 'nombre', 'hausse', 120, 200, 'SPIP'],
  ],
};

export const CUCS_BREST_2006_DEMO: Record<string, DemoSamples> = Object.fromEntries(
  Object.keys(TITLES).map((code) => [
    code,
    { porteurs: PORTEURS[code]!, titles: TITLES[code]!, indicators: INDICATORS[code]! },
  ]),
);
