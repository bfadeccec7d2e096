// Where an export's rows go: a CSV or an XLSX writer over the response stream. The export loop adds one
// page, then waits for `ready` before reading the next, so a slow download slows the reading down
// instead of piling rows up in memory.
import type { Writable } from 'node:stream';
import type { Cell } from './export-cells.js';

export interface SheetSink {
  add(rows: readonly (readonly Cell[])[]): void;
  /** Resolves once buffered output has gone on (or the download is gone). */
  ready(): Promise<void>;
  /** Writes what closes the file and ends the stream; resolves when done (or the download is gone). */
  end(): Promise<void>;
}

/** Resolves at once when `stream` takes more; otherwise at its next drain, close or error. */
export function untilDrained(stream: Writable): Promise<void> {
  if (!stream.writableNeedDrain || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done).off('close', done).off('error', done);
      resolve();
    };
    stream.on('drain', done).on('close', done).on('error', done);
  });
}
