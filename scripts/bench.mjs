// `npm run bench [-- name]`: performance figures, printed and never asserted (timings depend on the machine).
// The bench is a list of named sections; each declares the TypeScript modules it needs (bundled here
// with esbuild, as scripts/build.mjs does) and returns the lines it prints. Add a section by appending
// to SECTIONS; `npm run bench -- valid` runs only the sections whose name contains « valid ».
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;

/** Bundles modules of the repository (name → path from the root) into one ES module and imports it. */
export async function loadModules(modules) {
  const contents = Object.entries(modules)
    .map(([name, path]) => `export * as ${name} from './${path}';`)
    .join('\n');
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'bench-entry.ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'warning',
  });
  const dir = mkdtempSync(join(tmpdir(), 'pilotage-bench-'));
  const file = join(dir, 'bench.mjs');
  writeFileSync(file, result.outputFiles[0].text);
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `work` once to warm up, then `runs` times; returns the median and the fastest, in ms. */
export function time(work, runs = 5) {
  work();
  const durations = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    durations.push(performance.now() - start);
  }
  durations.sort((a, b) => a - b);
  return { median: durations[Math.floor(runs / 2)], min: durations[0] };
}

const ms = (n) => `${Math.round(n)} ms`;
const seconds = (n) => `${(n / 1000).toFixed(2).replace('.', ',')} s`;
/** « 10 000 » as French print groups digits (a narrow no-break space). */
const count = (n) => n.toLocaleString('fr-FR');
/** « 1 erreur », « 3 erreurs »: the plural agreed, never « (s) », the number grouped. */
const plural = (n, one, many = `${one}s`) => `${count(n)} ${n < 2 ? one : many}`;

/** Installs the workbook in a fresh fake and puts the grids in its sheets, values verbatim. */
function fakeWorkbook(m, grids, merged = new Map()) {
  const fake = m.fake.createGasFake();
  const uninstall = fake.install();
  m.install.runInstall();
  const ss = fake.globals.SpreadsheetApp.getActiveSpreadsheet();
  for (const [name, grid] of grids) {
    const sheet = ss.getSheetByName(name);
    const width = Math.max(...grid.map((row) => row.length));
    if (grid.length > sheet.getMaxRows())
      sheet.insertRowsAfter(sheet.getMaxRows(), grid.length - sheet.getMaxRows());
    if (width > sheet.getMaxColumns())
      sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
    fake.addSheetWithValues(name, grid);
  }
  for (const [name, ranges] of merged) for (const a1 of ranges) ss.getSheetByName(name).getRange(a1).merge();
  fake.calls.reset();
  return { fake, ss, uninstall };
}

const WRITES = [
  'Range.setValues',
  'Range.setRichTextValues',
  'Sheet.setConditionalFormatRules',
  'Sheet.insertRowsAfter',
  'Sheet.insertColumnsAfter',
  'Sheet.insertSheet',
  'Range.setNumberFormat',
];
const READS = [
  'Range.getValues',
  'Range.getMergedRanges',
  'Range.getFormulas',
  'Sheet.getConditionalFormatRules',
  'Sheet.getLastRow',
  'Sheet.getLastColumn',
  'Sheet.getMaxRows',
  'Sheet.getMaxColumns',
];

/** One validation through the Apps Script adapter, its service calls counted by the fake. */
function countedValidation(m, label, grids, merged) {
  const { fake, ss, uninstall } = fakeWorkbook(m, grids, merged);
  try {
    const { result } = m.validate.runValidation(ss, new Date());
    const calls = fake.calls.byMethod();
    const sum = (names) => names.reduce((n, name) => n + (calls[name] ?? 0), 0);
    const list = (names) =>
      names
        .filter((name) => calls[name])
        .map((name) => `${name} ${calls[name]}`)
        .join(', ');
    const checked = calls['Range.getValues'] ?? 0;
    const idSheets = new Set(result.idAssignments.map((a) => a.sheet)).size;
    const marked = m.core.markRanges(result.problems).size;
    const builders = fake.calls.log.filter((c) => /Builder\.|^SpreadsheetApp\.new/.test(c)).length;
    return [
      `${label} : ${plural(result.counts.erreur, 'erreur')}, ${plural(result.counts.avertissement, 'avertissement')}, ${plural(result.idAssignments.length, 'ID attribué', 'ID attribués')}`,
      `  appels Apps Script : ${fake.calls.total()} au total, dont ${builders} aux constructeurs de liens et de règles (sans accès au classeur)`,
      `  lectures de valeurs : ${checked} getValues (une par feuille contrôlée, plus l’en-tête de Contrôles${
        result.idAssignments.length ? ' et du Journal' : ''
      })`,
      `  autres lectures : ${list(READS.filter((r) => r !== 'Range.getValues')) || 'aucune'}`,
      `  écritures : ${sum(WRITES)} (${list(WRITES) || 'aucune'}) pour ${plural(marked, 'feuille surlignée', 'feuilles surlignées')}, ${plural(idSheets, 'feuille recevant', 'feuilles recevant')} des ID, Contrôles${
        result.idAssignments.length ? ' et le Journal' : ''
      }`,
    ];
  } finally {
    uninstall();
  }
}

