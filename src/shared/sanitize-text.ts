// Text hygiene at the edge: PostgreSQL text and jsonb refuse U+0000 and UTF-8 cannot encode a lone
// UTF-16 surrogate, so either one in a message turned an accepted message into a 500 (and a platform
// retry that ends in a lost message). Everything else — emoji, control characters, RTL marks — is kept.

// Without the `u` flag a regex walks UTF-16 code units, which is what makes a lone half visible.
const NEEDS_WORK = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Drops U+0000 and replaces each lone surrogate with U+FFFD; any other text is returned as is. */
export function sanitizeText(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  // Surrogates first: dropping a NUL between two halves must not join them into a character never sent.
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(NUL, '');
}

/**
 * `sanitizeText` on every string in a value — object keys included — through arrays and plain
 * objects (a parsed JSON body, an InboundEvent). Dates, Buffers, class instances and functions are
 * left alone. Unchanged values come back as the same reference, so the common case allocates nothing.
 */
export function sanitizeDeep<T>(value: T): T {
  return clean(value, 0) as T;
}

/** Deeper than any payload we parse; past it values are returned untouched instead of recursing on. */
const MAX_DEPTH = 64;

function clean(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return sanitizeText(value);
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v = clean(value[i], depth + 1);
      if (v !== value[i] && !out) out = value.slice(0, i);
      if (out) out.push(v);
    }
    return out ?? value;
  }
  if (!isPlainObject(value)) return value;
  let changed = false;
  const entries = Object.entries(value).map(([k, v]) => {
    const ck = sanitizeText(k);
    const cv = clean(v, depth + 1);
    if (ck !== k || cv !== v) changed = true;
    return [ck, cv] as const;
  });
  if (!changed) return value;
  // fromEntries defines own properties, so a JSON key "__proto__" stays data and never sets a prototype.
  const out = Object.fromEntries(entries);
  return Object.getPrototypeOf(value) === null ? Object.assign(Object.create(null), out) : out;
}

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
