/** A complete, valid action of the RU domain for the sidebar tests; `overrides` change what a test needs. */
import type { Action } from '../../src/core/schemas';

export function newAction(overrides: Partial<Action> = {}): Action {
  return {
    id: '',
    domain: 'RU',
    objective: 'RU1',
    actionLine: 'RU1.2',
    title: 'Jardins partagés de Kérourien',
    porteur: 'Centre social de Kérourien',
    partners: 'Brest métropole habitat',
    territories: ['Q-KEROURIEN'],
    axes: [],
    publicCible: 'Habitants du quartier',
    chantier: false,
    participation: true,
    participationHow: 'Ateliers mensuels',
    status: 'programmée',
    startDate: '2008-04-01',
    endDate: null,
    budget: 10000,
    credits: 4000,
    funding: { VILLE: 6000 },
    spent: null,
    beneficiaries: 40,
    avancees: '',
    freins: '',
    updatedAt: '',
    updatedBy: '',
    ...overrides,
  };
}
