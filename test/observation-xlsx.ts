// The INSEE-like fixture of the import tests as an .xlsx, made by exceljs for the tests that pick one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import type { CellValue } from '../src/core/cells';
import { csvSheet } from '../src/files/csv';

const FIXTURE = join(__dirname, 'fixtures', 'observation', 'insee-large-cp1252.csv');

/** The INSEE-like fixture as INSEE publishes it in .xlsx: numbers as numbers, codes and marks as text. */
export async function wideXlsx(): Promise<Buffer> {
  const { grid } = csvSheet(readFileSync(FIXTURE)).sheet;
  const workbook = new Workbook();
  workbook.addWorksheet('Données').addRows(
    grid.map((row) =>
      row.map((cell, c): CellValue => {
        const text = String(cell);
        return c > 1 && /^-?\d+(,\d+)?$/.test(text) ? Number(text.replace(',', '.')) : text;
      }),
    ),
  );
  workbook.addWorksheet('Variables').addRows([
    ['VAR_ID', 'VAR_LIB'],
    ['TX_CHOM', 'Taux de chômage des 15-64 ans'],
    ['P06_MEN', 'Nombre de ménages'],
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
