// Renders mini-program pages in vitest with miniprogram-simulate (j-component + exparser).
//
// - miniprogram-simulate needs a browser-like `window` / `document`; no jsdom or happy-dom is
//   installed, so installMiniDom() provides the small DOM subset exparser and j-component touch
//   (elements, text nodes, fragments, attributes, events with a target and bubbling).
// - Pages are TypeScript that imports lib/: each page (and app.ts) is bundled with esbuild into a
//   CommonJS file next to copies of its .json/.wxml/.wxss in a temp dir, and loaded through
//   simulate.load(path) — the same path the library uses for a real component directory.
// - miniprogram-simulate only knows Component(); the Page() options are turned into a component
//   whose `attached` runs onLoad(query), `pageLifetimes.show` runs onShow, `detached` runs onUnload,
//   and whose non-function fields are copied per instance, as Page() does.
// - `wx` is the fake from test/miniprogram/fake-wx.ts (requests answered by per-route handlers,
//   storage in a Map), plus recorded navigation, toasts and loading state.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll } from 'vitest';
import { settings } from '../../miniprogram/config.js';
import { ORIGIN, createFakeWx, type FakeWx } from '../miniprogram/fake-wx.js';

const require = createRequire(import.meta.url);
const MP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../miniprogram');

// ---------------------------------------------------------------------------------------------
// Minimal DOM
// ---------------------------------------------------------------------------------------------

type Listener = (evt: Event) => void;

class MiniNode {
  nodeType = 1;
  parentNode: MiniNode | null = null;
  childNodes: MiniNode[] = [];
  ownerDocument: unknown = null;
  private listeners = new Map<string, { fn: Listener; capture: boolean }[]>();
  [key: string]: unknown;

  get firstChild(): MiniNode | null {
    return this.childNodes[0] ?? null;
  }
  get lastChild(): MiniNode | null {
    return this.childNodes[this.childNodes.length - 1] ?? null;
  }
  get nextSibling(): MiniNode | null {
    const p = this.parentNode;
    if (!p) return null;
    return p.childNodes[p.childNodes.indexOf(this) + 1] ?? null;
  }
  get previousSibling(): MiniNode | null {
    const p = this.parentNode;
    if (!p) return null;
    return p.childNodes[p.childNodes.indexOf(this) - 1] ?? null;
  }
  get children(): MiniNode[] {
    return this.childNodes.filter((c) => c.nodeType === 1);
  }

  private detachChildren(node: MiniNode): MiniNode[] {
    if (node.nodeType === 11) {
      const moved = node.childNodes;
      node.childNodes = [];
      for (const c of moved) c.parentNode = null;
      return moved;
    }
    node.parentNode?.removeChild(node);
    return [node];
  }

  insertBefore(node: MiniNode, ref: MiniNode | null): MiniNode {
    const nodes = this.detachChildren(node);
    const at = ref ? this.childNodes.indexOf(ref) : -1;
    this.childNodes.splice(at < 0 ? this.childNodes.length : at, 0, ...nodes);
    for (const n of nodes) n.parentNode = this;
    for (const n of nodes) if (n instanceof MiniElement && n.tagName === 'SCRIPT') (0, eval)(n.text);
    return node;
  }
  appendChild(node: MiniNode): MiniNode {
    return this.insertBefore(node, null);
  }
  removeChild(node: MiniNode): MiniNode {
    const i = this.childNodes.indexOf(node);
    if (i >= 0) this.childNodes.splice(i, 1);
    node.parentNode = null;
    return node;
  }
  replaceChild(node: MiniNode, old: MiniNode): MiniNode {
    this.insertBefore(node, old);
    return this.removeChild(old);
  }
  remove(): void {
    this.parentNode?.removeChild(this);
  }
  contains(node: MiniNode | null): boolean {
    for (let n = node; n; n = n.parentNode) if (n === this) return true;
    return false;
  }

  get textContent(): string {
    return this.childNodes.map((c) => c.textContent).join('');
  }
  set textContent(v: string) {
    for (const c of this.childNodes) c.parentNode = null;
    this.childNodes = [];
    if (v) this.appendChild(new MiniText(String(v)));
  }

