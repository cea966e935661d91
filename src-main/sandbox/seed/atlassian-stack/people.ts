import type { JsonObject } from '../../../../src-shared/json/json-types.js';
import { FIRST_NAMES, LAST_NAMES } from './name-lists.js';
import {
  COMPANY_NAME, CONTRACTOR_EMAIL_DOMAIN, DAY_MS, EMAIL_DOMAIN, MINUTE_MS, ORG_CREATED_MS,
  isoTime, pickOne, randomTimeBetween, seedId, seedRandom,
} from './org-facts.js';

/**
 * The 300 people of the seed org: who they are (department, title, employment type) and the
 * Okta user bodies built from that. Profiles carry the base Okta attributes plus `employeeType`,
 * a custom attribute of this org's user profile that contains the employment type.
 */

export type EmploymentType = 'Full-time' | 'Part-time' | 'Contractor' | 'Intern';
export type UserStatus = 'ACTIVE' | 'SUSPENDED' | 'DEPROVISIONED' | 'STAGED';

export interface Person {
  id: string;
  login: string;
  firstName: string;
  lastName: string;
  department: string;
  title: string;
  employmentType: EmploymentType;
  status: UserStatus;
  /** When the user was created, in milliseconds since the epoch. */
  createdMs: number;
  /** The Okta user body, as `GET /api/v1/users/{id}` returns it without `_links`. */
  body: JsonObject;
}

interface DepartmentPlan {
  name: string;
  costCenter: string;
  division: string;
  headcount: number;
  /** Title of the first person hired into the department. */
  leadTitle: string;
  /** Titles for everyone else. A title listed twice is drawn twice as often. */
  titles: string[];
  internTitle: string;
  contractorShare: number;
  internShare: number;
}

const RND = 'Research and Development';
const GTM = 'Go-to-Market';
const GNA = 'General and Administrative';

/** Departments with their headcounts, which add up to USER_COUNT. */
export const DEPARTMENTS: readonly DepartmentPlan[] = [
  {
    name: 'Engineering', costCenter: 'CC-2100', division: RND, headcount: 100, leadTitle: 'VP of Engineering',
    titles: ['Software Engineer', 'Software Engineer', 'Software Engineer', 'Senior Software Engineer', 'Senior Software Engineer',
      'Staff Software Engineer', 'Site Reliability Engineer', 'Site Reliability Engineer', 'QA Engineer', 'Engineering Manager'],
    internTitle: 'Software Engineering Intern', contractorShare: 0.14, internShare: 0.04,
  },
  {
    name: 'Product', costCenter: 'CC-2200', division: RND, headcount: 20, leadTitle: 'Director of Product',
    titles: ['Product Manager', 'Product Manager', 'Senior Product Manager', 'Product Designer', 'Product Designer', 'UX Researcher'],
    internTitle: 'Product Design Intern', contractorShare: 0.05, internShare: 0.05,
  },
  {
    name: 'Customer Support', costCenter: 'CC-3100', division: GTM, headcount: 48, leadTitle: 'Director of Customer Support',
    titles: ['Support Engineer', 'Support Engineer', 'Support Specialist', 'Support Specialist', 'Support Specialist', 'Support Team Lead'],
    internTitle: 'Customer Support Intern', contractorShare: 0.18, internShare: 0.02,
  },
  {
    name: 'Sales', costCenter: 'CC-4100', division: GTM, headcount: 36, leadTitle: 'VP of Sales',
    titles: ['Account Executive', 'Account Executive', 'Account Executive', 'Sales Engineer', 'Sales Engineer', 'Sales Development Representative'],
    internTitle: 'Sales Intern', contractorShare: 0.04, internShare: 0.02,
  },
  {
    name: 'Marketing', costCenter: 'CC-4200', division: GTM, headcount: 22, leadTitle: 'Director of Marketing',
    titles: ['Content Strategist', 'Product Marketing Manager', 'Demand Generation Specialist', 'Marketing Operations Analyst'],
    internTitle: 'Marketing Intern', contractorShare: 0.1, internShare: 0.03,
  },
  {
    name: 'Finance', costCenter: 'CC-5100', division: GNA, headcount: 18, leadTitle: 'Chief Financial Officer',
    titles: ['Accountant', 'Accountant', 'Financial Analyst', 'Financial Analyst', 'Payroll Specialist'],
    internTitle: 'Finance Intern', contractorShare: 0.04, internShare: 0.02,
  },
  {
    name: 'People', costCenter: 'CC-5200', division: GNA, headcount: 14, leadTitle: 'Head of People',
    titles: ['HR Business Partner', 'HR Business Partner', 'Recruiter', 'Recruiter', 'People Operations Specialist'],
    internTitle: 'People Operations Intern', contractorShare: 0.04, internShare: 0.02,
  },
  {
    name: 'Legal', costCenter: 'CC-5300', division: GNA, headcount: 8, leadTitle: 'General Counsel',
    titles: ['Corporate Counsel', 'Corporate Counsel', 'Paralegal', 'Contracts Manager'],
    internTitle: 'Legal Intern', contractorShare: 0.04, internShare: 0.02,
  },
  {
    name: 'IT', costCenter: 'CC-6100', division: GNA, headcount: 20, leadTitle: 'IT Manager',
    titles: ['Systems Administrator', 'Systems Administrator', 'IT Support Specialist', 'IT Support Specialist',
      'Identity Engineer', 'Identity Engineer'],
    internTitle: 'IT Support Intern', contractorShare: 0.04, internShare: 0.02,
  },
  {
    name: 'Security', costCenter: 'CC-6200', division: RND, headcount: 14, leadTitle: 'Chief Information Security Officer',
    titles: ['Security Engineer', 'Security Engineer', 'Application Security Engineer', 'Application Security Engineer',
      'Security Analyst', 'GRC Analyst'],
    internTitle: 'Security Intern', contractorShare: 0.04, internShare: 0.02,
  },
];

