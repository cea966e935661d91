import { describe, expect, it } from 'vitest';
import {
  ExpressionError,
  MAX_EXPRESSION_DEPTH,
  MAX_EXPRESSION_LENGTH,
  evaluateExpressionText,
  parseExpression,
  type ExpressionContext,
  type ExpressionErrorCode,
} from '../../src-shared/okta/expression-language.js';

const ENGINEERING_GROUP = '00gZHN7m7i4Qk40QoebK';
const OVERRIDES_GROUP = '00gtYE0lRu1VpxS3thIA';
const UNCAPTURED_GROUP = '00gUNKNOWNgroup00001';

const context: ExpressionContext = {
  user: {
    department: 'Customer Support',
    employeeType: 'Full-time',
    login: 'wei.hashimoto@northwindquanta.com',
    costCenter: 'CC-4100',
    level: 3,
    isManager: false,
    badges: ['first-aid', 'fire-warden'],
    manager: { id: '00u1' },
  },
  isMemberOfGroup: (groupId) => {
    if (groupId === ENGINEERING_GROUP) return true;
    if (groupId === OVERRIDES_GROUP) return false;
    return undefined;
  },
};

/** The product expression of the seed's Okta → Atlassian Cloud mapping. */
const PRODUCTS_EXPRESSION =
  'user.department=="Engineering" ? {"jira-software","confluence","bitbucket"} : (user.department=="Customer Support" ? {"jira-servicemanagement","confluence"} : (user.department=="IT" ? {"jira-software","jira-servicemanagement","confluence"} : {"confluence"}))';

function errorCode(text: string, evaluationContext: ExpressionContext = context): ExpressionErrorCode | undefined {
  try {
    evaluateExpressionText(text, evaluationContext);
    return undefined;
  } catch (error) {
    if (error instanceof ExpressionError) return error.code;
    throw error;
  }
}

describe('expression evaluation', () => {
  const cases: Array<[string, unknown]> = [
    ['user.department=="Customer Support"', true],
    ['user.department == "Engineering"', false],
    ["user.department == 'Customer Support'", true],
    ['user.department != "Sales"', true],
    ['user.missing == null', true],
    ['user.missing', null],
    ['user.level == 3', true],
    ['user.level == "3"', false],
    ['user.isManager == false', true],
    ['!user.isManager', true],
    ['!!true', true],
    ['true && false', false],
    ['true AND true', true],
    ['false || true', true],
    ['false OR false', false],
    ['false and true or true', true],
    ['user.employeeType=="Contractor" && user.department=="Engineering"', false],
    ['user.employeeType=="Full-time" || user.employeeType=="Part-time" || user.employeeType=="Intern"', true],
    ['(true || false) && !(false)', true],
    ['true ? "a" : "b"', 'a'],
    ['false ? "a" : false ? "b" : "c"', 'c'],
    ['{"a","b"}', ['a', 'b']],
    ['{}', []],
    ['{"a", 1, true, null}', ['a', 1, true, null]],
    ['{"a","b"} == {"a","b"}', true],
    ['{"a","b"} == {"b","a"}', false],
    ['1.5', 1.5],
    ['"say \\"hi\\""', 'say "hi"'],
    [`isMemberOfGroup("${ENGINEERING_GROUP}")`, true],
    [`isMemberOfGroup("${OVERRIDES_GROUP}")`, false],
    [`isMemberOfAnyGroup("${OVERRIDES_GROUP}", "${ENGINEERING_GROUP}")`, true],
    [`isMemberOfAnyGroup("${UNCAPTURED_GROUP}", "${ENGINEERING_GROUP}")`, true],
    [`user.department=="Customer Support" || isMemberOfGroup("${OVERRIDES_GROUP}")`, true],
    ['String.startsWith(user.costCenter, "CC-4")', true],
    ['String.startsWith(user.missing, "CC-4")', false],
    ['String.stringContains(user.login, "@northwindquanta")', true],
    ['String.stringContains(user.missing, "x")', false],
    ['String.toLowerCase(user.department)', 'customer support'],
    ['String.toUpperCase(user.department) == "CUSTOMER SUPPORT"', true],
    ['String.toLowerCase(user.missing)', null],
    ['Arrays.contains(user.badges, "fire-warden")', true],
    ['Arrays.contains(user.badges, "pilot")', false],
    ['Arrays.contains(user.missing, "pilot")', false],
    ['Arrays.contains({"x","y"}, "y")', true],
    [PRODUCTS_EXPRESSION, ['jira-servicemanagement', 'confluence']],
  ];

  it.each(cases)('%s', (text, expected) => {
    expect(evaluateExpressionText(text, context)).toEqual(expected);
  });

  it('reads appuser attributes', () => {
    const withAppUser: ExpressionContext = { appUser: { userName: 'wei@example.com' } };
    expect(evaluateExpressionText('appuser.userName', withAppUser)).toBe('wei@example.com');
  });

  it('short-circuits before an unknown group', () => {
    expect(evaluateExpressionText(`true || isMemberOfGroup("${UNCAPTURED_GROUP}")`, context)).toBe(true);
  });

  it('does not read inherited properties', () => {
    expect(evaluateExpressionText('user.constructor', context)).toBeNull();
  });
});

