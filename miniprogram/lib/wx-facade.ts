// The slice of the mini-program `wx` API this app uses, as a plain interface. Lib modules take a
// `Pick<Wx, …>` of it instead of touching the global, so vitest can hand them a fake; pages pass
// the real global `wx` (typed by miniprogram-api-typings, which must stay assignable to this).

export interface WxFail {
  errMsg: string;
}

export interface WxCallbacks<T> {
  success?: (res: T) => void;
  fail?: (err: WxFail) => void;
}

export type WxMethod = 'GET' | 'POST';

export interface WxRequestResult {
  statusCode: number;
  /** Parsed JSON when the body was JSON (dataType 'json'), else the raw string. */
  data: unknown;
  header?: Record<string, string>;
}

export interface WxRequestOptions extends WxCallbacks<WxRequestResult> {
  url: string;
  method: WxMethod;
  /** Same union as the official typings' RequestOption.data. */
  data?: string | object | ArrayBuffer;
  header?: Record<string, string>;
  /** Milliseconds; on expiry `fail` gets an errMsg containing "timeout". */
  timeout?: number;
  dataType?: 'json' | 'other';
}

/** wx.qy.* exists only inside the WeCom client (platforms.md §4.1). */
export interface WxQy {
  login(options: WxCallbacks<{ code: string }>): void;
}

export interface WxSystemInfo {
  /** "wxwork" inside WeCom, absent in WeChat. */
  environment?: string;
  platform?: string;
}

export type WxScanType = 'qrCode' | 'wxCode' | 'barCode' | 'datamatrix' | 'pdf417';

export interface WxScanResult {
  result?: string;
  scanType?: string;
  charSet?: string;
  /** Only for this mini-program's own codes, e.g. "pages/visit/visit?scene=abc". */
  path?: string;
  rawData?: string;
}

export interface WxRecorderStartOptions {
  duration?: number;
  sampleRate?: number;
  numberOfChannels?: number;
  encodeBitRate?: number;
  format?: 'mp3' | 'aac' | 'wav' | 'PCM';
}

export interface WxRecorderManager {
  start(options: WxRecorderStartOptions): void;
  stop(): void;
  onStop(listener: (res: { tempFilePath: string; duration: number; fileSize: number }) => void): void;
  onError(listener: (err: WxFail) => void): void;
}

export interface WxFileSystemManager {
  readFile(options: WxCallbacks<{ data: string | ArrayBuffer }> & { filePath: string; encoding?: 'base64' }): void;
}

export interface Wx {
  request(options: WxRequestOptions): unknown;
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, value: unknown): void;
  removeStorageSync(key: string): void;
  getSystemInfoSync(): WxSystemInfo;
  qy?: WxQy;
  scanCode(options: WxCallbacks<WxScanResult> & { onlyFromCamera?: boolean; scanType?: WxScanType[] }): void;
  getRecorderManager(): WxRecorderManager;
  getFileSystemManager(): WxFileSystemManager;
  navigateTo(options: WxCallbacks<unknown> & { url: string }): void;
  redirectTo(options: WxCallbacks<unknown> & { url: string }): void;
  reLaunch(options: WxCallbacks<unknown> & { url: string }): void;
  showToast(options: { title: string; icon?: 'success' | 'error' | 'loading' | 'none'; duration?: number }): void;
  showLoading(options: { title: string; mask?: boolean }): void;
  hideLoading(): void;
  stopPullDownRefresh(): void;
}