export const USER_COUNT = 300;

/** How many users of each non-ACTIVE status the org has; everyone else is ACTIVE. */
const STATUS_COUNTS: ReadonlyArray<[UserStatus, number]> = [['SUSPENDED', 6], ['DEPROVISIONED', 7], ['STAGED', 4]];

const PART_TIME_SHARE = 0.02;
const CONTRACTOR_AGENCIES = ['Brightline Staffing', 'Keystone Talent Partners'];

interface Office {
  city: string;
  countryCode: string;
  timezone: string;
  locale: string;
}

const OFFICES: readonly Office[] = [
  { city: 'Seattle', countryCode: 'US', timezone: 'America/Los_Angeles', locale: 'en_US' },
  { city: 'Seattle', countryCode: 'US', timezone: 'America/Los_Angeles', locale: 'en_US' },
  { city: 'Austin', countryCode: 'US', timezone: 'America/Chicago', locale: 'en_US' },
  { city: 'Toronto', countryCode: 'CA', timezone: 'America/Toronto', locale: 'en_CA' },
  { city: 'Dublin', countryCode: 'IE', timezone: 'Europe/Dublin', locale: 'en_IE' },
  { city: 'Berlin', countryCode: 'DE', timezone: 'Europe/Berlin', locale: 'de_DE' },
  { city: 'Sydney', countryCode: 'AU', timezone: 'Australia/Sydney', locale: 'en_AU' },
];

/** Last day on which a seeded person joined; STAGED people join after it. */
const LAST_HIRE_MS = Date.parse('2026-03-31T23:00:00.000Z');
const STAGED_FROM_MS = Date.parse('2026-04-01T08:00:00.000Z');
const STAGED_TO_MS = Date.parse('2026-04-24T18:00:00.000Z');
/** Latest sign-in or status change of any seeded user. */
const LAST_ACTIVITY_MS = Date.parse('2026-04-28T22:00:00.000Z');

/** Builds the org's people in employee-number order. `userTypeId` is the id of the default user type. */
export function buildPeople(userTypeId: string): Person[] {
  const random = seedRandom('people');
  const departmentOfIndex = shuffle(random, DEPARTMENTS.flatMap((plan) => Array<DepartmentPlan>(plan.headcount).fill(plan)));
  if (departmentOfIndex.length !== USER_COUNT) {
    throw new Error(`Department headcounts add up to ${departmentOfIndex.length}, expected ${USER_COUNT}.`);
  }
  const statusOfIndex = assignStatuses(random);

  const seenDepartments = new Set<string>();
  const takenLogins = new Set<string>();
  return departmentOfIndex.map((plan, index) => {
    const isLead = !seenDepartments.has(plan.name);
    seenDepartments.add(plan.name);
    const employmentType = isLead ? 'Full-time' : drawEmploymentType(random, plan);
    const title = titleFor(random, plan, isLead, employmentType);
    const firstName = pickOne(random, FIRST_NAMES);
    const lastName = pickOne(random, LAST_NAMES);
    const domain = employmentType === 'Contractor' ? CONTRACTOR_EMAIL_DOMAIN : EMAIL_DOMAIN;
    const login = uniqueLogin(takenLogins, firstName, lastName, domain);
    const status = statusOfIndex.get(index) ?? 'ACTIVE';
    const id = seedId('user', login);

    const profile: JsonObject = {
      login,
      email: login,
      firstName,
      lastName,
      displayName: `${firstName} ${lastName}`,
      employeeNumber: `NQ${String(10001 + index)}`,
      employeeType: employmentType,
      title,
      department: plan.name,
      costCenter: plan.costCenter,
      division: plan.division,
      organization: employmentType === 'Contractor' ? pickOne(random, CONTRACTOR_AGENCIES) : COMPANY_NAME,
      ...officeFields(pickOne(random, OFFICES)),
    };
    const timestamps = lifecycleTimestamps(random, status);
    const body: JsonObject = {
      id,
      status,
      ...timestamps,
      type: { id: userTypeId },
      profile,
      credentials: status === 'STAGED'
        ? { provider: { type: 'OKTA', name: 'OKTA' } }
        : { password: {}, provider: { type: 'OKTA', name: 'OKTA' } },
    };
    const createdMs = Date.parse(String(timestamps['created']));
    return { id, login, firstName, lastName, department: plan.name, title, employmentType, status, createdMs, body };
  });
}

