// Behaviour of the Apps Script fake itself (test/fake): what our adapters can rely on.

import * as vm from 'node:vm';
import { writeZip } from '../src/local/zip';
import { createGasFake, createGasVmContext, type GasFake } from './fake';
import { toSignedBytes } from './fake/blob';

const toSigned = (bytes: Buffer) => toSignedBytes(Uint8Array.from(bytes));

type Range = GoogleAppsScript.Spreadsheet.Range;

function setup(options: Parameters<typeof createGasFake>[0] = {}) {
  const fake = createGasFake(options);
  const { SpreadsheetApp } = fake.globals;
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getActiveSheet();
  return { fake, SpreadsheetApp, ss, sheet };
}

function cell(sheet: GoogleAppsScript.Spreadsheet.Sheet, a1: string): Range {
  return sheet.getRange(a1);
}

describe('setValues reads strings as typed by a person (fr_FR)', () => {
  const typed = (input: unknown) => {
    const { sheet } = setup();
    const range = cell(sheet, 'A1');
    range.setValues([[input]]);
    return { value: range.getValue(), formula: range.getFormula(), display: range.getDisplayValue() };
  };

  it.each([
    ['1,5', 1.5],
    ['01000', 1000],
    ['-3', -3],
    ['1 234,5', 1234.5],
    ['1\u202f234,5', 1234.5],
    ['12 %', 0.12],
    ['1 234,50 €', 1234.5],
    ['1E3', 1000],
  ])('%j becomes the number %j', (input, expected) => {
    expect(typed(input).value).toBe(expected);
  });

  it.each(['06 12 34 56 78', '1.5', '12,3,4', 'Association des habitants', '  '])(
    '%j stays text',
    (input) => {
      expect(typed(input).value).toBe(input);
    },
  );

  it('reads ISO and day-first dates as local dates', () => {
    expect(typed('2008-03-12').value).toEqual(new Date(2008, 2, 12));
    expect(typed('12/03/2008').value).toEqual(new Date(2008, 2, 12));
    expect(typed('12/03/2008').display).toBe('12/03/2008');
    expect(typed('31/02/2008').value).toBe('31/02/2008');
  });

  it('reads booleans in French and English', () => {
    expect(typed('VRAI').value).toBe(true);
    expect(typed('faux').value).toBe(false);
    expect(typed('TRUE').value).toBe(true);
    expect(typed('VRAI').display).toBe('VRAI');
  });

  it('stores formulas, which read as #ERROR! except HYPERLINK labels', () => {
    expect(typed('=1+1')).toMatchObject({ value: '#ERROR!', formula: '=1+1' });
    expect(typed('=HYPERLINK("https://x.fr";"Fiche")')).toMatchObject({ value: 'Fiche' });
    expect(typed('=HYPERLINK("https://x.fr","Fiche")')).toMatchObject({ value: 'Fiche' });
  });

  it('reads a leading sign before text as a broken formula', () => {
    expect(typed('-abc')).toMatchObject({ value: '#ERROR!', formula: '=-abc' });
    expect(typed('+33 6 12 34 56 78')).toMatchObject({ value: '#ERROR!' });
  });

  it('keeps text after a leading apostrophe, which it removes', () => {
    expect(typed("'=1+1")).toMatchObject({ value: '=1+1', formula: '' });
    expect(typed("'01000").value).toBe('01000');
  });

  it('stores JS numbers, booleans and dates as they are, and returns copies of dates', () => {
    const { sheet } = setup();
    const date = new Date(2024, 0, 15);
    const range = sheet.getRange(1, 1, 1, 4);
    range.setValues([[42.5, true, date, '']]);
    const [[n, b, d, empty]] = range.getValues() as unknown[][] as [[number, boolean, Date, string]];
    expect([n, b, empty]).toEqual([42.5, true, '']);
    expect(d).toEqual(date);
    d.setFullYear(1999);
    expect(range.getValues()[0]?.[2]).toEqual(date);
  });

  it('keeps strings verbatim in cells formatted as plain text (@), apostrophe aside', () => {
    const { sheet } = setup();
    const range = sheet.getRange('A1:D1').setNumberFormat('@');
    range.setValues([['01000', '=1+1', '12/03/2008', "'abc"]]);
    expect(range.getValues()).toEqual([['01000', '=1+1', '12/03/2008', 'abc']]);
    expect(range.getFormulas()).toEqual([['', '', '', '']]);
  });

  it('reads en_US input with a decimal point and month-first dates', () => {
    const { sheet } = setup({ locale: 'en_US' });
    const range = sheet.getRange('A1:C1');
    range.setValues([['1,234.5', '03/12/2008', '1,5']]);
    expect(range.getValues()).toEqual([[1234.5, new Date(2008, 2, 12), '1,5']]);
    expect(range.getDisplayValues()).toEqual([['1234.5', '3/12/2008', '1,5']]);
  });

  it('displays numbers with the locale decimal separator and the number format', () => {
    const { sheet } = setup();
    const range = sheet.getRange('A1:C1');
    range.setValues([[1234.5, 0.125, 3]]);
    range.setNumberFormats([['#,##0.00', '0.0%', '0']]);
    expect(range.getDisplayValues()).toEqual([['1\u202f234,50', '12,5\u00a0%', '3']]);
    expect(sheet.getRange('D1').setValue(2.5).getDisplayValue()).toBe('2,5');
  });
});

describe('setValues rejects what Apps Script would reject (or silently mangle)', () => {
  it('throws on a row count mismatch', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1, 1, 2, 2).setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
  });

  it('throws on a column count mismatch and on ragged rows', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1, 1, 1, 2).setValues([[1, 2, 3]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.',
    );
    expect(() => sheet.getRange(1, 1, 2, 2).setValues([[1, 2], [3]])).toThrow(
      'The data has 1 but the range has 2',
    );
  });

  it('throws on undefined, plain objects and NaN, writing nothing', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1:B1').setValues([['kept', undefined]])).toThrow(/undefined/);
    expect(sheet.getLastRow()).toBe(0);
    const range = sheet.getRange('A1');
    expect(() => range.setValues([[undefined]])).toThrow(/undefined/);
    expect(() => range.setValues([[{ a: 1 }]])).toThrow(/Object/);
    expect(() => range.setValue(Number.NaN)).toThrow(/NaN/);
  });

  it('errors carry the Exception name, like Apps Script errors', () => {
    const { sheet } = setup();
    try {
      sheet.getRange(0, 1);
      throw new Error('not reached');
    } catch (error) {
      expect(String(error)).toBe('Exception: The starting row of the range is too small.');
    }
  });
});

