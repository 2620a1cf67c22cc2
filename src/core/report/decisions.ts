/**
 * The comité's decisions in the report: « Suites données aux décisions » (what the instances decided in
 * the year, and what they decided before that is still open, with their suite), and the decisions that
 * concern each chantier prioritaire and each domain. A decision the validation rejects is left out and
 * counted, like an action.
 */
import { isoYear, normaliseKey } from '../cells';
import type { Problem } from '../problems';
import type { Located } from '../records';
import type { DomainRef } from '../referentiel';
import type { Action, Decision } from '../schemas';
import { agree, plural } from '../typography';
import { DECISION_SUITES, SHEET_NAMES } from '../workbook';
import { formatCount, isoToFr } from './format';
import { type Block, heading, paragraph, table } from './model';

/** The decisions a report may show: those of the year, and earlier ones still to be carried out. */
export interface ReportDecisions {
  year: number;
  shown: Decision[];
  /** Decisions of the period whose row the validation rejects: counted, not shown. */
  rejected: number;
}

const OPEN: readonly Decision['suite'][] = ['à engager', 'en cours'];

function inPeriod(d: Decision, year: number): boolean {
  const taken = isoYear(d.date);
  return taken === year || (taken < year && OPEN.includes(d.suite));
}

/** The decisions of the period, rows with an error on them apart. */
export function reportDecisions(
  decisions: readonly Located<Decision>[],
  problems: readonly Problem[],
  year: number,
): ReportDecisions {
  const wrong = new Set(
    problems.filter((p) => p.severity === 'erreur' && p.sheet === SHEET_NAMES.decisions).map((p) => p.row),
  );
  const period = decisions.filter((d) => d.record.date !== '' && inPeriod(d.record, year));
  return {
    year,
    shown: period
      .filter((d) => !wrong.has(d.row))
      .map((d) => d.record)
      .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id)),
    rejected: period.filter((d) => wrong.has(d.row)).length,
  };
}

/** The codes through which a decision concerns a domain: the domain, its objectives, its actions. */
export function domainCodes(domain: DomainRef, actions: readonly Action[]): Set<string> {
  return new Set(
    [
      domain.code,
      ...domain.objectives.map((o) => o.code),
      ...actions.filter((a) => a.domain === domain.code).map((a) => a.id),
    ]
      .filter((c) => c !== '')
      .map(normaliseKey),
  );
}

export function concerning(decisions: readonly Decision[], codes: ReadonlySet<string>): Decision[] {
  return decisions.filter((d) => d.concerns.some((c) => codes.has(normaliseKey(c))));
}

/** Past its échéance at the end of the year and neither carried out nor given up. */
function overdue(d: Decision, year: number): boolean {
  return d.deadline !== null && isoYear(d.deadline) <= year && OPEN.includes(d.suite);
}

function suiteCell(d: Decision, year: number): string {
  return overdue(d, year) ? `${d.suite} (échéance dépassée)` : d.suite;
}

function decisionsTable(decisions: readonly Decision[], year: number, withConcerns: boolean): Block {
  const columns = [
    'Date',
    'Instance',
    'Décision',
    ...(withConcerns ? ['Concerne'] : []),
    'Responsable',
    'Échéance',
    'Suite',
  ];
  return table(
    columns,
    decisions.map((d) => [
      isoToFr(d.date),
      d.instance,
      d.kind === 'infléchissement' ? `Infléchissement : ${d.decision}` : d.decision,
      ...(withConcerns ? [d.concerns.join(' ; ') || 'le contrat'] : []),
      d.responsable || '—',
      d.deadline ? isoToFr(d.deadline) : '—',
      suiteCell(d, year),
    ]),
  );
}

function rejectedNote(rejected: number): Block[] {
  if (rejected === 0) return [];
  return [
    paragraph(
      `${plural(rejected, 'décision')} de la période ${agree(rejected, 'est écartée', 'sont écartées')} de ce rapport : ${agree(rejected, 'sa ligne', 'leurs lignes')} de la feuille « ${SHEET_NAMES.decisions} » ${agree(rejected, 'porte', 'portent')} une erreur (voir l’annexe).`,
      'warning',
    ),
  ];
}

/** « 3 réalisées, 1 en cours » : the suites that occur, in the list's order. */
function suitesSummary(decisions: readonly Decision[]): string {
  return DECISION_SUITES.map((s) => [s, decisions.filter((d) => d.suite === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${formatCount(n)} ${s === 'à engager' || s === 'en cours' ? s : agree(n, s, `${s}s`)}`)
    .join(', ');
}

/** « Suites données aux décisions »: `inScope` keeps the decisions that concern the report's scope. */
export function followUpPart(report: ReportDecisions, inScope: (d: Decision) => boolean): Block[] {
  const { year } = report;
  const shown = report.shown.filter(inScope);
  const blocks: Block[] = [heading(1, 'Suites données aux décisions')];
  if (shown.length === 0) {
    blocks.push(
      paragraph(
        `Aucune décision des instances du contrat n’est enregistrée pour ${year} dans ce périmètre, ni aucune décision antérieure restant à mettre en œuvre (feuille « ${SHEET_NAMES.decisions} »).`,
      ),
      ...rejectedNote(report.rejected),
    );
    return blocks;
  }
  const ofYear = shown.filter((d) => isoYear(d.date) === year);
  const older = shown.length - ofYear.length;
  const late = shown.filter((d) => overdue(d, year)).length;
  const sentences = [
    `${plural(ofYear.length, 'décision prise', 'décisions prises')} en ${year}${ofYear.length ? ` : ${suitesSummary(ofYear)}` : ''}.`,
    older > 0
      ? `${plural(older, 'décision antérieure', 'décisions antérieures')} ${agree(older, 'reste', 'restent')} à mettre en œuvre.`
      : '',
    late > 0
      ? `${plural(late, 'décision a', 'décisions ont')} dépassé ${agree(late, 'son', 'leur')} échéance sans être ${agree(late, 'réalisée', 'réalisées')}.`
      : '',
  ];
  blocks.push(paragraph(sentences.filter((s) => s !== '').join(' ')), decisionsTable(shown, year, true));
  blocks.push(...rejectedNote(report.rejected));
  return blocks;
}

/** The decisions that concern a chantier prioritaire or a domain, under its part; nothing when none. */
export function decisionsAbout(report: ReportDecisions, codes: ReadonlySet<string>, what: string): Block[] {
  const about = concerning(report.shown, codes);
  if (about.length === 0) return [];
  return [heading(2, `Décisions concernant ${what}`), decisionsTable(about, report.year, true)];
}
