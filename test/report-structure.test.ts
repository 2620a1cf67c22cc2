/**
 * The demo's annual report as a screen reader walks it in Word or LibreOffice: headings that never skip
 * a level, every table's header row marked (repeated, announced as headers), every chart described by
 * alternative text. The HTML preview gets the same checks in Chromium (test/browser/accessibility.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../src/local/cli';
import { captureContext, tempDir, zipText } from './local-helpers';
import { skippedHeadingLevels } from './support/outline';

jest.setTimeout(120_000);

describe('the demo report as a Word document', () => {
  const { dir, cleanup } = tempDir('structure');
  afterAll(cleanup);
  let xml = '';

  beforeAll(async () => {
    const ctx = captureContext(dir, new Date(2009, 0, 20, 10, 0));
    if ((await runCli(['demo', 'demo'], ctx)) !== 0) throw new Error(`demo failed: ${ctx.err()}`);
    xml = zipText(readFileSync(join(dir, 'demo', 'rapport-annuel-2008.docx')), 'word/document.xml');
  });

  it('has one title, then headings in order, never skipping a level', () => {
    const styles = [...xml.matchAll(/<w:pStyle w:val="(Title|Heading(\d))"\/>/g)];
    expect(styles[0]?.[1]).toBe('Title');
    const levels = styles.map((m) => (m[1] === 'Title' ? 1 : Number(m[2]) + 1));
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    expect(levels.length).toBeGreaterThan(20);
    expect(skippedHeadingLevels(levels)).toEqual([]);
  });

  it('marks the first row of every table as its header row', () => {
    const tables = xml.split('<w:tbl>').slice(1);
    expect(tables.length).toBeGreaterThan(10);
    const firstRows = tables.map((t) => t.slice(t.indexOf('<w:tr'), t.indexOf('</w:tr>')));
    expect(firstRows.filter((row) => !row.includes('<w:tblHeader/>'))).toEqual([]);
  });

  it('describes every image (the charts) with alternative text', () => {
    const images = [...xml.matchAll(/<wp:docPr [^>]*>/g)].map((m) => m[0]);
    expect(images.length).toBeGreaterThanOrEqual(3);
    expect(images.filter((tag) => !/descr="[^"]{10,}"/.test(tag))).toEqual([]);
  });
});
