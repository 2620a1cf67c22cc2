/**
 * Menu « Vérifier l’environnement »: what the add-on assumes about the spreadsheet it runs in, checked
 * there and told in French (ok / à vérifier, and what to do). The adapter gathers the facts; this
 * module judges them and writes the summary the user can copy to whoever supports them.
 */
import { escapeXml as escapeHtml } from './markup';
import { frenchSpacing } from './typography';

export const PROBE_TEXTS = ['=x', '0123', '+33 2 98 00 00 00', '-jeunes', '@mairie', "'cité'"] as const;

/** The day written and read back for the date check: a DST change in Europe. */
export const PROBE_DAY = '2008-03-30';

export interface EnvironmentFacts {
  spreadsheetZone: string;
  scriptZone: string;
  zoneKnown: boolean;
  locale: string;
  /** The probe day as read back (yyyy-mm-dd) and as the sheet shows it, or the error met. */
  date: { read: string; shown: string } | { error: string };
  /** Each probe text as read back, or the error met. */
  texts: { written: string; read: string; formula: string }[] | { error: string };
  documentLock: boolean;
  scriptLock: boolean;
  /** The Docs advanced service is declared for the script (the report's fast, styled path). */
  docsApi: boolean;
  email: string;
  /** Add-on sheets absent, and the headers missing from those present. */
  missingSheets: string[];
  missingHeaders: { sheet: string; headers: string[] }[];
}

export type CheckStatus = 'ok' | 'à vérifier';

export interface Check {
  label: string;
  status: CheckStatus;
  detail: string;
  /** What to do, when something is to check. */
  todo?: string;
}

const ok = (label: string, detail: string): Check => ({ label, status: 'ok', detail });
const toCheck = (label: string, detail: string, todo: string): Check => ({
  label,
  status: 'à vérifier',
  detail,
  todo,
});

function zoneCheck(f: EnvironmentFacts): Check {
  const label = 'Fuseau horaire';
  const zones = `classeur : ${f.spreadsheetZone} ; script : ${f.scriptZone}`;
  if (!f.zoneKnown) {
    return toCheck(label, zones, 'Choisissez un fuseau dans Fichier › Paramètres › Fuseau horaire.');
  }
  if (/^(Etc\/)?(GMT|UTC)/.test(f.spreadsheetZone)) {
    return toCheck(
      label,
      `${zones}. Le classeur est à l’heure GMT, ce qui est rarement voulu.`,
      'Si le contrat n’est pas à l’heure GMT, choisissez son fuseau (Paris, La Réunion, Cayenne…) dans Fichier › Paramètres : les dates déjà saisies gardent leur jour.',
    );
  }
  return ok(label, `${zones}. Les dates sont lues et écrites dans le fuseau du classeur.`);
}

function localeCheck(f: EnvironmentFacts): Check {
  const label = 'Paramètres régionaux';
  if (f.locale.startsWith('fr')) return ok(label, `${f.locale} : nombres et dates à la française.`);
  return toCheck(
    label,
    `${f.locale} : les nombres et les dates tapés à la main ne sont pas lus à la française (1,5 ; 12/03/2008).`,
    'Choisissez « France » dans Fichier › Paramètres › Paramètres régionaux.',
  );
}

function dateCheck(f: EnvironmentFacts): Check {
  const label = 'Aller-retour d’une date';
  const expected = PROBE_DAY.split('-').reverse().join('/');
  if ('error' in f.date) return toCheck(label, `Erreur : ${f.date.error}`, SUPPORT);
  if (f.date.read === PROBE_DAY && f.date.shown === expected) {
    return ok(label, `${expected} écrit puis relu à l’identique (jour de changement d’heure).`);
  }
  return toCheck(label, `${expected} écrit, relu ${f.date.read}, affiché « ${f.date.shown} ».`, SUPPORT);
}

function textCheck(f: EnvironmentFacts): Check {
  const label = 'Textes dans une cellule au format texte (@)';
  if ('error' in f.texts) return toCheck(label, `Erreur : ${f.texts.error}`, SUPPORT);
  const wrong = f.texts.filter((t) => t.read !== t.written || t.formula !== '');
  if (wrong.length === 0) {
    return ok(label, `${f.texts.map((t) => `« ${t.written} »`).join(', ')} relus à l’identique.`);
  }
  const detail = wrong
    .map((t) => `« ${t.written} » relu « ${t.read} »${t.formula ? ` (formule ${t.formula})` : ''}`)
    .join(' ; ');
  return toCheck(label, detail, SUPPORT);
}

