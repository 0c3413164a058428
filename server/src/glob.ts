/**
 * A small glob matcher for the `khabar.articles.include` / `khabar.articles.exclude` settings, so that
 * the server needs no dependency for it. Supports what VS Code's own glob settings use:
 * `**` (any number of path segments), `*` (within a segment), `?`, `{a,b}` alternatives (nested) and
 * `[...]` / `[!...]` character classes. Paths use `/` as separator.
 */

/** Compiles a glob to an anchored regular expression. Never throws; a malformed glob matches literally. */
export function globToRegExp(glob: string, options: { ignoreCase?: boolean } = {}): RegExp {
  const source = '^' + translate(glob.replace(/\\/g, '/'), 0, glob.length).source + '$';
  try {
    return new RegExp(source, options.ignoreCase ? 'i' : '');
  } catch {
    return new RegExp('^' + escapeRegExp(glob) + '$', options.ignoreCase ? 'i' : '');
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Translates glob[from, to) and returns the regex source (as an object to keep the signature simple). */
function translate(glob: string, from: number, to: number): { source: string } {
  let out = '';
  let i = from;
  while (i < to) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**`: a whole-segment globstar when it stands alone between separators.
        const atSegmentStart = i === from || glob[i - 1] === '/';
        let j = i + 2;
        while (glob[j] === '*') j++;
        const atSegmentEnd = j === to || glob[j] === '/';
        if (atSegmentStart && atSegmentEnd) {
          if (j === to) {
            // trailing `**` (or whole pattern `**`): anything, including nothing
            if (out.endsWith('/')) {
              out = out.slice(0, -1) + '(?:/.*)?';
            } else {
              out += '.*';
            }
            i = j;
          } else {
            // `**/`: zero or more whole segments
            out += '(?:.*/)?';
            i = j + 1;
          }
          continue;
        }
        out += '[^/]*';
        i = j;
        continue;
      }
      out += '[^/]*';
      i++;
    } else if (c === '?') {
      out += '[^/]';
      i++;
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1 || close >= to) {
        out += '\\[';
        i++;
        continue;
      }
      let body = glob.slice(i + 1, close);
      let negate = false;
      if (body[0] === '!' || body[0] === '^') {
        negate = true;
        body = body.slice(1);
      }
      body = body.replace(/[\\\]^]/g, '\\$&');
      out += negate ? `[^/${body}]` : `[${body}]`;
      i = close + 1;
    } else if (c === '{') {
      const close = matchingBrace(glob, i, to);
      if (close === -1) {
        out += '\\{';
        i++;
        continue;
      }
      const alternatives = splitTopLevel(glob, i + 1, close).map(([a, b]) => translate(glob, a, b).source);
      out += '(?:' + alternatives.join('|') + ')';
      i = close + 1;
    } else {
      out += escapeRegExp(c);
      i++;
    }
  }
  return { source: out };
}

function matchingBrace(glob: string, open: number, to: number): number {
  let depth = 0;
  for (let i = open; i < to; i++) {
    if (glob[i] === '{') depth++;
    else if (glob[i] === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function splitTopLevel(glob: string, from: number, to: number): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let depth = 0;
  let start = from;
  for (let i = from; i < to; i++) {
    if (glob[i] === '{') depth++;
    else if (glob[i] === '}') depth--;
    else if (glob[i] === ',' && depth === 0) {
      parts.push([start, i]);
      start = i + 1;
    }
  }
  parts.push([start, to]);
  return parts;
}

/** A set of globs compiled once. */
export class GlobSet {
  private readonly regexps: RegExp[];
  constructor(readonly globs: readonly string[], options: { ignoreCase?: boolean } = {}) {
    this.regexps = globs.filter((g) => typeof g === 'string' && g.trim() !== '').map((g) => globToRegExp(g.trim(), options));
  }
  /** True when any glob matches any of the given paths. */
  matches(...paths: string[]): boolean {
    return this.regexps.some((re) => paths.some((p) => re.test(p)));
  }
}
