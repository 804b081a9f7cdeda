/**
 * manifest.xml against the Office add-in manifest schemas (XSDs), offline.
 *
 * The schemas are Microsoft's files and the project carries no copy of them. They are looked for in
 * the folder PLANCHECK_MANIFEST_SCHEMAS names, then in ../shared/schemas/office-addin-manifest beside
 * the repository (where the team's machines and CI keep them). Where neither holds them, the schema
 * test is skipped with the reason, and `npm run validate:offline` says where to get them.
 *
 *   npm run validate:offline            manifest.xml
 *   npm run validate:offline -- FILE    another manifest
 *
 * Exit status: 0 valid, 1 not valid (each error with its line), 2 the schemas were not found.
 */
import fs from 'fs';
import path from 'path';
import { validateXML, type XMLValidationResult } from 'xmllint-wasm';

export const ENTRY_SCHEMA = 'OfficeAppManifestV1_1.xsd';
export const SCHEMAS_ENV = 'PLANCHECK_MANIFEST_SCHEMAS';
const ROOT = path.resolve(__dirname, '..');
const BESIDE_REPO = path.resolve(ROOT, '..', 'shared', 'schemas', 'office-addin-manifest');

export type SchemaLookup = { found: true; dir: string } | { found: false; reason: string };

/** Where the schemas are, or a sentence saying where they were looked for. */
export function findManifestSchemas(env: NodeJS.ProcessEnv = process.env): SchemaLookup {
  const named = env[SCHEMAS_ENV];
  const places = named ? [path.resolve(named)] : [BESIDE_REPO];
  for (const dir of places) {
    if (fs.existsSync(path.join(dir, ENTRY_SCHEMA))) return { found: true, dir };
  }
  const where = named ? `${places[0]} (named by ${SCHEMAS_ENV})` : `${BESIDE_REPO}`;
  return {
    found: false,
    reason:
      `the Office add-in manifest schemas (${ENTRY_SCHEMA} and the XSDs it imports) are not in ${where}; ` +
      `put them there, or set ${SCHEMAS_ENV} to their folder. Microsoft publishes them in the ` +
      `[MS-OWEMXML] specification (Office Add-ins manifest file format).`,
  };
}

/** Validates a manifest's XML against the schemas in `dir`. */
export async function validateManifest(xml: string, dir: string): Promise<XMLValidationResult> {
  const xsd = (name: string) => ({ fileName: name, contents: fs.readFileSync(path.join(dir, name), 'utf8') });
  const imported = fs.readdirSync(dir).filter((f) => f.endsWith('.xsd') && f !== ENTRY_SCHEMA);
  return validateXML({
    xml: [{ fileName: 'manifest.xml', contents: xml }],
    schema: [xsd(ENTRY_SCHEMA)],
    preload: imported.map(xsd), // the entry schema imports these from its own folder
  });
}

async function main(): Promise<number> {
  const file = path.resolve(process.argv[2] ?? path.join(ROOT, 'manifest.xml'));
  const schemas = findManifestSchemas();
  if (!schemas.found) {
    console.error(`Cannot validate ${path.basename(file)} offline: ${schemas.reason}`);
    return 2;
  }
  let xml: string;
  try {
    xml = fs.readFileSync(file, 'utf8');
  } catch {
    console.error(`Cannot read ${file}.`);
    return 2;
  }
  const result = await validateManifest(xml, schemas.dir);
  if (result.valid) {
    console.log(`${path.basename(file)} is valid against the Office add-in manifest schemas in ${schemas.dir}.`);
    return 0;
  }
  console.error(`${path.basename(file)} is not valid against the Office add-in manifest schemas:`);
  for (const e of result.errors) console.error(`  line ${e.loc?.lineNumber ?? '?'}: ${e.message.trim()}`);
  return 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`Could not validate the manifest: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(2);
    },
  );
}