  cloneNode(deep = false): MiniNode {
    const copy = this.shallowClone();
    if (deep) for (const c of this.childNodes) copy.appendChild(c.cloneNode(true));
    return copy;
  }
  protected shallowClone(): MiniNode {
    return new MiniFragment();
  }

  addEventListener(type: string, fn: Listener, options?: boolean | { capture?: boolean }): void {
    const capture = typeof options === 'boolean' ? options : !!options?.capture;
    const list = this.listeners.get(type) ?? [];
    list.push({ fn, capture });
    this.listeners.set(type, list);
  }
  removeEventListener(type: string, fn: Listener): void {
    const list = this.listeners.get(type);
    if (list) this.listeners.set(type, list.filter((l) => l.fn !== fn));
  }
  /** Capture from the root down, then bubble back up (when the event bubbles). */
  dispatchEvent(evt: Event): boolean {
    const path: MiniNode[] = [];
    for (let n: MiniNode | null = this; n; n = n.parentNode) path.push(n);
    Object.defineProperty(evt, 'target', { value: this, configurable: true });
    let stopped = false;
    const origStop = evt.stopPropagation.bind(evt);
    evt.stopPropagation = () => {
      stopped = true;
      origStop();
    };
    const run = (node: MiniNode, capture: boolean) => {
      Object.defineProperty(evt, 'currentTarget', { value: node, configurable: true });
      for (const l of [...(node.listeners.get(evt.type) ?? [])]) if (l.capture === capture) l.fn.call(node, evt);
    };
    for (let i = path.length - 1; i > 0 && !stopped; i--) run(path[i]!, true);
    if (!stopped) {
      run(this, true);
      run(this, false);
    }
    if (evt.bubbles) for (let i = 1; i < path.length && !stopped; i++) run(path[i]!, false);
    return !evt.defaultPrevented;
  }
}

class MiniText extends MiniNode {
  override nodeType = 3;
  constructor(public data: string) {
    super();
  }
  override get textContent(): string {
    return this.data;
  }
  override set textContent(v: string) {
    this.data = String(v);
  }
  get nodeValue(): string {
    return this.data;
  }
  set nodeValue(v: string) {
    this.data = String(v);
  }
  protected override shallowClone(): MiniNode {
    return new MiniText(this.data);
  }
}

class MiniFragment extends MiniNode {
  override nodeType = 11;
}

class MiniClassList {
  constructor(private el: MiniElement) {}
  private get list(): string[] {
    return (this.el.getAttribute('class') ?? '').split(/\s+/).filter(Boolean);
  }
  contains(c: string): boolean {
    return this.list.includes(c);
  }
  add(...cs: string[]): void {
    this.el.setAttribute('class', [...new Set([...this.list, ...cs])].join(' '));
  }
  remove(...cs: string[]): void {
    this.el.setAttribute('class', this.list.filter((c) => !cs.includes(c)).join(' '));
  }
  toggle(c: string, force?: boolean): boolean {
    const on = force ?? !this.contains(c);
    if (on) this.add(c);
    else this.remove(c);
    return on;
  }
}

