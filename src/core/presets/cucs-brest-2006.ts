/**
 * The référentiel of the 2006 Brest CUCS, word for word from the November 2006 presentation of the
 * Brest métropole océane CUCS (slides 6 to 11; health from slide 10, slide 21 being an alternative draft).
 */
import { type RawDomain, rawReferentiel } from './raw';

const DOMAINS: RawDomain[] = [
  {
    code: 'RU',
    name: 'Renouvellement urbain, habitat',
    label:
      'Poursuivre le renouvellement urbain afin de développer l’attractivité résidentielle des quartiers prioritaires et la diversité sociale de l’agglomération',
    steeringBody: 'la CIL sur l’agglomération ; comité d’orientation du RU',
    objectives: [
      [
        'Améliorer la qualité urbaine et résidentielle des quartiers prioritaires',
        [
          'Les projets de renouvellement urbain',
          'La gestion urbaine de proximité',
          'L’accessibilité des quartiers et la mobilité',
          'La diversification des fonctions et l’adaptation des services et équipements',
        ],
      ],
      [
        'Rééquilibrer et diversifier l’offre de logements à l’échelle de l’agglomération',
        [
          'Développement de l’accession à coût maîtrisé',
          'Réalisation de logements sociaux dans les programmes nouveaux',
          'Opérations de constructions démolitions',
          'Diversification de l’offre sociale publique et privée(accession, co-pro…)',
        ],
      ],
      [
        'Garantir l’accès des publics défavorisés au logement',
        [
          'Réalisation de terrains familiaux pour les gens du voyage',
          'Logements des jeunes en insertion',
          'Création de petites structures et logements adaptés aux personnes en situation de marginalité, de dépendance',
          'Travail sur le passage entre les logements d’insertion et le logement banalisé',
        ],
      ],
    ],
  },
  {
    code: 'RE',
    name: 'Réussite éducative',
    label: 'Une action éducative coordonnée pour une meilleure égalité des chances',
    steeringBody: 'le comité d’orientation du PEL de la ville de Brest',
    objectives: [
      [
        'conduire une action éducative renforcée sur les quartiers prioritaires',
        [
          'Soutien aux projets des établissements scolaires : ouvertures aux autres et au monde',
          'Soutien aux centres de loisirs et formation des professionnels des centres de loisirs',
          'Accessibilité des services éducatifs aux enfants et familles',
        ],
      ],
      [
        'Engager la construction de parcours individualisés de réussite éducative pour les enfants',
        [
          'Coordination et animation des parcours individuels',
          'Mise en place d’actions spécifiques au service des parcours des enfants',
          'Soutien aux actions innovantes et de prévention',
          'Capitalisation et diffusion aux autres territoire de BMO',
        ],
      ],
      [
        'Favoriser l’implication et la reconnaissance des parents comme acteurs principaux de l’éducation de leurs enfants',
        [
          'la reconnaissance des parents',
          'développer les coopérations parents professionnels',
          'Lutter contre l’isolement et les difficultés d’insertion liés à l’arrivée d’un enfant',
          'Encourager les échanges et projet au sein de la famille',
        ],
      ],
      [
        'renouveler l’action éducative en direction des jeunes',
        [
          'individualisation du parcours des jeunes',
          'Promouvoir l’éducation à l’environnement pour une citoyenneté active',
          'Capacité de création des jeunes',
          'Amélioration de l’accueil éducatif des jeunes aux diverses échelles territoriales',
        ],
      ],
    ],
  },
  {
    code: 'IE',
    name: 'Insertion et emploi',
    label: 'Insertion sociale et accès à l’emploi des personnes',
    steeringBody: 'maison de l’emploi et de la formation professionnelle du pays de Brest',
    objectives: [
      [
        'Observation emploi formation et lisibilité des politiques sur l’agglomération',
        [
          'Mutualisation des outils de veille et d’observation en matière de développement économique, emploi et formation',
          'Formalisation et diffusion des informations',
          'Rédaction et animation d’un diagnostic territorial',
          "Observation et analyse de l'évolution du marché du travail",
        ],
      ],
      [
        'Conduire une action d’insertion et d’accès à l’emploi renforcée sur les quartiers prioritaires',
        [
          'Le renfort des accueils et médiation de proximité avec la population',
          'l’organisation des coopérations à l’échelle des quartiers',
          'Le fléchage particulier de certains programmes : charte d’insertion, jeunes, familles monoparentales, métiers…',
        ],
      ],
      [
        'Améliorer la prise en compte des besoins des jeunes en insertion sur l’agglomération et la ville',
        [
          'Renforcement des coopérations opérationnelles',
          'des réponses innovantes et adaptées à un public en grande rupture',
          'Les jeunes sous main de justice',
        ],
      ],
      [
        'améliorer le service rendu, et la qualité des parcours d’insertion',
        [
          'accompagner l’évolution des pratiques professionnelles des intervenants',
          'assurer le développement et la mobilisation des compétences des habitants tout au long de la vie',
          'Maintenir une innovation permanente sur des sujets particuliers : mobilisation des populations, santé, culture, activités d’utilité sociale',
        ],
      ],
      [
        'Renforcer l’accessibilité et la fluidité du marché de l’emploi aux plus démunis',
        [
          'la création d’entreprise',
          'Développement de l’offre d’insertion par l’activité économique',
          'la mobilité et l’accès à l’emploi',
          'le travail plus particulier sur certains secteurs : services aux ménages, tourisme, bâtiment,…',
          'la discrimination dans l’emploi',
        ],
      ],
    ],
  },
  {
    code: 'SA',
    name: 'Santé',
    label: 'Un projet local coordonné de promotion de la santé',
    steeringBody: 'atelier santé ville sur Brest',
    objectives: [
      [
        'Mieux observer la santé',
        [
          'La situation de santé des brestois',
          'Caractérisations des territoires de l’agglo',
          'Lectures des actions santé',
          'L’offre de soins et de service',
          'Repérage des freins santé / insertion',
        ],
      ],
      [
        'Consolider l’accessibilité aux soins pour les populations précaires',
        [
          'accès aux droits',
          'Offre de soins sur les quartiers',
          'Travail particulier sur des populations cibles',
        ],
      ],
      [
        'Développer des projets d’éducation pour la santé et de prévention sur les quartiers prioritaires',
        [
          'Une action ciblée particulièrement sur les enfants et les familles',
          'La réussite éducative',
          'La mobilisation des habitants dans leur parcours de santé, la santé communautaire',
        ],
      ],
      [
        'Prévenir les surconsommations d’alcool et de toxiques',
        [
          'prévention des conduites addictives collèges, quartiers',
          'Représentation de l’ivresse régulière',
          'Réduction des risques (boutiques…)',
          'Aide aux démarrage des soin',
        ],
      ],
      [
        'accompagner la mise en œuvre des actions du conseil de santé mentale',
        [
          'Formation des personnes relais',
          'Relais santé sociale sur les psychoses',
          'Amélioration de l’accompagnement dans le logement',
          'Soutien aux associations d’usagers et aux parents',
          'Évaluation et rendu annuelle',
        ],
      ],
    ],
  },
  {
    code: 'PD',
    name: 'Prévention de la délinquance',
    label:
      'Une mobilisation commune pour la prévention de la délinquance, la sécurité et la tranquillité publique',
    steeringBody: 'CISPD sur l’agglomération ; le CLS sur la ville de Brest',
    objectives: [
      ['prévenir la délinquance', ['Sécurité routière', 'L’ivresse sur l’espace public']],
      [
        'Contribuer à la prévention de la récidive',
        [
          'améliorer l’intervention en milieu carcéral et préparer la sorite',
          'Alternatives à l’incarcération',
        ],
      ],
      [
        'la prise en compte des victimes de la délinquance',
        [
          'Accueil, information et accompagnement des victimes',
          'Réparation du préjudice',
          'Victimes des violences urbaines',
          'Écoute et soutien aux enfants et jeunes victimes',
        ],
      ],
      [
        'Connaître et analyser la délinquance; traitement équilibré des troubles d’usages',
        [
          'Actualisation régulière du diagnostic sécurité',
          'cellules de veille dans les quartiers et communes de BMO',
          'Éclairage sur les nouvelles caractéristiques de la délinquance',
          'Analyse des troubles d’usage',
          'Réponses adaptées diverses aux troubles',
        ],
      ],
      [
        'Rendre compte de l’action et informer sur la réalité de la délinquance',
        [
          'tableau de bord et approches croisées internes au CLS et CISPD',
          'Information des acteurs de proximité',
          'information de la population',
        ],
      ],
    ],
  },
];

export const CUCS_BREST_2006 = rawReferentiel(DOMAINS, []);