describe('ranges', () => {
  it('throws outside the sheet', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => sheet.getRange(1000, 1, 2, 1)).toThrow('outside the dimensions of the sheet');
    expect(() => sheet.getRange(1, 27)).toThrow('outside the dimensions of the sheet');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('at least 1');
    expect(() => sheet.getRange(1.5, 1)).toThrow(/entier/);
  });

  it('understands A1 notation, including whole columns', () => {
    const { sheet } = setup();
    const range = sheet.getRange('B2:C10');
    expect([range.getRow(), range.getColumn(), range.getNumRows(), range.getNumColumns()]).toEqual([
      2, 2, 9, 2,
    ]);
    expect(range.getA1Notation()).toBe('B2:C10');
    expect(sheet.getRange('A:A').getNumRows()).toBe(1000);
    expect(sheet.getRange('Z1').getColumn()).toBe(26);
    expect(() => sheet.getRange('AA1')).toThrow('outside the dimensions of the sheet');
    expect(() => sheet.getRange('nope')).toThrow('Range not found');
  });

  it('getLastRow / getLastColumn track content, 0 when empty; getDataRange covers it', () => {
    const { sheet } = setup();
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    sheet.getRange('C5').setValue('x');
    sheet.getRange('B7').setValue(0);
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([7, 3]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C7');
    sheet.getRange('B7').setValue('');
    expect(sheet.getLastRow()).toBe(5);
  });

  it('offset, getCell and merges', () => {
    const { sheet } = setup();
    const range = sheet.getRange('B2:D4');
    expect(range.offset(1, 1).getA1Notation()).toBe('C3:E5');
    expect(range.getCell(2, 3).getA1Notation()).toBe('D3');
    range.setValues([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    sheet.getRange('B2:C3').merge();
    expect(range.getValues()).toEqual([
      [1, '', 3],
      ['', '', 6],
      [7, 8, 9],
    ]);
    expect(range.getMergedRanges().map((r) => r.getA1Notation())).toEqual(['B2:C3']);
    expect(sheet.getRange('C3').isPartOfMerge()).toBe(true);
    expect(() => sheet.getRange('C3:D3').merge()).toThrow('You must select all cells in a merged range');
    sheet.getRange('B2:C3').breakApart();
    expect(range.getMergedRanges()).toEqual([]);
  });

  it('notes, backgrounds, font weights and wraps round-trip', () => {
    const { sheet } = setup();
    const range = sheet.getRange('A1:B1');
    range
      .setNotes([['n1', '']])
      .setBackground('#FF0000')
      .setFontWeight('bold')
      .setWrap(true);
    expect(range.getNotes()).toEqual([['n1', '']]);
    expect(range.getBackgrounds()).toEqual([['#ff0000', '#ff0000']]);
    expect(range.getFontWeights()).toEqual([['bold', 'bold']]);
    expect(range.getWrap()).toBe(true);
    expect(sheet.getRange('C1').getBackground()).toBe('#ffffff');
    expect(sheet.getRange('C1').getNumberFormat()).toBe('General');
  });

  it('rich text values keep the text and the link', () => {
    const { SpreadsheetApp, sheet } = setup();
    const link = SpreadsheetApp.newRichTextValue().setText('Fiche').setLinkUrl('https://x.fr/1').build();
    const range = sheet.getRange('A1:A2');
    range.setRichTextValues([[link], [SpreadsheetApp.newRichTextValue().setText('01000').build()]]);
    expect(range.getValues()).toEqual([['Fiche'], ['01000']]);
    const [[first], [second]] = range.getRichTextValues() as [
      [GoogleAppsScript.Spreadsheet.RichTextValue],
      [GoogleAppsScript.Spreadsheet.RichTextValue],
    ];
    expect([first.getText(), first.getLinkUrl(), second.getLinkUrl()]).toEqual([
      'Fiche',
      'https://x.fr/1',
      null,
    ]);
    sheet.getRange('A3').setValue(3);
    expect(sheet.getRange('A3').getRichTextValue()).toBeNull();
  });

  it('getRangeList applies one counted call to several ranges', () => {
    const { fake, sheet } = setup();
    sheet.getRange('A1:A3').insertCheckboxes();
    fake.calls.reset();
    const list = sheet.getRangeList(['A1', 'A3:B3']);
    list.setBackground('#ffeeee').check();
    expect(list.getRanges().map((r) => r.getA1Notation())).toEqual(['A1', 'A3:B3']);
    expect(fake.calls.log).toEqual([
      'Sheet.getRangeList',
      'RangeList.setBackground',
      'RangeList.check',
      'RangeList.getRanges',
      'Range.getA1Notation',
      'Range.getA1Notation',
    ]);
    expect(sheet.getRange('A1:B3').getValues()).toEqual([
      [true, ''],
      [false, ''],
      [true, ''],
    ]);
    expect(sheet.getRange('B3').getBackground()).toBe('#ffeeee');
  });

  it('insertCheckboxes adds a checkbox validation and unchecks every cell', () => {
    const { SpreadsheetApp, sheet } = setup();
    const range = sheet.getRange('A1:A2');
    range.setValues([[true], ['x']]);
    range.insertCheckboxes();
    expect(range.getValues()).toEqual([[false], [false]]);
    expect(range.getDataValidation()?.getCriteriaType()).toBe(SpreadsheetApp.DataValidationCriteria.CHECKBOX);
  });
});

describe('sheets', () => {
  it('inserts columns by shifting values, formats, notes and validations to the right', () => {
    const { fake, SpreadsheetApp, sheet } = setup();
    sheet.getRange('A1:C1').setValues([['a', 'b', 'c']]);
    sheet.getRange('B1').setNote('note b').setNumberFormat('@');
    sheet.getRange('C1').setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().build());
    sheet.insertColumnsAfter(1, 2);
    const state = fake.spreadsheet.inspect.sheet(sheet.getName());
    expect(state.values).toEqual([['a', '', '', 'b', 'c']]);
    expect(state.notes).toEqual([['', '', '', 'note b']]);
    expect(state.numberFormats).toEqual([['General', 'General', 'General', '@']]);
    expect(state.validations[0]?.[4]?.criteria).toBe('CHECKBOX');
    expect(state.maxColumns).toBe(28);
  });

  it('inserts rows after r copying the formats and validations of row r, not its values', () => {
    const { fake, SpreadsheetApp, sheet } = setup();
    sheet
      .getRange('A2:B2')
      .setValues([['x', 'y']])
      .setBackground('#00ff00');
    sheet.getRange('B2').setDataValidation(SpreadsheetApp.newDataValidation().requireDate().build());
    sheet.getRange('A3').setValue('after');
    sheet.insertRowsAfter(2, 1);
    const state = fake.spreadsheet.inspect.sheet(sheet.getName());
    expect(state.values).toEqual([
      ['', ''],
      ['x', 'y'],
      ['', ''],
      ['after', ''],
    ]);
    expect(state.backgrounds[2]).toEqual(['#00ff00', '#00ff00']);
    expect(state.validations[2]?.[1]?.criteria).toBe('DATE_IS_VALID_DATE');
    expect(sheet.getMaxRows()).toBe(1001);
  });

  it('inserting rows moves protections, merges, frozen rows and conditional formats', () => {
    const { fake, SpreadsheetApp, sheet } = setup();
    sheet.setFrozenRows(1);
    sheet.getRange('A3:B3').protect().setDescription('p');
    sheet.getRange('A5:B5').merge();
    const rule = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied('=$A3=""')
      .setBackground('#FCE8E6')
      .setRanges([sheet.getRange('A3:B10')])
      .build();
    sheet.setConditionalFormatRules([rule]);
    sheet.insertRowsBefore(1, 2);
    const state = fake.spreadsheet.inspect.sheet(sheet.getName());
    expect(state.frozenRows).toBe(3);
    expect(state.protections.map((p) => p.range)).toEqual(['A5:B5']);
    expect(state.merged).toEqual(['A7:B7']);
    expect(state.conditionalRules[0]?.ranges).toEqual(['A5:B12']);
  });

  it('deleteRows removes lines and refuses to delete every unfrozen row', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([[1], [2], [3]]);
    sheet.deleteRows(2, 1);
    expect(sheet.getRange('A1:A2').getValues()).toEqual([[1], [3]]);
    expect(sheet.getMaxRows()).toBe(999);
    expect(() => sheet.deleteRows(1, 999)).toThrow('not possible to delete all non-frozen rows');
  });

  it('insertSheet activates the new sheet, refuses duplicates, getSheetByName answers null', () => {
    const { ss } = setup();
    const sheet = ss.insertSheet('Actions', 0);
    expect(ss.getActiveSheet().getName()).toBe('Actions');
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Actions', 'Feuille 1']);
    expect([sheet.getIndex(), sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1, 1000, 26]);
    expect(sheet.getSheetId()).not.toBe(ss.getSheetByName('Feuille 1')?.getSheetId());
    expect(() => ss.insertSheet('Actions')).toThrow('A sheet with the name "Actions" already exists');
    expect(ss.getSheetByName('Absente')).toBeNull();
    ss.deleteSheet(sheet);
    expect(() => sheet.getName()).toThrow('has been deleted');
    expect(() => ss.deleteSheet(ss.getSheets()[0]!)).toThrow("You can't remove all the sheets");
  });

  it('widths, frozen rows, tab colour and visibility', () => {
    const { ss, sheet } = setup();
    ss.insertSheet('Autre');
    sheet.setColumnWidth(2, 250).setTabColor('#1A73E8').setFrozenRows(1);
    expect([sheet.getColumnWidth(2), sheet.getColumnWidth(3), sheet.getFrozenRows()]).toEqual([250, 100, 1]);
    expect(sheet.getTabColor()).toBe('#1a73e8');
    sheet.hideSheet();
    expect(sheet.isSheetHidden()).toBe(true);
    expect(() => ss.getSheetByName('Autre')?.hideSheet()).toThrow("You can't hide all the sheets");
  });

  it('protections: description, warning only, editors, lookup by type', () => {
    const { SpreadsheetApp, sheet } = setup();
    const protection = sheet.getRange('A1:C1').protect().setDescription('En-têtes').setWarningOnly(true);
    sheet.protect().setDescription('Feuille');
    expect(protection.isWarningOnly()).toBe(true);
    expect(protection.getRange().getA1Notation()).toBe('A1:C1');
    expect(protection.getEditors().map((u) => u.getEmail())).toEqual(['agent@brest.fr']);
    protection.addEditor('autre@brest.fr');
    protection.removeEditors(protection.getEditors());
    expect(protection.getEditors().map((u) => u.getEmail())).toEqual(['agent@brest.fr']);
    const ranges = sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE);
    expect(ranges.map((p) => p.getDescription())).toEqual(['En-têtes']);
    expect(sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0]?.getProtectionType()).toBe('SHEET');
    ranges[0]?.remove();
    expect(sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)).toEqual([]);
  });

  it('conditional format rules round-trip', () => {
    const { SpreadsheetApp, sheet } = setup();
    const rule = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied('=$C2<TODAY()')
      .setBackground('#FCE8E6')
      .setFontColor('#C5221F')
      .setRanges([sheet.getRange('A2:F100')])
      .build();
    sheet.setConditionalFormatRules([rule]);
    const [stored] = sheet.getConditionalFormatRules();
    const condition = stored?.getBooleanCondition();
    expect(condition?.getCriteriaType()).toBe(SpreadsheetApp.BooleanCriteria.CUSTOM_FORMULA);
    expect(condition?.getCriteriaValues()).toEqual(['=$C2<TODAY()']);
    expect([condition?.getBackground(), condition?.getFontColor()]).toEqual(['#fce8e6', '#c5221f']);
    expect(stored?.getRanges().map((r) => r.getA1Notation())).toEqual(['A2:F100']);
    const copy = stored?.copy().setBackground('#ffffff').build();
    expect(copy?.getBooleanCondition()?.getBackground()).toBe('#ffffff');
    expect(condition?.getBackground()).toBe('#fce8e6');
  });

  it('data validations keep their criteria, help text and allow-invalid flag', () => {
    const { SpreadsheetApp, sheet } = setup();
    const source = sheet.getRange('Z2:Z50');
    const rule = SpreadsheetApp.newDataValidation()
      .requireValueInRange(source, true)
      .setAllowInvalid(false)
      .setHelpText('Choisir')
      .build();
    sheet.getRange('A2:A3').setDataValidation(rule);
    const read = sheet.getRange('A3').getDataValidation()!;
    expect(read.getCriteriaType()).toBe('VALUE_IN_RANGE');
    expect((read.getCriteriaValues()[0] as Range).getA1Notation()).toBe('Z2:Z50');
    expect([read.getAllowInvalid(), read.getHelpText()]).toEqual([false, 'Choisir']);
    const list = SpreadsheetApp.newDataValidation().requireValueInList(['a', 'b']).build();
    expect(list.getCriteriaValues()).toEqual([['a', 'b'], true]);
    const tooMany = Array.from({ length: 501 }, (_, i) => String(i));
    expect(() => SpreadsheetApp.newDataValidation().requireValueInList(tooMany)).toThrow(
      'more than 500 items',
    );
  });

  it('appendRow writes after the last row, parsing like setValues', () => {
    const { sheet } = setup();
    sheet.getRange('A2').setValue('x');
    sheet.appendRow(['1,5', 'texte']);
    expect(sheet.getRange('A3:B3').getValues()).toEqual([[1.5, 'texte']]);
  });
});

