/**
 * The evidence report in Excel on a Mac, whose web view ignores <a download>: the pane does not
 * download there, opens PlanCheck's report window (an Office dialog on its own site), sends it the
 * report once the window says it is ready, and tells the user where the report is. Elsewhere
 * (Windows, the web, the browser page without office.js) it downloads as before.
 */
import * as download from '../../src/taskpane/download';
import {
  giveReport,
  inExcelOnMac,
  PART_CHARS,
  ReportAssembly,
  reportParts,
  ReportWindow,
  type DialogLike,
  type OfficeLike,
} from '../../src/taskpane/reportWindow';

const PAGE = 'https://localhost:3000/report-window.html';
const REPORT = { fileName: 'plan - PlanCheck evidence.html', html: '<!DOCTYPE html><p>£74,026 “quoted”</p>' };

class FakeDialog implements DialogLike {
  handlers = new Map<unknown, (arg: { message?: string; error?: number }) => void>();
  sent: string[] = [];
  closed = 0;
  addEventHandler(type: unknown, handler: (arg: { message?: string; error?: number }) => void): void {
    this.handlers.set(type, handler);
  }
  messageChild(message: string): void {
    this.sent.push(message);
  }
  close(): void {
    this.closed++;
  }
  /** The window's page speaking to the pane (messageParent). */
  says(type: string): void {
    this.handlers.get('dialogMessageReceived')!({ message: JSON.stringify({ type }) });
  }
  /** Office telling the pane the window went (12006: the user closed it). */
  ends(error: number): void {
    this.handlers.get('dialogEventReceived')!({ error });
  }
  /** What the window put together from what it was sent. */
  shown(): { fileName: string; html: string } | null {
    const assembly = new ReportAssembly();
    let last: { fileName: string; html: string } | null = null;
    for (const m of this.sent) last = assembly.add(m) ?? last;
    return last;
  }
}

function fakeOffice(platform: string, opts: { dialogApi12?: boolean; refuse?: number } = {}) {
  const opened: { url: string; options: unknown }[] = [];
  const dialogs: FakeDialog[] = [];
  const office: OfficeLike = {
    PlatformType: { Mac: 'Mac' },
    EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
    AsyncResultStatus: { Succeeded: 'succeeded' },
    context: {
      platform,
      requirements: {
        isSetSupported: (name, version) => name === 'DialogApi' && (opts.dialogApi12 ?? true) && !!version,
      },
      ui: {
        displayDialogAsync(url, options, callback) {
          opened.push({ url, options });
          if (opts.refuse) {
            callback({ status: 'failed', value: undefined as never, error: { code: opts.refuse } });
            return;
          }
          const dialog = new FakeDialog();
          dialogs.push(dialog);
          callback({ status: 'succeeded', value: dialog });
        },
      },
    },
  };
  return { office, opened, dialogs };
}

afterEach(() => {
  jest.restoreAllMocks();
  delete (globalThis as { Office?: unknown }).Office;
});

describe('Excel on a Mac', () => {
  it('is told apart safely: no office.js, no context yet, Windows, the web, a Mac', () => {
    expect(inExcelOnMac()).toBe(false); // no office.js at all (the browser page, Node)
    expect(inExcelOnMac({})).toBe(false); // before Office is ready
    expect(inExcelOnMac(fakeOffice('PC').office)).toBe(false);
    expect(inExcelOnMac(fakeOffice('OfficeOnline').office)).toBe(false);
    expect(inExcelOnMac(fakeOffice('Mac').office)).toBe(true);
    const throwing = {
      get context(): never {
        throw new Error('Office.context is not ready');
      },
    };
    expect(inExcelOnMac(throwing as OfficeLike)).toBe(false);
    (globalThis as { Office?: unknown }).Office = fakeOffice('Mac').office;
    expect(inExcelOnMac()).toBe(true); // the page's own office.js
  });
});

