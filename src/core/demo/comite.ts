/**
 * What the comité's year leaves in the demo: its decisions and their follow-up, and the opinions annexed
 * to a contrat de ville's report.
 */

import type { DomainRef } from '../referentiel';
import type { TypedValue } from '../table';
import { type Builder, setSettingValues } from './sheets';

/**
 * A contrat de ville's report is voted the next spring, after the opinions of a conseil citoyen and of
 * the conseil municipal, referred more than a month before; Brest receives the DSU.
 */
export function addOpinions(b: Builder, settings: Builder, year: number): void {
  setSettingValues(settings, {
    'Date de délibération du rapport': new Date(year + 1, 5, 29),
    'Communes bénéficiaires de la DSU': 'BREST',
  });
  const opinions: [string, string, string, number, string][] = [
    [
      'conseil citoyen',
      'Conseil citoyen de Pontanézen',
      'Q-PONTANEZEN',
      12,
      'Avis favorable. Le conseil citoyen demande que les ateliers de concertation se tiennent aussi le samedi.',
    ],
    [
      'conseil municipal',
      'Conseil municipal de Brest',
      'BREST',
      27,
      'Avis favorable (délibération fictive).',
    ],
  ];
  for (const [kind, instance, territory, day, opinion] of opinions) {
    const referralDate = new Date(year + 1, 3, 4);
    b.put({
      year,
      kind,
      instance,
      territory,
      referralDate,
      opinionDate: new Date(year + 1, 4, day),
      opinion,
    });
  }
}

/**
 * The comité's decisions the report follows up: one carried out, two under way, one not started past its
 * échéance, taken by the comité de pilotage and the comité opérationnel.
 */
export function addDecisions(b: Builder, domains: DomainRef[], year: number): void {
  const first = domains[0]!;
  const second = domains[1] ?? first;
  const last = domains[domains.length - 1]!;
  const rows: Record<string, TypedValue>[] = [
    {
      instance: 'comité de pilotage',
      date: new Date(year - 1, 11, 6),
      kind: 'décision',
      decision:
        'Lancer l’appel à projets annuel du contrat en janvier, avec un dossier commun à tous les financeurs.',
      concerns: '',
      responsable: 'Mission politique de la ville',
      deadline: new Date(year, 2, 31),
      suite: 'réalisée',
      comment: 'Appel à projets lancé le 15 janvier ; 42 dossiers reçus.',
    },
    {
      instance: 'comité opérationnel',
      date: new Date(year, 2, 14),
      kind: 'décision',
      decision: 'Présenter au prochain comité le calendrier révisé du chantier prioritaire.',
      concerns: `${first.code}-001`,
      responsable: 'Chef de projet du chantier',
      deadline: new Date(year, 8, 30),
      suite: 'à engager',
      comment: '',
    },
    {
      instance: 'comité de pilotage',
      date: new Date(year, 5, 19),
      kind: 'infléchissement',
      decision: `Renforcer la place des habitants dans les actions « ${second.name} ».`,
      concerns: second.code,
      responsable: 'Coordination du domaine',
      deadline: new Date(year, 11, 31),
      suite: 'en cours',
      comment: 'Deux ateliers avec les habitants tenus ; un troisième prévu en décembre.',
    },
    {
      instance: 'comité opérationnel',
      date: new Date(year, 9, 2),
      kind: 'décision',
      decision: 'Demander à chaque porteur son bilan d’action avant le renouvellement de sa subvention.',
      concerns: last.code,
      responsable: 'Service politique de la ville',
      deadline: new Date(year + 1, 0, 31),
      suite: 'en cours',
      comment: '',
    },
  ];
  rows.forEach((row, i) => {
    b.put({
      id: `DEC-${String(i + 1).padStart(3, '0')}`,
      ...row,
      updatedAt: new Date(year, 10, 15, 10, 30),
      updatedBy: 'service.dsu@brest.fr',
    });
  });
}