function officeFields(office: Office): JsonObject {
  return { city: office.city, countryCode: office.countryCode, timezone: office.timezone, locale: office.locale };
}

function drawEmploymentType(random: () => number, plan: DepartmentPlan): EmploymentType {
  const draw = random();
  if (draw < plan.contractorShare) return 'Contractor';
  if (draw < plan.contractorShare + plan.internShare) return 'Intern';
  if (draw < plan.contractorShare + plan.internShare + PART_TIME_SHARE) return 'Part-time';
  return 'Full-time';
}

function titleFor(random: () => number, plan: DepartmentPlan, isLead: boolean, employmentType: EmploymentType): string {
  if (isLead) return plan.leadTitle;
  if (employmentType === 'Intern') return plan.internTitle;
  return pickOne(random, plan.titles);
}

function uniqueLogin(taken: Set<string>, firstName: string, lastName: string, domain: string): string {
  const localPart = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z0-9.-]/g, '');
  let login = `${localPart}@${domain}`;
  for (let suffix = 2; taken.has(login); suffix++) {
    login = `${localPart}${suffix}@${domain}`;
  }
  taken.add(login);
  return login;
}

/** Picks which user indexes get a status other than ACTIVE. */
function assignStatuses(random: () => number): Map<number, UserStatus> {
  const indexes = shuffle(random, Array.from({ length: USER_COUNT }, (_, index) => index));
  const statuses = new Map<number, UserStatus>();
  let next = 0;
  for (const [status, count] of STATUS_COUNTS) {
    for (let i = 0; i < count; i++) {
      const index = indexes[next++];
      if (index !== undefined) statuses.set(index, status);
    }
  }
  return statuses;
}

/**
 * Builds the user's `created`, `activated`, `statusChanged`, `lastLogin`, `passwordChanged` and
 * `lastUpdated` in an order that fits its status: a STAGED user was never activated and has
 * nulls, a SUSPENDED or DEPROVISIONED user signed in last before its status changed.
 */
function lifecycleTimestamps(random: () => number, status: UserStatus): JsonObject {
  if (status === 'STAGED') {
    const created = isoTime(randomTimeBetween(random, STAGED_FROM_MS, STAGED_TO_MS));
    return { created, activated: null, statusChanged: null, lastLogin: null, lastUpdated: created, passwordChanged: null };
  }

  const created = randomTimeBetween(random, ORG_CREATED_MS + DAY_MS, LAST_HIRE_MS);
  const activated = created + (2 + Math.floor(random() * 28)) * MINUTE_MS;
  const passwordChanged = activated + (5 + Math.floor(random() * 55)) * MINUTE_MS;
  if (status === 'ACTIVE') {
    const lastLogin = randomTimeBetween(random, passwordChanged, LAST_ACTIVITY_MS);
    return {
      created: isoTime(created),
      activated: isoTime(activated),
      statusChanged: isoTime(activated),
      lastLogin: isoTime(lastLogin),
      lastUpdated: isoTime(randomTimeBetween(random, passwordChanged, lastLogin)),
      passwordChanged: isoTime(passwordChanged),
    };
  }

  const statusChanged = randomTimeBetween(random, passwordChanged + DAY_MS, LAST_ACTIVITY_MS);
  const lastLogin = randomTimeBetween(random, passwordChanged, statusChanged);
  return {
    created: isoTime(created),
    activated: isoTime(activated),
    statusChanged: isoTime(statusChanged),
    lastLogin: isoTime(lastLogin),
    lastUpdated: isoTime(statusChanged),
    passwordChanged: isoTime(passwordChanged),
  };
}

/** Returns a shuffled copy of `items` (Fisher–Yates). */
function shuffle<T>(random: () => number, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = copy[i] as T;
    copy[i] = copy[j] as T;
    copy[j] = a;
  }
  return copy;
}