describe('strictness and call counting', () => {
  it('throws on unknown members, with the class name', () => {
    const { SpreadsheetApp, sheet } = setup();
    const range = sheet.getRange('A1') as unknown as Record<string, unknown>;
    expect(() => range.foo).toThrow("Fake Apps Script: Range.foo n'existe pas");
    expect(() => (SpreadsheetApp as unknown as Record<string, unknown>).getActiveDocument).toThrow(
      "SpreadsheetApp.getActiveDocument n'existe pas",
    );
    expect(() => {
      (range as { x?: number }).x = 1;
    }).toThrow(/Range\.x/);
  });

  it('lets jest and util.inspect probe fake objects', () => {
    const { sheet } = setup();
    const range = sheet.getRange('A1');
    expect(range).toBe(range);
    expect(String(range)).toBe('Range');
    expect(() => expect(range).toEqual(sheet.getRange('A2'))).toThrow();
    expect(require('node:util').inspect(range)).toContain('getValues');
  });

  it('counts every call as ClassName.method, but not enum reads', () => {
    const { fake, SpreadsheetApp, sheet } = setup();
    fake.calls.reset();
    const type = SpreadsheetApp.ProtectionType.RANGE;
    const range = sheet.getRange(1, 1, 2, 2);
    range.setValues([
      [1, 2],
      [3, 4],
    ]);
    range.getValues();
    range.getValues();
    sheet.getProtections(type);
    expect(fake.calls.log).toEqual([
      'Sheet.getRange',
      'Range.setValues',
      'Range.getValues',
      'Range.getValues',
      'Sheet.getProtections',
    ]);
    expect(fake.calls.count('Range.getValues')).toBe(2);
    expect(fake.calls.count('Range.')).toBe(3);
    expect(fake.calls.total()).toBe(5);
    expect(fake.calls.byMethod()).toEqual({
      'Sheet.getRange': 1,
      'Range.setValues': 1,
      'Range.getValues': 2,
      'Sheet.getProtections': 1,
    });
  });

  it('writes and reads 10,000 x 12 cells in well under a second', () => {
    const { sheet } = setup();
    const rows = Array.from({ length: 10_000 }, (_, i) =>
      Array.from({ length: 12 }, (_, j) => (j % 3 === 0 ? i * j : j % 3 === 1 ? `Action ${i}` : `${i},5`)),
    );
    sheet.insertRowsAfter(1000, 9000);
    // CPU time rather than wall time: other test processes may share the machine.
    const start = process.cpuUsage();
    sheet.getRange(1, 1, 10_000, 12).setValues(rows);
    const values = sheet.getDataRange().getValues();
    const { user, system } = process.cpuUsage(start);
    expect(values.length).toBe(10_000);
    expect(values[9999]?.[2]).toBe(9999.5);
    expect((user + system) / 1000).toBeLessThan(1000);
  });

  it('refuses to run spreadsheet and property calls in AuthMode.NONE, and hides emails outside FULL', () => {
    const { fake } = setup();
    fake.setAuthMode('NONE');
    const { SpreadsheetApp, PropertiesService, Session } = fake.globals;
    expect(() => SpreadsheetApp.getActiveSpreadsheet()).toThrow('You do not have permission');
    expect(() => PropertiesService.getDocumentProperties()).toThrow('You do not have permission');
    SpreadsheetApp.getUi().createAddonMenu().addItem('Ouvrir', 'openSidebar').addToUi();
    expect(Session.getActiveUser().getEmail()).toBe('');
    fake.setAuthMode('FULL');
    expect(Session.getActiveUser().getEmail()).toBe('agent@brest.fr');
  });
});

