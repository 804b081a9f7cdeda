/**
 * PlanCheck's report window (report-window.html): the Office dialog the pane opens in Excel on a
 * Mac, where a page cannot save a file (src/taskpane/reportWindow.ts). It tells the pane it is
 * ready, puts the evidence report together from the parts the pane sends (Dialog.messageChild),
 * shows it in a sandboxed frame (the report's own page: no script runs in it) and copies it for
 * the user to paste into a document or an email. It asks nothing of anywhere.
 */
import { ReportAssembly } from './reportWindow';

function element<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

/** Copies the report as formatted text (and plain text); false where the web view refuses. */
async function copy(html: string): Promise<boolean> {
  try {
    const text = new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';
    if (typeof ClipboardItem !== 'undefined' && navigator.clipboard?.write) {
      await navigator.clipboard.write([
        new ClipboardItem({
          'text/html': new Blob([html], { type: 'text/html' }),
          'text/plain': new Blob([text], { type: 'text/plain' }),
        }),
      ]);
    } else {
      await navigator.clipboard.writeText(text);
    }
    return true;
  } catch {
    return false;
  }
}

function show(report: { fileName: string; html: string }): void {
  document.title = `PlanCheck evidence: ${report.fileName}`;
  element('about').textContent = `The evidence report “${report.fileName}”.`;
  element<HTMLIFrameElement>('report').srcdoc = report.html;
  const button = element<HTMLButtonElement>('copy');
  const said = element('said');
  said.textContent = '';
  button.disabled = false;
  button.onclick = async () => {
    said.textContent = (await copy(report.html))
      ? 'Copied. Paste it into a Word document or an email to keep it.'
      : 'Excel did not let PlanCheck copy it: click in the report, press ⌘A to select it all, then ⌘C to copy it.';
  };
}

Office.onReady(() => {
  const ui = Office.context.ui;
  const assembly = new ReportAssembly();
  element<HTMLButtonElement>('close').onclick = () => ui.messageParent(JSON.stringify({ type: 'close' }));
  ui.addHandlerAsync(
    Office.EventType.DialogParentMessageReceived,
    (arg: Office.DialogParentMessageReceivedEventArgs) => {
      const report = assembly.add(arg.message);
      if (report) show(report);
    },
    // Ready once the handler is in place: the pane sends the report then, not before.
    () => ui.messageParent(JSON.stringify({ type: 'ready' })),
  );
});
