/** Hands the user a file made in the page (a changed workbook, an evidence report): nothing is uploaded. */
export function downloadFile(fileName: string, content: Uint8Array | string, type: string): void {
  const part = typeof content === 'string' ? content : (content as Uint8Array<ArrayBuffer>);
  const url = URL.createObjectURL(new Blob([part], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

declare const __PLANCHECK_VERSION__: string | undefined;

/** PlanCheck's version, set by the build (package.json); "dev" where the code runs unbuilt. */
export const PLANCHECK_VERSION: string = typeof __PLANCHECK_VERSION__ === 'string' ? __PLANCHECK_VERSION__ : 'dev';