/**
 * Runs the built command line as a user would, in a child process: its wall time and its peak
 * memory (the child's maximum resident set size, written at exit by a preloaded hook).
 */
function runCommand(cli, args, cwd) {
  const peakFile = join(cwd, `.peak-${process.hrtime.bigint()}`);
  const hook = join(cwd, '.peak-hook.cjs');
  writeFileSync(
    hook,
    "process.on('exit', () => require('node:fs').writeFileSync(process.env.PEAK_FILE, String(process.resourceUsage().maxRSS)));",
  );
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--require', hook, cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PEAK_FILE: peakFile },
  });
  const elapsed = performance.now() - start;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args[0]} : ${result.stderr}`);
  // maxRSS is in kibibytes (1,024 bytes).
  const peakBytes = Number(readFileSync(peakFile, 'utf8')) * 1024;
  rmSync(peakFile);
  return { elapsed, peakBytes };
}

/** Runs a command `runs` times (on a fresh copy of the workbook each time); medians, and the highest peak. */
function measureCommand(cli, workbook, args, cwd, runs = 3) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const copy = join(cwd, `mesure-${i}.xlsx`);
    copyFileSync(workbook, copy);
    samples.push(runCommand(cli, [args[0], copy, ...args.slice(1)], cwd));
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(runs / 2)];
  return {
    median: median(samples.map((s) => s.elapsed)),
    peak: median(samples.map((s) => s.peakBytes)),
    highest: Math.max(...samples.map((s) => s.peakBytes)),
  };
}

/** Memory in megabytes (10⁶ bytes, « Mo »), the unit of the goals, and in mebibytes (2²⁰, « Mio »). */
const megabytes = (bytes) => `${Math.round(bytes / 1e6)} Mo (${Math.round(bytes / 2 ** 20)} Mio)`;

/** The first indicator code of the Indicateurs grid. */
function indicatorCode(grids) {
  const [header, first] = grids.get('Indicateurs');
  return first[header.indexOf('Code')];
}

/** A sheet's rows as objects by header. */
function records(grids, name) {
  const [header, ...rows] = grids.get(name);
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
}

/**
 * Long-layout lines (territoire, indicateur, année, valeur) the workbook does not hold yet: for each
 * indicator and territory, its reference year or the contract's first one, so that the import creates them.
 */
function newObservations(grids, count) {
  const taken = new Set(records(grids, 'Mesures').map((r) => `${r.Indicateur}|${r.Année}|${r.Territoire}`));
  const territories = records(grids, 'Territoires').map((t) => t.Code);
  const lines = [];
  for (const indicator of records(grids, 'Indicateurs')) {
    for (const year of new Set([indicator['Année de référence'], 2007])) {
      for (const territory of territories) {
        const key = `${indicator.Code}|${year}|${territory}`;
        if (lines.length === count) return lines;
        if (typeof year !== 'number' || taken.has(key)) continue;
        taken.add(key);
        lines.push([
          territory,
          indicator.Code,
          year,
          indicator.Unité === '%' ? 10 + (lines.length % 80) : 100 + lines.length,
        ]);
      }
    }
  }
  if (lines.length < count)
    throw new Error(`${count} valeurs nouvelles demandées, ${lines.length} possibles`);
  return lines;
}

/**
 * `count` values of Mesures, one row in `step` from the first, each with another value: what a corrected
 * file replaces (adjacent rows with step 1, as a file imported before left them).
 */
function changedObservations(grids, count, step = 1) {
  return records(grids, 'Mesures')
    .filter((_, i) => i % step === 0)
    .slice(0, count)
    .map((r) => [
      r.Territoire,
      r.Indicateur,
      r.Année,
      typeof r.Valeur === 'number' && r.Valeur > 1 ? Math.round(r.Valeur * 9) / 10 : 1,
    ]);
}

const observationCsv = (lines) =>
  `territoire;indicateur;année;valeur\n${lines.map((l) => l.join(';').replace(/\./g, ',')).join('\n')}\n`;

async function observationXlsx(lines) {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Données').addRows([['Territoire', 'Indicateur', 'Année', 'Valeur'], ...lines]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const SECTIONS = [
  {
    name: 'Validation (« Valider les données »)',
    modules: {
      demo: 'src/core/demo.ts',
      core: 'src/core/validate/index.ts',
      records: 'src/core/records.ts',
      fake: 'test/fake/index.ts',
      install: 'src/gas/install.ts',
      validate: 'src/gas/validate.ts',
      messy: 'test/fixtures/messy.ts',
      presets: 'src/core/presets/index.ts',
    },
    run(m) {
      const grids = m.demo.buildDemoWorkbook(m.demo.LARGE_DEMO);
      const today = new Date();
      let result;
      const whole = time(() => {
        result = m.core.validateWorkbook(grids, { today });
      });
      const reading = time(() => m.records.readWorkbook(grids));
      const { actions, indicators, measures } = result.data;
      const withoutIds = new Map(grids);
      const ruSheet = m.presets.DEFAULT_REFERENTIEL.domains[0].name;
      const ru = grids.get(ruSheet).map((row, i) => (i === 0 ? row : ['', ...row.slice(1)]));
      withoutIds.set(ruSheet, ru);
      const messy = m.messy.messyWorkbook();
      return [
        `Classeur volumineux : ${plural(actions.length, 'action')}, ${plural(indicators.length, 'indicateur')}, ${plural(measures.length, 'mesure')}`,
        `Validation (cœur, sans Apps Script) : ${ms(whole.median)} (médiane de 5, meilleure ${ms(whole.min)}), dont lecture des feuilles ${ms(reading.median)}`,
        '',
        ...countedValidation(m, 'Classeur volumineux', grids),
        ...countedValidation(m, 'Classeur volumineux, 200 actions saisies sans ID', withoutIds),
        ...countedValidation(m, 'Classeur désordonné (test/fixtures/messy.ts)', messy.grids, messy.merged),
      ];
    },
  },
  {
    name: 'Rapport annuel (« Générer le rapport… »)',
    modules: {
      demo: 'src/core/demo.ts',
      core: 'src/core/validate/index.ts',
      builder: 'src/core/report/builder.ts',
      html: 'src/core/report/html.ts',
      fake: 'test/fake/index.ts',
      install: 'src/gas/install.ts',
      report: 'src/gas/report.ts',
    },
    run(m) {
      const grids = m.demo.buildDemoWorkbook(m.demo.LARGE_DEMO);
      const today = new Date();
      const validation = m.core.validateWorkbook(grids, { today });
      const { data } = validation;
      const year = data.settings.reportingYear;
      const options = { year, scope: { kind: 'contract' }, generatedAt: today, edition: 'google-sheets' };
      let doc;
      const building = time(() => {
        doc = m.builder.buildReport(data, validation, options);
      });
      const whole = time(() =>
        m.report.reportModel({ grids, sheetNames: [...grids.keys()] }, { year, scope: options.scope }, today),
      );
      let html = '';
      const rendering = time(() => {
        html = m.html.reportToHtml(doc);
      });
      const count = (kind) => doc.blocks.filter((b) => b.kind === kind).length;
      const rows = doc.blocks.reduce((n, b) => n + (b.kind === 'table' ? b.rows.length : 0), 0);
      const { fake, uninstall } = fakeWorkbook(m, grids);
      try {
        m.report.generateReport({ year, scope: options.scope });
        const calls = fake.calls.byMethod();
        const byClass = (classes) =>
          Object.entries(calls)
            .filter(([name]) => classes.includes(name.split('.')[0]))
            .reduce((n, [, c]) => n + c, 0);
        const sheetCalls = byClass(['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range']);
        const docClasses = [
          'DocumentApp',
          'Document',
          'Body',
          'Paragraph',
          'ListItem',
          'Table',
          'TableRow',
          'TableCell',
          'Text',
          'InlineImage',
          'Docs',
        ];
        const docCalls = byClass(docClasses);
        const chartCalls = byClass(['Charts', 'DataTableBuilder', 'ChartBuilder', 'Chart']);
        const detail = Object.entries(calls)
          .filter(([name]) => docClasses.includes(name.split('.')[0]))
          .map(([name, c]) => `${name} ${c}`)
          .join(', ');
        return [
          `Classeur volumineux : ${plural(data.actions.length, 'action')}, ${plural(data.indicators.length, 'indicateur')}, ${plural(data.measures.length, 'mesure')} ; rapport ${year}, ensemble du contrat`,
          `Modèle du rapport (cœur) : ${ms(building.median)} (médiane de 5, meilleure ${ms(building.min)}) ; avec la lecture et la validation des feuilles : ${ms(whole.median)}`,
          `  ${plural(doc.blocks.length, 'bloc')} : ${plural(count('heading'), 'titre')}, ${plural(count('table'), 'tableau', 'tableaux')} (${plural(rows, 'ligne')}), ${plural(count('chart'), 'graphique')}, ${plural(count('pageBreak'), 'saut de page', 'sauts de page')}`,
          `Aperçu HTML : ${ms(rendering.median)}, ${Math.round(html.length / 1024)} Kio (graphiques SVG compris)`,
          '',
          `Génération du Google Doc (Apps Script simulé) : ${sheetCalls + docCalls} appels Spreadsheet + Document (cible ≤ 300)`,
          `  Spreadsheet : ${sheetCalls} (${calls['Range.getValues'] ?? 0} getValues, une par feuille lue, plus l’en-tête du Journal, lu avant de créer le document pour vérifier qu’il est modifiable puis sous le verrou)`,
          `  Document : ${docCalls} — ${detail}`,
          `  Charts (constructeurs de graphiques, hors document) : ${chartCalls}, pour ${calls['Chart.getBlob'] ?? 0} images`,
        ];
      } finally {
        uninstall();
      }
    },
  },
  {
    name: 'Édition hors ligne (pilotage-cucs sur le grand classeur)',
    modules: {},
    run() {
      spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs'), '--quiet'], { stdio: 'inherit' });
      const cli = join(root, 'dist-cli', 'pilotage-cucs.js');
      const dir = mkdtempSync(join(tmpdir(), 'pilotage-bench-cli-'));
      try {
        const demo = runCommand(cli, ['demo', 'grand', '--grand'], dir);
        const workbook = join(dir, 'grand', 'demo-cucs-brest-grand.xlsx');
        const validation = measureCommand(cli, workbook, ['valider'], dir);
        const report = measureCommand(cli, workbook, ['rapport', '-o', join(dir, 'rapport.docx')], dir);
        const line = (label, m, goal) =>
          `${label} : ${seconds(m.median)}, pic mémoire ${megabytes(m.peak)} (médianes de 3 ; pic le plus haut ${megabytes(m.highest)}) — objectif ${goal}`;
        return [
          `pilotage-cucs demo --grand : ${seconds(demo.elapsed)}, pic mémoire ${megabytes(demo.peakBytes)} ; classeur de ${Math.round(readFileSync(workbook).length / 1024)} Kio`,
          line('pilotage-cucs valider', validation, '≤ 3 s et ≤ 250 Mo'),
          line('pilotage-cucs rapport', report, '≤ 5 s et ≤ 350 Mo'),
          '  (processus complets : démarrage de Node, lecture, contrôle, écriture ; pic = mémoire résidente maximale du processus ; machine partagée, chiffres indicatifs)',
          // Measured once, alternating with the current command on the same machine (load average 2).
          '  valider avant l’édition du fichier en place (commit 4e6b858, chargement et réécriture par exceljs) : 2,31 s, pic mémoire 278 Mo (265 Mio) (médianes de 3 ; la version actuelle, au même moment : 0,62 s, 146 Mo)',
        ];
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'Installation et enregistrements (menu et barre latérale)',
    modules: {
      demo: 'src/core/demo.ts',
      fake: 'test/fake/index.ts',
      install: 'src/gas/install.ts',
      sidebar: 'src/gas/sidebar.ts',
      presets: 'src/core/presets/index.ts',
    },
    run(m) {
      const lines = [];
      const counted = (fake, work) => {
        fake.calls.reset();
        work();
        const calls = fake.calls.byMethod();
        const writes = Object.entries(calls)
          .filter(([name]) => /^Range\.set|^Sheet\.(set|insert|protect)|^RangeList\.set/.test(name))
          .reduce((n, [, c]) => n + c, 0);
        return `${fake.calls.total()} appels (dont ${calls['Range.getValues'] ?? 0} getValues, ${writes} écritures)`;
      };
      const fresh = m.fake.createGasFake();
      const uninstall = fresh.install();
      try {
        lines.push(`Installation d’un classeur vide : ${counted(fresh, () => m.install.runInstall())}`);
        lines.push(`Nouvelle installation (déjà à jour) : ${counted(fresh, () => m.install.runInstall())}`);
      } finally {
        uninstall();
      }
      for (const actionsPerDomain of [8, 200]) {
        const grids = m.demo.buildDemoWorkbook({ ...m.demo.LARGE_DEMO, actionsPerDomain });
        const { fake, uninstall: done } = fakeWorkbook(m, grids);
        try {
          const ru = m.presets.DEFAULT_REFERENTIEL.domains[0];
          const loaded = m.sidebar.loadAction({ domain: ru.code, id: `${ru.code}-001`, row: null });
          const json = (v) => JSON.parse(JSON.stringify(v));
          const origin = () => {
            const fresh = m.sidebar.loadAction({ domain: ru.code, id: `${ru.code}-001`, row: null });
            return { version: fresh.version, row: fresh.row };
          };
          const action = { ...json(loaded.action), title: `${loaded.action.title} (modifiée)` };
          const edit = counted(fake, () => m.sidebar.saveAction(json({ action, origin: origin() })));
          const request = {
            domain: ru.code,
            id: `${ru.code}-001`,
            origin: origin(),
            status: 'en cours',
            year: 2012,
            avancees: 'Chantier lancé',
            freins: '',
          };
          const progress = counted(fake, () => m.sidebar.updateProgress(request));
          const measure = counted(fake, () =>
            m.sidebar.saveMeasure({
              indicator: indicatorCode(grids),
              year: 2012,
              territory: 'BMO',
              value: 12,
              source: '',
              comment: '',
            }),
          );
          lines.push(`Classeur de ${actionsPerDomain} actions par domaine :`);
          lines.push(`  modifier une action : ${edit}`);
          lines.push(`  avancement d’une année : ${progress}`);
          lines.push(`  valeur d’indicateur : ${measure}`);
        } finally {
          done();
        }
      }
      return lines;
    },
  },
  {
    name: 'Clôture d’une année (« Clôturer l’année… »)',
    modules: {
      demo: 'src/core/demo.ts',
      fake: 'test/fake/index.ts',
      install: 'src/gas/install.ts',
      report: 'src/gas/report.ts',
      closing: 'src/gas/closing.ts',
    },
    run(m) {
      const grids = m.demo.buildDemoWorkbook(m.demo.LARGE_DEMO);
      const year = 2008;
      const callsOf = (fake, work) => {
        fake.calls.reset();
        const start = performance.now();
        work();
        const calls = fake.calls.byMethod();
        const sheetCalls = Object.entries(calls)
          .filter(([name]) =>
            ['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range'].includes(name.split('.')[0]),
          )
          .reduce((n, [, c]) => n + c, 0);
        return {
          sheetCalls,
          getValues: calls['Range.getValues'] ?? 0,
          setValues: calls['Range.setValues'] ?? 0,
          ms: performance.now() - start,
        };
      };
      const { fake, ss, uninstall } = fakeWorkbook(m, grids);
      try {
        const report = callsOf(fake, () => m.report.generateReport({ year, scope: { kind: 'contract' } }));
        fake.ui.nextPromptResponses.push({ text: String(year), button: 'OK' }, { text: '', button: 'OK' });
        const closing = callsOf(fake, () => m.closing.closeYear());
        const rows = ss.getSheetByName('Clôtures').getDataRange().getValues().slice(1);
        const chars = rows.reduce((n, r) => n + String(r[7]).length, 0);
        const longest = Math.max(...rows.map((r) => String(r[7]).length));
        return [
          `Classeur volumineux, année ${year} clôturée (Apps Script simulé)`,
          `  « Générer le rapport… » : ${report.sheetCalls} appels Spreadsheet (${report.getValues} getValues)`,
          `  « Clôturer l’année… » : ${closing.sheetCalls} appels Spreadsheet (${closing.getValues} getValues, ${closing.setValues} setValues : les lignes de Clôtures et le Journal), ${ms(closing.ms)} — cible : le budget d’un rapport (≤ 300 appels)`,
          `  Chiffres arrêtés : ${Math.round(chars / 1024)} Kio de JSON en ${plural(rows.length, 'ligne')} de « Clôtures » (la plus longue cellule : ${count(longest)} caractères ; limite : 50 000 dans Google Sheets, 32 767 dans Excel)`,
        ];
      } finally {
        uninstall();
      }
    },
  },
  {
    name: 'Import de données d’observation (« Importer des données d’observation… », pilotage-cucs importer)',
    modules: {
      demo: 'src/core/demo.ts',
      fake: 'test/fake/index.ts',
      install: 'src/gas/install.ts',
      observation: 'src/gas/observation.ts',
      typography: 'src/core/typography.ts',
    },
    async run(m) {
      const { frenchSpacing: fr, plural, groupDigits } = m.typography;
      const grids = m.demo.buildDemoWorkbook(m.demo.LARGE_DEMO);
      const lines = [
        fr(
          `Classeur volumineux : ${plural(records(grids, 'Mesures').length, 'mesure')} ; Apps Script simulé, un classeur neuf par import`,
        ),
      ];
      const imported = (label, fileName, bytes) => {
        const { fake, uninstall } = fakeWorkbook(m, grids);
        try {
          const start = performance.now();
          const { message } = m.observation.importObservations({
            fileName,
            content: Buffer.from(bytes).toString('base64'),
            year: null,
            mapping: {},
          });
          const elapsed = performance.now() - start;
          const calls = fake.calls.byMethod();
          const summary = message.replace(/^Import terminé : /, '').replace(/ Les valeurs .*$/, '');
          lines.push(
            fr(
              `  ${label} : ${groupDigits(fake.calls.total())} appels (${calls['Range.getValues'] ?? 0} getValues, ${calls['Range.setValues'] ?? 0} setValues), ${ms(elapsed)} — ${summary}`,
            ),
          );
        } finally {
          uninstall();
        }
      };
      for (const count of [1, 100, 1000]) {
        imported(
          `.csv, ${plural(count, 'valeur créée', 'valeurs créées')}`,
          'f.csv',
          observationCsv(newObservations(grids, count)),
        );
      }
      imported(
        `.csv, ${plural(1000, 'valeur remplacée', 'valeurs remplacées')} (lignes voisines)`,
        'f.csv',
        observationCsv(changedObservations(grids, 1000)),
      );
      imported(
        `.csv, ${plural(100, 'valeur remplacée', 'valeurs remplacées')} éparses (une ligne sur dix, blocs joints par-dessus les lignes entre elles)`,
        'f.csv',
        observationCsv(changedObservations(grids, 100, 10)),
      );
      for (const count of [1, 1000]) {
        imported(
          `.xlsx, ${plural(count, 'valeur créée', 'valeurs créées')}`,
          'f.xlsx',
          await observationXlsx(newObservations(grids, count)),
        );
      }
      lines.push(
        fr(
          '  (une lecture par feuille, plus celle des formules entre des valeurs éparses ; une écriture par bloc : des valeurs ajoutées ou remplacées ensemble, ou éparses sans formule entre elles, coûtent autant d’appels qu’une seule)',
        ),
      );
      spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs'), '--quiet'], { stdio: 'inherit' });
      const cli = join(root, 'dist-cli', 'pilotage-cucs.js');
      const dir = mkdtempSync(join(tmpdir(), 'pilotage-bench-import-'));
      try {
        runCommand(cli, ['demo', 'grand', '--grand'], dir);
        const workbook = join(dir, 'grand', 'demo-cucs-brest-grand.xlsx');
        const files = [
          ['insee.csv', observationCsv(newObservations(grids, 1000)), 'valeurs créées'],
          ['insee.xlsx', await observationXlsx(newObservations(grids, 1000)), 'valeurs créées'],
          ['corrections.csv', observationCsv(changedObservations(grids, 1000)), 'valeurs remplacées'],
        ];
        lines.push('');
        for (const [name, bytes, what] of files) {
          writeFileSync(join(dir, name), bytes);
          const run = measureCommand(cli, workbook, ['importer', join(dir, name)], dir);
          lines.push(
            fr(
              `pilotage-cucs importer grand.xlsx ${name} (${groupDigits(1000)} ${what}) : ${seconds(run.median)} (médiane de 3), pic mémoire ${megabytes(run.peak)}`,
            ),
          );
        }
        lines.push(
          '  (processus complets : démarrage de Node, lecture du classeur et du fichier, écriture du classeur)',
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      return lines;
    },
  },
];

const filter = process.argv[2]?.toLowerCase();
const print = (line) => process.stdout.write(`${line}\n`);
for (const section of SECTIONS) {
  if (filter && !section.name.toLowerCase().includes(filter)) continue;
  print(`\n== ${section.name} ==`);
  const modules = await loadModules(section.modules);
  for (const line of await section.run(modules)) print(line);
}
