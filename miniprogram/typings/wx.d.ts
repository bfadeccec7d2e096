// Globals of the mini-program runtime, declared by hand because miniprogram-api-typings is not a
// dependency: `wx` is exactly the facade the lib modules are written against, and Page/App/getApp
// are typed only as far as these pages use them.

type WxApi = import('../lib/wx-facade.js').Wx;

declare const wx: WxApi;

/** `this` inside Page methods. */
interface WxPageInstance<D> {
  readonly data: D;
  setData(patch: Partial<D>, callback?: () => void): void;
  readonly route: string;
}

declare function Page<D extends object, M extends object>(
  options: { data: D } & M & ThisType<WxPageInstance<D> & M>,
): void;

declare function App<T extends object>(options: T & ThisType<T>): void;

declare function getApp<T extends object>(): T;

/** Event object of bindinput / bindtap and friends. */
interface WxEvent<Detail = Record<string, unknown>, Dataset = Record<string, string | undefined>> {
  type: string;
  detail: Detail;
  currentTarget: { dataset: Dataset };
}

type WxInputEvent = WxEvent<{ value: string }>;

declare const console: {
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
};
