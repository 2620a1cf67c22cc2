/** French print typography (src/core/typography.ts), shared by every output. */
import { agree, de, frenchSpacing, groupDigits, listText, NBSP, NNBSP, plural } from '../src/core/typography';

describe('frenchSpacing', () => {
  it('puts a no-break space before « : » and inside « », a narrow one before « ; ! ? »', () => {
    expect(frenchSpacing('Périmètre : territoire « Bellevue ».')).toBe(
      `Périmètre${NBSP}: territoire «${NBSP}Bellevue${NBSP}».`,
    );
    expect(frenchSpacing('avancées ; freins ! vraiment ?')).toBe(
      `avancées${NNBSP}; freins${NNBSP}! vraiment${NNBSP}?`,
    );
  });

  it('adds no space where the text has none: times, cell ranges, links', () => {
    const bare = 'le 15/01/2009 à 10:30, en A1:B3, https://docs.google.com/x?y=1';
    expect(frenchSpacing(bare)).toBe(bare);
  });

  it('is idempotent and keeps a line from starting with « : »', () => {
    const once = frenchSpacing('quartiers : observation');
    expect(frenchSpacing(once)).toBe(once);
    expect(once.split(' ')).toEqual(['quartiers\u00a0:', 'observation']);
  });
});

describe('groupDigits', () => {
  it('groups thousands with a narrow no-break space, writes a comma and a real minus', () => {
    expect(groupDigits(1_245_000)).toBe(`1${NNBSP}245${NNBSP}000`);
    expect(groupDigits(12.5, 1)).toBe('12,5');
    expect(groupDigits(-5000)).toBe(`−5${NNBSP}000`);
    expect(groupDigits(999)).toBe('999');
  });
});

describe('plurals and elisions', () => {
  it('agrees with the number, 0 and 1 in the singular, never « (s) »', () => {
    expect(plural(0, 'action')).toBe('0 action');
    expect(plural(1, 'action')).toBe('1 action');
    expect(plural(6, 'action')).toBe('6 actions');
    expect(plural(2, 'ID attribué', 'ID attribués')).toBe('2 ID attribués');
    expect(plural(1245, 'mesure')).toBe(`1${NNBSP}245 mesures`);
    expect(agree(1, 'réalisé', 'réalisés')).toBe('réalisé');
    expect(agree(3, 'réalisé', 'réalisés')).toBe('réalisés');
  });

  it('elides « de » before a vowel or a silent h, not before an h aspiré', () => {
    expect(de('écrire')).toBe('d’écrire');
    expect(de('lire')).toBe('de lire');
    expect(de('habitants')).toBe('d’habitants');
    expect(de('hauteur')).toBe('de hauteur');
  });
});

describe('listText', () => {
  it('joins with commas and « et » before the last item', () => {
    expect(listText([])).toBe('');
    expect(listText(['Santé'])).toBe('Santé');
    expect(listText(['Santé', 'Emploi'])).toBe('Santé et Emploi');
    expect(listText(['A', 'B', 'C'])).toBe('A, B et C');
  });
});
