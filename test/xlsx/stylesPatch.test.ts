/**
 * The styles part of a copy: a cell given the house font and borders gets a new font and a new
 * border appended, the workbook's own fonts, borders and cell formats keep their indexes, and a
 * theme font (scheme="minor", which Excel shows whatever the name says) gives way to the new name.
 */
import { StylesPatch } from '../../src/xlsx/patch/styles';

const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '</styleSheet>';

function section(xml: string, name: string): string {
  const m = new RegExp(`<${name}\\b[\\s\\S]*?</${name}>`).exec(xml);
  if (!m) throw new Error(`no <${name}> in the styles part`);
  return m[0];
}

describe('the styles part, for a cell in the house style', () => {
  test('a navy heading in white bold Arial 10 with thin borders: one new font, one new border, one new format', () => {
    const styles = new StylesPatch(STYLES);
    const delta = {
      fill: { pattern: 'solid', fg: { rgb: 'FF1F3864' } },
      bold: true,
      fontName: 'Arial',
      fontSize: 10,
      fontColor: { rgb: 'FFFFFFFF' },
      border: { top: { style: 'thin' }, bottom: { style: 'thin', color: { rgb: 'FF000000' } } },
    };
    const xf = styles.xf(0, delta);
    expect(xf).toBe(1);
    // The same look again is the same format, not another one.
    expect(styles.xf(0, delta)).toBe(1);
    const xml = styles.toXml();

    const fonts = section(xml, 'fonts');
    expect(fonts).toContain('count="2"');
    expect(fonts).toContain('<font><b/><sz val="10"/><color rgb="FFFFFFFF"/><name val="Arial"/></font>');
    // The workbook's own font is still first, as it was.
    expect(fonts).toContain(
      '<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>',
    );

    const borders = section(xml, 'borders');
    expect(borders).toContain('count="2"');
    expect(borders).toContain(
      '<border><left/><right/><top style="thin"/><bottom style="thin"><color rgb="FF000000"/></bottom><diagonal/></border>',
    );

    const cellXfs = section(xml, 'cellXfs');
    expect(cellXfs).toContain('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>');
    expect(cellXfs).toMatch(
      /<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0"[^>]*applyFill="1"[^>]*applyFont="1"[^>]*applyBorder="1"/,
    );
  });
});
