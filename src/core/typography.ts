/**
 * French print typography, for every text the add-on shows: the report (Google Doc, .docx, HTML
 * preview), the sidebar, the dialogs and the command line. One place, so that every output agrees.
 * - a no-break space before « : » and inside « », a narrow no-break space before « ; ! ? »;
 * - numbers grouped by thousands with a narrow no-break space (« 1 245 000 ») ;
 * - agreed plurals, never « (s) »: 0 and 1 take the singular in French;
 * - elision before a vowel: « d’écrire ».
 */

export const NBSP = '\u00a0';
/** The narrow no-break space (espace fine insécable). */
export const NNBSP = '\u202f';

/**
 * Spaces before « : ; ! ? » and inside « » made unbreakable, so that a line never starts with « : »
 * or ends with « « ». Only spaces the text already has are changed: « 15:30 », « A1:B3 » and URLs
 * keep their colon bare.
 */
export function frenchSpacing(text: string): string {
  return text
    .replace(/[ \u00a0\u202f]+:/g, `${NBSP}:`)
    .replace(/[ \u00a0\u202f]+([;!?])/g, `${NNBSP}$1`)
    .replace(/«[ \u00a0\u202f]*/g, `«${NBSP}`)
    .replace(/[ \u00a0\u202f]*»/g, `${NBSP}»`);
}

const formats = new Map<number, Intl.NumberFormat>();

/** The fr-FR number format with at most `maxDecimals` decimals, made once. */
export function frenchNumberFormat(maxDecimals: number): Intl.NumberFormat {
  let format = formats.get(maxDecimals);
  if (!format) {
    format = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: maxDecimals });
    formats.set(maxDecimals, format);
  }
  return format;
}

/** « 1 245 000 », « 12,5 »: French digits, thousands grouped with a narrow no-break space. */
export function groupDigits(n: number, maxDecimals = 0): string {
  // Intl writes U+202F in recent ICU, U+00A0 in older ones: always the narrow one, and a real minus.
  return frenchNumberFormat(maxDecimals)
    .format(n)
    .replace(/[\u00a0\u202f ]/g, NNBSP)
    .replace(/^-/, '−');
}

/** « 1 action », « 0 action », « 6 actions » — « 1 245 actions ». The plural defaults to one + « s ». */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${groupDigits(n)} ${Math.abs(n) < 2 ? one : many}`;
}

/** The word alone, agreed with n: « réalisée » or « réalisées ». */
export function agree(n: number, one: string, many = `${one}s`): string {
  return Math.abs(n) < 2 ? one : many;
}

const VOWEL_START = /^[aeiouyàâäéèêëîïôöùûüœæh]/i;
/** Words starting with an h aspiré or a semi-vowel take no elision. */
const NO_ELISION = /^(hau|hon|hui|hér|ha[mnlrs]|yo|ye)/i;

/** « de » or « d’ » before a word: « d’écrire », « de lire ». */
export function de(word: string): string {
  return elides(word) ? `d’${word}` : `de ${word}`;
}

function elides(word: string): boolean {
  return VOWEL_START.test(word) && !NO_ELISION.test(word);
}

/** « A », « A et B », « A, B et C ». */
export function listText(items: readonly string[]): string {
  return items.length < 2
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}
