/**
 * manifest.xml is checked here, offline, so that a mistake fails the tests instead of Excel quietly
 * refusing to load the add-in: schema validity, what PlanCheck asks of Office (ExcelApi 1.9,
 * ReadWriteDocument, the Home tab button), and that every icon it names is a real PNG in assets/ at
 * the size Office expects.
 *
 * The schemas are Microsoft's files, kept outside the repository (../shared, or the folder
 * PLANCHECK_MANIFEST_SCHEMAS names: scripts/manifestSchemas.ts). Where they are not found, the
 * schema tests are skipped and their names say why; PLANCHECK_REQUIRE_SCHEMAS=1 (set by CI) turns
 * that into a failure. The project's own checks of the manifest run everywhere.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

import { findManifestSchemas, validateManifest } from '../../scripts/manifestSchemas';

const ROOT = path.resolve(__dirname, '../..');
const DEV_URL = 'https://localhost:3000/';
const MANIFEST = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
const SCHEMAS = findManifestSchemas();
const REQUIRED = process.env.PLANCHECK_REQUIRE_SCHEMAS === '1';

async function validate(xml: string) {
  if (!SCHEMAS.found) throw new Error(SCHEMAS.reason);
  return validateManifest(xml, SCHEMAS.dir);
}

interface Tag {
  name: string;
  attrs: Record<string, string>;
  text: string;
}

/** Elements in document order with their attributes and (for leaf elements) text; enough for our own manifest. */
function tags(xml: string): Tag[] {
  const body = xml.replace(/<!--[\s\S]*?-->/g, '');
  const found: Tag[] = [];
  const tagPattern = /<([A-Za-z][\w:.]*)((?:\s+[\w:.]+\s*=\s*"[^"]*")*)\s*(\/?)>([^<]*)/g;
  for (const m of body.matchAll(tagPattern)) {
    const attrs: Record<string, string> = {};
    for (const a of m[2].matchAll(/([\w:.]+)\s*=\s*"([^"]*)"/g)) attrs[a[1]] = a[2];
    found.push({ name: m[1], attrs, text: m[3] ? '' : m[4].trim() });
  }
  return found;
}

function only(all: Tag[], name: string): Tag {
  const matches = all.filter((t) => t.name === name);
  expect(matches).toHaveLength(1);
  return matches[0];
}

/** Width and height from a PNG's IHDR chunk, or an error if the file is not a PNG. */
function pngSize(file: string): { width: number; height: number } {
  const head = fs.readFileSync(file).subarray(0, 24);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!head.subarray(0, 8).equals(signature) || head.toString('ascii', 12, 16) !== 'IHDR') {
    throw new Error(`${path.basename(file)} is not a PNG`);
  }
  return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
}

/**
 * Every icon the manifest names, with the square size Office shows it at: IconUrl 32 px,
 * HighResolutionIconUrl 64 px (task pane add-ins), and each ribbon image at the sizes its
 * <bt:Image size=".." resid=".."> references ask for.
 */
function iconExpectations(xml: string): { url: string; size: number; where: string }[] {
  const all = tags(xml);
  const out: { url: string; size: number; where: string }[] = [];
  for (const t of all) {
    if (t.name === 'IconUrl') out.push({ url: t.attrs.DefaultValue, size: 32, where: 'IconUrl' });
    if (t.name === 'HighResolutionIconUrl') {
      out.push({ url: t.attrs.DefaultValue, size: 64, where: 'HighResolutionIconUrl' });
    }
  }
  const imageUrls = new Map<string, string>();
  for (const t of all) if (t.name === 'bt:Image' && t.attrs.id) imageUrls.set(t.attrs.id, t.attrs.DefaultValue);
  for (const t of all) {
    if (t.name === 'bt:Image' && t.attrs.resid) {
      const url = imageUrls.get(t.attrs.resid);
      if (url === undefined) throw new Error(`image resource ${t.attrs.resid} is referenced but not defined`);
      out.push({ url, size: Number(t.attrs.size), where: `bt:Image size=${t.attrs.size} resid=${t.attrs.resid}` });
    }
  }
  return out;
}

