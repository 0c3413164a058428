/**
 * A checker for the subset of JSON Schema (draft-07) that the lexicon schema uses: `type`,
 * `properties`, `required`, `additionalProperties`, `items`, `enum`, `minimum`, `maximum`,
 * `minItems`, `maxItems` and `$ref` to `#/definitions/…`. Written here rather than taken from a
 * validator library because compiling the schema with one cost about 160 ms of CPU at every start
 * (command line, server, each analysis worker); this walks a lexicon in a few milliseconds.
 * A schema using any other keyword is refused, so that no rule is silently left unchecked.
 */

/** A JSON Schema of the supported subset. */
export interface JsonSchema {
  $schema?: string;
  title?: string;
  description?: string;
  type?: JsonType | JsonType[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  $ref?: string;
  definitions?: Record<string, JsonSchema>;
}

type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

const KEYWORDS = new Set(['$schema', 'title', 'description', 'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'minimum', 'maximum', 'minItems', 'maxItems', '$ref', 'definitions']);

/** One thing wrong: where (a JSON pointer into the value, "/" for the top) and what. */
export interface SchemaProblem {
  path: string;
  message: string;
}

/** Checks `value` against `schema`; returns every problem found (none when it fits). Throws on a schema outside the subset. */
export function checkSchema(schema: JsonSchema, value: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  check(schema, schema, value, '', problems);
  return problems;
}

function isType(type: JsonType, v: unknown): boolean {
  switch (type) {
    case 'object': return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array': return Array.isArray(v);
    case 'string': return typeof v === 'string';
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    case 'integer': return Number.isInteger(v);
    case 'boolean': return typeof v === 'boolean';
    case 'null': return v === null;
  }
}

/** A key as a JSON pointer segment. */
const segment = (key: string | number): string => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

function check(root: JsonSchema, schema: JsonSchema, v: unknown, path: string, out: SchemaProblem[]): void {
  for (const k of Object.keys(schema)) if (!KEYWORDS.has(k)) throw new Error(`JSON Schema keyword "${k}" is not supported (at schema of ${path || '/'})`);
  const at = path || '/';
  if (schema.$ref !== undefined) {
    const name = /^#\/definitions\/(.+)$/.exec(schema.$ref)?.[1];
    const target = name === undefined ? undefined : root.definitions?.[name];
    if (!target) throw new Error(`JSON Schema reference ${schema.$ref} is not supported or not defined`);
    check(root, target, v, path, out);
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => isType(t, v))) { out.push({ path: at, message: `must be ${types.join(' or ')}` }); return; }
  }
  if (schema.enum && !schema.enum.some((e) => e === v)) out.push({ path: at, message: `must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}` });
  if (typeof v === 'number') {
    if (schema.minimum !== undefined && v < schema.minimum) out.push({ path: at, message: `must be >= ${schema.minimum}` });
    if (schema.maximum !== undefined && v > schema.maximum) out.push({ path: at, message: `must be <= ${schema.maximum}` });
  }
  if (Array.isArray(v)) {
    if (schema.minItems !== undefined && v.length < schema.minItems) out.push({ path: at, message: `must have at least ${schema.minItems} items` });
    if (schema.maxItems !== undefined && v.length > schema.maxItems) out.push({ path: at, message: `must have at most ${schema.maxItems} items` });
    if (schema.items) for (let i = 0; i < v.length; i++) check(root, schema.items, v[i], path + segment(i), out);
  } else if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in o)) out.push({ path: at, message: `the required key "${r}" is missing` });
    for (const [k, x] of Object.entries(o)) {
      const p = schema.properties?.[k];
      if (p) check(root, p, x, path + segment(k), out);
      else if (schema.additionalProperties === false) out.push({ path: at, message: `unknown key "${k}"` });
      else if (typeof schema.additionalProperties === 'object') check(root, schema.additionalProperties, x, path + segment(k), out);
    }
  }
}
