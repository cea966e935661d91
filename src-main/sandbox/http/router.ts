import type { HttpMethod, Route } from './route.js';

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  paramNames: string[];
  literalSegments: number;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-method' }
  | { kind: 'not-found' }
  /** A path parameter is not valid percent-encoding, such as `%ZZ`. */
  | { kind: 'malformed-parameter'; segment: string };

/**
 * Matches request paths against route templates such as `/api/v1/apps/:appId/users`.
 * When several templates match, the one with more literal segments wins, so
 * `/api/v1/groups/rules` is not taken for a group id.
 */
export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: Route[]) {
    this.compiled = routes.map(compile);
    this.compiled.sort((a, b) => b.literalSegments - a.literalSegments);
    rejectDuplicates(this.compiled);
  }

  match(method: HttpMethod, path: string): RouteMatch {
    let pathMatched = false;
    for (const candidate of this.compiled) {
      const found = candidate.pattern.exec(path);
      if (!found) continue;
      pathMatched = true;
      if (candidate.route.method !== method) continue;
      return decodeParams(candidate, found);
    }
    return pathMatched ? { kind: 'wrong-method' } : { kind: 'not-found' };
  }
}

function decodeParams(candidate: CompiledRoute, found: RegExpExecArray): RouteMatch {
  const params: Record<string, string> = {};
  for (const [index, name] of candidate.paramNames.entries()) {
    const segment = found[index + 1] ?? '';
    try {
      params[name] = decodeURIComponent(segment);
    } catch (error) {
      if (error instanceof URIError) return { kind: 'malformed-parameter', segment };
      throw error;
    }
  }
  return { kind: 'found', route: candidate.route, params };
}

function compile(route: Route): CompiledRoute {
  const paramNames: string[] = [];
  let literalSegments = 0;
  const segments = route.path.split('/').map((segment) => {
    if (segment.startsWith(':')) {
      paramNames.push(segment.slice(1));
      return '([^/]+)';
    }
    literalSegments++;
    return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return { route, pattern: new RegExp(`^${segments.join('/')}/?$`), paramNames, literalSegments };
}

function rejectDuplicates(routes: CompiledRoute[]): void {
  const seen = new Set<string>();
  for (const { route } of routes) {
    const key = `${route.method} ${route.path.replace(/:[^/]+/g, ':')}`;
    if (seen.has(key)) throw new Error(`Sandbox route declared twice: ${route.method} ${route.path}`);
    seen.add(key);
  }
}

export type { HttpMethod };
