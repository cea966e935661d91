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
  | { kind: 'not-found' };

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
      const params: Record<string, string> = {};
      candidate.paramNames.forEach((name, index) => {
        params[name] = decodeURIComponent(found[index + 1] ?? '');
      });
      return { kind: 'found', route: candidate.route, params };
    }
    return pathMatched ? { kind: 'wrong-method' } : { kind: 'not-found' };
  }
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