function lockCheck(f: EnvironmentFacts): Check {
  const label = 'Verrou des enregistrements';
  if (f.documentLock) return ok(label, 'Le verrou du document est disponible.');
  if (f.scriptLock) {
    return ok(label, 'Pas de verrou du document ici : les enregistrements prennent le verrou du script.');
  }
  return toCheck(
    label,
    'Aucun verrou n’est disponible : les enregistrements seront refusés.',
    'Ouvrez le classeur dans Google Sheets (pas depuis l’éditeur de script) et relancez la vérification.',
  );
}

function docsApiCheck(f: EnvironmentFacts): Check {
  const label = 'Service Google Docs API (rapport)';
  if (f.docsApi) {
    return ok(
      label,
      'Présent : le rapport est mis en forme en un seul lot. Si le projet Google Cloud du module le refusait, le rapport serait mis en page sans lui, plus lentement.',
    );
  }
  return toCheck(
    label,
    'Absent : le rapport sera complet, mais plus lent à produire et ses tableaux sans en-tête répété à chaque page.',
    'Dans l’éditeur Apps Script, ajoutez le service « Google Docs API » (Services › +) ; pour un module publié, activez l’API Google Docs dans son projet Google Cloud.',
  );
}

function emailCheck(f: EnvironmentFacts): Check {
  const label = 'Adresse de l’utilisateur (Journal)';
  if (f.email) return ok(label, `${f.email} : le Journal saura qui a modifié quoi.`);
  return toCheck(
    label,
    'Google ne communique pas votre adresse au module : le Journal notera « inconnu ».',
    'Demandez à l’administrateur Google Workspace d’autoriser le module pour votre domaine, ou installez-le depuis le même compte que le classeur.',
  );
}

function workbookCheck(f: EnvironmentFacts): Check {
  const label = 'Feuilles et en-têtes du module';
  const lines = [
    ...(f.missingSheets.length ? [`feuilles absentes : ${f.missingSheets.join(', ')}`] : []),
    ...f.missingHeaders.map((m) => `« ${m.sheet} » sans ${m.headers.map((h) => `« ${h} »`).join(', ')}`),
  ];
  if (lines.length === 0) return ok(label, 'Toutes les feuilles et tous les en-têtes sont en place.');
  return toCheck(label, lines.join(' ; '), 'Lancez « Installer ou mettre à jour le classeur ».');
}

const SUPPORT =
  'Le classeur ne se comporte pas comme le module l’attend : copiez ce résumé et transmettez-le à la personne qui a installé le module.';

export function environmentChecks(facts: EnvironmentFacts): Check[] {
  return [
    zoneCheck(facts),
    localeCheck(facts),
    dateCheck(facts),
    textCheck(facts),
    lockCheck(facts),
    docsApiCheck(facts),
    emailCheck(facts),
    workbookCheck(facts),
  ];
}

/** The summary as plain text, to copy into a message. */
export function diagnosticText(checks: Check[], when: string): string {
  const toDo = checks.filter((c) => c.status !== 'ok').length;
  const head = toDo === 0 ? 'Tout est en ordre.' : `${toDo} point${toDo > 1 ? 's' : ''} à vérifier.`;
  const lines = checks.map(
    (c) => `[${c.status}] ${c.label} : ${c.detail}${c.todo ? `\n    À faire : ${c.todo}` : ''}`,
  );
  return frenchSpacing(
    `Pilotage CUCS — vérification de l’environnement (${when})\n${head}\n\n${lines.join('\n')}`,
  );
}

const french = (text: string) => escapeHtml(frenchSpacing(text));

/** The dialog: one line per check, and the text ready to copy. */
export function diagnosticHtml(checks: Check[], text: string): string {
  const rows = checks
    .map(
      (c) =>
        `<tr><td class="${c.status === 'ok' ? 'ok' : 'warn'}">${escapeHtml(c.status)}</td><td><b>${french(c.label)}</b><br>${french(c.detail)}${c.todo ? `<br><i>${french(`À faire : ${c.todo}`)}</i>` : ''}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Vérification de l’environnement</title><style>
body{font:13px/1.45 Arial,sans-serif;color:#202124;margin:0 8px}table{border-collapse:collapse;width:100%}
td{border-bottom:1px solid #dadce0;padding:6px 4px;vertical-align:top}td.ok{color:#188038;white-space:nowrap}
td.warn{color:#b06000;font-weight:bold;white-space:nowrap}textarea{width:100%;height:110px;font:12px monospace}
</style></head><body><table>${rows}</table>
<p><label for="copie">${french('Résumé à copier (Ctrl+C) :')}</label></p>
<textarea id="copie" readonly onfocus="this.select()">${escapeHtml(text)}</textarea>
</body></html>`;
}
