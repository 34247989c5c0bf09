/**
 * Hand-written reference data for the generator: business functions with their
 * sub-areas and job ladders, and real US cities for work locations. Faker supplies the
 * people; these make the org chart read like a company rather than lorem ipsum.
 */

import type { FlsaType } from '../paycor/enums';

export interface BusinessFunction {
  name: string;
  /** Prefix of job codes, e.g. ENG → ENG1…ENG5. */
  jobCodePrefix: string;
  subAreas: readonly string[];
  /** Individual-contributor titles, junior → senior. */
  ladder: readonly string[];
  /** FLSA class of most individual contributors. */
  typicalFlsa: FlsaType;
  /** Relative headcount of a leaf department of this function. */
  headcountWeight: number;
}

export const EXECUTIVE_OFFICE: BusinessFunction = {
  name: 'Executive Office',
  jobCodePrefix: 'EXE',
  subAreas: ['Strategy', 'Corporate Development', 'Internal Audit'],
  ladder: ['Executive Assistant', 'Chief of Staff', 'Strategy Associate'],
  typicalFlsa: 'SalaryExempt',
  headcountWeight: 0.2,
};

export const BUSINESS_FUNCTIONS: readonly BusinessFunction[] = [
  {
    name: 'Engineering',
    jobCodePrefix: 'ENG',
    subAreas: [
      'Platform Engineering',
      'Payments',
      'Mobile',
      'Data Engineering',
      'Infrastructure',
      'Security Engineering',
      'Developer Experience',
      'Web Applications',
      'Integrations',
      'Quality Engineering',
      'Site Reliability',
      'Machine Learning',
    ],
    ladder: [
      'Associate Software Engineer',
      'Software Engineer',
      'Software Engineer II',
      'Senior Software Engineer',
      'Staff Software Engineer',
      'Principal Engineer',
    ],
    typicalFlsa: 'SalaryExempt',
    headcountWeight: 1.6,
  },
  {
    name: 'Product',
    jobCodePrefix: 'PRD',
    subAreas: [
      'Product Management',
      'Product Design',
      'User Research',
      'Product Analytics',
    ],
    ladder: [
      'Associate Product Manager',
      'Product Manager',
      'Senior Product Manager',
      'Product Designer',
      'Senior Product Designer',
    ],
    typicalFlsa: 'SalaryExempt',
    headcountWeight: 0.6,
  },
  {
    name: 'Sales',
    jobCodePrefix: 'SLS',
    subAreas: [
      'Inside Sales',
      'Enterprise Sales',
      'Mid-Market Sales',
      'Sales Development',
      'Channel Partnerships',
      'Sales Operations',
      'Solutions Consulting',
    ],
    ladder: [
      'Sales Development Representative',
      'Account Executive',
      'Senior Account Executive',
      'Enterprise Account Executive',
      'Solutions Consultant',
    ],
    typicalFlsa: 'SalaryNonExempt',
    headcountWeight: 1.4,
  },
  {
    name: 'Marketing',
    jobCodePrefix: 'MKT',
    subAreas: [
      'Brand',
      'Demand Generation',
      'Content',
      'Product Marketing',
      'Events',
      'Communications',
    ],
    ladder: [
      'Marketing Coordinator',
      'Marketing Specialist',
      'Marketing Manager',
      'Senior Marketing Manager',
    ],
    typicalFlsa: 'SalaryExempt',
    headcountWeight: 0.6,
  },
  {
    name: 'Customer Support',
    jobCodePrefix: 'SUP',
    subAreas: [
      'Tier 1 Support',
      'Tier 2 Support',
      'Onboarding',
      'Customer Success',
      'Support Operations',
      'Knowledge Management',
    ],
    ladder: [
      'Support Specialist',
      'Support Specialist II',
      'Senior Support Specialist',
      'Customer Success Manager',
    ],
    typicalFlsa: 'HourlyNonExempt',
    headcountWeight: 1.5,
  },
  {
    name: 'Operations',
    jobCodePrefix: 'OPS',
    subAreas: [
      'Fulfillment',
      'Logistics',
      'Warehouse',
      'Procurement',
      'Fleet',
      'Field Services',
    ],
    ladder: [
      'Operations Associate',
      'Warehouse Associate',
      'Forklift Operator',
      'Operations Specialist',
      'Operations Analyst',
    ],
    typicalFlsa: 'HourlyNonExempt',
    headcountWeight: 1.8,
  },
  {
    name: 'Finance',
    jobCodePrefix: 'FIN',
    subAreas: [
      'Accounting',
      'Accounts Payable',
      'Accounts Receivable',
      'Financial Planning & Analysis',
      'Tax',
      'Treasury',
      'Payroll',
    ],
    ladder: [
      'Accounting Clerk',
      'Staff Accountant',
      'Senior Accountant',
      'Financial Analyst',
      'Senior Financial Analyst',
    ],
    typicalFlsa: 'SalaryExempt',
    headcountWeight: 0.5,
  },
  {
    name: 'Human Resources',
    jobCodePrefix: 'HRS',
    subAreas: [
      'Talent Acquisition',
      'People Operations',
      'Total Rewards',
      'Learning & Development',
      'HR Business Partners',
    ],
    ladder: [
      'HR Coordinator',
      'Recruiter',
      'HR Generalist',
      'Senior Recruiter',
      'HR Business Partner',
    ],
    typicalFlsa: 'SalaryExempt',
    headcountWeight: 0.4,
  },
  {
    name: 'Legal',
    jobCodePrefix: 'LGL',
    subAreas: ['Commercial Legal', 'Compliance', 'Privacy', 'Corporate Legal'],
    ladder: [
      'Paralegal',
      'Compliance Analyst',
      'Corporate Counsel',
      'Senior Corporate Counsel',
    ],
    typicalFlsa: 'SalaryExempt',
    headcountWeight: 0.25,
  },
  {
    name: 'Information Technology',
    jobCodePrefix: 'ITS',
    subAreas: [
      'Service Desk',
      'End User Computing',
      'Enterprise Applications',
      'Network Services',
      'IT Security',
    ],
    ladder: [
      'IT Support Technician',
      'Systems Administrator',
      'Senior Systems Administrator',
      'IT Analyst',
    ],
    typicalFlsa: 'HourlyNonExempt',
    headcountWeight: 0.5,
  },
  {
    name: 'Manufacturing',
    jobCodePrefix: 'MFG',
    subAreas: [
      'Assembly',
      'Machining',
      'Maintenance',
      'Quality Control',
      'Production Planning',
      'Packaging',
    ],
    ladder: [
      'Production Associate',
      'Machine Operator',
      'Assembler',
      'Maintenance Technician',
      'Quality Inspector',
    ],
    typicalFlsa: 'HourlyNonExempt',
    headcountWeight: 2.2,
  },
  {
    name: 'Research & Development',
    jobCodePrefix: 'RND',
    subAreas: [
      'Applied Research',
      'Prototyping',
      'Materials Science',
      'Test Lab',
    ],
    ladder: [
      'Research Assistant',
      'Research Scientist',
      'Senior Research Scientist',
      'Lab Technician',
    ],
    typicalFlsa: 'SalaryExempt',
    headcountWeight: 0.5,
  },
  {
    name: 'Facilities',
    jobCodePrefix: 'FAC',
    subAreas: [
      'Workplace Services',
      'Security Services',
      'Real Estate',
      'Maintenance & Grounds',
    ],
    ladder: [
      'Facilities Technician',
      'Receptionist',
      'Security Officer',
      'Facilities Coordinator',
    ],
    typicalFlsa: 'HourlyNonExempt',
    headcountWeight: 0.4,
  },
];