describe('test-side helpers', () => {
  it('addSheetWithValues stores raw values, setActive moves the cursor', () => {
    const { fake, ss } = setup();
    fake.addSheetWithValues('Actions', [
      ['Code', 'Montant'],
      ['01000', '1,5'],
    ]);
    fake.setActive('Actions', 2, 2);
    expect(ss.getActiveSheet().getName()).toBe('Actions');
    expect(ss.getActiveRange()?.getA1Notation()).toBe('B2');
    expect(ss.getActiveRange()?.getValue()).toBe('1,5');
    expect(fake.spreadsheet.inspect.sheet('Actions').values).toEqual([
      ['Code', 'Montant'],
      ['01000', '1,5'],
    ]);
  });

  it('snapshotSheet lists every non-empty cell for before/after comparisons', () => {
    const { fake, sheet } = setup();
    sheet.getRange('B2').setValue('x').setNote('n');
    const before = fake.snapshotSheet(sheet.getName());
    sheet.getRange('C3').setFormula('=B2');
    const after = fake.snapshotSheet(sheet.getName());
    expect(Object.keys(before.cells)).toEqual(['B2']);
    expect(before.cells.B2).toMatchObject({ value: 'x', note: 'n', formula: '' });
    expect(after.cells.C3).toMatchObject({ formula: '=B2', value: '#ERROR!' });
  });
});