/** Problems with the icons: a URL outside assets/, a missing file, or a file of the wrong size. */
function iconProblems(xml: string): string[] {
  const problems: string[] = [];
  for (const { url, size, where } of iconExpectations(xml)) {
    const prefix = `${DEV_URL}assets/`;
    if (!url.startsWith(prefix)) {
      problems.push(`${where}: ${url} is not under ${prefix}`);
      continue;
    }
    const file = path.join(ROOT, 'assets', url.slice(prefix.length));
    if (!fs.existsSync(file)) {
      problems.push(`${where}: ${url} has no file in assets/`);
      continue;
    }
    const { width, height } = pngSize(file);
    if (width !== size || height !== size) problems.push(`${where}: ${url} is ${width}x${height}, not ${size}x${size}`);
  }
  return problems;
}

describe('manifest.xml against the schemas', () => {
  if (!SCHEMAS.found && REQUIRED) {
    it('finds the schemas (PLANCHECK_REQUIRE_SCHEMAS=1)', () => {
      throw new Error(SCHEMAS.reason);
    });
  }
  if (!SCHEMAS.found && !REQUIRED) console.warn(`Manifest schema tests skipped: ${SCHEMAS.reason}`);
  // Where the schemas are missing, the skipped tests' names carry the reason into jest's report.
  const schemaTest = SCHEMAS.found ? it : it.skip;
  const because = SCHEMAS.found ? '' : ` (skipped: ${SCHEMAS.reason})`;

  schemaTest(`is valid against the Office add-in manifest schemas${because}`, async () => {
    const result = await validate(MANIFEST);
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  schemaTest.each([
    ['without its required <Permissions>', (xml: string) => xml.replace(/<Permissions>[^<]*<\/Permissions>/, '')],
    [
      'with <IconUrl> after <SupportUrl>',
      (xml: string) => xml.replace(/(<IconUrl [^>]*\/>)([\s\S]*?<SupportUrl [^>]*\/>)/, '$2$1'),
    ],
    ['with a misspelt permission', (xml: string) => xml.replace('>ReadWriteDocument<', '>ReadWriteDocuments<')],
  ])(`fails validation %s${because}`, async (_label, breakIt) => {
    const broken = breakIt(MANIFEST);
    expect(broken).not.toBe(MANIFEST);
    const result = await validate(broken);
    expect(result.valid).toBe(false);
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors[0].loc?.lineNumber).toBeGreaterThan(0);
  });
});

describe('manifest.xml', () => {
  const all = tags(MANIFEST);

  it('is a task pane add-in for Excel workbooks, named PlanCheck, opening taskpane.html', () => {
    expect(only(all, 'OfficeApp').attrs['xsi:type']).toBe('TaskPaneApp');
    expect(only(all, 'Id').text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(only(all, 'ProviderName').text).toBe('PlanCheck');
    expect(only(all, 'DisplayName').attrs.DefaultValue).toBe('PlanCheck');
    expect(all.filter((t) => t.name === 'Host').map((t) => t.attrs.Name ?? t.attrs['xsi:type'])).toEqual([
      'Workbook',
      'Workbook',
    ]);
    const defaultSource = all[all.findIndex((t) => t.name === 'DefaultSettings') + 1];
    expect(defaultSource).toEqual(expect.objectContaining({ name: 'SourceLocation' }));
    expect(defaultSource.attrs.DefaultValue).toBe(`${DEV_URL}taskpane.html`);
  });

  it('requires ExcelApi 1.9 and nothing else, and asks for ReadWriteDocument', () => {
    const sets = all.filter((t) => t.name === 'Set').map((t) => t.attrs);
    expect(sets).toEqual([{ Name: 'ExcelApi', MinVersion: '1.9' }]);
    expect(only(all, 'Permissions').text).toBe('ReadWriteDocument');
    // The reason for 1.9 is written next to it, so nobody lowers it without reading why.
    expect(MANIFEST).toMatch(
      /getCellProperties[\s\S]*setCellProperties[\s\S]*<Set Name="ExcelApi" MinVersion="1.9"\/>/,
    );
  });

  it('puts a "Check plan" button on the Home tab, in a PlanCheck group, that opens the task pane', () => {
    const strings = new Map(all.filter((t) => t.name === 'bt:String').map((t) => [t.attrs.id, t.attrs.DefaultValue]));
    const urls = new Map(all.filter((t) => t.name === 'bt:Url').map((t) => [t.attrs.id, t.attrs.DefaultValue]));
    expect(only(all, 'OfficeTab').attrs.id).toBe('TabHome');
    const group = all.findIndex((t) => t.name === 'Group');
    expect(strings.get(all[group + 1].attrs.resid)).toBe('PlanCheck');
    const button = only(all, 'Control');
    expect(button.attrs['xsi:type']).toBe('Button');
    const buttonLabel = all[all.indexOf(button) + 1];
    expect(buttonLabel.name).toBe('Label');
    expect(strings.get(buttonLabel.attrs.resid)).toBe('Check plan');
    expect(only(all, 'Action').attrs['xsi:type']).toBe('ShowTaskpane');
    const actionSource = all[all.findIndex((t) => t.name === 'TaskpaneId') + 1];
    expect(urls.get(actionSource.attrs.resid)).toBe(`${DEV_URL}taskpane.html`);
    expect(urls.get(only(all, 'FunctionFile').attrs.resid)).toBe(`${DEV_URL}commands.html`);
  });

  it('defines every resource it refers to', () => {
    const defined = new Set(all.filter((t) => t.name.startsWith('bt:') && t.attrs.id).map((t) => t.attrs.id));
    const referenced = all.filter((t) => t.attrs.resid).map((t) => t.attrs.resid);
    expect(referenced.length).toBeGreaterThan(10);
    expect(referenced.filter((id) => !defined.has(id))).toEqual([]);
  });

  it('names icons that exist in assets/ at the pixel size Office asks for (16, 32 and 80 on the ribbon)', () => {
    const icons = iconExpectations(MANIFEST);
    const ribbonSizes = new Set(icons.filter((i) => i.where.startsWith('bt:Image')).map((i) => i.size));
    expect([...ribbonSizes].sort((a, b) => a - b)).toEqual([16, 32, 80]);
    expect(iconProblems(MANIFEST)).toEqual([]);
  });

  it('notices an icon of the wrong size or a missing icon file', () => {
    // Icon.80 is used twice (the group and the button), so each use is reported.
    const wrongSize = iconProblems(MANIFEST.replace('assets/icon-80.png', 'assets/icon-64.png'));
    expect(wrongSize).toEqual([
      expect.stringMatching(/resid=Icon\.80: .*icon-64\.png is 64x64, not 80x80/),
      expect.stringMatching(/resid=Icon\.80: .*icon-64\.png is 64x64, not 80x80/),
    ]);
    const missing = iconProblems(MANIFEST.replace('assets/icon-16.png', 'assets/icon-15.png'));
    expect(missing).toHaveLength(2);
    expect(missing.every((p) => /icon-15\.png has no file in assets/.test(p))).toBe(true);
    const highRes = iconProblems(MANIFEST.replace('assets/icon-64.png', 'assets/icon-128.png'));
    expect(highRes).toEqual([expect.stringMatching(/^HighResolutionIconUrl: .*is 128x128, not 64x64/)]);
  });

  it('has every icon size the product ships as a PNG of that size (16, 32, 64, 80, 128)', () => {
    for (const size of [16, 32, 64, 80, 128]) {
      expect(pngSize(path.join(ROOT, 'assets', `icon-${size}.png`))).toEqual({ width: size, height: size });
    }
  });

  it('points every https URL at https://localhost:3000/, which the production build switches', () => {
    const urls = [...MANIFEST.matchAll(/"(https?:\/\/[^"]+)"/g)].map((m) => m[1]);
    // Namespace names are identifiers, not addresses the add-in loads.
    const addresses = urls.filter(
      (u) => !u.startsWith('http://schemas.microsoft.com/') && !u.startsWith('http://www.w3.org/'),
    );
    expect(addresses.length).toBeGreaterThan(5);
    expect(addresses.filter((u) => !u.startsWith(DEV_URL))).toEqual([]);
  });
});

describe('where the manifest schemas are looked for', () => {
  it('takes the folder PLANCHECK_MANIFEST_SCHEMAS names, and says where it looked when they are not there', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'plancheck-noschemas-'));
    try {
      const missing = findManifestSchemas({ PLANCHECK_MANIFEST_SCHEMAS: empty });
      expect(missing.found).toBe(false);
      if (!missing.found) {
        expect(missing.reason).toContain(empty);
        expect(missing.reason).toContain('PLANCHECK_MANIFEST_SCHEMAS');
        expect(missing.reason).toContain('OfficeAppManifestV1_1.xsd');
      }
      fs.writeFileSync(path.join(empty, 'OfficeAppManifestV1_1.xsd'), '<xs:schema/>');
      expect(findManifestSchemas({ PLANCHECK_MANIFEST_SCHEMAS: empty })).toEqual({ found: true, dir: empty });
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
