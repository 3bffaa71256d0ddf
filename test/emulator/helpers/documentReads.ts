/**
 * Watches the documents the database looks at: parsed from their JSON (DocumentCache.read) or copied from the cache
 * of parsed ones (DocumentCache.copy, a lean read's hit). A test that says "no document was read" counts both.
 */
import { DocumentCache } from '../../../emulator/database/documentCache';

export interface DocumentReads {
  /** Documents looked at since the watch began or was last cleared. */
  readonly count: number;
  clear(): void;
  restore(): void;
}

export function watchDocumentReads(): DocumentReads {
  const read = jest.spyOn(DocumentCache.prototype, 'read');
  const copy = jest.spyOn(DocumentCache.prototype, 'copy');
  return {
    get count() {
      return read.mock.calls.length + copy.mock.calls.length;
    },
    clear() {
      read.mockClear();
      copy.mockClear();
    },
    restore() {
      read.mockRestore();
      copy.mockRestore();
    },
  };
}