describe('Ui and HtmlService', () => {
  it('records menus with items, separators and submenus', () => {
    const { fake, SpreadsheetApp } = setup();
    const ui = SpreadsheetApp.getUi();
    const sub = ui.createMenu('Aide').addItem('Guide', 'showHelp');
    ui.createAddonMenu().addItem('Ouvrir', 'openSidebar').addSeparator().addSubMenu(sub).addToUi();
    expect(fake.ui.menus).toEqual([
      {
        title: null,
        addon: true,
        items: [
          { kind: 'item', caption: 'Ouvrir', functionName: 'openSidebar' },
          { kind: 'separator' },
          {
            kind: 'submenu',
            menu: {
              title: 'Aide',
              addon: false,
              items: [{ kind: 'item', caption: 'Guide', functionName: 'showHelp' }],
            },
          },
        ],
      },
    ]);
  });

  it('answers alerts and prompts from the scripted queues', () => {
    const { fake, SpreadsheetApp } = setup();
    const ui = SpreadsheetApp.getUi();
    fake.ui.nextAlertResponses.push(ui.Button.NO);
    expect(ui.alert('Titre', 'Supprimer ?', ui.ButtonSet.YES_NO)).toBe('NO');
    expect(ui.alert('Fait')).toBe('OK');
    fake.ui.nextPromptResponses.push({ text: 'Brest' });
    expect(ui.prompt('Ville ?').getResponseText()).toBe('Brest');
    expect(fake.ui.alerts.map((a) => [a.title, a.message, a.response])).toEqual([
      ['Titre', 'Supprimer ?', 'NO'],
      [null, 'Fait', 'OK'],
    ]);
  });

  it('serves files and templates, and records sidebars, dialogs and toasts', () => {
    const { fake, ss, SpreadsheetApp } = setup();
    const { HtmlService } = fake.globals;
    fake.htmlFiles.Sidebar = '<p>Pilotage</p>';
    fake.htmlFiles['Report.html'] =
      '<h1><?= title ?></h1><?!= raw ?><? for (const x of items) { ?><i><?= x ?></i><? } ?>';
    SpreadsheetApp.getUi().showSidebar(
      HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Pilotage CUCS'),
    );
    const template = HtmlService.createTemplateFromFile('Report');
    Object.assign(template, { title: 'A & B', raw: '<b>x</b>', items: [1, 2] });
    const output = template.evaluate().setWidth(800).setHeight(600);
    SpreadsheetApp.getUi().showModalDialog(output, 'Rapport');
    ss.toast('Enregistré', 'Pilotage', 3);
    expect(fake.ui.sidebars).toEqual([
      { title: 'Pilotage CUCS', content: '<p>Pilotage</p>', width: null, height: null },
    ]);
    expect(fake.ui.dialogs[0]).toMatchObject({
      dialogTitle: 'Rapport',
      modal: true,
      width: 800,
      content: '<h1>A &#38; B</h1><b>x</b><i>1</i><i>2</i>',
    });
    expect(fake.ui.toasts).toEqual([{ message: 'Enregistré', title: 'Pilotage', timeout: 3 }]);
    expect(() => HtmlService.createHtmlOutputFromFile('Absent')).toThrow(
      'No HTML file named Absent was found.',
    );
  });
});

describe('other services', () => {
  it('properties are strings, per store, with Apps Script quotas', () => {
    const { fake } = setup();
    const props = fake.globals.PropertiesService.getDocumentProperties();
    props.setProperty('a', '1').setProperties({ b: '2' });
    expect(props.getProperty('a')).toBe('1');
    expect(props.getProperty('zz')).toBeNull();
    expect(props.getKeys().sort()).toEqual(['a', 'b']);
    props.setProperties({ c: '3' }, true);
    expect(props.getProperties()).toEqual({ c: '3' });
    props.deleteProperty('c');
    expect(fake.properties.document.all()).toEqual({});
    expect(fake.globals.PropertiesService.getUserProperties().getProperties()).toEqual({});
    expect(() => props.setProperty('big', 'x'.repeat(10_000))).toThrow('Argument too large');
  });

  it('locks record acquisitions and releases, and can simulate contention', () => {
    const { fake } = setup();
    const lock = fake.globals.LockService.getDocumentLock();
    expect(lock.tryLock(1000)).toBe(true);
    expect(fake.locks.held()).toBe(true);
    lock.releaseLock();
    expect([fake.locks.acquired, fake.locks.released, fake.locks.held()]).toEqual([1, 1, false]);
    fake.locks.contention = true;
    expect(lock.tryLock(1000)).toBe(false);
    expect(() => lock.waitLock(1000)).toThrow('Lock timeout');
  });

  it('Session and Utilities', () => {
    const { fake } = setup();
    const { Session, Utilities } = fake.globals;
    expect(Session.getScriptTimeZone()).toBe('Europe/Paris');
    expect(Session.getEffectiveUser().getEmail()).toBe('agent@brest.fr');
    const date = new Date(Date.UTC(2024, 6, 14, 22, 5, 9));
    expect(Utilities.formatDate(date, 'Europe/Paris', "dd/MM/yyyy 'à' HH:mm:ss")).toBe(
      '15/07/2024 à 00:05:09',
    );
    expect(Utilities.formatDate(date, 'UTC', 'yyyy-MM-dd')).toBe('2024-07-14');
    expect(() => Utilities.formatDate(date, 'UTC', 'yyyy-qq')).toThrow("Illegal pattern character 'q'");
    expect(Utilities.getUuid()).not.toBe(Utilities.getUuid());
    const blob = Utilities.newBlob('héllo', 'text/plain', 'a.txt');
    expect([blob.getDataAsString(), blob.getContentType(), blob.getName()]).toEqual([
      'héllo',
      'text/plain',
      'a.txt',
    ]);
    expect(Utilities.base64Encode('héllo')).toBe(Buffer.from('héllo').toString('base64'));
  });

  it('Utilities.unzip: every file of an archive by its path, a damaged one refused, a non-zip either way', () => {
    const { fake } = setup();
    const { Utilities } = fake.globals;
    const archive = writeZip([
      ['xl/', ''],
      ['xl/workbook.xml', '<workbook>é</workbook>'],
      ['[Content_Types].xml', '<Types/>'],
    ]);
    const parts = Utilities.unzip(Utilities.newBlob(toSigned(archive), 'application/zip'));
    expect(parts.map((b) => [b.getName(), b.getDataAsString('UTF-8')])).toEqual([
      ['xl/workbook.xml', '<workbook>é</workbook>'],
      ['[Content_Types].xml', '<Types/>'],
    ]);
    const damaged = Buffer.from(archive);
    // In the deflated text of xl/workbook.xml, after its local header (30 bytes and its name).
    const data = archive.indexOf('xl/workbook.xml') + 'xl/workbook.xml'.length;
    damaged[data + 2] = damaged[data + 2]! ^ 0xff;
    expect(() => Utilities.unzip(Utilities.newBlob(toSigned(damaged)))).toThrow(/^Could not unzip/);
    const text = Utilities.newBlob('territoire;valeur');
    expect(() => Utilities.unzip(text)).toThrow(/not a zip archive/);
    expect(createGasFake({ unzipOfNonZip: 'empty' }).globals.Utilities.unzip(text)).toEqual([]);
    expect(() => Utilities.unzip('PK' as never)).toThrow(
      /don't match the method signature for Utilities\.unzip/,
    );
    expect(Utilities.base64Decode(Buffer.from('é').toString('base64'))).toEqual([-61, -87]);
    expect(() => Utilities.base64Decode('pas du base64 !')).toThrow('Could not decode string.');
  });

  it('Logger and console record without printing or counting', () => {
    const { fake } = setup();
    fake.calls.reset();
    fake.globals.Logger.log('a %s', 1);
    fake.globals.console.warn('b');
    expect(fake.logs).toEqual([
      { level: 'Logger', message: 'a 1' },
      { level: 'warn', message: 'b' },
    ]);
    expect(fake.calls.total()).toBe(0);
  });
});