describe('the evidence report from the pane', () => {
  it('on a Mac: no <a download>; the report opens in PlanCheck’s window and the user is told where it is', async () => {
    const downloadFile = jest.spyOn(download, 'downloadFile');
    const { office, opened, dialogs } = fakeOffice('Mac');
    (globalThis as { Office?: unknown }).Office = office; // the pane's own office.js
    const said = await giveReport(REPORT, { reportWindow: new ReportWindow(office, PAGE) });

    expect(downloadFile).not.toHaveBeenCalled();
    expect(opened).toEqual([{ url: PAGE, options: { height: 85, width: 70 } }]);
    expect(said).toEqual({
      intent: 'success',
      text:
        'Excel on Mac cannot save files from add-ins, so the evidence report “plan - PlanCheck evidence.html” is ' +
        'open in a PlanCheck window in front of Excel. To keep it, press Copy the report there and paste it into a ' +
        'Word document or an email.',
    });
    // Nothing is sent before the window's page says it can hear it; then the whole report.
    const [dialog] = dialogs;
    expect(dialog.sent).toEqual([]);
    dialog.says('ready');
    expect(dialog.shown()).toEqual(REPORT);
  });

  it('sends a long report in parts that the window puts back together exactly', async () => {
    const { office, dialogs } = fakeOffice('Mac');
    const html = `<!DOCTYPE html>${'<tr><td>Financial plan!G9</td><td>£74,026</td></tr>'.repeat(3000)}`;
    expect(html.length).toBeGreaterThan(3 * PART_CHARS);
    await giveReport({ fileName: 'big.html', html }, { office, reportWindow: new ReportWindow(office, PAGE) });
    dialogs[0].says('ready');
    expect(dialogs[0].sent.length).toBe(Math.ceil(html.length / PART_CHARS));
    expect(dialogs[0].shown()).toEqual({ fileName: 'big.html', html });
  });

  it('a second report goes to the window already open; once the user closes it, the next opens a new one', async () => {
    const { office, opened, dialogs } = fakeOffice('Mac');
    const win = new ReportWindow(office, PAGE);
    await giveReport(REPORT, { office, reportWindow: win });
    dialogs[0].says('ready');
    const again = { fileName: 'again.html', html: '<p>again</p>' };
    await giveReport(again, { office, reportWindow: win });
    expect(opened).toHaveLength(1);
    expect(dialogs[0].shown()).toEqual(again);

    dialogs[0].ends(12006); // the user closed it
    expect(win.isOpen()).toBe(false);
    await giveReport(REPORT, { office, reportWindow: win });
    expect(opened).toHaveLength(2);
    dialogs[1].says('ready');
    expect(dialogs[1].shown()).toEqual(REPORT);

    dialogs[1].says('close'); // its own Close button
    expect(dialogs[1].closed).toBe(1);
    expect(win.isOpen()).toBe(false);
  });

  it('says so when the window cannot open, or its page fails, and still downloads nothing', async () => {
    const downloadFile = jest.fn();
    const refused = fakeOffice('Mac', { refuse: 12007 });
    const said = await giveReport(REPORT, {
      office: refused.office,
      download: downloadFile,
      reportWindow: new ReportWindow(refused.office, PAGE),
    });
    expect(said?.intent).toBe('error');
    expect(said?.text).toBe(
      'Excel on Mac cannot save files from add-ins, and PlanCheck could not open its report window (another ' +
        'PlanCheck window is already open: close it and try again). Add report sheet puts the findings in the ' +
        'workbook; PlanCheck’s browser page and command line save the evidence report as a file.',
    );

    const old = fakeOffice('Mac', { dialogApi12: false });
    const oldSaid = await giveReport(REPORT, { office: old.office, reportWindow: new ReportWindow(old.office, PAGE) });
    expect(oldSaid?.text).toContain('(this version of Excel cannot send a report to a window)');
    expect(old.opened).toEqual([]);

    const broken = fakeOffice('Mac');
    const problems: string[] = [];
    await giveReport(REPORT, {
      office: broken.office,
      reportWindow: new ReportWindow(broken.office, PAGE),
      onProblem: (s) => problems.push(s),
    });
    broken.dialogs[0].ends(12002);
    expect(problems).toEqual([
      'PlanCheck’s report window closed: its page could not be loaded. Press Export report to try again.',
    ]);
    expect(downloadFile).not.toHaveBeenCalled();
  });

  it('elsewhere (Windows, the web, the browser page) it downloads the report, as before', async () => {
    for (const office of [fakeOffice('PC').office, fakeOffice('OfficeOnline').office, undefined]) {
      const downloadFile = jest.fn();
      const win = new ReportWindow(fakeOffice('Mac').office, PAGE);
      expect(await giveReport(REPORT, { office, download: downloadFile, reportWindow: win })).toBeNull();
      expect(downloadFile).toHaveBeenCalledWith(REPORT.fileName, REPORT.html, 'text/html');
      expect(win.isOpen()).toBe(false);
    }
  });
});

describe('the window’s side', () => {
  it('puts a report together from its parts, ignores anything else, and starts afresh on a new report', () => {
    const assembly = new ReportAssembly();
    expect(assembly.add('not json')).toBeNull();
    expect(assembly.add(JSON.stringify({ type: 'other' }))).toBeNull();
    const [a, b, c] = reportParts('one.html', 'abcdefgh', 3);
    expect(assembly.add(a)).toBeNull();
    expect(assembly.add(b)).toBeNull();
    // A new report begins before the last part of the first: the first is dropped.
    const [x] = reportParts('two.html', 'xy', 3);
    expect(assembly.add(x)).toEqual({ fileName: 'two.html', html: 'xy' });
    expect(assembly.add(c)).toBeNull();
    expect(reportParts('empty.html', '')).toHaveLength(1);
  });
});