/** Qualifiers for the third and deeper levels of the tree. */
export const REGION_QUALIFIERS = [
  'East',
  'West',
  'Central',
  'North',
  'South',
  'Midwest',
  'Northeast',
  'Southeast',
  'Mountain',
  'Pacific',
  'EMEA',
  'APAC',
  'LATAM',
  'Canada',
] as const;

export const TEAM_QUALIFIERS = [
  'Alpha',
  'Bravo',
  'Charlie',
  'Delta',
  'Echo',
  'Foxtrot',
  'Atlas',
  'Orion',
  'Phoenix',
  'Nova',
  'Summit',
  'Harbor',
] as const;

export interface UsCity {
  city: string;
  county: string;
  state: string;
  zip: string;
  areaCode: string;
}

export const US_CITIES: readonly UsCity[] = [
  {
    city: 'Cincinnati',
    county: 'Hamilton',
    state: 'OH',
    zip: '45202',
    areaCode: '513',
  },
  {
    city: 'Columbus',
    county: 'Franklin',
    state: 'OH',
    zip: '43215',
    areaCode: '614',
  },
  {
    city: 'Cleveland',
    county: 'Cuyahoga',
    state: 'OH',
    zip: '44113',
    areaCode: '216',
  },
  {
    city: 'Chicago',
    county: 'Cook',
    state: 'IL',
    zip: '60601',
    areaCode: '312',
  },
  {
    city: 'Indianapolis',
    county: 'Marion',
    state: 'IN',
    zip: '46204',
    areaCode: '317',
  },
  {
    city: 'Louisville',
    county: 'Jefferson',
    state: 'KY',
    zip: '40202',
    areaCode: '502',
  },
  {
    city: 'Atlanta',
    county: 'Fulton',
    state: 'GA',
    zip: '30303',
    areaCode: '404',
  },
  {
    city: 'Charlotte',
    county: 'Mecklenburg',
    state: 'NC',
    zip: '28202',
    areaCode: '704',
  },
  {
    city: 'Nashville',
    county: 'Davidson',
    state: 'TN',
    zip: '37203',
    areaCode: '615',
  },
  {
    city: 'Dallas',
    county: 'Dallas',
    state: 'TX',
    zip: '75201',
    areaCode: '214',
  },
  {
    city: 'Austin',
    county: 'Travis',
    state: 'TX',
    zip: '78701',
    areaCode: '512',
  },
  {
    city: 'Houston',
    county: 'Harris',
    state: 'TX',
    zip: '77002',
    areaCode: '713',
  },
  {
    city: 'Denver',
    county: 'Denver',
    state: 'CO',
    zip: '80202',
    areaCode: '303',
  },
  {
    city: 'Phoenix',
    county: 'Maricopa',
    state: 'AZ',
    zip: '85004',
    areaCode: '602',
  },
  {
    city: 'Salt Lake City',
    county: 'Salt Lake',
    state: 'UT',
    zip: '84111',
    areaCode: '801',
  },
  {
    city: 'Seattle',
    county: 'King',
    state: 'WA',
    zip: '98101',
    areaCode: '206',
  },
  {
    city: 'Portland',
    county: 'Multnomah',
    state: 'OR',
    zip: '97204',
    areaCode: '503',
  },
  {
    city: 'San Francisco',
    county: 'San Francisco',
    state: 'CA',
    zip: '94105',
    areaCode: '415',
  },
  {
    city: 'San Jose',
    county: 'Santa Clara',
    state: 'CA',
    zip: '95113',
    areaCode: '408',
  },
  {
    city: 'Los Angeles',
    county: 'Los Angeles',
    state: 'CA',
    zip: '90017',
    areaCode: '213',
  },
  {
    city: 'San Diego',
    county: 'San Diego',
    state: 'CA',
    zip: '92101',
    areaCode: '619',
  },
  {
    city: 'Minneapolis',
    county: 'Hennepin',
    state: 'MN',
    zip: '55402',
    areaCode: '612',
  },
  {
    city: 'Detroit',
    county: 'Wayne',
    state: 'MI',
    zip: '48226',
    areaCode: '313',
  },
  {
    city: 'Pittsburgh',
    county: 'Allegheny',
    state: 'PA',
    zip: '15222',
    areaCode: '412',
  },
  {
    city: 'Philadelphia',
    county: 'Philadelphia',
    state: 'PA',
    zip: '19103',
    areaCode: '215',
  },
  {
    city: 'New York',
    county: 'New York',
    state: 'NY',
    zip: '10018',
    areaCode: '212',
  },
  {
    city: 'Boston',
    county: 'Suffolk',
    state: 'MA',
    zip: '02110',
    areaCode: '617',
  },
  {
    city: 'Raleigh',
    county: 'Wake',
    state: 'NC',
    zip: '27601',
    areaCode: '919',
  },
  {
    city: 'Tampa',
    county: 'Hillsborough',
    state: 'FL',
    zip: '33602',
    areaCode: '813',
  },
  {
    city: 'Miami',
    county: 'Miami-Dade',
    state: 'FL',
    zip: '33131',
    areaCode: '305',
  },
  {
    city: 'St. Louis',
    county: 'St. Louis City',
    state: 'MO',
    zip: '63101',
    areaCode: '314',
  },
  {
    city: 'Kansas City',
    county: 'Jackson',
    state: 'MO',
    zip: '64105',
    areaCode: '816',
  },
];

