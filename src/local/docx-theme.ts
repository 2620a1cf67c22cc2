/**
 * The report's look in Word: an A4 page with 2 cm margins, the fonts and colours, and the paragraph
 * styles (Heading 1–3, captions, table text, the boxed warning) that the document and its tables use.
 */
import { AlignmentType, BorderStyle, LineRuleType, ShadingType } from 'docx';

export const FONT = 'Arial';
export const INK = '1F2A44';
export const ACCENT = '1F4E79';
export const MUTED = '5F6368';
export const RULE = 'BFC7D5';
/** A4 with 2 cm margins: the text is 17 cm wide. */
export const PAGE = { width: 11906, height: 16838, margin: 1134 };
export const TEXT_WIDTH_TWIPS = PAGE.width - 2 * PAGE.margin;
/** The text width in pixels at 96 dpi, for chart images. */
export const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH_TWIPS / 1440) * 96);

export const STYLES = {
  default: {
    document: {
      run: { font: FONT, size: 20, color: INK },
      paragraph: { spacing: { after: 100, line: 276, lineRule: LineRuleType.AUTO } },
    },
    title: {
      run: { font: FONT, size: 52, bold: true, color: ACCENT },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 3600, after: 360 } },
    },
    heading1: {
      run: { font: FONT, size: 32, bold: true, color: ACCENT },
      paragraph: {
        spacing: { before: 240, after: 160 },
        keepNext: true,
        border: { bottom: { style: BorderStyle.SINGLE, size: 8, color: ACCENT, space: 4 } },
      },
    },
    heading2: {
      run: { font: FONT, size: 26, bold: true, color: ACCENT },
      paragraph: { spacing: { before: 280, after: 120 }, keepNext: true },
    },
    heading3: {
      run: { font: FONT, size: 22, bold: true, color: INK },
      paragraph: { spacing: { before: 200, after: 80 }, keepNext: true },
    },
    caption: {
      run: { font: FONT, size: 17, italics: true, color: MUTED },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 240 } },
    },
  },
  paragraphStyles: [
    {
      id: 'Subtitle',
      name: 'Subtitle',
      basedOn: 'Normal',
      next: 'Normal',
      run: { font: FONT, size: 30, color: MUTED },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 240 } },
    },
    {
      id: 'ContentsTitle',
      name: 'Contents Title',
      basedOn: 'Normal',
      next: 'Normal',
      run: { font: FONT, size: 32, bold: true, color: ACCENT },
      paragraph: { spacing: { after: 240 } },
    },
    {
      id: 'TableText',
      name: 'Table Text',
      basedOn: 'Normal',
      run: { size: 17 },
      paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
    },
    {
      id: 'AfterTable',
      name: 'After Table',
      basedOn: 'Normal',
      run: { size: 8 },
      paragraph: { spacing: { before: 0, after: 120, line: 240, lineRule: LineRuleType.AUTO } },
    },
    {
      id: 'Warning',
      name: 'Warning',
      basedOn: 'Normal',
      paragraph: {
        spacing: { before: 120, after: 160 },
        shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'FFF4E0' },
        border: { left: { style: BorderStyle.SINGLE, size: 24, color: 'E39B2D', space: 8 } },
        indent: { left: 160, right: 160 },
      },
    },
  ],
};