describe('Charts and DocumentApp', () => {
  function chartBlob(fake: GasFake) {
    const { Charts } = fake.globals;
    const table = Charts.newDataTable()
      .addColumn(Charts.ColumnType.STRING, 'Axe')
      .addColumn(Charts.ColumnType.NUMBER, 'Montant')
      .addRow(['Emploi', 1200])
      .addRow(['Santé', 800]);
    return Charts.newColumnChart()
      .setDataTable(table)
      .setTitle('Budget par axe')
      .setDimensions(600, 400)
      .setStacked()
      .setLegendPosition(Charts.Position.BOTTOM)
      .build()
      .getAs('image/png');
  }

  it('chart images are PNG blobs that remember the chart spec', () => {
    const { fake } = setup();
    const blob = chartBlob(fake) as GoogleAppsScript.Base.Blob & { chartSpec: unknown };
    expect(blob.getContentType()).toBe('image/png');
    expect(blob.getBytes().slice(1, 4)).toEqual([80, 78, 71]);
    expect(blob.chartSpec).toEqual({
      type: 'COLUMN',
      title: 'Budget par axe',
      width: 600,
      height: 400,
      columns: [
        { type: 'STRING', label: 'Axe' },
        { type: 'NUMBER', label: 'Montant' },
      ],
      rows: [
        ['Emploi', 1200],
        ['Santé', 800],
      ],
      options: { isStacked: true, 'legend.position': 'BOTTOM' },
    });
    expect(fake.charts).toHaveLength(1);
    const { Charts } = fake.globals;
    expect(() => Charts.newDataTable().addColumn(Charts.ColumnType.NUMBER, 'n').addRow(['x'])).toThrow(
      'NUMBER',
    );
    expect(() => (Charts.newPieChart() as unknown as { setStacked(): void }).setStacked()).toThrow(
      "ChartBuilder.setStacked n'existe pas",
    );
  });

  it('documents record their outline, styles and images', () => {
    const { fake } = setup();
    const { DocumentApp } = fake.globals;
    const doc = DocumentApp.create('Bilan 2024');
    const body = doc.getBody();
    body.appendParagraph('Bilan').setHeading(DocumentApp.ParagraphHeading.TITLE);
    const item = body.appendListItem('Emploi').setGlyphType(DocumentApp.GlyphType.NUMBER);
    item.editAsText().setBold(0, 2, true);
    body.appendTable([
      ['Axe', 'Montant'],
      ['Emploi', '1 200 €'],
    ]);
    body.appendPageBreak();
    const image = body.appendImage(chartBlob(fake));
    expect([image.getWidth(), image.getHeight()]).toEqual([600, 400]);
    const table = body.getTables()[0]!;
    table.getRow(0).editAsText().setBold(true);
    table.getCell(1, 1).setBackgroundColor('#eeeeee');
    doc.saveAndClose();
    expect(fake.documents[0]?.outline()).toEqual([
      { type: 'PARAGRAPH', heading: 'NORMAL', text: '' },
      { type: 'PARAGRAPH', heading: 'TITLE', text: 'Bilan' },
      { type: 'LIST_ITEM', text: 'Emploi' },
      {
        type: 'TABLE',
        rows: [
          ['Axe', 'Montant'],
          ['Emploi', '1 200 €'],
        ],
      },
      { type: 'PAGE_BREAK' },
      { type: 'INLINE_IMAGE' },
    ]);
    const inspected = fake.documents[0]?.inspect() as {
      children: { styles?: unknown; glyphType?: string }[];
    };
    expect(inspected.children[2]).toMatchObject({
      glyphType: 'NUMBER',
      styles: [{ start: 0, end: 2, attribute: 'BOLD', value: true }],
    });
    expect(() => body.appendParagraph('trop tard')).toThrow('Document is closed');
    expect(doc.getUrl()).toMatch(/^https:\/\/docs\.google\.com\/document\/d\/.+\/edit$/);
    expect(() => image.getWidth()).toThrow('Document is closed');
  });

  it('appendTable wants a rectangular string[][]; text offsets are checked', () => {
    const { fake } = setup();
    const body = fake.globals.DocumentApp.create('x').getBody();
    expect(() => body.appendTable([['a', 'b'], ['c']])).toThrow('same number of cells');
    expect(() => body.appendTable([[1 as unknown as string]])).toThrow("don't match the method signature");
    const paragraph = body.appendParagraph('abc');
    expect(() => paragraph.editAsText().setBold(0, 3, true)).toThrow(
      'Index (3) must be less than the content length (3).',
    );
    expect(() => body.removeChild(body.getChild(1))).toThrow("Can't remove the last paragraph");
    const amount = body.appendParagraph('Montant : ').appendText('1 200 €').setBold(true);
    expect(amount.getText()).toBe('1 200 €');
    const inspected = fake.documents[0]!.inspect() as { children: { styles: unknown[] }[] };
    const styles = inspected.children[2]?.styles;
    expect(styles).toEqual([{ start: 10, end: 16, attribute: 'BOLD', value: true }]);
  });
});

