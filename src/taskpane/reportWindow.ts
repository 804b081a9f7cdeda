/**
 * Giving the user the evidence report, where the host lets a page hand over a file.
 *
 * The pane downloads it (<a download>, src/taskpane/download.ts) everywhere but Excel on a Mac,
 * whose web view (WKWebView) ignores such links without a word: no file, no error
 * (OfficeDev/office-js issues 2700, 3385, 4681; window.print() does nothing there either). There
 * the report opens in a PlanCheck window instead: an Office dialog showing report-window.html
 * from the add-in's own site (src/taskpane/reportWindowPage.ts), which tells the pane it is ready
 * (messageParent) and is then sent the report's HTML in parts (Dialog.messageChild, DialogApi
 * 1.2). From that window the user copies the report into a document or an email. Nothing leaves
 * the machine: the page comes from where the pane came from, and the report goes from the pane to
 * the window through Office.
 *
 * This module is shared with the browser page (through ValidateView), which never loads
 * office.js: it reaches Office only through officeHere(), and does nothing Office-only without it.
 */
import { downloadFile } from './download';
import type { Status } from './pane';

/** The window's page, beside taskpane.html (webpack.config.js builds it). */
export const REPORT_WINDOW_PAGE = 'report-window.html';
/** Characters of HTML per message to the window: a long report goes in parts, whatever Office's limit. */
export const PART_CHARS = 30_000;

/** The few parts of office.js used here, so tests can stand in for them. */
export interface DialogLike {
  addEventHandler(type: unknown, handler: (arg: { message?: string; error?: number }) => void): void;
  messageChild(message: string): void;
  close(): void;
}
export interface OfficeLike {
  context?: {
    platform?: unknown;
    requirements?: { isSetSupported(name: string, version?: string): boolean };
    ui?: {
      displayDialogAsync(
        url: string,
        options: { height: number; width: number },
        callback: (result: { status: unknown; value: DialogLike; error?: { code?: number; message?: string } }) => void,
      ): void;
    };
  };
  PlatformType?: { Mac?: unknown };
  EventType?: { DialogMessageReceived?: unknown; DialogEventReceived?: unknown };
  AsyncResultStatus?: { Succeeded?: unknown };
}

/** office.js where it is loaded (Excel's pane), undefined elsewhere (the browser page, Node). */
export function officeHere(): OfficeLike | undefined {
  return typeof Office === 'undefined' ? undefined : (Office as unknown as OfficeLike);
}

/** Whether the pane runs in Excel on a Mac, whose web view cannot save a file; false without office.js. */
export function inExcelOnMac(office: OfficeLike | undefined = officeHere()): boolean {
  try {
    const platform = office?.context?.platform;
    return platform !== undefined && platform === (office?.PlatformType?.Mac ?? 'Mac');
  } catch {
    return false;
  }
}

/** One message from the pane to the window: a part of a report. */
interface ReportPart {
  type: 'report';
  fileName: string;
  part: number;
  parts: number;
  text: string;
}

/** The messages that carry a report to the window, in order. */
export function reportParts(fileName: string, html: string, size = PART_CHARS): string[] {
  const parts = Math.max(1, Math.ceil(html.length / size));
  return Array.from({ length: parts }, (_, part) =>
    JSON.stringify({ type: 'report', fileName, part, parts, text: html.slice(part * size, (part + 1) * size) }),
  );
}

/** The window's side: puts a report together from its parts; a new report's first part starts afresh. */
export class ReportAssembly {
  private got: string[] = [];
  private name = '';

  /** Takes one message; the whole report once its last part is in, else null. */
  add(message: string): { fileName: string; html: string } | null {
    let m: ReportPart;
    try {
      m = JSON.parse(message) as ReportPart;
    } catch {
      return null;
    }
    if (m?.type !== 'report' || typeof m.text !== 'string') return null;
    if (m.part === 0 || m.fileName !== this.name) this.got = [];
    this.name = m.fileName;
    this.got[m.part] = m.text;
    if (this.got.filter((t) => t !== undefined).length < m.parts) return null;
    const html = this.got.join('');
    this.got = [];
    return { fileName: m.fileName, html };
  }
}

/** Dialog errors Office reports (Office dialog API): 12006 is the user closing the window. */
const CLOSED = 12006;
const WHY: Record<number, string> = {
  12002: 'its page could not be loaded',
  12004: 'its page is not on the add-in’s own site',
  12005: 'its page is not served over HTTPS',
  12007: 'another PlanCheck window is already open: close it and try again',
};

/** The PlanCheck window the pane shows reports in: opened once, sent each new report. */
export class ReportWindow {
  private open: { dialog: DialogLike; ready: boolean; waiting: string[] } | null = null;
  private problem: (sentence: string) => void = () => undefined;

  constructor(
    private readonly office: OfficeLike,
    private readonly pageUrl: string,
  ) {}

  /** Whether the window is open. */
  isOpen(): boolean {
    return this.open !== null;
  }