describe('expression errors', () => {
  const cases: Array<[string, ExpressionErrorCode]> = [
    ['user.department ==', 'syntax'],
    ['user.department = "x"', 'syntax'],
    ['(true', 'syntax'],
    ['true)', 'syntax'],
    ['"open', 'syntax'],
    ['"bad \\n escape"', 'syntax'],
    ['true ? "a"', 'syntax'],
    ['{"a",}', 'syntax'],
    ['user.', 'syntax'],
    ['3abc', 'syntax'],
    ['user.department & true', 'syntax'],
    ['isMemberOfGroup()', 'syntax'],
    ['String.startsWith("a")', 'syntax'],
    ['user.level > 2', 'unsupported'],
    ['user.level + 1', 'unsupported'],
    ['user.badges[0]', 'unsupported'],
    ['user.level gt 2', 'unsupported'],
    ['not true', 'unsupported'],
    ['user.login.startsWith("a")', 'unsupported'],
    ['isMemberOfGroupName("Engineering")', 'unsupported'],
    ['String.substringBefore(user.login, "@")', 'unsupported'],
    ['org.name == "x"', 'unsupported'],
    ['user.profile.department', 'unsupported'],
    ['department', 'unsupported'],
    ['user.manager == null', 'unsupported'],
    ['true == true == true', 'unsupported'],
    ['user.department && true', 'type'],
    ['!user.department', 'type'],
    ['user.missing ? 1 : 2', 'type'],
    ['String.startsWith(user.level, "3")', 'type'],
    ['Arrays.contains(user.department, "x")', 'type'],
    [`isMemberOfGroup("${UNCAPTURED_GROUP}")`, 'unknown-value'],
    ['appuser.userName', 'unknown-value'],
  ];

  it.each(cases)('%s', (text, code) => {
    expect(errorCode(text)).toBe(code);
  });

  it('membership without a lookup is unknown', () => {
    expect(errorCode(`isMemberOfGroup("${ENGINEERING_GROUP}")`, { user: {} })).toBe('unknown-value');
  });

  it('reports the offset of a syntax error', () => {
    const error = captureError(() => parseExpression('user.a == "x" && ) '));
    expect(error.offset).toBe(17);
    expect(error.message).toContain('at character 18');
  });
});

describe('expression limits', () => {
  it('rejects text over the maximum length', () => {
    const text = `"${'x'.repeat(MAX_EXPRESSION_LENGTH)}"`;
    expect(captureError(() => parseExpression(text)).code).toBe('too-long');
  });

  it('accepts text at the maximum length', () => {
    const text = `"${'x'.repeat(MAX_EXPRESSION_LENGTH - 2)}"`;
    expect(evaluateExpressionText(text, context)).toHaveLength(MAX_EXPRESSION_LENGTH - 2);
  });

  it('rejects parentheses nested too deep', () => {
    const text = `${'('.repeat(MAX_EXPRESSION_DEPTH + 1)}true${')'.repeat(MAX_EXPRESSION_DEPTH + 1)}`;
    expect(captureError(() => parseExpression(text)).code).toBe('too-deep');
  });

  it('accepts parentheses nested to the limit', () => {
    const levels = MAX_EXPRESSION_DEPTH - 1;
    const text = `${'('.repeat(levels)}true${')'.repeat(levels)}`;
    expect(evaluateExpressionText(text, context)).toBe(true);
  });

  it('rejects negations nested too deep', () => {
    expect(captureError(() => parseExpression(`${'!'.repeat(MAX_EXPRESSION_DEPTH + 1)}true`)).code).toBe('too-deep');
  });

  it('rejects ternaries nested too deep', () => {
    const text = `${'true ? 1 : '.repeat(MAX_EXPRESSION_DEPTH + 1)}0`;
    expect(captureError(() => parseExpression(text)).code).toBe('too-deep');
  });

  it('rejects array literals nested too deep', () => {
    const text = `${'{'.repeat(MAX_EXPRESSION_DEPTH + 1)}${'}'.repeat(MAX_EXPRESSION_DEPTH + 1)}`;
    expect(captureError(() => parseExpression(text)).code).toBe('too-deep');
  });

  it('evaluates a long flat chain', () => {
    const text = Array.from({ length: 900 }, () => 'false').join(' || ') + ' || true';
    expect(text.length).toBeLessThanOrEqual(MAX_EXPRESSION_LENGTH);
    expect(evaluateExpressionText(text, context)).toBe(true);
  });
});

function captureError(run: () => unknown): ExpressionError {
  try {
    run();
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error('expected an ExpressionError, but nothing was thrown');
}