describe('the Docs advanced service', () => {
  type Requests = GoogleAppsScript.Docs.Schema.BatchUpdateDocumentRequest;
  const blue = { color: { rgbColor: { red: 0, green: 0, blue: 1 } } };

  /** A saved document: « Bilan », a 2 × 2 table, then « Suite ». */
  function saved(fake: GasFake) {
    const doc = fake.globals.DocumentApp.create('Bilan');
    const body = doc.getBody();
    body.getParagraphs()[0]!.setText('Bilan');
    body.appendTable([
      ['Axe', 'Montant'],
      ['Emploi', '1 200 €'],
    ]);
    body.appendParagraph('Suite');
    const id = doc.getId();
    return { doc, id };
  }

  it('reads the body with the API’s indices: a section break, each paragraph and its newline, the table’s units', () => {
    const { fake } = setup();
    const { doc, id } = saved(fake);
    const { Docs } = fake.globals;
    // DocumentApp's edits reach the API once saved.
    expect(() => Docs.Documents!.get(id)).toThrow('saveAndClose');
    doc.saveAndClose();
    const content = Docs.Documents!.get(id).body!.content!;
    expect(content.map((e) => [e.startIndex, e.endIndex])).toEqual([
      [undefined, 1],
      [1, 7],
      [7, 42],
      [42, 48],
    ]);
    // The table at 7, its first row at 8, its first cell at 9, whose paragraph « Axe\n » is 10–14; the
    // last cell's paragraph ends at 41, the table at 42 (as a 2 × 2 table at 1 has its cells' text at 5, 7, 10, 12).
    const rows = content[2]!.table!.tableRows!;
    expect(rows[0]!.startIndex).toBe(8);
    expect(rows[0]!.tableCells![0]!.content![0]).toMatchObject({ startIndex: 10, endIndex: 14 });
    expect(rows[1]!.tableCells![1]!.content![0]!.paragraph!.elements![0]!.textRun!.content).toBe('1 200 €\n');
    expect(fake.calls.count('Docs.Documents.get')).toBe(2);
  });

  it('applies a batch: text with newlines makes paragraphs of the same style, then styles, bullets and cell backgrounds', () => {
    const { fake } = setup();
    const { doc, id } = saved(fake);
    doc.saveAndClose();
    const { Docs } = fake.globals;
    const requests = [
      { insertText: { location: { index: 47 }, text: '\nun\ndeux' } },
      {
        createParagraphBullets: {
          range: { startIndex: 48, endIndex: 56 },
          bulletPreset: 'BULLET_DISC_CIRCLE_SQUARE',
        },
      },
      {
        updateTextStyle: {
          range: { startIndex: 10, endIndex: 13 },
          textStyle: { bold: true, foregroundColor: blue },
          fields: 'bold,foregroundColor',
        },
      },
      {
        updateTableCellStyle: {
          tableRange: {
            tableCellLocation: { tableStartLocation: { index: 7 }, rowIndex: 0, columnIndex: 0 },
            rowSpan: 1,
            columnSpan: 2,
          },
          tableCellStyle: { backgroundColor: blue },
          fields: 'backgroundColor',
        },
      },
      { pinTableHeaderRows: { tableStartLocation: { index: 7 }, pinnedHeaderRowsCount: 1 } },
      {
        updateParagraphStyle: {
          range: { startIndex: 1, endIndex: 7 },
          paragraphStyle: { namedStyleType: 'HEADING_1' },
          fields: 'namedStyleType',
        },
      },
    ];
    Docs.Documents!.batchUpdate({ requests } as unknown as Requests, id);
    expect(fake.documents[0]!.outline()).toEqual([
      { type: 'PARAGRAPH', heading: 'HEADING1', text: 'Bilan' },
      {
        type: 'TABLE',
        rows: [
          ['Axe', 'Montant'],
          ['Emploi', '1 200 €'],
        ],
      },
      { type: 'PARAGRAPH', heading: 'NORMAL', text: 'Suite' },
      { type: 'LIST_ITEM', text: 'un' },
      { type: 'LIST_ITEM', text: 'deux' },
    ]);
    const inspected = (
      fake.documents[0]!.inspect() as {
        children: { attributes?: unknown; rows?: { cells: { attributes: unknown; styles: unknown }[] }[] }[];
      }
    ).children[1]!;
    expect(inspected.attributes).toEqual({ PINNED_HEADER_ROWS: 1 });
    const table = inspected.rows!;
    expect(table[0]!.cells[0]).toMatchObject({
      attributes: { BACKGROUND_COLOR: '#0000ff' },
      styles: [
        { start: 0, end: 2, attribute: 'BOLD', value: true },
        { start: 0, end: 2, attribute: 'FOREGROUND_COLOR', value: '#0000ff' },
      ],
    });
    expect(table[1]!.cells[0]).toMatchObject({ attributes: {}, styles: [] });
  });

  it('refuses what the API refuses, all or nothing, and says what it does not model', () => {
    const { fake } = setup();
    const { doc, id } = saved(fake);
    doc.saveAndClose();
    const { Docs } = fake.globals;
    const batch =
      (...requests: unknown[]) =>
      () =>
        Docs.Documents!.batchUpdate({ requests } as unknown as Requests, id);
    const heading = {
      updateParagraphStyle: {
        range: { startIndex: 1, endIndex: 7 },
        paragraphStyle: { namedStyleType: 'TITLE' },
        fields: 'namedStyleType',
      },
    };
    // Text goes inside a paragraph, never at a table's start.
    expect(batch(heading, { insertText: { location: { index: 8 }, text: 'x' } })).toThrow(
      'inside the bounds of an existing paragraph',
    );
    expect(fake.documents[0]!.outline()[0]).toEqual({ type: 'PARAGRAPH', heading: 'NORMAL', text: 'Bilan' });
    expect(
      batch({
        updateTextStyle: { range: { startIndex: 3, endIndex: 3 }, textStyle: { bold: true }, fields: 'bold' },
      }),
    ).toThrow('should not be empty');
    expect(
      batch({
        updateTextStyle: { range: { startIndex: 1, endIndex: 3 }, textStyle: { bold: true }, fields: '*' },
      }),
    ).toThrow("n'est pas modélisé");
    expect(batch({ deleteContentRange: { range: { startIndex: 1, endIndex: 3 } } })).toThrow(
      "n'est pas modélisé",
    );
    // Control characters are stripped from inserted text, as the API does.
    batch({ insertText: { location: { index: 6 }, text: '\u0007 2024' } })();
    expect(fake.documents[0]!.outline()[0]).toMatchObject({ text: 'Bilan 2024' });
  });
});

describe('install and node:vm', () => {
  it('install assigns the globals and the returned function restores the previous ones', () => {
    const target: Record<string, unknown> = { Logger: 'before' };
    const fake = createGasFake();
    const uninstall = fake.install(target);
    expect(target.SpreadsheetApp).toBe(fake.globals.SpreadsheetApp);
    uninstall();
    expect(target).toEqual({ Logger: 'before' });
  });

  it('install defaults to globalThis, where adapters find the services', () => {
    const fake = createGasFake();
    const uninstall = fake.install();
    try {
      expect(SpreadsheetApp.getActiveSpreadsheet().getName()).toBe('Pilotage CUCS');
      expect(fake.calls.log).toEqual(['SpreadsheetApp.getActiveSpreadsheet', 'Spreadsheet.getName']);
    } finally {
      uninstall();
    }
    expect('SpreadsheetApp' in globalThis).toBe(false);
  });

  it('createGasVmContext runs script code with that context’s own Date and Error', () => {
    const { fake, context } = createGasVmContext();
    const result = vm.runInContext(
      `const range = SpreadsheetApp.getActiveSheet().getRange('A1');
       range.setValue('12/03/2008');
       let caught;
       try { range.offset(-1, 0); } catch (e) { caught = e; }
       [range.getValue() instanceof Date, caught instanceof Error, caught.message]`,
      context,
    );
    expect(result).toEqual([true, true, 'The starting row of the range is too small.']);
    expect(fake.calls.count('Range.')).toBe(3);
  });
});

