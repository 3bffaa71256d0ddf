/**
 * 导入社区结构: pick an .xlsx / .csv from a WeChat chat → cloud storage → structure.import, polled every second
 * while it reads, with a progress bar; problems are listed by row number (nothing is written unless every row
 * reads). The same file imported again changes nothing.
 */
import { instanceState } from '../../../../behaviors/instanceState';
import { queryValue } from '../../../../behaviors/query';
import { errorMessage, showError } from '../../../../services/feedback';
import { createSubmitKey } from '../../../../transport/index';
import { toImportView, type ImportView } from '../../presenters/importReport';
import { chooseImportFile, fetchImportStatus, startImport, uploadImportFile, type ImportReport } from '../../services/structureImport';

const POLL_MS = 1000;

type Phase = 'idle' | 'uploading' | 'importing' | 'finished' | 'failed';

const local = instanceState(() => ({
  communityId: '',
  submitKey: createSubmitKey(),
  fileID: '',
  importId: '',
  timer: undefined as ReturnType<typeof setTimeout> | undefined,
  unloaded: false,
}));

Component({
  data: {
    phase: 'idle' as Phase,
    fileName: '',
    report: null as ImportView | null,
    /** What went wrong outside the report (upload, network); the page offers to try again. */
    failure: '',
    /** The import runs on, but its progress could not be fetched. */
    pollFailed: false,
    /** The file is uploaded but starting its import failed: it can be started again as the same import. */
    canRetry: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>): void {
      local(this).communityId = queryValue(query, 'communityId');
    },

    onUnload(): void {
      const state = local(this);
      state.unloaded = true;
      if (state.timer) clearTimeout(state.timer);
    },

    async onChoose(): Promise<void> {
      const phase = this.data.phase;
      if (phase === 'uploading' || phase === 'importing') return;
      let file;
      try {
        file = await chooseImportFile();
      } catch (err) {
        showError(err);
        return;
      }
      if (!file) return;
      const state = local(this);
      state.submitKey.renew(); // a new file is a new import
      state.fileID = '';
      this.setData({ phase: 'uploading', fileName: file.name, report: null, failure: '', pollFailed: false, canRetry: false });
      try {
        state.fileID = await uploadImportFile(state.communityId, file);
      } catch (err) {
        showError(err);
        this.setData({ phase: 'failed', failure: `上传失败：${errorMessage(err)}` });
        return;
      }
      await this.runImport();
    },

    /** Starts the import of the uploaded file; a retry after a lost answer reuses the request id (one import). */
    async runImport(): Promise<void> {
      const state = local(this);
      if (!state.fileID) return;
      this.setData({ phase: 'importing', failure: '', pollFailed: false, canRetry: false });
      try {
        const report = await startImport(state.communityId, state.fileID, state.submitKey.requestId);
        state.importId = report.importId;
        this.show(report);
      } catch (err) {
        showError(err);
        this.setData({ phase: 'failed', failure: errorMessage(err), canRetry: true });
      }
    },

    onRetryImport(): void {
      void this.runImport();
    },

    show(report: ImportReport): void {
      const state = local(this);
      if (state.unloaded) return;
      const view = toImportView(report);
      if (view.running) {
        this.setData({ phase: 'importing', report: view });
        state.timer = setTimeout(() => void this.poll(), POLL_MS);
        return;
      }
      this.setData({ phase: view.status === 'done' ? 'finished' : 'failed', report: view });
      if (view.status === 'failed') wx.showToast({ title: view.title, icon: 'none', duration: 2500 });
    },

    async poll(): Promise<void> {
      const state = local(this);
      state.timer = undefined;
      if (state.unloaded || !state.importId) return;
      try {
        this.show(await fetchImportStatus(state.importId));
      } catch (err) {
        showError(err);
        this.setData({ pollFailed: true });
      }
    },

    onRetryPoll(): void {
      this.setData({ pollFailed: false });
      void this.poll();
    },
  },
});
