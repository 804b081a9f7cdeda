/**
 * Defined names: the workbook's global names as exceljs holds them, and the edits to the workbook
 * part's <definedNames> for those PlanCheck added, changed or removed.
 */
import type ExcelJS from 'exceljs';

import { attr, child, children, esc, type rootElement } from './xml';

export function workbookNames(workbook: ExcelJS.Workbook): ExcelJS.DefinedNamesModel {
  return (workbook.definedNames as unknown as { model: ExcelJS.DefinedNamesModel }).model ?? [];
}

type NameModel = ExcelJS.DefinedNamesModel[number] & { localSheetId?: number };

/** Edits to the workbook part's definedNames for the global names PlanCheck added, changed or removed. */
export function nameEdits(
  xml: string,
  root: ReturnType<typeof rootElement>,
  p: string,
  before: ExcelJS.DefinedNamesModel,
  after: ExcelJS.DefinedNamesModel,
): { from: number; to: number; text: string }[] {
  const key = (n: NameModel) => `${n.localSheetId ?? ''}|${n.name}`;
  const was = new Map((before as NameModel[]).map((n) => [key(n), n]));
  const now = new Map((after as NameModel[]).map((n) => [key(n), n]));
  const changed = new Set<string>();
  for (const [k, n] of now) if (JSON.stringify(was.get(k)) !== JSON.stringify(n)) changed.add(k);
  for (const k of was.keys()) if (!now.has(k)) changed.add(k);
  if (changed.size === 0) return [];
  const added = [...changed]
    .filter((k) => now.has(k))
    .map((k) => {
      const n = now.get(k)!;
      const local = n.localSheetId === undefined ? '' : ` localSheetId="${n.localSheetId}"`;
      return `<${p}definedName name="${esc(n.name)}"${local}>${esc(n.ranges.join(','))}</${p}definedName>`;
    })
    .join('');
  const el = child(xml, root, 'definedNames');
  if (!el) {
    const after = ['sheets', 'functionGroups', 'externalReferences']
      .map((n) => child(xml, root, n))
      .filter((e) => e !== undefined)
      .reduce((a, e) => Math.max(a, e!.end), 0);
    return added ? [{ from: after, to: after, text: `<${p}definedNames>${added}</${p}definedNames>` }] : [];
  }
  const edits = children(xml, el.inner[0], el.inner[1])
    .filter((c) => {
      const local = attr(c.tag, 'localSheetId');
      return changed.has(`${local ?? ''}|${attr(c.tag, 'name')}`);
    })
    .map((c) => ({ from: c.start, to: c.end, text: '' }));
  edits.push({ from: el.inner[1], to: el.inner[1], text: added });
  return edits;
}