class MiniElement extends MiniNode {
  readonly tagName: string;
  attributes: { name: string; value: string }[] = [];
  style: Record<string, string> = { cssText: '' };
  dataset: Record<string, string> = {};
  readonly classList = new MiniClassList(this);
  text = '';
  constructor(tag: string) {
    super();
    this.tagName = tag.toUpperCase();
  }
  get nodeName(): string {
    return this.tagName;
  }
  get localName(): string {
    return this.tagName.toLowerCase();
  }
  get id(): string {
    return this.getAttribute('id') ?? '';
  }
  set id(v: string) {
    this.setAttribute('id', v);
  }
  get className(): string {
    return this.getAttribute('class') ?? '';
  }
  set className(v: string) {
    this.setAttribute('class', v);
  }
  getAttribute(name: string): string | null {
    return this.attributes.find((a) => a.name === name)?.value ?? null;
  }
  hasAttribute(name: string): boolean {
    return this.getAttribute(name) !== null;
  }
  setAttribute(name: string, value: unknown): void {
    const a = this.attributes.find((x) => x.name === name);
    if (a) a.value = String(value);
    else this.attributes.push({ name, value: String(value) });
  }
  removeAttribute(name: string): void {
    this.attributes = this.attributes.filter((a) => a.name !== name);
  }
  get innerHTML(): string {
    return this.childNodes.map(serialize).join('');
  }
  /** Only <style> and <script> get markup written into them here; keep it as their text. */
  set innerHTML(v: string) {
    this.text = v;
  }
  get outerHTML(): string {
    return serialize(this);
  }
  getElementsByTagName(tag: string): MiniElement[] & { item(i: number): MiniElement | undefined } {
    const out = descendants(this).filter((e) => tag === '*' || e.tagName === tag.toUpperCase());
    return Object.assign(out, { item: (i: number) => out[i] });
  }
  /** `tag`, `#id`, `.class` or `tag#id` — what miniprogram-simulate asks the document for. */
  querySelectorAll(selector: string): MiniElement[] {
    const m = /^([a-z-]*)(?:#([\w-]+))?(?:\.([\w-]+))?$/i.exec(selector.trim());
    if (!m) return [];
    return descendants(this).filter(
      (e) =>
        (!m[1] || e.tagName === m[1].toUpperCase()) && (!m[2] || e.id === m[2]) && (!m[3] || e.classList.contains(m[3])),
    );
  }
  querySelector(selector: string): MiniElement | null {
    return this.querySelectorAll(selector)[0] ?? null;
  }
  getBoundingClientRect() {
    return { left: 0, top: 0, right: 0, bottom: 0, width: 0, height: 0, x: 0, y: 0 };
  }
  protected override shallowClone(): MiniNode {
    const el = new MiniElement(this.tagName);
    el.attributes = this.attributes.map((a) => ({ ...a }));
    return el;
  }
}

function descendants(node: MiniNode): MiniElement[] {
  const out: MiniElement[] = [];
  for (const c of node.childNodes) {
    if (c instanceof MiniElement) out.push(c);
    out.push(...descendants(c));
  }
  return out;
}

function serialize(node: MiniNode): string {
  if (node instanceof MiniText) return node.data.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  if (!(node instanceof MiniElement)) return node.childNodes.map(serialize).join('');
  const tag = node.tagName.toLowerCase();
  const attrs = node.attributes.map((a) => ` ${a.name}="${a.value.replace(/"/g, '&quot;')}"`).join('');
  return `<${tag}${attrs}>${node.childNodes.map(serialize).join('')}</${tag}>`;
}

let domInstalled = false;

/** Installs window/document globals for miniprogram-simulate, once per test file (worker). */
export function installMiniDom(): void {
  if (domInstalled) return;
  domInstalled = true;
  const html = new MiniElement('html');
  const head = new MiniElement('head');
  const body = new MiniElement('body');
  html.appendChild(head);
  html.appendChild(body);
  const document = {
    documentElement: Object.assign(html, { clientWidth: 375, clientHeight: 667, scrollTop: 0, scrollLeft: 0 }),
    head,
    body,
    createElement: (tag: string) => new MiniElement(tag),
    createTextNode: (text: string) => new MiniText(String(text)),
    createDocumentFragment: () => new MiniFragment(),
    importNode: (node: MiniNode, deep?: boolean) => node.cloneNode(!!deep),
    getElementsByTagName: (tag: string) => html.getElementsByTagName(tag),
    querySelectorAll: (sel: string) => html.querySelectorAll(sel),
    querySelector: (sel: string) => html.querySelector(sel),
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  };
  class TouchEvent extends Event {
    touches: unknown[];
    changedTouches: unknown[];
    targetTouches: unknown[];
    constructor(type: string, init: { bubbles?: boolean; cancelable?: boolean } & { touches?: unknown[]; changedTouches?: unknown[]; targetTouches?: unknown[] }) {
      super(type, init);
      this.touches = init.touches ?? [];
      this.changedTouches = init.changedTouches ?? [];
      this.targetTouches = init.targetTouches ?? [];
    }
  }
  const g = globalThis as Record<string, unknown>;
  Object.assign(g, {
    window: globalThis,
    document,
    Node: MiniNode,
    Element: MiniElement,
    HTMLElement: MiniElement,
    Text: MiniText,
    DocumentFragment: MiniFragment,
    TouchEvent,
    Image: class Image extends MiniElement {
      constructor() {
        super('img');
      }
    },
    getComputedStyle: (el: MiniElement) => el.style,
    requestAnimationFrame: (fn: (t: number) => void) => setTimeout(() => fn(Date.now()), 0),
    cancelAnimationFrame: (id: ReturnType<typeof setTimeout>) => clearTimeout(id),
  });
}

// ---------------------------------------------------------------------------------------------
// Pages: bundle, load, render
// ---------------------------------------------------------------------------------------------

export type PageName = 'home' | 'visit' | 'result' | 'my-visits' | 'leaderboard';

interface Simulate {
  load(componentPath: string, tagName: string, options: { compiler: 'simulate'; rootPath: string }): string;
  render(id: string): RenderedNode;
  sleep(ms: number): Promise<void>;
}

/** The slice of j-component's Component wrapper these tests use. */
export interface RenderedNode {
  dom: { textContent: string; innerHTML: string };
  data: Record<string, unknown>;
  instance: Record<string, unknown> & { data: Record<string, unknown> };
  /** j-component answers undefined when nothing matches. */
  querySelector(selector: string): RenderedNode | undefined;
  querySelectorAll(selector: string): RenderedNode[];
  dispatchEvent(name: string, options?: { detail?: unknown }): void;
  triggerPageLifeTime(name: string, ...args: unknown[]): void;
  attach(parent: unknown): void;
  detach(): void;
}

let buildDir: string | null = null;
const built = new Set<string>();

// Registered when a test file imports this helper: its bundles go with the file.
afterAll(() => {
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  buildDir = null;
  built.clear();
});

/** Bundles `miniprogram/<rel>.ts` into `<tmp>/<rel>.js` (CommonJS) and copies its view files. */
function buildModule(rel: string): string {
  if (!buildDir) {
    const dir = mkdtempSync(join(tmpdir(), 'zb-mp-render-'));
    buildDir = dir;
  }
  const out = join(buildDir, rel);
  if (built.has(rel)) return out;
  mkdirSync(dirname(out), { recursive: true });
  const result = buildSync({
    entryPoints: [join(MP_ROOT, `${rel}.ts`)],
    bundle: true,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  writeFileSync(`${out}.js`, result.outputFiles[0]!.text);
  for (const ext of ['json', 'wxml', 'wxss']) {
    try {
      copyFileSync(join(MP_ROOT, `${rel}.${ext}`), `${out}.${ext}`);
    } catch {
      // app.ts has no view files
    }
  }
  built.add(rel);
  return out;
}

type PageOptions = Record<string, unknown> & { data?: Record<string, unknown> };

/** Page() options as a Component definition: what the mini-program runtime does for a page. */
function pageAsComponent(options: PageOptions, query: () => Record<string, string>) {
  const methods: Record<string, unknown> = {};
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (key === 'data') continue;
    if (typeof value === 'function') methods[key] = value;
    else fields[key] = value;
  }
  type Self = Record<string, ((...args: unknown[]) => void) | unknown>;
  const call = (self: Self, name: string, ...args: unknown[]) => {
    const fn = self[name];
    if (typeof fn === 'function') fn.apply(self, args);
  };
  return {
    data: options.data ?? {},
    methods,
    lifetimes: {
      created(this: Self) {
        for (const [key, value] of Object.entries(fields)) this[key] = structuredClone(value);
      },
      attached(this: Self) {
        call(this, 'onLoad', query());
      },
      detached(this: Self) {
        call(this, 'onUnload');
      },
    },
    pageLifetimes: {
      show(this: Self) {
        call(this, 'onShow');
      },
      hide(this: Self) {
        call(this, 'onHide');
      },
    },
  };
}

export interface NavCall {
  kind: 'navigateTo' | 'redirectTo' | 'reLaunch';
  url: string;
}

export interface AppInstance {
  services(): {
    session: { current(): { session: string } | null };
    lastVisit: unknown;
  };
  onLaunch(): void;
}

export interface MiniProgram {
  fake: FakeWx;
  app: AppInstance;
  nav: NavCall[];
  toasts: string[];
  /** true while wx.showLoading is up. */
  loading: () => boolean;
  pullDownStops: () => number;
  /** Renders a page, runs onLoad(query) and onShow, and lets pending requests answer. */
  open(page: PageName, query?: Record<string, string>): Promise<RenderedNode>;
  /** Opens the page the last navigation pointed at, with its query. */
  follow(): Promise<RenderedNode>;
}

/** Lets the fake wx's timers (requests, scan, login) and the promise chains behind them run. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
}

/** Text of the first node matching `selector`, whitespace collapsed; null when absent. */
export function textOf(page: RenderedNode, selector: string): string | null {
  const node = page.querySelector(selector);
  return node ? node.dom.textContent.replace(/\s+/g, ' ').trim() : null;
}

export function textsOf(page: RenderedNode, selector: string): string[] {
  return page.querySelectorAll(selector).map((n) => n.dom.textContent.replace(/\s+/g, ' ').trim());
}

/** Dispatches a tap (or another event) on the first node matching `selector`, then settles. */
export async function tap(page: RenderedNode, selector: string, event = 'tap', detail?: unknown): Promise<void> {
  const node = page.querySelector(selector);
  if (!node) throw new Error(`no node matches ${selector}`);
  node.dispatchEvent(event, detail === undefined ? {} : { detail });
  await settle();
}

export async function input(page: RenderedNode, selector: string, value: string): Promise<void> {
  await tap(page, selector, 'input', { value, cursor: value.length, keyCode: 0 });
}

function parseUrl(url: string): { page: PageName; query: Record<string, string> } {
  const [path = '', qs = ''] = url.split('?');
  const page = path.replace(/^\/?pages\//, '').split('/')[0] as PageName;
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(qs)) query[k] = v;
  return { page, query };
}

/**
 * A fresh mini-program: fake wx (inside WeCom unless told otherwise), app.ts run with onLaunch.
 * Register /mp/* routes on `fake` before opening a page.
 */
export function createMiniProgram(options: { environment?: string; noQy?: boolean } = {}): MiniProgram {
  installMiniDom();
  const simulate = require('miniprogram-simulate') as Simulate;
  const fake = createFakeWx({ environment: options.environment ?? 'wxwork', noQy: options.noQy ?? false });
  const nav: NavCall[] = [];
  const toasts: string[] = [];
  let loadingUp = false;
  let stops = 0;
  const wx = fake.wx;
  const request = wx.request.bind(wx);
  wx.request = (o) => request({ ...o, url: o.url.replace(settings.apiBase, ORIGIN) });
  const navigate = (kind: NavCall['kind']) => (o: { url: string; success?: (res: unknown) => void }) => {
    nav.push({ kind, url: o.url });
    o.success?.({});
  };
  wx.navigateTo = navigate('navigateTo');
  wx.redirectTo = navigate('redirectTo');
  wx.reLaunch = navigate('reLaunch');
  wx.showToast = (o) => void toasts.push(o.title);
  wx.showLoading = () => void (loadingUp = true);
  wx.hideLoading = () => void (loadingUp = false);
  wx.stopPullDownRefresh = () => void (stops += 1);

  const g = globalThis as Record<string, unknown>;
  g.wx = wx;
  let app: AppInstance | null = null;
  g.App = (o: AppInstance) => void (app = o);
  g.getApp = () => app;
  const appJs = `${buildModule('app')}.js`;
  require(appJs);
  delete require.cache[require.resolve(appJs)];
  if (!app) throw new Error('app.ts did not call App()');
  const theApp: AppInstance = app;
  theApp.onLaunch();

  let pendingQuery: Record<string, string> = {};
  g.Page = (o: PageOptions) => {
    const define = g.Component as (def: unknown) => void;
    define(pageAsComponent(o, () => pendingQuery));
  };

  const open = async (page: PageName, query: Record<string, string> = {}) => {
    const path = buildModule(`pages/${page}/${page}`);
    const id = simulate.load(path, `page-${page}`, { compiler: 'simulate', rootPath: buildDir! });
    const comp = simulate.render(id);
    pendingQuery = query;
    comp.attach((g.document as { createElement(t: string): unknown }).createElement('parent-wrapper'));
    comp.triggerPageLifeTime('show');
    await settle();
    return comp;
  };

  return {
    fake,
    app: theApp,
    nav,
    toasts,
    loading: () => loadingUp,
    pullDownStops: () => stops,
    open,
    follow() {
      const last = nav[nav.length - 1];
      if (!last) throw new Error('no navigation yet');
      const { page, query } = parseUrl(last.url);
      return open(page, query);
    },
  };
}