export const LOCATION_KINDS = [
  'Office',
  'Distribution Center',
  'Plant',
  'Service Center',
  'Warehouse',
] as const;

export const TERMINATION_REASONS = {
  Terminated: [
    'Involuntary - Performance',
    'Involuntary - Policy Violation',
    'Involuntary - Attendance',
    'Job Abandonment',
  ],
  Resigned: [
    'Voluntary - Better Opportunity',
    'Voluntary - Relocation',
    'Voluntary - Personal Reasons',
    'Voluntary - Return to School',
  ],
  Retired: ['Retirement'],
  LaidOff: ['Reduction in Force', 'Position Eliminated'],
  Deceased: ['Deceased'],
} as const;

export const LEAVE_REASONS = [
  'Maternity Leave',
  'Paternity Leave',
  'Medical Leave',
  'Personal Leave',
  'Military Leave',
  'Family Care',
  'Sabbatical',
] as const;

export const EMERGENCY_RELATIONSHIPS = [
  'Spouse',
  'Partner',
  'Mother',
  'Father',
  'Sibling',
  'Friend',
  'Child',
] as const;

export const PERSONAL_EMAIL_DOMAINS = [
  'gmail.com',
  'yahoo.com',
  'outlook.com',
  'icloud.com',
  'hotmail.com',
  'proton.me',
  'aol.com',
] as const;