describe('what real Sheets may do differently (spreadsheet zone, apostrophe, arrays, locks)', () => {
  it('reads typed dates as midnight in the spreadsheet’s zone and shows dates in it', () => {
    const fake = createGasFake({ timeZone: 'Europe/Paris', spreadsheetTimeZone: 'Indian/Reunion' });
    const ss = fake.globals.SpreadsheetApp.getActiveSpreadsheet();
    expect(ss.getSpreadsheetTimeZone()).toBe('Indian/Reunion');
    expect(fake.globals.Session.getScriptTimeZone()).toBe('Europe/Paris');
    const range = ss.getActiveSheet().getRange('A1');
    range.setValue('01/02/2008');
    expect((range.getValue() as Date).toISOString()).toBe('2008-01-31T20:00:00.000Z');
    expect(range.getDisplayValue()).toBe('01/02/2008');
    range.setValue(new Date('2008-01-31T20:00:00.000Z'));
    expect(range.getDisplayValue()).toBe('01/02/2008');
  });

  it.each([
    ['stripped', 'abc'],
    ['kept', "'abc"],
  ] as const)('takes a leading apostrophe in a @ cell as %s', (reading, stored) => {
    const fake = createGasFake({ plainTextApostrophe: reading });
    const range = fake.globals.SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getRange('A1:B1');
    range.setNumberFormats([['@', 'General']]);
    range.setValues([["'abc", "'abc"]]);
    expect(range.getValues()).toEqual([[stored, 'abc']]);
  });

  it('breaks an array formula written over, as Sheets does', () => {
    const fake = createGasFake();
    const sheet = fake.globals.SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();
    fake.addArrayFormula(sheet.getName(), 'B2', '=ARRAYFORMULA(LEN(A2:A))', [[3], [5]]);
    expect(sheet.getRange('B2:B3').getValues()).toEqual([[3], [5]]);
    expect(sheet.getRange('B3').getFormula()).toBe('');
    sheet.getRange('A2:A3').setValues([['x'], ['y']]);
    expect(sheet.getRange('B2').getValue()).toBe(3);
    sheet.getRange('B3').setValue(5);
    expect(sheet.getRange('B2').getValue()).toBe('#REF!');
  });

  it('answers null for the locks marked unavailable', () => {
    const fake = createGasFake();
    fake.locks.unavailable = ['document'];
    expect(fake.globals.LockService.getDocumentLock()).toBeNull();
    expect(fake.globals.LockService.getScriptLock()).not.toBeNull();
  });
});

describe('protections someone else set bite, as in Sheets', () => {
  const PROTECTED =
    'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

  function protectedSetup(protection: Parameters<GasFake['addProtection']>[1]) {
    const s = setup();
    s.sheet.getRange('A1:C3').setValues([
      ['a', 'b', 'c'],
      [1, 2, 3],
      [4, 5, 6],
    ]);
    s.fake.addProtection('Feuille 1', protection);
    return { ...s, before: s.fake.snapshotSheet('Feuille 1') };
  }

  it.each<
    [
      string,
      (
        sheet: GoogleAppsScript.Spreadsheet.Sheet,
        app: GoogleAppsScript.Spreadsheet.SpreadsheetApp,
      ) => unknown,
    ]
  >([
    ['setValue', (sheet) => sheet.getRange('B2').setValue('x')],
    [
      'setValues across the edge',
      (sheet) =>
        sheet.getRange('C3:D4').setValues([
          [1, 2],
          [3, 4],
        ]),
    ],
    ['setFormula', (sheet) => sheet.getRange('A1').setFormula('=1+1')],
    ['setFormulas', (sheet) => sheet.getRange('A1:A2').setFormulas([['=1'], ['=2']])],
    [
      'setRichTextValue',
      (sheet, app) => sheet.getRange('A1').setRichTextValue(app.newRichTextValue().setText('x').build()),
    ],
    ['setNumberFormat', (sheet) => sheet.getRange('A1:A3').setNumberFormat('@')],
    ['clearContent', (sheet) => sheet.getRange('A1:Z9').clearContent()],
    ['Range.clear', (sheet) => sheet.getRange('B2').clear()],
    ['Sheet.clear', (sheet) => sheet.clear()],
    ['deleteRows', (sheet) => sheet.deleteRows(2, 1)],
  ])('a strict range protection refuses %s and writes nothing', (_, write) => {
    const { fake, sheet, SpreadsheetApp, before } = protectedSetup({
      range: 'A1:C3',
      description: 'Chiffres validés',
    });
    expect(() => write(sheet, SpreadsheetApp)).toThrow(PROTECTED);
    expect(fake.snapshotSheet('Feuille 1')).toEqual(before);
  });

  it('cells outside a protected range, and rows inserted below it, stay writable', () => {
    const { fake, sheet } = protectedSetup({ range: 'A1:C3' });
    sheet.getRange('A4:D4').setValues([['x', 'y', 'z', 't']]);
    sheet.getRange('D1').setValue('à côté');
    sheet.insertRowsAfter(3, 2);
    sheet.appendRow(['fin']);
    expect(fake.spreadsheet.inspect.sheet('Feuille 1').values.slice(3)).toEqual([
      ['', '', '', ''],
      ['', '', '', ''],
      ['x', 'y', 'z', 't'],
      ['fin', '', '', ''],
    ]);
  });

  it('a whole-sheet protection refuses every write and row insertion but in its unprotected ranges', () => {
    const { fake, sheet, before } = protectedSetup({ unprotected: ['E1:E'] });
    expect(() => sheet.appendRow(['x'])).toThrow(PROTECTED);
    expect(() => sheet.insertRowsAfter(3, 1)).toThrow(PROTECTED);
    expect(() => sheet.getRange('D1:E1').setValues([['x', 'y']])).toThrow(PROTECTED);
    expect(fake.snapshotSheet('Feuille 1')).toEqual(before);
    sheet.getRange('E1:E2').setValues([['libre'], ['aussi']]);
    expect(sheet.getRange('E1:E2').getValues()).toEqual([['libre'], ['aussi']]);
  });

  it('warning-only protections and those listing the current user do not block scripts', () => {
    const warned = protectedSetup({ warningOnly: true });
    warned.sheet.getRange('A1').setValue('ok');
    expect(warned.sheet.getRange('A1').getValue()).toBe('ok');
    const editor = protectedSetup({ editors: ['proprietaire@brest.fr', 'agent@brest.fr'] });
    editor.sheet.getRange('A1').setValue('ok');
    expect(editor.sheet.getRange('A1').getValue()).toBe('ok');
  });

  it('the script sees it through Protection: strict, not editable, the owner among its editors', () => {
    const { sheet, SpreadsheetApp } = protectedSetup({ description: 'Verrou' });
    const [protection] = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET);
    expect(protection?.getDescription()).toBe('Verrou');
    expect(protection?.isWarningOnly()).toBe(false);
    expect(protection?.canEdit()).toBe(false);
    expect(protection?.getEditors().map((u) => u.getEmail())).toEqual(['proprietaire@brest.fr']);
  });
});
