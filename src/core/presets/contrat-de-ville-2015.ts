/**
 * The contrats de ville 2015–2023 (loi du 21 février 2014 de programmation pour la ville et la cohésion
 * urbaine): three pillars, each with the objectives and action lines most contracts wrote under it, and
 * the transversal axes that every action may serve. A starting point: each team rewords it.
 */
import { type RawDomain, rawReferentiel } from './raw';

const DOMAINS: RawDomain[] = [
  {
    code: 'CS',
    name: 'Cohésion sociale',
    label:
      'Améliorer les conditions de vie des habitants des quartiers prioritaires et renforcer la cohésion sociale',
    steeringBody: 'groupe de travail « cohésion sociale » du comité technique du contrat de ville',
    objectives: [
      [
        'Favoriser la réussite éducative',
        [
          'Programme de réussite éducative',
          'Accompagnement à la scolarité',
          'Lien entre l’école et les familles, soutien à la parentalité',
          'Prévention du décrochage scolaire',
        ],
      ],
      [
        'Améliorer l’accès à la santé et aux soins',
        [
          'Atelier santé ville',
          'Accès aux droits et aux soins',
          'Prévention et promotion de la santé',
          'Santé mentale',
        ],
      ],
      [
        'Prévenir la délinquance et renforcer la tranquillité publique',
        [
          'Prévention de la délinquance des jeunes',
          'Médiation sociale',
          'Aide aux victimes et accès au droit',
        ],
      ],
      [
        'Développer l’accès à la culture, au sport et aux loisirs',
        ['Pratiques culturelles et artistiques', 'Pratique sportive', 'Loisirs éducatifs et vacances'],
      ],
      [
        'Soutenir la vie associative et la participation des habitants',
        [
          'Conseils citoyens',
          'Soutien aux associations de proximité',
          'Fonds de participation des habitants',
        ],
      ],
    ],
  },
  {
    code: 'CV',
    name: 'Cadre de vie, renouvellement',
    label: 'Améliorer le cadre de vie des habitants et poursuivre le renouvellement urbain des quartiers',
    steeringBody: 'comité de pilotage du projet de renouvellement urbain',
    objectives: [
      [
        'Mener les projets de renouvellement urbain',
        [
          'Projets de renouvellement urbain (NPNRU)',
          'Relogement des ménages',
          'Diversification de l’habitat',
        ],
      ],
      [
        'Améliorer la gestion urbaine de proximité',
        [
          'Conventions de gestion urbaine de proximité',
          'Contreparties de l’abattement de TFPB des bailleurs',
          'Propreté et entretien des espaces extérieurs',
        ],
      ],
      [
        'Favoriser la mixité sociale et l’équilibre du peuplement',
        ['Convention intercommunale d’attribution', 'Accession sociale à la propriété'],
      ],
      [
        'Désenclaver les quartiers et améliorer la mobilité',
        ['Transports et accessibilité', 'Équipements et services publics de proximité'],
      ],
    ],
  },
  {
    code: 'DE',
    name: 'Économie et emploi',
    label:
      'Réduire les écarts de taux d’emploi entre les quartiers prioritaires et l’agglomération et soutenir l’activité économique',
    steeringBody: 'service public de l’emploi de proximité',
    objectives: [
      [
        'Favoriser l’accès à l’emploi des habitants',
        [
          'Accompagnement vers l’emploi (mission locale, Pôle emploi)',
          'Clauses d’insertion dans les marchés publics',
          'Parrainage et rencontres avec les entreprises',
        ],
      ],
      [
        'Développer les compétences et la formation',
        ['Maîtrise de la langue française', 'Formation qualifiante', 'Apprentissage et alternance'],
      ],
      [
        'Soutenir la création d’activités et le commerce de proximité',
        [
          'Création d’entreprise',
          'Commerces et services de proximité',
          'Exonérations et zones franches urbaines',
        ],
      ],
      ['Lever les freins périphériques à l’emploi', ['Mobilité', 'Garde d’enfants']],
    ],
  },
];

export const CONTRAT_DE_VILLE_2015 = rawReferentiel(DOMAINS, [
  { code: 'JEU', label: 'Jeunesse' },
  { code: 'EFH', label: 'Égalité entre les femmes et les hommes' },
  { code: 'LCD', label: 'Lutte contre les discriminations' },
  { code: 'VRC', label: 'Valeurs de la République et citoyenneté' },
]);
