// The state behind the console's paged lists (20 rows a page, shown with ListPager.vue).
import { computed, reactive, ref, watch, type Ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';

export const PAGE_SIZE = 20;

export interface Paging {
  page: number;
  pageSize: number;
}

/** One page of a list as the console API answers it. */
export interface ListPage<T> extends Paging {
  items: T[];
  total: number;
}

/** A list whose page and filters live in the component: `reload` after a filter changes, `go` for the pager. */
export function usePagedList<T>(fetch: (paging: Paging) => Promise<{ items: T[]; total: number }>) {
  const page = ref(1);
  const total = ref(0);
  const items = ref([]) as Ref<T[]>;
  const loaded = ref(false);

  async function load() {
    const res = await fetch({ page: page.value, pageSize: PAGE_SIZE });
    items.value = res.items;
    total.value = res.total;
    loaded.value = true;
  }
  const reload = () => {
    page.value = 1;
    return load();
  };
  const go = (p: number) => {
    page.value = p;
    return load();
  };
  return { page, pageSize: PAGE_SIZE, total, items, loaded, load, reload, go };
}

/** Query-string value as a plain string (the first of repeated ones). */
const text = (v: unknown): string => {
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : '';
};

/**
 * A list page whose filters and page number live in the query string, so a link (or the back button) restores it.
 * `form` mirrors the filters for the inputs; the page changes the URL (`goPage`, or router.replace with the form),
 * and any change of the query while on `path` loads the list again, except of the keys in `ignore` (a drawer's id).
 * The caller loads the first time (onMounted), after whatever else it needs.
 */
export function useQueryPagedList<F extends object, P extends ListPage<unknown>>(opts: {
  path: string;
  keys: readonly (keyof F & string)[];
  fetch: (filters: F, paging: Paging) => Promise<P>;
  ignore?: readonly string[];
}) {
  const route = useRoute();
  const router = useRouter();
  const loading = ref(false);
  const page = ref({ items: [], total: 0, page: 1, pageSize: PAGE_SIZE }) as Ref<P>;
  const fromQuery = (): F => Object.fromEntries(opts.keys.map((k) => [k, text(route.query[k])])) as F;
  const form = reactive(fromQuery()) as F;
  const pageNo = computed(() => Number(text(route.query.page)) || 1);
  const goPage = (p: number) => void router.replace({ query: { ...route.query, page: String(p) } });

  async function load() {
    loading.value = true;
    try {
      const f = fromQuery();
      Object.assign(form, f);
      page.value = await opts.fetch(f, { page: pageNo.value, pageSize: PAGE_SIZE });
    } finally {
      loading.value = false;
    }
  }

  const watched = () => {
    const q: Record<string, unknown> = { ...route.query };
    for (const k of opts.ignore ?? []) delete q[k];
    return q;
  };
  watch(watched, (now, before) => {
    if (route.path === opts.path && JSON.stringify(now) !== JSON.stringify(before)) void load();
  });

  return { route, router, loading, page, form, fromQuery, goPage, load };
}
