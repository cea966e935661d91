/**
 * Matching of concrete request paths (`/api/v1/apps/0oa1.../users`) to the path templates of
 * an OpenAPI document (`/api/v1/apps/{appId}/users`).
 */

/** A path template split into segments, ready to match concrete paths. */
export interface PathTemplate {
  template: string;
  segments: TemplateSegment[];
}

type TemplateSegment = { literal: string } | { parameter: string };

/** Splits a template such as `/api/v1/apps/{appId}/users` into literal and parameter segments. */
export function parsePathTemplate(template: string): PathTemplate {
  const segments = splitPath(template).map((segment): TemplateSegment => {
    const parameter = /^\{([^{}]+)\}$/.exec(segment);
    return parameter?.[1] === undefined ? { literal: segment } : { parameter: parameter[1] };
  });
  return { template, segments };
}

/**
 * Strips the origin, query string and fragment from a request path or URL and returns the
 * path alone, still percent-encoded.
 */
export function requestPathOnly(pathOrUrl: string): string {
  const withoutOrigin = pathOrUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  return withoutOrigin.split(/[?#]/)[0] ?? '';
}

/**
 * Finds the template that matches a concrete path, or undefined when none does.
 *
 * A template parameter matches exactly one non-empty segment. When several templates match,
 * the one with a literal segment where the others have a parameter wins, comparing segments
 * from the left, as OpenAPI 3.0 prescribes: `/users/me` is chosen over `/users/{id}`.
 */
export function matchPathTemplate(
  templates: readonly PathTemplate[],
  requestPath: string,
): { template: PathTemplate; parameters: Record<string, string> } | undefined {
  const segments = splitPath(requestPathOnly(requestPath));
  let best: { template: PathTemplate; parameters: Record<string, string> } | undefined;

  for (const template of templates) {
    const parameters = matchSegments(template, segments);
    if (parameters === undefined) continue;
    if (best === undefined || isMoreSpecific(template, best.template)) {
      best = { template, parameters };
    }
  }
  return best;
}

function matchSegments(template: PathTemplate, segments: readonly string[]): Record<string, string> | undefined {
  if (template.segments.length !== segments.length) return undefined;

  const parameters: Record<string, string> = {};
  for (const [index, templateSegment] of template.segments.entries()) {
    const segment = segments[index] ?? '';
    if ('literal' in templateSegment) {
      if (templateSegment.literal !== segment) return undefined;
    } else {
      if (segment === '') return undefined;
      parameters[templateSegment.parameter] = decodeSegment(segment);
    }
  }
  return parameters;
}

function isMoreSpecific(candidate: PathTemplate, current: PathTemplate): boolean {
  for (const [index, segment] of candidate.segments.entries()) {
    const other = current.segments[index];
    const candidateIsLiteral = 'literal' in segment;
    const otherIsLiteral = other !== undefined && 'literal' in other;
    if (candidateIsLiteral !== otherIsLiteral) return candidateIsLiteral;
  }
  return false;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function splitPath(path: string): string[] {
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '');
  return trimmed === '' ? [] : trimmed.split('/');
}
