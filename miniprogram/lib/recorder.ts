// Hold-to-record voice: wx.getRecorderManager records mp3, the file is read back as base64 for
// POST /mp/visits (the server transcribes it with the same ASR as chat voice notes). The recorder
// manager is an app-wide singleton whose listeners cannot be removed, so they are attached once here.
import type { VisitAudio } from '../../src/shared/mp-api.js';
import { ApiError } from './api-error.js';
import type { Wx, WxFileSystemManager, WxRecorderManager } from './wx-facade.js';

export const MAX_RECORD_MS = 60_000;
export const MIN_RECORD_MS = 1_000;

// 16 kHz mono is what speech recognisers want; 48 kbps keeps a full minute near 360 KB.
const RECORD_OPTIONS = {
  duration: MAX_RECORD_MS,
  sampleRate: 16000,
  numberOfChannels: 1,
  encodeBitRate: 48000,
  format: 'mp3',
} as const;

export interface RecordedAudio {
  audio: VisitAudio;
  durationMs: number;
}

export type EndedEarlyListener = (result: Promise<RecordedAudio>) => void;

export interface VoiceRecorder {
  start(): void;
  /** The recording, also when the 60 s cap already stopped it. Rejects voice_too_short / voice_failed. */
  stop(): Promise<RecordedAudio>;
  /**
   * Told when a recording ends without stop() (duration cap, interruption, error). One listener:
   * the page showing the recorder sets it on load and clears it on unload.
   */
  setEndedEarlyListener(listener: EndedEarlyListener | null): void;
}

interface Waiter {
  resolve: (r: RecordedAudio) => void;
  reject: (e: unknown) => void;
}

/** Create once per app: every call attaches listeners to the same global recorder manager. */
export function createVoiceRecorder(wx: Pick<Wx, 'getRecorderManager' | 'getFileSystemManager'>): VoiceRecorder {
  const rm: WxRecorderManager = wx.getRecorderManager();
  const fs: WxFileSystemManager = wx.getFileSystemManager();
  let recording = false;
  let waiter: Waiter | null = null;
  let early: Promise<RecordedAudio> | null = null;
  let endedEarly: EndedEarlyListener | null = null;

  const settle = (outcome: Promise<RecordedAudio>): void => {
    recording = false;
    if (waiter) {
      const w = waiter;
      waiter = null;
      outcome.then(w.resolve, w.reject);
      return;
    }
    outcome.catch(() => undefined); // kept for the next stop(); not an unhandled rejection
    early = outcome;
    endedEarly?.(outcome);
  };

  rm.onStop((res) => {
    if (res.duration < MIN_RECORD_MS) {
      settle(Promise.reject(new ApiError(0, 'voice_too_short', `recorded ${res.duration} ms`)));
      return;
    }
    const audio = readBase64(fs, res.tempFilePath).then((base64) => ({
      audio: { base64, format: 'mp3' as const },
      durationMs: res.duration,
    }));
    settle(audio);
  });
  rm.onError((err) => settle(Promise.reject(new ApiError(0, 'voice_failed', err.errMsg))));

  return {
    start() {
      early = null;
      if (recording) return;
      recording = true;
      rm.start({ ...RECORD_OPTIONS });
    },
    stop() {
      if (early) {
        const done = early;
        early = null;
        return done;
      }
      if (!recording) return Promise.reject(new ApiError(0, 'voice_failed', 'not recording'));
      return new Promise<RecordedAudio>((resolve, reject) => {
        waiter = { resolve, reject };
        rm.stop();
      });
    },
    setEndedEarlyListener(listener) {
      endedEarly = listener;
    },
  };
}

function readBase64(fs: WxFileSystemManager, filePath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    fs.readFile({
      filePath,
      encoding: 'base64',
      success: (res) => {
        if (typeof res.data === 'string' && res.data) resolve(res.data);
        else reject(new ApiError(0, 'voice_failed', 'empty recording'));
      },
      fail: (err) => reject(new ApiError(0, 'voice_failed', err.errMsg)),
    });
  });
}