  /**
   * Shows the report in the window, opening it first if need be; resolves once the window is open
   * (the report follows as soon as its page is ready), rejects with a sentence saying why not.
   * Trouble after that (the page failing to load) is told to onProblem.
   */
  show(fileName: string, html: string, onProblem?: (sentence: string) => void): Promise<void> {
    if (onProblem) this.problem = onProblem;
    const parts = reportParts(fileName, html);
    if (this.open) {
      if (this.open.ready) this.send(parts);
      else this.open.waiting = parts;
      return Promise.resolve();
    }
    const ui = this.office.context?.ui;
    const canMessage = this.office.context?.requirements?.isSetSupported('DialogApi', '1.2') ?? false;
    if (!ui || typeof ui.displayDialogAsync !== 'function' || !canMessage) {
      return Promise.reject(new Error('this version of Excel cannot send a report to a window'));
    }
    return new Promise<void>((resolve, reject) => {
      try {
        ui.displayDialogAsync(this.pageUrl, { height: 85, width: 70 }, (result) => {
          const ok = result.status === 'succeeded' || result.status === this.office.AsyncResultStatus?.Succeeded;
          if (!ok || !result.value) {
            const code = result.error?.code;
            reject(new Error((code !== undefined && WHY[code]) || result.error?.message || 'Excel refused to open it'));
            return;
          }
          const dialog = result.value;
          this.open = { dialog, ready: false, waiting: parts };
          const events = this.office.EventType;
          dialog.addEventHandler(events?.DialogMessageReceived ?? 'dialogMessageReceived', (arg) => this.heard(arg));
          dialog.addEventHandler(events?.DialogEventReceived ?? 'dialogEventReceived', (arg) => this.ended(arg));
          resolve();
        });
      } catch (e) {
        reject(new Error(e instanceof Error && e.message ? e.message : 'Excel refused to open it'));
      }
    });
  }

  private heard(arg: { message?: string }): void {
    const open = this.open;
    if (!open) return;
    let said: { type?: string } = {};
    try {
      said = JSON.parse(arg.message ?? '') as { type?: string };
    } catch {
      return;
    }
    if (said.type === 'ready') {
      open.ready = true;
      const parts = open.waiting;
      open.waiting = [];
      this.send(parts);
    } else if (said.type === 'close') {
      this.open = null;
      open.dialog.close();
    }
  }

  private ended(arg: { error?: number }): void {
    this.open = null;
    if (arg.error !== undefined && arg.error !== CLOSED) {
      this.problem(
        `PlanCheck’s report window closed: ${WHY[arg.error] ?? `Excel said ${arg.error}`}. Press Export report to try again.`,
      );
    }
  }

  private send(parts: string[]): void {
    const open = this.open;
    if (!open) return;
    try {
      for (const part of parts) open.dialog.messageChild(part);
    } catch {
      this.problem(
        'PlanCheck could not send the report to its window. Close the window and press Export report again.',
      );
    }
  }
}

let paneWindow: ReportWindow | null = null;

/** The pane's one report window, beside the pane's own page. */
function windowFor(office: OfficeLike): ReportWindow {
  if (!paneWindow) paneWindow = new ReportWindow(office, new URL(REPORT_WINDOW_PAGE, window.location.href).href);
  return paneWindow;
}

export interface GiveOptions {
  /** office.js, or a stand-in (default: the page's own, where loaded). */
  office?: OfficeLike;
  /** How to download a file where the host can (default: an <a download> link). */
  download?: typeof downloadFile;
  /** The window to show the report in, in Excel on a Mac (default: the pane's one). */
  reportWindow?: ReportWindow;
  /** Told of trouble with the window after it opened. */
  onProblem?: (sentence: string) => void;
}

/**
 * Gives the user the evidence report: downloaded where the host can save a file (null: the
 * controller's note says it is ready), shown in a PlanCheck window in Excel on a Mac, with a
 * sentence saying where it is and how to keep it.
 */
export async function giveReport(
  report: { fileName: string; html: string },
  options: GiveOptions = {},
): Promise<Status | null> {
  const office = 'office' in options ? options.office : officeHere();
  if (!office || !inExcelOnMac(office)) {
    (options.download ?? downloadFile)(report.fileName, report.html, 'text/html');
    return null;
  }
  try {
    await (options.reportWindow ?? windowFor(office)).show(report.fileName, report.html, options.onProblem);
    return {
      intent: 'success',
      text:
        `Excel on Mac cannot save files from add-ins, so the evidence report “${report.fileName}” is open in a ` +
        'PlanCheck window in front of Excel. To keep it, press Copy the report there and paste it into a Word ' +
        'document or an email.',
    };
  } catch (e) {
    const why = e instanceof Error && e.message ? e.message : 'Excel refused to open it';
    return {
      intent: 'error',
      text:
        `Excel on Mac cannot save files from add-ins, and PlanCheck could not open its report window (${why}). ` +
        'Add report sheet puts the findings in the workbook; PlanCheck’s browser page and command line save the ' +
        'evidence report as a file.',
    };
  }
}
