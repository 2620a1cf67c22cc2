/**
 * The contrats de ville « Engagements Quartiers 2030 » (2024–2030): enjeux chosen locally with the
 * residents, and the national priorities every action may serve. The three enjeux are examples, to be
 * replaced in the Référentiel sheet by those the contract chose.
 */
import { type RawDomain, rawReferentiel } from './raw';

const BODY = 'comité de pilotage du contrat de ville, avec les conseils citoyens';

const DOMAINS: RawDomain[] = [
  {
    code: 'JEUN',
    name: 'Avenir des jeunes',
    label:
      'Enjeu local (exemple à remplacer)\u00a0: donner à chaque jeune du quartier une perspective d’avenir',
    steeringBody: BODY,
    objectives: [
      [
        'Accompagner chaque jeune vers une formation ou un emploi',
        ['Repérage des jeunes sans solution', 'Accompagnement vers l’emploi', 'Accès aux stages de 3e'],
      ],
      [
        'Offrir des activités aux jeunes',
        ['Ouverture des équipements le soir et le week-end', 'Vacances apprenantes'],
      ],
    ],
  },
  {
    code: 'HAB',
    name: 'Habiter le quartier',
    label: 'Enjeu local (exemple à remplacer)\u00a0: un quartier où l’on a envie de rester',
    steeringBody: BODY,
    objectives: [
      [
        'Améliorer les logements et les espaces extérieurs',
        [
          'Réhabilitation des logements',
          'Gestion urbaine de proximité',
          'Végétalisation et îlots de fraîcheur',
        ],
      ],
      [
        'Rapprocher les services publics des habitants',
        ['Espace France services', 'Permanences d’accès aux droits'],
      ],
    ],
  },
  {
    code: 'EMPL',
    name: 'Accès à l’emploi',
    label: 'Enjeu local (exemple à remplacer)\u00a0: l’accès à l’emploi des habitants',
    steeringBody: BODY,
    objectives: [
      [
        'Aller vers les habitants éloignés de l’emploi',
        ['France Travail dans le quartier', 'Bus de l’emploi'],
      ],
      ['Lever les freins à l’emploi', ['Mobilité', 'Garde d’enfants', 'Apprentissage du français']],
    ],
  },
];

export const QUARTIERS_2030 = rawReferentiel(DOMAINS, [
  { code: 'EDU', label: 'Éducation' },
  { code: 'EMP', label: 'Emploi et développement économique' },
  { code: 'SAN', label: 'Santé' },
  { code: 'SEC', label: 'Sécurité et tranquillité' },
  { code: 'CDV', label: 'Cadre de vie et transition écologique' },
  { code: 'LCD', label: 'Lutte contre les discriminations' },
  { code: 'EFH', label: 'Égalité entre les femmes et les hommes' },
]);
